"""The parts of issue 15 that are pages, not rules, stay in the book.

The issue asked for a fifth case study where things do not go to plan, and
for the current context with a source for each part, with barrier 2 answered
by partnership practice and not only a directory. These checks read the
Markdown sources, so they run in a fraction of a second.
"""

from __future__ import annotations

import re

import pytest

from connecting_people.paths import BOOK_DIR

TOC = (BOOK_DIR / "_toc.yml").read_text(encoding="utf-8")


def _page(name: str) -> str:
    return (BOOK_DIR / name).read_text(encoding="utf-8")


def _sections(text: str) -> dict[str, str]:
    """Each second-level heading and the text under it."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_the_fifth_case_study_is_listed_with_the_others():
    assert re.search(r"^\s*- file: practice_guidance/case_study_kieran\s*$", TOC, re.MULTILINE)
    assert "{doc}`case_study_kieran`" in _page("practice_guidance/case_studies.md")


def test_the_fifth_case_study_does_not_go_to_plan():
    text = _page("practice_guidance/case_study_kieran.md")
    sections = _sections(text)
    assert "Kieran said no." in text  # the person says no ...
    assert any(title.startswith("February") for title in sections)  # ... then yes months later
    assert "caseload" in sections["October to January: the time goes"]  # the worker's time goes
    assert "What the team changed" in sections


# Each part of the current context, the source it must cite, and a phrase it must explain.
CONTEXT = {
    "The Community Mental Health Framework": ("nhse2019cmhf", "voluntary"),
    "Care planning after the Care Programme Approach": ("nhse2022cpa", "key worker"),
    "The Care Act 2014: the wellbeing duty": ("careact2014", "wellbeing"),
    "DIALOG+ and the map": ("priebe2015dialog", "DIALOG+"),
    "Social prescribing and voluntary-sector partners": ("nhse2019longtermplan", "link worker"),
}


@pytest.mark.parametrize("title", sorted(CONTEXT))
def test_each_part_of_the_current_context_cites_its_source(title):
    sections = _sections(_page("practice_guidance/todays_services.md"))
    key, phrase = CONTEXT[title]
    assert title in sections, f"today's services has no section {title!r}"
    assert f"`{key}`" in sections[title]
    assert phrase in sections[title]


def test_barrier_two_is_answered_with_partnerships_not_only_a_directory():
    sections = _sections(_page("implementation_manual/barrier_community_links.md"))
    partnership = [title for title in sections if "artner" in title]
    assert partnership, "the community links chapter has no section on partnerships"
    assert "{doc}`../practice_guidance/todays_services`" in "".join(sections.values())
