"""The project's Voila gzips a dashboard's JavaScript for browsers that ask, and only for them.

A room of 30 on one laptop's Wi-Fi would otherwise fetch about 10 MB per page
each, uncompressed (benchmarks/results/voila_page_bytes.md). The file is taken
from the address the pages themselves load extensions from, so a new build's
file name (its hash) never breaks the test.
"""

from __future__ import annotations

import gzip
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


def plotly_extension_url(voila_url: str) -> str:
    """Where pages load plotly's extension from, read from the page config every page carries.

    The folder page carries the same extension list as each dashboard page and,
    unlike a dashboard, takes no kernel from the shared room.
    """
    page, _headers = fetch(f"{voila_url}/voila/tree")
    config = json.loads(CONFIG_DATA.search(page.decode()).group(1))
    (plotly,) = [ext for ext in config["federated_extensions"] if ext["name"] == PLOTLY]
    load = plotly["load"].removeprefix("./")
    return f"{voila_url}{config['fullLabextensionsUrl']}/{PLOTLY}/{load}"


def test_an_extension_is_gzipped_when_asked_and_plain_when_not(voila_url):
    url = plotly_extension_url(voila_url)
    compressed, headers = fetch(url, **{"Accept-Encoding": "gzip"})
    plain, plain_headers = fetch(url)
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert "Content-Encoding" not in plain_headers
    assert plain.startswith(b"var _JUPYTERLAB;")
    assert gzip.decompress(compressed) == plain
    assert len(compressed) < len(plain) / 2
