"""Following up actions gives the same results on the static page and in Python.

tests/js/follow_up_cases.json holds worked cases: the checks on an action's
status, reason and day done; which actions are overdue and how that is said;
the marks the run chart draws from several files of one team; and when the
next audit is due. ``follow_up.py`` must give exactly those results here, and
``node --test tests/js/follow_up.test.mjs`` checks ``follow_up.js`` against
the same file, so the two agree.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.follow_up import (
    Action,
    add_months,
    done_in_files,
    latest_review,
    next_review,
    overdue,
    overdue_sentence,
    review_sentence,
    status_problems,
)
from connecting_people.fidelity.model import PlanEntry

CASES = json.loads((Path(__file__).parents[1] / "js" / "follow_up_cases.json")
                   .read_text(encoding="utf-8"))
CHECKLIST = load_checklist()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _entry(entry: dict) -> PlanEntry:
    return PlanEntry(entry["item_id"], entry.get("owner", ""), _day(entry.get("due")),
                     entry.get("status", "not_started"), _day(entry.get("done")),
                     entry.get("reason", ""))


def test_the_cases_use_the_books_bands():
    assert CASES["bands"] == [{"id": b.id, "label": b.label, "from": b.from_tenths / 10}
                              for b in CHECKLIST.bands]


@pytest.mark.parametrize("case", CASES["status"], ids=lambda c: c["name"])
def test_status_checks(case):
    assert status_problems(case["status"], case["reason"], _day(case["done"]),
                           audit_date=_day(case["audit_date"]),
                           today=_day(case["today"])) == case["problems"]


@pytest.mark.parametrize("case", CASES["overdue"], ids=lambda c: c["name"])
def test_overdue_actions_and_their_sentences(case):
    on = _day(case["on"])
    actions = [Action(a["item_id"], a["text"], a["owner"], _day(a["due"]), a["status"])
               for a in case["actions"]]
    late = overdue(actions, on)
    assert [a.item_id for a in late] == case["overdue"]
    assert [overdue_sentence(a, on) for a in late] == case["sentences"]


@pytest.mark.parametrize("day, months, expected", CASES["add_months"])
def test_add_months(day, months, expected):
    assert add_months(_day(day), months).isoformat() == expected


@pytest.mark.parametrize("case", CASES["review"], ids=lambda c: c["name"])
def test_next_review(case):
    review = next_review(CHECKLIST, _day(case["audit_date"]), case["band"])
    assert (review.due.isoformat(), review.months, review.reason) == (
        case["due"], case["months"], case["reason"])
    assert review_sentence(review, _day(case["on"])) == case["sentence"]


@pytest.mark.parametrize("case", CASES["latest_review"], ids=lambda c: c["name"])
def test_latest_review(case):
    review = latest_review(CHECKLIST, [(_day(d), band) for d, band in case["audits"]])
    assert (review.due.isoformat() if review else None) == case["due"]


@pytest.mark.parametrize("case", CASES["done_in_files"], ids=lambda c: c["name"])
def test_done_marks_from_several_files(case):
    files = [(f["audit_id"], [_entry(e) for e in f["action_plan"]]) for f in case["files"]]
    assert [[audit_id, e.item_id, e.done.isoformat()]
            for audit_id, e in done_in_files(files)] == case["marks"]
