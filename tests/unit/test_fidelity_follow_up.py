"""Following up actions (owner, due date, status, reasons), overdue lists and the review cycle."""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.follow_up import (
    CYCLE_TEXT,
    Action,
    FollowUpError,
    action_problems,
    add_months,
    check_action,
    done_actions,
    latest_review,
    next_review,
    overdue,
    overdue_sentence,
    reached_good_band,
    review_sentence,
)

CHECKLIST = load_checklist()
ITEM = CHECKLIST.item_ids[0]


def _action(**changes) -> Action:
    fields = {"item_id": ITEM, "text": "Ask about friends at every review", "owner": "Sam Okafor",
              "due": date(2026, 3, 1)}
    fields.update(changes)
    return Action(**fields)


def test_a_complete_action_has_no_problems():
    assert action_problems(_action(), CHECKLIST) == []
    assert check_action(_action()).status_label == "Not started"


def test_every_problem_is_listed_at_once():
    action = _action(item_id="nope", text=" ", owner="", due=None, status="waiting")
    assert action_problems(action, CHECKLIST) == [
        "The action is for item 'nope', which this checklist does not have.",
        "Say what the action is.",
        "Give the action an owner: the person who will make it happen.",
        "Give the action a due date.",
        "The status 'waiting' is not one of: not started, in progress, done, dropped.",
    ]


def test_a_dropped_action_needs_a_reason():
    with pytest.raises(FollowUpError) as caught:
        check_action(_action(status="dropped"))
    assert caught.value.problems == ["Say why the action was dropped."]
    assert action_problems(_action(status="dropped", reason="The group closed")) == []


def test_a_reason_is_only_for_a_dropped_action():
    assert action_problems(_action(status="in_progress", reason="Busy")) == [
        "A reason is kept only for a dropped action; clear it or drop the action."]


def test_done_needs_the_day_it_was_done_and_only_done_has_one():
    assert action_problems(_action(status="done")) == ["Give the date the action was done."]
    assert action_problems(_action(status="in_progress", done_on=date(2026, 1, 5))) == [
        "Only a done action has a date done; clear it or mark the action done."]
    assert action_problems(_action(status="done", done_on=date(2026, 1, 5))) == []


def test_refused_text_is_named():
    assert action_problems(_action(owner="Sam <b>")) == [
        "The owner's name contains something that looks like a web page tag "
        "(< followed by a letter)."]


def test_overdue_is_open_actions_due_before_the_day_longest_first():
    actions = [
        _action(item_id="b", due=date(2026, 2, 1)),
        _action(item_id="a", due=date(2026, 1, 1), status="in_progress"),
        _action(item_id="c", due=date(2026, 1, 1), status="done", done_on=date(2026, 1, 2)),
        _action(item_id="d", due=date(2026, 1, 1), status="dropped", reason="Merged"),
        _action(item_id="e", due=date(2026, 3, 1)),  # due on the day: not yet overdue
    ]
    assert [a.item_id for a in overdue(actions, date(2026, 3, 1))] == ["a", "b"]
    assert overdue_sentence(actions[1], date(2026, 1, 2)) == (
        "Ask about friends at every review (owner Sam Okafor) was due on 1 January 2026: "
        "1 day overdue.")


def test_done_actions_in_the_order_done():
    actions = [_action(item_id="x", status="done", done_on=date(2026, 2, 1)),
               _action(item_id="y", status="done", done_on=date(2026, 1, 1)),
               _action(item_id="z")]
    assert [a.item_id for a in done_actions(actions)] == ["y", "x"]


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 15), 12) == date(2026, 11, 15)


def test_six_months_until_mostly_implemented_then_yearly():
    assert [reached_good_band(CHECKLIST, b) for b in ("not_yet", "partly", "mostly", "fully",
                                                      None)] == [False, False, True, True, False]
    partly = next_review(CHECKLIST, date(2026, 1, 10), "partly")
    assert (partly.due, partly.months) == (date(2026, 7, 10), 6)
    assert partly.reason == ('The last audit was "Partly implemented", so the next one is due '
                             'six months later, until the team reaches "Mostly implemented".')
    mostly = next_review(CHECKLIST, date(2026, 1, 10), "mostly")
    assert (mostly.due, mostly.months) == (date(2027, 1, 10), 12)
    withheld = next_review(CHECKLIST, date(2026, 1, 10), None)
    assert withheld.months == 6
    assert withheld.reason.startswith("The last audit had too little rated for a band")
    assert "six months" in CYCLE_TEXT


def test_review_sentence_says_due_or_overdue():
    review = next_review(CHECKLIST, date(2026, 1, 10), "fully")
    assert review_sentence(review, date(2026, 5, 1)) == (
        'The next audit is due on 10 January 2027. The last audit reached "Fully '
        'implemented", so the next one is due a year later.')
    assert review_sentence(review, date(2027, 1, 12)).startswith(
        "The next audit was due on 10 January 2027: 2 days ago.")


def test_latest_review_follows_the_newest_audit():
    assert latest_review(CHECKLIST, []) is None
    review = latest_review(CHECKLIST, [(date(2026, 6, 1), "partly"), (date(2025, 6, 1), "fully")])
    assert review.due == date(2026, 12, 1)
