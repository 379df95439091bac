"""Following up an audit's action plan, and when the next audit is due.

An action plan helps only if someone follows it up. Each action has an owner,
a due date and a status: not started, in progress, done, or dropped (with
the reason, so a dropped action is a decision, not a silence). Team progress
lists what is overdue on a given day.

The review cycle follows IPS practice, as the project's issue 16 states it:
audit again six months after an audit until the team reaches "Mostly
implemented", then yearly. The
band is read from the checklist file, so a change to the bands moves the
cycle with it. Pure: no store, no widgets.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from connecting_people.common.dates import uk_date
from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.textsafety import text_problem

STATUSES = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
CLOSED = frozenset({"done", "dropped"})
GOOD_BAND = "mostly"  # from this band on, the team reviews yearly
MONTHS_UNTIL_GOOD = 6
MONTHS_ONCE_GOOD = 12
CYCLE_TEXT = ("Audit again six months after each audit until the team reaches "
              "\"Mostly implemented\", then once a year.")


class FollowUpError(ValueError):
    """An action that cannot be saved; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Action:
    item_id: str
    text: str
    owner: str
    due: date | None
    status: str = "not_started"
    reason: str = ""  # why it was dropped; required then
    done_on: date | None = None  # the day it was done: where the run chart marks it

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)


def action_problems(action: Action, checklist: Checklist | None = None) -> list[str]:
    """Every reason the action cannot be saved, in words a person can act on."""
    problems = []
    if checklist is not None and action.item_id not in checklist.item_ids:
        problems.append(f"The action is for item {action.item_id!r}, which this checklist "
                        "does not have.")
    if not action.text.strip():
        problems.append("Say what the action is.")
    else:
        reason = text_problem(action.text, kind="item_note", multi_line=True)
        if reason:
            problems.append(f"The action text {reason}.")
    if not action.owner.strip():
        problems.append("Give the action an owner: the person who will make it happen.")
    else:
        reason = text_problem(action.owner, kind="name")
        if reason:
            problems.append(f"The owner's name {reason}.")
    if action.due is None:
        problems.append("Give the action a due date.")
    problems += _status_rules(action.status, action.reason, action.done_on)
    return problems


def _status_rules(status: str, reason: str, done_on: date | None,
                  max_reason: int | None = None) -> list[str]:
    """The rules on status, reason and day done that every action follows, wherever kept."""
    problems = []
    if status not in STATUSES:
        problems.append(f"The status {status!r} is not one of: "
                        + ", ".join(s.lower() for s in STATUSES.values()) + ".")
    if status == "dropped":
        if not reason.strip():
            problems.append("Say why the action was dropped.")
        elif max_reason is not None and len(reason) > max_reason:
            problems.append(f"The reason is {len(reason)} characters long; the limit is "
                            f"{max_reason}.")
        else:
            why = text_problem(reason, kind="item_note", multi_line=True)
            if why:
                problems.append(f"The reason {why}.")
    elif reason.strip():
        problems.append("A reason is kept only for a dropped action; clear it or drop the "
                        "action.")
    if status == "done" and done_on is None:
        problems.append("Give the date the action was done.")
    if status != "done" and done_on is not None:
        problems.append("Only a done action has a date done; clear it or mark the action "
                        "done.")
    return problems


MAX_REASON = 500  # a saved audit file keeps a short reason; the store's limit is the note's


def status_problems(status: str, reason: str, done_on: date | None, *,
                    audit_date: date | None = None, today: date | None = None) -> list[str]:
    """Every reason an action plan entry's follow-up in a saved audit file cannot be kept.

    The same rules as ``action_problems``, plus what a file can check on its own:
    the day done is not before the audit nor after ``today``, and the reason
    is short. ``follow_up.js`` words the same messages (tests/js/follow_up_cases.json).
    """
    problems = _status_rules(status, reason, done_on, MAX_REASON)
    if status == "done" and done_on is not None:
        if audit_date is not None and done_on < audit_date:
            problems.append(f"The action was done on {uk_date(done_on)}, before the audit of "
                            f"{uk_date(audit_date)}: give the day it was done.")
        if today is not None and done_on > today:
            problems.append(f"The day done, {uk_date(done_on)}, is after today: give the day "
                            "it was done.")
    return problems


