"""Through the Hub, a signed-in person gets the dashboard JavaScript gzipped, as from ``serve``.

The Hub's single-user servers run Voila as a Jupyter server extension, not the
project's own Voila application, so the setting lives in
``hub/server_config/jupyter_server_config.json``; this checks it takes effect
through the Hub's proxy, on the file the page itself names.
"""

from __future__ import annotations

import pytest

from tests.room.test_compression import plotly_extension_path

pytestmark = pytest.mark.deploy

USER = "north-worker"


def test_the_plotly_extension_comes_gzipped_through_the_hub(hub):
    session = hub.start_server(USER)
    page = hub.get(session, f"/user/{USER}/voila/render/study_overview.ipynb")
    assert page.status_code == 200
    path = plotly_extension_path(page.text)
    compressed = hub.get(session, path, headers={"Accept-Encoding": "gzip"})
    plain = hub.get(session, path, headers={"Accept-Encoding": "identity"})
    assert compressed.status_code == plain.status_code == 200
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    # requests undoes the gzip itself: the same file either way.
    assert compressed.content == plain.content
    assert plain.content.startswith(b"var _JUPYTERLAB;")
