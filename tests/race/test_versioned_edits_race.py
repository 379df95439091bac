"""Six processes x twenty edits on one record: every edit reported saved is applied, once.

For each table with versioned edits (tracker people, directory entries, audits),
on SQLite and on PostgreSQL (CP_TEST_POSTGRES_URL). Each edit reads the record,
changes one field to a unique marker and saves with the version it read.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from connecting_people.community import store as directory
from connecting_people.community.model import validate_resource
from connecting_people.store import make_engine
from connecting_people.tracker import store as tracker
from connecting_people.tracker.model import validate_person
from tests.race.conftest import EDITS_EACH, PROCESSES, race

TODAY = date(2026, 10, 1)


def person(worker: str):
    return validate_person(
        {"identifier": "NG-001", "worker": worker, "on_caseload_from": "2026-01-05"}, today=TODAY
    )


def entry(notes: str):
    return validate_resource(
        {"name": "Walking Friends", "kind": "group", "offers": "Walks", "area": "Northgate",
         "last_checked": "2026-09-01", "notes": notes},
        today=TODAY,
    )


def check(result, final_version: int, history: list[tuple[str, str]], start_marker: str):
    """Saved == applied: the version rose once per saved edit, history holds exactly those."""
    assert result.exit_codes == [0] * PROCESSES
    assert len(result.saved) + result.conflicts == PROCESSES * EDITS_EACH
    assert final_version == 1 + len(result.saved)
    assert [action for action, _ in history] == ["added"] + ["edited"] * len(result.saved)
    assert sorted(marker for _, marker in history) == sorted([start_marker, *result.saved])
    assert len(result.saved) >= EDITS_EACH  # at least one process's worth got through


# Each table with versioned edits and a history: its store, how to add, read and
# edit one record, how to make a record carrying a marker, and where the marker is.
TOOLS = {
    "tracker people": (tracker, tracker.add_person, tracker.get_person, tracker.update_person,
                       person, "worker", "person_id"),
    "directory entries": (directory, directory.add_resource, directory.get_resource,
                          directory.edit_resource, entry, "notes", "resource_id"),
}


@pytest.mark.parametrize("tool", TOOLS)
def test_versioned_edits_with_history(database_url, tool):
    module, add, get, edit_record, make, field, owner = TOOLS[tool]
    engine = module.open_store(make_engine(database_url))
    row_id = add(engine, "Team", make("start")).id

    def edit(engine, marker):
        current = get(engine, row_id)
        edit_record(engine, row_id, make(marker), expected_version=current.version,
                    user=f"race:{marker}")

    result = race(database_url, edit)
    final = get(engine, row_id)
    with engine.connect() as connection:
        rows = connection.execute(
            module.history.select().where(module.history.c[owner] == row_id)
            .order_by(module.history.c.id)
        ).all()
    history = [(row.action, json.loads(row.snapshot)[field]) for row in rows]
    check(result, final.version, history, "start")
    assert [row.changed_by for row in rows[1:]] == [f"race:{m}" for _, m in history[1:]]
    engine.dispose()


def test_audits(database_url):
    from connecting_people.fidelity import store as audits
    from connecting_people.fidelity.model import Audit, Team

    engine = make_engine(database_url)
    audits.ensure_schema(engine)
    team = audits.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    first = Audit(team=Team("Riverside CMHT", "Example NHS Trust"), date=date(2026, 3, 1),
                  answers={}, notes="start")
    audits.save_audit(engine, team.id, first)

    def edit(engine, marker):
        [current] = audits.team_audits(engine, team.id)
        changed = Audit(team=first.team, date=first.date, answers={}, notes=marker,
                        audit_id=first.audit_id)
        audits.save_audit(engine, team.id, changed, expected_version=current.version,
                          user=f"race:{marker}")

    result = race(database_url, edit)
    [final] = audits.team_audits(engine, team.id)
    # The saved notes are the edit that won last (the versions table has its own race
    # test in test_fidelity_follow_up_race.py).
    assert result.exit_codes == [0] * PROCESSES
    assert len(result.saved) + result.conflicts == PROCESSES * EDITS_EACH
    assert final.version == 1 + len(result.saved)
    assert final.audit.notes == f"{final.changed_by.removeprefix('race:')}"
    assert final.audit.notes in result.saved
    engine.dispose()


def test_outcomes_pairs_are_saved_once_however_many_save_at_once(database_url):
    # A review pair is never edited: a second pair for the same person is refused.
    # Six processes saving NG-101's pair 20 times each must store exactly one, and
    # report exactly that one as saved; every other save is told it was refused.
    from connecting_people.common.fields import ValidationError
    from connecting_people.outcomes import examples, rules
    from connecting_people.outcomes import store as outcomes
    from connecting_people.store import StoreConflict

    engine = outcomes.open_store(make_engine(database_url))
    start, review = examples.ratings("NG-101")
    pair = rules.pair_from_maps("NG-101", examples.load_map("NG-101", "before"),
                                examples.load_map("NG-101", "after"), start_rating=start,
                                review_rating=review, today=TODAY).pair

    def save(engine, marker):
        try:
            outcomes.save_pair(engine, "Team", pair, user=f"race:{marker}")
        except ValidationError as refused:  # "already has a saved review pair"
            raise StoreConflict(str(refused)) from None

    result = race(database_url, save)
    with engine.connect() as connection:
        stored = connection.execute(outcomes.pairs.select()).all()
    assert result.exit_codes == [0] * PROCESSES
    assert len(result.saved) == 1
    assert result.conflicts == PROCESSES * EDITS_EACH - 1
    assert [(row.identifier, row.changed_by) for row in stored] == [
        ("NG-101", f"race:{result.saved[0]}")]
    engine.dispose()
