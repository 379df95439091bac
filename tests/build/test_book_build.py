"""The book builds from clean without a warning, with every page the table of contents names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from connecting_people.paths import BOOK_DIR

pytestmark = pytest.mark.build

# Attributes that make a browser fetch something. Links (<a href>) to outside
# sources are fine: a reader chooses to follow them.
FETCHING_ATTRIBUTE = re.compile(
    r"<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)=\"(https?:)?//[^\"]+\"",
    re.IGNORECASE,
)


def toc_files() -> list[str]:
    toc = yaml.safe_load((BOOK_DIR / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return files


def test_every_toc_page_is_built(built_book: Path):
    missing = [name for name in toc_files() if not (built_book / f"{name}.html").exists()]
    assert not missing, f"pages named in _toc.yml but not built: {missing}"


def test_four_captioned_parts_in_order():
    toc = yaml.safe_load((BOOK_DIR / "_toc.yml").read_text(encoding="utf-8"))
    captions = [part["caption"] for part in toc["parts"]][:4]
    assert captions == [
        "Practice guidance",
        "Training manual",
        "Implementation manual",
        "Service user's guide",
    ]


def test_no_page_fetches_from_outside_the_site(built_book: Path):
    offenders = []
    for html in built_book.rglob("*.html"):
        for match in FETCHING_ATTRIBUTE.finditer(html.read_text(encoding="utf-8")):
            offenders.append(f"{html.relative_to(built_book)}: {match.group(0)[:120]}")
    assert not offenders, "pages that would load files from outside:\n" + "\n".join(offenders)


def test_no_page_names_a_cdn(built_book: Path):
    cdn_names = ("unpkg.com", "cdn.jsdelivr", "cdnjs.", "fonts.googleapis", "googletagmanager")
    offenders = [
        f"{html.relative_to(built_book)} names {name}"
        for html in built_book.rglob("*.html")
        for name in cdn_names
        if name in html.read_text(encoding="utf-8")
    ]
    assert not offenders, "\n".join(offenders)


def test_front_end_files_are_served_from_the_site(built_book: Path):
    vendor = built_book / "_static" / "cp-vendor"
    # The static widget host and the partial plotly.js (tests/build/test_page_weight.py
    # checks that nothing else is vendored and which pages load them).
    for name in ["widget-host.js", "plotly-partial.js"]:
        assert (vendor / name).is_file(), f"{name} was not copied into the site"


def test_plotly_is_loaded_only_where_a_figure_is_drawn(built_book: Path):
    with_figure = (built_book / "about" / "study_in_numbers.html").read_text(encoding="utf-8")
    assert "cp-vendor/plotly-partial.js" in with_figure
    assert with_figure.index("cp-vendor/plotly-partial.js") < with_figure.find("plotly-graph-div")
    front_page = (built_book / "index.html").read_text(encoding="utf-8")
    assert "plotly-partial.js" not in front_page
