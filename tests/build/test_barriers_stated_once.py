"""The three barriers the study found are set out once, and linked from elsewhere.

Readers met the same paragraph about caseloads, crisis work and unexplained
materials on 17 pages. Now practice_guidance/why_connections_matter.md sets
them out under the label ``three-barriers`` and other pages link there with
{ref}`three barriers <three-barriers>`. A barrier's own chapter may state its
own finding. This test fails on any other page that restates a finding.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connecting_people.paths import BOOK_DIR
from tests.build.prose import all_book_sources, markdown_sources

RESTATEMENT = re.compile(
    r"minority of (?:service users|people)|caseloads?, (?:short|under|too few)|"
    r"understaffing and crisis|high caseloads", re.IGNORECASE)
WHERE_THEY_ARE_SET_OUT = {
    "practice_guidance/why_connections_matter.md",
    "implementation_manual/barrier_time_and_caseload.md",  # barrier 1's own chapter
    "implementation_manual/barrier_explaining_materials.md",  # barrier 3's own chapter
}
# Pages other helpers own that still restate them; remove each once it links instead.
NOT_YET_LINKED: set[str] = set()


def _relative(path: Path) -> str:
    return path.relative_to(BOOK_DIR).as_posix()


def restates(path: Path) -> list[str]:
    text = "\n".join(markdown_sources(path))
    return [line.strip() for line in text.splitlines() if RESTATEMENT.search(line)]


@pytest.mark.parametrize(
    "path",
    [p for p in all_book_sources()
     if _relative(p) not in WHERE_THEY_ARE_SET_OUT | NOT_YET_LINKED],
    ids=_relative,
)
def test_other_pages_link_to_the_barriers(path: Path):
    found = restates(path)
    assert not found, (
        f"{_relative(path)} restates the study's barriers: {found}. Link to them instead, "
        "with {ref}`three barriers <three-barriers>`.")


def test_the_barriers_have_one_home():
    home = (BOOK_DIR / "practice_guidance/why_connections_matter.md").read_text(encoding="utf-8")
    assert "(three-barriers)=" in home


def test_the_waiting_list_is_current():
    linked = sorted(page for page in NOT_YET_LINKED
                    if not (BOOK_DIR / page).is_file() or not restates(BOOK_DIR / page))
    assert not linked, f"remove these from NOT_YET_LINKED, they link now: {linked}"
