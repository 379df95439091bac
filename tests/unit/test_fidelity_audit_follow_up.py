"""Saved audit files keep each action's follow-up (format version 2), and old files still open.

Version 2 added an action's status, the day it was done and the reason it
was dropped. A version 1 file (tests/fixtures/fidelity/audit_version1.json)
reads as every action not started; a file from a newer format is refused
with the message that says to update the book. The shared accept/refuse
cases are in tests/js/fidelity_cases.json; the exact follow-up messages are
in tests/js/follow_up_cases.json.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import (
    VERSION,
    AuditFileError,
    PlanEntry,
    audit_from_document,
    audit_to_document,
    audit_to_json,
    load_audit,
    version_warnings,
)
from tests.unit.test_fidelity_store import make_audit

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids
VERSION_1 = Path(__file__).parents[1] / "fixtures" / "fidelity" / "audit_version1.json"
TODAY = date(2026, 8, 1)


def _document(*entries: dict, version: int = 2) -> dict:
    document = json.loads(VERSION_1.read_text(encoding="utf-8"))
    document["version"] = version
    document["action_plan"] = list(entries)
    return document


def _messages(document: dict) -> list[str]:
    with pytest.raises(AuditFileError) as error:
        audit_from_document(document, CHECKLIST, today=TODAY)
    return [p.message for p in error.value.problems]


def test_a_version_1_file_opens_with_every_action_not_started():
    audit = load_audit(VERSION_1.read_bytes(), CHECKLIST)
    assert audit.plan == (PlanEntry("team.directory", "Sam", date(2026, 7, 1)),)
    assert audit.plan[0].status == "not_started"
    assert version_warnings(json.loads(VERSION_1.read_text()), CHECKLIST)[-1] == (
        "This file uses the older format version 1; this book writes format version 2. It was "
        "read the old way.")


def test_files_are_written_as_version_2_with_the_follow_up_of_every_action():
    audit = make_audit(plan=(PlanEntry(IDS[1], "Sam", date(2026, 4, 1), "done", date(2026, 3, 20)),
                             PlanEntry(IDS[2], "", None, "dropped", None, "Chose another first."),
                             PlanEntry(IDS[3], "Jo", None)))
    document = audit_to_document(audit)
    assert VERSION == 2 and document["version"] == 2
    assert document["action_plan"] == [
        {"item_id": IDS[1], "owner": "Sam", "due": "2026-04-01", "status": "done",
         "done": "2026-03-20", "reason": ""},
        {"item_id": IDS[2], "owner": "", "due": "", "status": "dropped", "done": "",
         "reason": "Chose another first."},
        {"item_id": IDS[3], "owner": "Jo", "due": "", "status": "not_started", "done": "",
         "reason": ""},
    ]
    assert load_audit(audit_to_json(audit), CHECKLIST).plan == audit.plan


def test_done_without_a_day_and_dropped_without_a_reason_are_refused_with_what_to_do():
    assert _messages(_document(
        {"item_id": "team.directory", "status": "done", "done": ""},
        {"item_id": "team.contacts", "status": "dropped", "reason": ""})) == [
        "Action 1: Give the date the action was done.",
        "Action 2: Say why the action was dropped.",
    ]


def test_a_day_done_before_the_audit_or_after_today_is_refused():
    assert _messages(_document(
        {"item_id": "team.directory", "status": "done", "done": "2026-05-13"},
        {"item_id": "team.contacts", "status": "done", "done": "2026-08-02"})) == [
        "Action 1: The action was done on 13 May 2026, before the audit of 14 May 2026: give "
        "the day it was done.",
        "Action 2: The day done, 2 August 2026, is after today: give the day it was done.",
    ]


def test_a_reason_over_500_characters_and_a_day_done_that_is_no_date_are_refused():
    assert _messages(_document(
        {"item_id": "team.directory", "status": "dropped", "reason": "x" * 501},
        {"item_id": "team.contacts", "status": "done", "done": "20/06/2026"})) == [
        "Action 1: The reason is 501 characters long; the limit is 500.",
        "The day action 2 was done must be a date written as YYYY-MM-DD.",
    ]


def test_a_file_from_format_version_3_is_refused_with_the_update_message():
    assert _messages(_document(version=3)) == [
        "The file was saved by a newer version of the book (format version 3); this copy "
        "reads version 2. Update the book and try again."]


def test_a_version_1_file_with_a_status_still_opens():
    # Not written by any version of the book, but harmless: read by the version 2 rules.
    audit = audit_from_document(_document({"item_id": "team.directory", "status": "in_progress"},
                                          version=1), CHECKLIST, today=TODAY)
    assert audit.plan[0].status == "in_progress"


@pytest.fixture
def engine(fresh_engine):
    store.ensure_schema(fresh_engine)
    return fresh_engine


def test_importing_a_new_audit_keeps_each_actions_follow_up(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    audit = make_audit(plan=(PlanEntry(IDS[1], "Sam", date(2026, 4, 1), "done", date(2026, 3, 20)),
                             PlanEntry(IDS[2], "", None, "dropped", None, "Chose another first."),
                             PlanEntry(IDS[3], "Jo", None, "in_progress")))
    outcome = store.import_audit_file(engine, "a.json", audit_to_json(audit), CHECKLIST)
    assert outcome.accepted, outcome.message
    kept = {a.item_id: a for a in store.team_actions(engine, team.id)}
    assert [(kept[i].status, kept[i].done_on, kept[i].reason) for i in IDS[1:4]] == [
        ("done", date(2026, 3, 20), ""), ("dropped", None, "Chose another first."),
        ("in_progress", None, "")]