def check_action(action: Action, checklist: Checklist | None = None) -> Action:
    problems = action_problems(action, checklist)
    if problems:
        raise FollowUpError(problems)
    return action


def is_overdue(action: Action, on: date) -> bool:
    return action.status not in CLOSED and action.due is not None and action.due < on


def overdue(actions: Iterable[Action], on: date) -> list[Action]:
    """Open actions whose due date is before ``on``, the longest overdue first."""
    late = [a for a in actions if is_overdue(a, on)]
    return sorted(late, key=lambda a: (a.due, a.item_id))


def overdue_sentence(action: Action, on: date) -> str:
    days = (on - action.due).days
    return (f"{action.text} (owner {action.owner}) was due on {uk_date(action.due)}: "
            f"{days} day{'s' if days != 1 else ''} overdue.")


def done_actions(actions: Iterable[Action]) -> list[Action]:
    """Done actions in the order they were done: the marks on the run chart."""
    return sorted((a for a in actions if a.status == "done" and a.done_on is not None),
                  key=lambda a: (a.done_on, a.item_id))


def done_in_files(files: Iterable[tuple[str, Iterable[Any]]]) -> list[tuple[str, Any]]:
    """The done actions of several saved files of one team, as ``(audit_id, plan entry)``.

    ``files`` is ``(audit_id, action plan)`` pairs, oldest file first. The same
    action (audit id and item id) in several files counts once: the newest
    file's entry wins, so a file saved after a follow-up replaces the one
    before it, even when the action is no longer done there. Done actions are
    those with status done and a day done, in the order they were done (as
    ``done_actions``). ``follow_up.js`` has the same rule.
    """
    latest: dict[tuple[str, str], tuple[str, Any]] = {}
    for audit_id, plan in files:
        for entry in plan:
            latest[(audit_id, entry.item_id)] = (audit_id, entry)
    done = [pair for pair in latest.values()
            if pair[1].status == "done" and pair[1].done is not None]
    return sorted(done, key=lambda pair: (pair[1].done, pair[1].item_id, pair[0]))


# ------------------------------------------------------------------ review cycle
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when that day does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reached_good_band(checklist: Checklist, band_id: str | None) -> bool:
    """Is ``band_id`` "Mostly implemented" or better? No band (too little rated) is not."""
    if band_id is None:
        return False
    return checklist.band(band_id).from_tenths >= checklist.band(GOOD_BAND).from_tenths


@dataclass(frozen=True)
class ReviewDue:
    due: date
    months: int
    reason: str


def next_review(checklist: Checklist, audit_date: date, band_id: str | None) -> ReviewDue:
    """When the next audit is due, after an audit on ``audit_date`` whose whole-audit band is
    ``band_id`` (None when the band was withheld)."""
    good = checklist.band(GOOD_BAND).label
    if reached_good_band(checklist, band_id):
        months = MONTHS_ONCE_GOOD
        reason = (f"The last audit reached \"{checklist.band(band_id).label}\", so the next "
                  "one is due a year later.")
    else:
        months = MONTHS_UNTIL_GOOD
        reached = ("had too little rated for a band" if band_id is None
                   else f"was \"{checklist.band(band_id).label}\"")
        reason = (f"The last audit {reached}, so the next one is due six months later, "
                  f"until the team reaches \"{good}\".")
    return ReviewDue(add_months(audit_date, months), months, reason)


def review_sentence(review: ReviewDue, on: date) -> str:
    """What the team page says about the next audit on day ``on``."""
    if review.due < on:
        days = (on - review.due).days
        return (f"The next audit was due on {uk_date(review.due)}: {days} "
                f"day{'s' if days != 1 else ''} ago. {review.reason}")
    return f"The next audit is due on {uk_date(review.due)}. {review.reason}"


def latest_review(checklist: Checklist,
                  audits: Sequence[tuple[date, str | None]]) -> ReviewDue | None:
    """The next review after the newest of ``(audit date, whole-audit band)`` pairs.

    Two audits on the newest day: the later in the list wins (the one saved last,
    in the store's order), so the review follows the audit the page calls latest.
    """
    if not audits:
        return None
    newest = max(reversed(audits), key=lambda pair: pair[0])
    return next_review(checklist, newest[0], newest[1])
