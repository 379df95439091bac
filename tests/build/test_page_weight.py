"""The built site stays light: no fontawesome.js, no source maps, no unused vendor files, 10 MB.

Issue 13 measured every page loading a 1.5 MB Font Awesome script and widget
pages loading 3.6 MB of widget manager plus require.js. These checks keep
those out; benchmarks/page_weight.py measures what a browser then transfers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from connecting_people.frontend.bundles import HERE as FRONTEND_DIR

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


def drawn_trace_types(text: str) -> set[str]:
    """The trace types of every plotly figure a page draws (from its Plotly.newPlot calls)."""
    decoder = json.JSONDecoder()
    types = set()
    for call in re.finditer(r'Plotly\.newPlot\(\s*"[^"]+",\s*', text):
        traces, _ = decoder.raw_decode(text, call.end())
        types |= {trace.get("type", "scatter") for trace in traces}
    return types


def test_the_partial_plotly_has_every_trace_type_the_book_draws(built_book: Path):
    entry = (FRONTEND_DIR / "figures" / "plotly_partial.cjs").read_text(encoding="utf-8")
    registered = set(re.findall(r'require\("plotly\.js/lib/(\w+)"\)', entry)) | {"scatter"}
    drawn = set().union(*(drawn_trace_types(text) for text in pages(built_book).values()))
    assert drawn, "no plotly figure found: the check would prove nothing"
    assert drawn <= registered, f"traces drawn but not in the bundle: {drawn - registered}"
