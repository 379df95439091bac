"""The tracker store and CSV on SQLite and PostgreSQL: one record per person, no lost updates."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import sqlalchemy as sa

from connecting_people.common.fields import ValidationError
from connecting_people.tracker import csvio, store
from connecting_people.tracker.model import validate_person
from connecting_people.tracker.store import StoreConflict

TODAY = date(2026, 10, 1)


@pytest.fixture
def engine(fresh_engine):
    return store.open_store(fresh_engine)


def person(identifier="NG-001", **steps):
    return validate_person({"identifier": identifier, "worker": "JB",
                            "on_caseload_from": "2026-01-05", **steps}, today=TODAY)


def snapshot(engine):
    with engine.connect() as connection:
        people = [tuple(r) for r in connection.execute(
            sa.select(store.people).order_by(store.people.c.id))]
        changes = connection.execute(sa.select(sa.func.count()).select_from(store.history))
        return people, changes.scalar()


def test_add_and_update_steps_with_history(engine):
    added = store.add_person(engine, "Team", person())
    assert added.record.identifier == "NG-001" and added.version == 1
    updated = store.update_person(engine, added.id, person(guide_explained="2026-01-20"),
                                  expected_version=1)
    assert updated.record.step("guide_explained") == date(2026, 1, 20)
    assert [a for _, a, _ in store.history_of(engine, added.id)] == ["added", "edited"]


def test_the_same_identifier_twice_in_a_team_is_refused(engine):
    store.add_person(engine, "Team", person())
    before = snapshot(engine)
    with pytest.raises(ValidationError, match="already on the tracker"):
        store.add_person(engine, "Team", person("ng-001"))
    assert snapshot(engine) == before
    store.add_person(engine, "Other team", person())  # another team's NG-001 is someone else


def test_renaming_onto_another_identifier_is_refused(engine):
    store.add_person(engine, "Team", person("NG-001"))
    second = store.add_person(engine, "Team", person("NG-002"))
    with pytest.raises(ValidationError):
        store.update_person(engine, second.id, person("NG-001"), expected_version=1)
    assert store.get_person(engine, second.id).record.identifier == "NG-002"


def test_an_update_from_an_old_version_is_refused(engine):
    added = store.add_person(engine, "Team", person())
    store.update_person(engine, added.id, person(guide_explained="2026-01-20"),
                        expected_version=1)
    before = snapshot(engine)
    with pytest.raises(StoreConflict):
        store.update_person(engine, added.id, person(map_made="2026-02-01"), expected_version=1)
    assert snapshot(engine) == before


def test_a_record_entered_in_error_can_be_removed_only_when_confirmed(engine):
    added = store.add_person(engine, "Team", person())
    with pytest.raises(ValidationError, match="type NG-001"):
        store.remove_person(engine, added.id, confirm_identifier="NG-002")
    assert len(store.list_people(engine, "Team")) == 1
    store.remove_person(engine, added.id, confirm_identifier="ng-001")
    assert store.list_people(engine, "Team") == []
    assert snapshot(engine) == ([], 0)


def test_import_adds_valid_people_and_lists_the_rest(engine):
    store.add_person(engine, "Team", person("NG-001", guide_explained="2026-01-20"))
    before_people, _ = snapshot(engine)
    data = "\n".join([
        "Identifier,Worker,On caseload from,Guide explained,Map made",
        "NG-002,JB,2026-01-05,2026-01-20,",
        "NG-001,JB,2026-01-05,,",
        "Aisha,JB,2026-01-05,,",
        "NG-003,AK,2026-02-01,2027-01-01,",
        "NG-002,AK,2026-02-01,,",
        "943 476 5919,AK,2026-02-01,,",
    ]).encode()
    report = csvio.import_csv(engine, "Team", data, today=TODAY)
    assert report.saved == 1
    reasons = {r.number: r.reason for r in report.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "already on the tracker" in reasons[3]
    assert "letters in a row" in reasons[4]
    assert "future" in reasons[5]
    assert "repeats row 2" in reasons[6]
    assert "NHS number" in reasons[7]
    after_people, _ = snapshot(engine)
    assert after_people[0] == before_people[0]  # NG-001 untouched


def test_unknown_columns_refuse_the_whole_file(engine):
    report = csvio.import_csv(engine, "Team", b"identifier,worker,on_caseload_from,name\n",
                              today=TODAY)
    assert "Unknown columns: name" in report.problem
    assert snapshot(engine) == ([], 0)


def test_export_holds_pseudonyms_and_dates_only(engine):
    store.add_person(engine, "Team", person("NG-001", guide_explained="2026-01-20"))
    text = csvio.export_csv(store.list_people(engine, "Team"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(csvio.COLUMNS)
    assert rows[0]["identifier"] == "NG-001" and rows[0]["guide_explained"] == "2026-01-20"
