"""The built site stays light: no fontawesome.js, no source maps, no unused vendor files, 10 MB.

Issue 13 measured every page loading a 1.5 MB Font Awesome script and widget
pages loading 3.6 MB of widget manager plus require.js. These checks keep
those out; benchmarks/page_weight.py measures what a browser then transfers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

SITE_LIMIT = 10 * 1024 * 1024
HOST = "_static/cp-vendor/widget-host.js"
PLOTLY = "_static/cp-vendor/plotly-partial.js"
WIDGET_STATE = 'type="application/vnd.jupyter.widget-state+json"'


def pages(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.html"))
        if not path.relative_to(root).parts[0].startswith("_")
    }


def test_the_site_is_at_most_10_mb_and_ships_no_source_maps(built_book: Path):
    files = [path for path in built_book.rglob("*") if path.is_file()]
    assert [path for path in files if path.suffix == ".map"] == []
    assert sum(path.stat().st_size for path in files) <= SITE_LIMIT
    assert not (built_book / "_static" / "scripts" / "fontawesome.js").exists()


def test_no_page_loads_fontawesome_js_require_js_or_the_widget_manager(built_book: Path):
    heavy = re.compile(r"fontawesome\.js|require\.js|embed-amd\.js|plotly\.min\.js")
    assert {name: heavy.findall(text) for name, text in pages(built_book).items()
            if heavy.search(text)} == {}


def test_widget_pages_load_the_static_host_and_figure_pages_the_partial_plotly(built_book: Path):
    host = re.compile(r'<script type="module" src="[./]*' + re.escape(HOST))
    plotly = re.compile(r'<script src="[./]*' + re.escape(PLOTLY))
    widget_pages = [name for name, text in pages(built_book).items() if WIDGET_STATE in text]
    assert len(widget_pages) >= 4
    for name, text in pages(built_book).items():
        assert bool(host.search(text)) == (WIDGET_STATE in text), name
        assert bool(plotly.search(text)) == ("plotly-graph-div" in text), name


def test_every_vendored_file_is_used_by_some_page(built_book: Path):
    everything = "\n".join(pages(built_book).values())
    vendored = sorted((built_book / "_static" / "cp-vendor").iterdir())
    assert [path.name for path in vendored] == ["plotly-partial.js", "widget-host.js"]
    for path in vendored:
        assert f"cp-vendor/{path.name}" in everything, path.name
