"""Through the Hub, a signed-in person gets the dashboard JavaScript gzipped, as from ``serve``.

The Hub's single-user servers run Voila as a Jupyter server extension, not the
project's own Voila application, so the setting lives in
``hub/server_config/jupyter_server_config.json``; this checks it takes effect
through the Hub's proxy, on the book's plotly.js that every dashboard page
loads, and that the page loads it and not the jupyterlab-plotly extension.
"""

from __future__ import annotations

import pytest

from connecting_people.frontend.bundles import bundle_path
from connecting_people.serving.launch import PLOTLY_BUNDLE, PLOTLY_EXTENSION, PLOTLY_SCRIPT_PATH
from tests.room.test_compression import page_extensions

pytestmark = pytest.mark.deploy

USER = "north-worker"


def test_the_pages_plotly_comes_gzipped_through_the_hub(hub):
    session = hub.start_server(USER)
    page = hub.get(session, f"/user/{USER}/voila/render/study_overview.ipynb")
    assert page.status_code == 200
    path = f"/user/{USER}/{PLOTLY_SCRIPT_PATH}"
    assert f'const source = "{path}";' in page.text
    assert PLOTLY_EXTENSION not in page_extensions(page.text)
    compressed = hub.get(session, path, headers={"Accept-Encoding": "gzip"})
    plain = hub.get(session, path, headers={"Accept-Encoding": "identity"})
    assert compressed.status_code == plain.status_code == 200
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    # requests undoes the gzip itself: the same file either way.
    assert compressed.content == plain.content
    assert plain.content == bundle_path(PLOTLY_BUNDLE).read_bytes()
