"""Every easy read picture is in the OpenMoji package that `npm ci` installs.

In the build tier, not the unit tier: a fresh checkout has no `node_modules`
until `npm ci` runs, which this test does first (as the book build does), so it
never skips on a clean clone.
"""

from __future__ import annotations

from connecting_people.easy_read import PICTURES, openmoji_dir
from connecting_people.frontend.bundles import install_node_modules
from connecting_people.paths import NODE_MODULES_DIR


def test_every_picture_is_in_the_installed_openmoji_package():
    if not (NODE_MODULES_DIR / "openmoji").is_dir():
        install_node_modules()
    folder = openmoji_dir() / "color" / "svg"
    missing = [picture.filename for picture in PICTURES.values()
               if not (folder / picture.filename).is_file()]
    assert missing == []
