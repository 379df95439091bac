"""Issue 15's corrections stay corrected.

Each rule below is a statement the issue found going further than the sources,
or naming a thing two ways. A page another helper owns that still has the old
wording is listed in WAITING, and must leave the list once it is fixed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connecting_people.paths import BOOK_DIR
from tests.build.prose import all_book_sources, markdown_sources

RULES = {
    # The book's cycle is assess, plan, support, review (practice_guidance/the_model.md).
    "the cycle is called assess, plan, support, review":
        re.compile(r"\bplan[,-]\s*do\b|\bplan, do and review\b|\bPlan, Do and Review\b",
                   re.IGNORECASE),
    # The study says only that a minority said the materials had been explained.
    "the study says only 'a minority'":
        re.compile(r"missed for most|\bfew service users had\b", re.IGNORECASE),
    # The CHIME framework, with connectedness in recovery, is Leamy et al. 2011.
    "connectedness in recovery is Leamy et al. 2011, not Sweet 2018":
        re.compile(r"recovery[^.\n]*\{cite:[pt]\}`sweet2018networks`", re.IGNORECASE),
    # Saleebey wrote on strengths, not the definition of Connecting People.
    "Connecting People is defined by the Connecting People studies, not Saleebey":
        re.compile(r"(?:Connecting People is|engage with their communit)[^.\n]*"
                   r"\{cite:[pt]\}`saleebey2013strengths`"),
    # Wellbeing rose in both groups, so it says nothing about Connecting People alone.
    "wellbeing improved in both groups: say so":
        re.compile(r"^(?!.*\b(?:both|everyone)\b).*\bwellbeing (?:had )?(?:improved|rose)\b.*$",
                   re.IGNORECASE | re.MULTILINE),
}
WAITING: set[str] = set()  # pages other helpers own, with the rules they still break


def _relative(path: Path) -> str:
    return path.relative_to(BOOK_DIR).as_posix()


def broken(path: Path) -> list[str]:
    text = "\n".join(markdown_sources(path))
    return [f"{_relative(path)}: {rule}: {match.group(0)!r}"
            for rule, pattern in RULES.items() for match in pattern.finditer(text)]


@pytest.mark.parametrize("path", [p for p in all_book_sources() if _relative(p) not in WAITING],
                         ids=_relative)
def test_the_corrections_hold(path: Path):
    problems = broken(path)
    assert not problems, "\n".join(problems)


def test_the_waiting_list_is_current():
    fixed = sorted(page for page in WAITING
                   if not (BOOK_DIR / page).is_file() or not broken(BOOK_DIR / page))
    assert not fixed, f"remove these from WAITING, they are fixed now: {fixed}"
