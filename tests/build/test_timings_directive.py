"""The {timing} role and the timings tables print the data file's numbers.

Builds a tiny Sphinx project with only the timings extension (a second or
two), so the whole book need not be built to check them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connecting_people.timings import load_timings
from tests.build.tiny_project import build_strict

LINKED = sorted({item.page for item in load_timings().year_one.items})
PAGE = """Timings
=======

Making the map takes :timing:`make_map`.
Going along twice takes :timing:`go_along:likely*2`.
The team has :timing:`team:size` people and the course runs over :timing:`course:modular`.

.. timings-table::

.. person-budget::

.. year-one-costs::
"""


def build(tmp_path: Path, page: str):
    index = page + "\n.. toctree::\n\n" + "".join(f"   {linked}\n" for linked in LINKED)
    return build_strict(tmp_path, "connecting_people.sphinxext.timings", index, LINKED)


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> str:
    tmp_path = tmp_path_factory.mktemp("timings")
    result = build(tmp_path, PAGE)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_the_role_prints_words_from_the_data(html):
    assert ("Making the map takes <span class=\"cp-timing\">"
            "about 40 minutes (20 minutes to 1 hour)</span>.") in html
    assert "Going along twice takes <span class=\"cp-timing\">2 hours 30 minutes</span>." in html
    assert "<span class=\"cp-timing\">12</span> people" in html
    assert "<span class=\"cp-timing\">three to six months</span>" in html


def test_the_tables_print_every_task_and_the_total(html):
    # Every task is the book's estimate; Sphinx makes the quote curly.
    assert html.count("The book\u2019s estimate") == len(load_timings().tasks)
    assert "<p>Going along with the person</p>" in html
    assert "<p>2 times</p>" in html
    assert "<strong>5 hours</strong>" in html
    assert "<p>3 to 8 hours</p>" in html


def test_the_first_year_table_adds_up(html):
    assert "<p>Training (two-day course)</p>" in html
    assert "<strong>748 hours</strong>" in html


def test_an_unknown_key_fails_the_build_with_the_known_keys(tmp_path):
    result = build(tmp_path, "Timings\n=======\n\nIt takes :timing:`make_mapp`.\n")
    assert result.returncode != 0
    assert "timing: no timing 'make_mapp' in timings.yaml; known: agree_goals" in result.stderr
