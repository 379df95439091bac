"""The self-audit store: round trips, atomic saves, migrations, bad imports.

Saves from many processes at once are tested in ``tests/race``.

Every test runs on a fresh SQLite file and, when CP_TEST_POSTGRES_URL is set,
again on PostgreSQL in a schema of its own (dropped afterwards). Without a
server the PostgreSQL runs are skipped with the reason shown in the summary.
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import date

import pytest
from sqlalchemy import inspect, select

from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import Audit, PlanEntry, Team, audit_to_json

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


@pytest.fixture
def empty_engine(fresh_engine):
    """An engine on an empty database: nothing migrated yet (the shared engine fixture)."""
    return fresh_engine


@pytest.fixture
def engine(empty_engine):
    store.ensure_schema(empty_engine)
    return empty_engine


def make_audit(team="Riverside CMHT", trust="Example NHS Trust", when=date(2026, 3, 1),
               answers=None, **changes) -> Audit:
    values = dict(
        team=Team(team, trust, "Adult community"),
        date=when,
        answers=answers if answers is not None else {i: 3 for i in IDS[:10]} | {IDS[10]: None},
        participants=("Team manager", "Champion"),
        notes="First audit.\nHeld in the team meeting.",
        item_notes={IDS[0]: "Directory checked in January.", IDS[20]: "Note, no answer yet"},
        plan=(PlanEntry(IDS[1], "Sam", date(2026, 4, 1)), PlanEntry(IDS[2], "", None)),
    )
    values.update(changes)
    return Audit(**values)


# ------------------------------------------------------------- migrations
def test_migration_from_an_empty_database(empty_engine):
    assert not inspect(empty_engine).has_table("fidelity_audits")
    applied = store.ensure_schema(empty_engine)
    assert applied == [("fidelity", n) for n in range(1, 6)]
    tables = set(inspect(empty_engine).get_table_names())
    assert {"fidelity_teams", "fidelity_audits", "fidelity_answers", "fidelity_actions"} <= tables
    indexes = {ix["name"] for ix in inspect(empty_engine).get_indexes("fidelity_audits")}
    assert "ix_fidelity_audits_team_date" in indexes
    assert store.ensure_schema(empty_engine) == []  # a second run does nothing


def test_the_current_tables_match_what_the_migrations_built(engine):
    for table in store.metadata.sorted_tables:
        built = {column["name"] for column in inspect(engine).get_columns(table.name)}
        assert built == set(table.columns.keys()), table.name


# -------------------------------------------------------------- round trip
def test_an_audit_comes_back_exactly_as_saved(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust", "Adult community")
    audit = make_audit()
    result = store.save_audit(engine, team.id, audit)
    assert result.created
    [stored] = store.team_audits(engine, team.id)
    assert stored.audit == audit
    assert stored.audit.answers[IDS[10]] is None  # "cannot rate" survives the trip
    assert IDS[20] not in stored.audit.answers  # a note alone does not make an answer
    assert [a.item_id for a in store.open_actions(engine, team.id)] == [IDS[1], IDS[2]]


def test_saving_the_same_audit_again_updates_it_and_keeps_done_actions(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    audit = make_audit()
    first = store.save_audit(engine, team.id, audit)
    first_action = store.open_actions(engine, team.id)[0]
    store.set_action_done(engine, first_action.id, user="local:sam")
    changed = make_audit(audit_id=audit.audit_id, answers={IDS[0]: 5},
                         plan=audit.plan + (PlanEntry(IDS[3], "Ali", None),))
    again = store.save_audit(engine, team.id, changed, expected_version=first.version,
                             user="local:ali")
    assert (again.created, again.version) == (False, 2)
    [stored] = store.team_audits(engine, team.id)
    assert stored.audit.answers == {IDS[0]: 5}
    assert (stored.version, stored.changed_by) == (2, "local:ali")
    statuses = {a.item_id: a.status for a in stored.actions}
    assert statuses == {IDS[1]: "done", IDS[2]: "not_started", IDS[3]: "not_started"}


def test_saving_an_audit_someone_else_saved_since_is_refused_and_changes_nothing(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    audit = make_audit()
    first = store.save_audit(engine, team.id, audit)
    store.save_audit(engine, team.id, make_audit(audit_id=audit.audit_id, notes="Theirs."),
                     expected_version=first.version)
    for stale in (first.version, None):
        with pytest.raises(store.StoreConflict) as lost:
            store.save_audit(engine, team.id, make_audit(audit_id=audit.audit_id, notes="Mine."),
                             expected_version=stale)
        assert str(lost.value).startswith(
            "The audit of 1 March 2026 was changed by someone else at ")
    [stored] = store.team_audits(engine, team.id)
    assert (stored.audit.notes, stored.version) == ("Theirs.", 2)


def test_teams_match_on_name_and_trust_ignoring_case_and_spacing(engine):
    store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    with pytest.raises(store.StoreError, match="already a team called"):
        store.create_team(engine, "  riverside   cmht ", "EXAMPLE NHS Trust")
    store.create_team(engine, "Riverside CMHT", "Another Trust")  # a different Trust is fine
    assert len(store.list_teams(engine)) == 2
    assert [t.trust for t in store.list_teams(engine, trust="Another Trust")] == ["Another Trust"]


def test_deleting_a_team_removes_its_audits_and_actions(engine):
    team = store.create_team(engine, "Riverside CMHT")
    store.save_audit(engine, team.id, make_audit(team="Riverside CMHT", trust=""))
    store.delete_team(engine, team.id)
    assert store.list_teams(engine) == []
    with engine.connect() as connection:
        for table in (store.audits, store.answers, store.actions):
            assert connection.execute(select(table)).all() == []


# ---------------------------------------------------------------- atomicity
def test_a_failed_save_leaves_nothing_behind_and_the_earlier_audit_intact(engine, monkeypatch):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust", "Adult community")
    earlier = make_audit()
    store.save_audit(engine, team.id, earlier)

    def fail(*_args, **_kwargs):
        raise RuntimeError("the connection dropped half way")

    monkeypatch.setattr(store, "_sync_actions", fail)
    with pytest.raises(RuntimeError):
        store.save_audit(engine, team.id, make_audit(when=date(2026, 9, 1)))
    with pytest.raises(RuntimeError):  # an update of the earlier audit fails half way too
        store.save_audit(engine, team.id, make_audit(audit_id=earlier.audit_id, answers={}),
                         expected_version=1)
    monkeypatch.undo()
    [stored] = store.team_audits(engine, team.id)
    assert stored.audit == earlier
    with engine.connect() as connection:
        assert len(connection.execute(select(store.answers)).all()) == 12


def test_a_save_for_a_team_that_was_deleted_is_refused(engine):
    team = store.create_team(engine, "Riverside CMHT")
    store.delete_team(engine, team.id)
    with pytest.raises(store.StoreError, match="no longer in the records"):
        store.save_audit(engine, team.id, make_audit())
    assert store.count_audits(engine) == 0


def test_hostile_text_is_refused_by_the_store_itself(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    with pytest.raises(store.StoreError, match="web page tag"):
        store.save_audit(engine, team.id, make_audit(notes="<script>alert(1)</script>"))
    with pytest.raises(store.StoreError, match="web page tag"):
        store.create_team(engine, "<img src=x onerror=alert(1)>")
    with pytest.raises(store.StoreError, match="score from 1 to 5|whole number from 1 to 5"):
        store.save_audit(engine, team.id, make_audit(answers={IDS[0]: 7}))
    assert store.count_audits(engine) == 0


# -------------------------------------------------------------- concurrency
def test_twenty_simultaneous_saves_are_all_kept(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []
    audits = [make_audit(when=date(2026, 1, 1 + n), answers={i: 1 + (n + k) % 5
                                                             for k, i in enumerate(IDS)})
              for n in range(20)]

    def save(audit):
        try:
            barrier.wait(timeout=30)
            store.save_audit(engine, team.id, audit)
        except BaseException as error:  # noqa: BLE001 - collected and reported below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(audit,)) for audit in audits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    stored = store.team_audits(engine, team.id)
    assert sorted(s.audit.audit_id for s in stored) == sorted(a.audit_id for a in audits)
    by_id = {a.audit_id: a for a in audits}
    assert all(s.audit.answers == by_id[s.audit.audit_id].answers for s in stored)


def test_twenty_simultaneous_imports_of_new_teams_are_all_kept(engine):
    files = [(f"audit-{n}.json", audit_to_json(make_audit(team=f"Team {n % 7}",
                                                           when=date(2026, 2, 1 + n))))
             for n in range(20)]
    barrier = threading.Barrier(20)
    outcomes = []

    def run(name, data):
        barrier.wait(timeout=30)
        outcomes.append(store.import_audit_file(engine, name, data, CHECKLIST))

    threads = [threading.Thread(target=run, args=file) for file in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(o.accepted for o in outcomes), [(o.message, o.problems) for o in outcomes]
    assert len(store.list_teams(engine)) == 7
    assert store.count_audits(engine) == 20


# ------------------------------------------------------------------ imports
GOOD = json.loads(audit_to_json(make_audit()))


def _file(**changes) -> str:
    document = json.loads(json.dumps(GOOD))
    document.update(changes)
    return json.dumps(document)


@pytest.mark.parametrize(("name", "data", "words"), [
    ("wrong-version.json", _file(version=3), "newer version of the book"),
    ("unknown-item.json", _file(answers={"team.unicorns": 4}), "does not have: 'team.unicorns'"),
    ("out-of-range.json", _file(answers={IDS[0]: 9}), "whole number from 1 to 5"),
    ("hostile.json", _file(team={"name": "<script>alert(1)</script>", "trust": "", "service": ""}),
     "web page tag"),
    ("control.json", _file(notes="a\u0000b"), "hidden control character (U+0000)"),
    ("not-json.json", b"\x89PNG\r\n", "not text"),
    ("other.json", json.dumps({"format": "something-else"}), "not a Connecting People"),
])
def test_bad_imports_are_refused_clearly_and_nothing_is_stored(engine, name, data, words):
    outcome = store.import_audit_file(engine, name, data, CHECKLIST)
    assert not outcome.accepted
    assert any(words in problem for problem in outcome.problems), outcome.problems
    assert store.count_audits(engine) == 0 and store.list_teams(engine) == []


def test_a_good_import_creates_the_team_and_a_repeat_import_is_refused(engine):
    first = store.import_audit_file(engine, "a.json", _file(), CHECKLIST)
    assert first.accepted and "new team" in first.message
    again = store.import_audit_file(engine, "a-copy.json", _file(), CHECKLIST)
    assert not again.accepted and "already in the records" in again.message
    another = store.import_audit_file(engine, "b.json", _file(audit_id=str(uuid.uuid4())),
                                      CHECKLIST)
    assert another.accepted and "new team" not in another.message
    assert store.count_audits(engine) == 2 and len(store.list_teams(engine)) == 1


def test_a_batch_reports_each_file_and_keeps_only_the_good_ones(engine):
    outcomes = store.import_audit_files(engine, [
        ("good.json", _file()),
        ("bad.json", _file(answers={IDS[0]: 0})),
        ("good-too.json", _file(audit_id=str(uuid.uuid4()), date="2026-09-01")),
    ], CHECKLIST)
    assert [o.accepted for o in outcomes] == [True, False, True]
    assert store.count_audits(engine) == 2


def test_reading_only_the_newest_audits_of_each_team(engine):
    first = store.create_team(engine, "Riverside CMHT")
    second = store.create_team(engine, "Hillside CMHT")
    for n, when in enumerate([date(2026, 5, 1), date(2026, 1, 1), date(2026, 9, 1)]):
        store.save_audit(engine, first.id, make_audit(team="Riverside CMHT", trust="", when=when,
                                                      answers={IDS[0]: 1 + n}))
    store.save_audit(engine, second.id, make_audit(team="Hillside CMHT", trust=""))
    newest = store.load_audits(engine, latest=2)
    assert [s.audit.date for s in newest[first.id]] == [date(2026, 5, 1), date(2026, 9, 1)]
    assert [s.audit.answers for s in newest[first.id]] == [{IDS[0]: 1}, {IDS[0]: 3}]
    assert len(newest[second.id]) == 1 and newest[second.id][0].actions
    assert store.audit_counts(engine) == {first.id: 3, second.id: 1}
    assert list(store.load_audits(engine, [second.id], latest=1)) == [second.id]


def test_an_audit_made_with_another_checklist_version_imports_with_a_warning_naming_both(engine):
    outcome = store.import_audit_file(engine, "newer.json", _file(checklist_version="9.9"))
    assert outcome.accepted
    assert outcome.warnings == [
        f"This audit was made with checklist version 9.9; this book uses checklist version "
        f"{CHECKLIST.version}. Check that the answers still fit the questions before "
        "comparing them.",
        "The file comes from a newer checklist (version 9.9), so this page cannot tell which "
        "questions were added, removed or reworded. Update the book to see them.",
    ]
    same = store.import_audit_file(engine, "same.json", _file(audit_id=str(uuid.uuid4())))
    assert (same.accepted, same.warnings) == (True, [])
