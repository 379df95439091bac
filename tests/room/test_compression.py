"""On loopback the project's Voila sends a dashboard's JavaScript as it is, even if asked for gzip.

Compressing costs the server about twice a page load's CPU
(benchmarks/results/voila_page_bytes.md) and saves nothing on loopback, so
``launch.voila_command`` turns gzip on only when Voila listens beyond
loopback (``room --lan``; tests/unit/test_voila_settings.py). The live gzip
path is checked through the Hub (tests/deploy/test_hub_compression.py). The
file is taken from the address the pages themselves load extensions from, so
a new build's file name (its hash) never breaks the test.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

pytestmark = pytest.mark.room

CONFIG_DATA = re.compile(
    r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)
PLOTLY = "jupyterlab-plotly"


def fetch(url: str, **headers) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read(), dict(response.headers)


def plotly_extension_path(page_html: str) -> str:
    """Where a page loads plotly's extension from, read from the config every page carries."""
    config = json.loads(CONFIG_DATA.search(page_html).group(1))
    (plotly,) = [ext for ext in config["federated_extensions"] if ext["name"] == PLOTLY]
    return f"{config['fullLabextensionsUrl']}/{PLOTLY}/{plotly['load'].removeprefix('./')}"


def plotly_extension_url(voila_url: str) -> str:
    """The extension's address, from the folder page: it carries the same extension list
    as each dashboard page and, unlike a dashboard, takes no kernel from the shared room."""
    page, _headers = fetch(f"{voila_url}/voila/tree")
    return voila_url + plotly_extension_path(page.decode())


def test_on_loopback_an_extension_is_sent_plain_even_when_gzip_is_asked_for(voila_url):
    url = plotly_extension_url(voila_url)
    asked, headers = fetch(url, **{"Accept-Encoding": "gzip"})
    plain, _plain_headers = fetch(url)
    assert "Content-Encoding" not in headers
    assert asked == plain
    assert plain.startswith(b"var _JUPYTERLAB;")
