"""Keep the theme light: no 1.5 MB fontawesome.js, no source maps, no unused files.

The PyData theme (under sphinx-book-theme) loads ``fontawesome.js`` on every
page only to turn ``<i class="fa-solid fa-bars">`` into inline SVG. Its own
stylesheet already draws those same icons from Font Awesome's web font, which
a browser fetches (about 150 KB) only on a page that shows an icon. So the
script is left out: its tag lives in the theme's ``static/webpack-macros.html``,
and a copy of that file without it, made from the installed theme at each
build, is put first on the template path. The header buttons are the theme's
own buttons and scripts; only the icon drawing changes.

After the build, files no reader's browser asks for are deleted: the script
itself, every ``.map`` file, the theme's translation catalogues (used at build
time only) and the TrueType copies of the web fonts (every supported browser
takes the WOFF2 listed first).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

MACROS = "static/webpack-macros.html"
FONTAWESOME_TAG = re.compile(r"[ \t]*<script[^>]*scripts/fontawesome\.js[^>]*></script>\n?")


def theme_macros() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / MACROS


def macros_without_fontawesome(text: str) -> str:
    lighter, count = FONTAWESOME_TAG.subn("", text)
    if count != 1:
        raise RuntimeError(
            f"Expected one fontawesome.js tag in the theme's {MACROS}, found {count}: "
            "the theme changed, so connecting_people/sphinxext/theme_weight.py needs a look."
        )
    return lighter


def book_templates(app: Sphinx, config) -> Path:
    """The build's folder of changed theme templates, first on the template path."""
    templates = Path(app.doctreedir).parent / "cp-templates"
    templates.mkdir(parents=True, exist_ok=True)
    if str(templates) not in config.templates_path:
        config.templates_path.insert(0, str(templates))
    return templates


def _on_config_inited(app: Sphinx, config) -> None:
    target = book_templates(app, config) / MACROS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(macros_without_fontawesome(theme_macros().read_text("utf-8")), "utf-8")


def unused_files(outdir: Path) -> list[Path]:
    static = outdir / "_static"
    found = [static / "scripts" / "fontawesome.js", static / "locales"]
    found += outdir.rglob("*.map")
    found += static.glob("vendor/fontawesome/webfonts/*.ttf")
    return [path for path in found if path.exists()]


def _on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    removed = 0
    for path in unused_files(Path(app.outdir)):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed += 1
    logger.info("connecting_people: removed %d files no page uses", removed)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _on_config_inited)
    app.connect("build-finished", _on_build_finished)
