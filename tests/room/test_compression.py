"""On loopback the project's Voila sends a dashboard's JavaScript as it is, even if asked for gzip.

Compressing costs the server about twice a page load's CPU
(benchmarks/results/voila_page_bytes.md) and saves nothing on loopback, so
``launch.voila_command`` turns gzip on only when Voila listens beyond
loopback (``room --lan``; tests/unit/test_voila_settings.py). The live gzip
path is checked through the Hub (tests/deploy/test_hub_compression.py). The
file is the book's own plotly.js, which every dashboard page loads from our
template's static folder instead of the jupyterlab-plotly extension
(``launch.PLOTLY_SCRIPT_PATH``).
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from connecting_people.frontend.bundles import bundle_path
from connecting_people.serving.launch import PLOTLY_BUNDLE, PLOTLY_EXTENSION, PLOTLY_SCRIPT_PATH

pytestmark = pytest.mark.room

CONFIG_DATA = re.compile(
    r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)


def fetch(url: str, **headers) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read(), dict(response.headers)


def page_extensions(page_html: str) -> list[str]:
    """The JupyterLab extensions a page loads, read from the config every page carries."""
    config = json.loads(CONFIG_DATA.search(page_html).group(1))
    return [extension["name"] for extension in config["federated_extensions"]]


def test_on_loopback_the_pages_plotly_is_sent_plain_even_when_gzip_is_asked_for(voila_url):
    url = f"{voila_url}/{PLOTLY_SCRIPT_PATH}"
    asked, headers = fetch(url, **{"Accept-Encoding": "gzip"})
    plain, _plain_headers = fetch(url)
    assert "Content-Encoding" not in headers
    assert asked == plain
    # The front-end build's own file, served from the template's static folder.
    assert plain == bundle_path(PLOTLY_BUNDLE).read_bytes()


def test_pages_load_the_books_plotly_and_not_the_plotly_extension(voila_url):
    """The folder page carries the same extension list as each dashboard page and, unlike
    a dashboard, takes no kernel from the shared room."""
    page, _headers = fetch(f"{voila_url}/voila/tree")
    extensions = page_extensions(page.decode())
    assert "@voila-dashboards/widgets-manager8" in extensions
    assert PLOTLY_EXTENSION not in extensions
