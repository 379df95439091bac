"""No page states a practice timing, the team's size or the course's length by hand.

The book once said "five minutes" for explaining the guide on one page and
"30 minutes" on another. Now those numbers live in one file
(widgets/connecting_people/timings/timings.yaml) and pages print them with the
{timing} role. This test reads every sentence and table row outside the
session plans: if it names one of the file's tasks (by the task's "mentions"
patterns) and also states a number of minutes or hours written by hand, it
fails, naming the page, the line, the task and the key to use instead. The
same goes for the team's size and the course's length in months.

A second rule catches a sum worked out by hand, such as "0.5 × 46 weeks =
23 hours a year" or "20 minutes × 12 people × 4, or 16 hours": a sentence
with a sum sign (×, ÷ or =, or + between numbers) whose result, after "=",
"or", "is" or a comma, is a number of hours or minutes written by hand fails,
and so does any number typed straight after "=" ("4 + 20 + 6 = 30").
The result must be printed by the {timing} role from a key or a named figure
in timings.yaml (its ``figures``), so the page and the first-year table that
add up the same costs cannot disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connecting_people.paths import BOOK_DIR
from connecting_people.timings import TIMINGS_PATH, load_timings
from tests.build.prose import Statement, all_book_sources, statements

TIMINGS = load_timings()
_NUMBER = (r"(?:\d+(?:[.,]\d+)?|an?|half an?|one|two|three|four|five|six|seven|eight|nine|ten|"
           r"eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)")
_RANGE = rf"{_NUMBER}(?:\s*(?:to|or|-|\u2013)\s*{_NUMBER})?"
# What a hand-written number looks like for each kind of key.
QUANTITY = {
    "duration": re.compile(rf"\b{_RANGE}[\s-]+(?:minutes?|mins?|hours?|hrs?)\b", re.IGNORECASE),
    "months": re.compile(rf"\b{_RANGE}[\s-]+months?\b", re.IGNORECASE),
    "people": re.compile(rf"(?:\bteam of\s+{_NUMBER}\b|\b{_NUMBER}\s+(?:people|practitioners|"
                         r"staff|members)\b)", re.IGNORECASE),
}
# A sum worked out on the page, and a hand-written result after it.
SUM_SIGN = re.compile(r"[\u00d7\u00f7=]|\d\s*\+\s*\d")
HAND_RESULT = re.compile(
    rf"(?:=|,|\bor\b|\bis\b)\s*(?:about\s+)?{_RANGE}[\s-]+(?:minutes?|hours?)\b"
    r"|=\s*\d", re.IGNORECASE)  # a bare number straight after "=" is a result too
KIND = {"course": "months", "team": "people"}  # every other key is a duration
KEY_EXAMPLE = {"course": "course:modular", "team": "team:size", "budget": "budget"}
MENTIONS = {key: [re.compile(rf"\b{pattern}", re.IGNORECASE) for pattern in patterns]
            for key, patterns in TIMINGS.mentions().items()}

# Session plans state the minutes of each training activity, not of practice.
SESSION_PLANS = re.compile(r"^training_manual/session_[a-z_]+\.md$")
# Pages other helpers own that still state these numbers by hand. Each entry
# must still fail (test_the_waiting_list_is_current), so remove a page here
# once its numbers go through the {timing} role.
NOT_YET_CONVERTED: set[str] = set()


def _relative(path: Path) -> str:
    return path.relative_to(BOOK_DIR).as_posix()


def findings(statement: Statement) -> list[str]:
    """What is wrong with one sentence, in words a page's author can act on."""
    problems = []
    for key, patterns in MENTIONS.items():
        named = next((m for p in patterns if (m := p.search(statement.text))), None)
        if named is None:
            continue
        stated = QUANTITY[KIND.get(key, "duration")].search(statement.text)
        if stated is None:
            continue
        use = KEY_EXAMPLE.get(key, key)
        problems.append(
            f"{statement.place()}: this sentence names {TIMINGS.label(key).lower()!r} "
            f"(it says {named.group(0)!r}) and states {stated.group(0)!r} by hand. "
            f"Print the number with {{timing}}`{use}` (other forms: `{use.split(':')[0]}:range`, "
            f"`:likely`, `:low`, `:high`; values in {TIMINGS_PATH.name}), or reword it. "
            f"The sentence: {statement.text!r}"
        )
    return problems


