"""Voila pages draw figures with the book's own plotly.js, not the jupyterlab-plotly extension.

The extension weighed 4.8 MB and drew each figure three times; the template
loads the front-end build's plotly.js (1.2 MB) from its static folder and each
figure's own HTML draws it once. The project's Voila and the Hub's user
servers must agree on it, and the template must point at the file the build
makes, or every chart on every dashboard would be blank.
"""

from __future__ import annotations

import json
import os

from connecting_people.frontend.bundles import DIST_DIR, bundle_path
from connecting_people.hub.config import SERVER_CONFIG_DIR
from connecting_people.serving.launch import (
    PLOTLY_BUNDLE,
    PLOTLY_EXTENSION,
    PLOTLY_SCRIPT_PATH,
    TEMPLATE_DIR,
    VOILA_TEMPLATE,
    voila_command,
)


def test_the_projects_voila_does_not_load_the_plotly_extension():
    assert f"--VoilaConfiguration.extension_denylist={PLOTLY_EXTENSION}" in voila_command(8866)


def test_the_hubs_user_servers_do_not_load_it_either():
    config = json.loads((SERVER_CONFIG_DIR / "jupyter_server_config.json").read_text())
    assert config["VoilaConfiguration"]["extension_denylist"] == [PLOTLY_EXTENSION]
    assert config["VoilaConfiguration"]["template"] == VOILA_TEMPLATE


def test_the_template_loads_the_builds_plotly_from_its_static_folder():
    template = (TEMPLATE_DIR / "index.html.j2").read_text(encoding="utf-8")
    assert f'const source = "{{{{ resources.base_url }}}}{PLOTLY_SCRIPT_PATH}";' in template
    static = TEMPLATE_DIR / "static"
    # A link to the build's output folder (tornado serves a linked folder's files,
    # not a linked file whose target is outside the folder).
    assert static.is_symlink()
    assert os.path.realpath(static) == os.path.realpath(DIST_DIR)
    assert PLOTLY_SCRIPT_PATH.endswith(f"/static/{bundle_path(PLOTLY_BUNDLE).name}")
