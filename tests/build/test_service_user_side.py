"""The service user's side: easy read built to its conventions, with licensed pictures
from the package registry, an honest co-production page, and a complete crisis page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connecting_people.easy_read import parse_rows
from connecting_people.paths import BOOK_DIR

pytestmark = pytest.mark.build

GUIDE = BOOK_DIR / "service_user_guide"
EASY_READ_BLOCK = re.compile(r"^```\{easy-read\}\n(.*?)^```$", re.M | re.S)
# Words the issue named as jargon on the old easy read page, and others like them.
JARGON = re.compile(r"\b(device|records|intervention|social capital|fidelity|"
                    r"implementation|care coordinator)\b", re.IGNORECASE)


def _rows():
    text = (GUIDE / "easy_read.md").read_text(encoding="utf-8")
    blocks = EASY_READ_BLOCK.findall(text)
    return [row for block in blocks for row in parse_rows(block.splitlines())]


def test_the_easy_read_page_is_built_from_picture_rows():
    rows = _rows()
    assert len(rows) >= 30
    text = (GUIDE / "easy_read.md").read_text(encoding="utf-8")
    assert "{image}" not in text and ".svg" not in text, "pictures come from OpenMoji only"


def test_easy_read_sentences_are_short_and_free_of_jargon():
    for row in _rows():
        assert len(row.sentence.split()) <= 15, row.sentence
        assert not JARGON.search(row.sentence), row.sentence


def test_no_hand_drawn_icons_remain():
    assert sorted(path.name for path in (GUIDE / "images").glob("icon_*.svg")) == []


def test_the_built_easy_read_page_shows_openmoji_pictures_and_their_licence(built_book: Path):
    html = (built_book / "service_user_guide" / "easy_read.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<img[^>]+class="[^"]*cp-easy-read-picture[^"]*"[^>]*>', html)
    assert len(pictures) == len(_rows())
    assert all('alt="' in tag and "_images/" in tag for tag in pictures)
    assert "OpenMoji" in html and "CC BY-SA 4.0" in html
    for name in {row.picture.filename for row in _rows()}:
        assert (built_book / "_images" / name).is_file(), name
    assert "cp-easy-read.css" in html
    assert 'href="../_static/cp-easy-read/OPENMOJI-LICENSE.txt"' in html
    assert (built_book / "_static" / "cp-easy-read" / "OPENMOJI-LICENSE.txt").is_file()


def test_the_co_production_page_says_this_version_awaits_review():
    text = (GUIDE / "how_this_guide_was_made.md").read_text(encoding="utf-8")
    assert "Service users have not yet checked this version." in text
    assert "## How a Trust can check this guide" in text
    assert "issue tracker" not in text, "no tracker is named without its address"


def test_the_crisis_page_covers_relay_bsl_text_cafes_and_feeling_unwell_at_a_group():
    text = (GUIDE / "crisis_help.md").read_text(encoding="utf-8")
    for needed in ("**18001**", "**18000**", "999 BSL", "**register** to 999",
                   "## Crisis cafés and safe havens", "## If you feel unwell at a group"):
        assert needed in text, needed


def test_the_two_map_pages_have_titles_that_cannot_be_confused():
    titles = [(GUIDE / "making_your_map.md").read_text(encoding="utf-8").splitlines()[0]]
    assert titles == ["# Your map: what goes on it"]