def sum_findings(statement: Statement) -> list[str]:
    """A sum worked out by hand whose result in hours or minutes is typed, not computed."""
    if SUM_SIGN.search(statement.text) is None:
        return []
    result = HAND_RESULT.search(statement.text)
    if result is None:
        return []
    return [f"{statement.place()}: this sentence works out a sum by hand and states its result "
            f"{result.group(0).lstrip('=,').strip()!r}. Put the sum in {TIMINGS_PATH.name} "
            "(a key such as `20m:likely*team*4`, or a named figure under `figures`) and print "
            f"the result with {{timing}}. The sentence: {statement.text!r}"]


def page_findings(path: Path) -> list[str]:
    return [problem for statement in statements(path)
            for problem in [*findings(statement), *sum_findings(statement)]]


PAGES = [path for path in all_book_sources() if not SESSION_PLANS.match(_relative(path))]


@pytest.mark.parametrize("path", [p for p in PAGES if _relative(p) not in NOT_YET_CONVERTED],
                         ids=_relative)
def test_timings_come_from_the_data_file(path: Path):
    problems = page_findings(path)
    assert not problems, "\n".join(problems)


def test_the_waiting_list_is_current():
    converted = sorted(page for page in NOT_YET_CONVERTED
                       if not (BOOK_DIR / page).is_file() or not page_findings(BOOK_DIR / page))
    assert not converted, f"remove these from NOT_YET_CONVERTED, they pass now: {converted}"


@pytest.mark.parametrize("sentence", [
    "Explaining the guide takes five minutes.",
    "Making the map takes 30 to 45 minutes, often over one or two visits.",
    "Going along once might take two hours, including travel.",
    "| Map the person's connections together | 30 minutes | In a visit |",
    "The modular course lasts two or three months.",
    "A team of eleven works about 18,975 hours a year.",
    "That is about 5 hours for each person over six months.",
])
def test_hand_written_numbers_are_caught(sentence):
    assert findings(Statement(Path(BOOK_DIR / "x.md"), "line 1", sentence, sentence, False))


@pytest.mark.parametrize(("sentence", "caught"), [
    ("A full-time worker works about 46 weeks \u00d7 37.5 hours = 1,725 hours a year.", True),
    ("A partner at a meeting: 20 minutes \u00d7 \u27e8timing\u27e9 \u00d7 4, or 16 hours", True),
    ("Total: 23 + 20 + 2 = 45 hours a year.", True),
    ("4 + 20 + 6 + 8 + 2 = 40.", True),
    ("The readiness check (45 minutes \u00d7 5 people, about 4 hours).", True),
    ("Shared across ten teams, that is (12 + 4) \u00f7 10 = 1.6 hours per team.", True),
    ("It is \u27e8timing\u27e9 weeks \u00d7 \u27e8timing\u27e9 = \u27e8timing\u27e9", False),
    ("The meeting: 90 minutes \u00d7 5 people = \u27e8timing\u27e9.", False),
    ("A booster takes 45 to 60 minutes and can replace a team meeting slot.", False),
    ("Total: 4 + 7 is a sum with no hours in it.", False),
])
def test_a_sum_fails_only_when_its_result_is_typed_by_hand(sentence, caught):
    statement = Statement(Path(BOOK_DIR / "x.md"), "line 1", sentence, sentence, False)
    assert bool(sum_findings(statement)) is caught


@pytest.mark.parametrize("sentence", [
    "Making the map takes \u27e8timing\u27e9, often over one or two visits.",
    "Go along with the person the first time if they want you to.",
    "Explain the guide in your own words.",
    "Review progress at about six months.",
    "The champion meets the deputy for an hour a month.",
    "A team of \u27e8timing\u27e9 works about 20,700 hours a year.",
])
def test_sentences_without_a_hand_written_number_pass(sentence):
    assert findings(Statement(Path(BOOK_DIR / "x.md"), "line 1", sentence, sentence, False)) == []
