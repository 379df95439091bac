"""The directory's store on SQLite and PostgreSQL: add, edit, retire, history, no lost updates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from connecting_people.common.fields import ValidationError
from connecting_people.community import csvio, store
from connecting_people.community.model import validate_resource
from connecting_people.community.store import StoreConflict
from connecting_people.store.acting import local_user
from connecting_people.store.versioned import local_time

TODAY = date(2026, 10, 1)
WHEN = datetime(2026, 10, 1, 10, 42, tzinfo=UTC)


@pytest.fixture
def engine(fresh_engine):
    return store.open_store(fresh_engine)


def resource(name="Walking Friends", area="Northgate", **extra):
    return validate_resource({"name": name, "kind": "group", "offers": "Walks", "area": area,
                              "last_checked": "2026-09-01", **extra}, today=TODAY)


def snapshot(engine) -> list[tuple]:
    with engine.connect() as connection:
        rows = connection.execute(sa.select(store.resources).order_by(store.resources.c.id))
        history = connection.execute(sa.select(sa.func.count()).select_from(store.history))
        return [tuple(r) for r in rows] + [("history", history.scalar())]


def test_an_empty_store_has_no_entries_and_migrating_twice_is_harmless(engine):
    store.open_store(engine)
    assert store.list_resources(engine, "Team") == []
    assert store.teams(engine) == []


def test_add_then_edit_keeps_every_version_in_history(engine):
    added = store.add_resource(engine, "Team", resource())
    assert added.version == 1 and added.active
    edited = store.edit_resource(engine, added.id, resource(cost="Free"), expected_version=1)
    assert edited.version == 2 and edited.resource.cost == "Free"
    history = store.entry_history(engine, added.id)
    assert [h.action for h in history] == ["added", "edited"]
    assert [h.changed_by for h in history] == [local_user(), local_user()]
    assert history[0].snapshot["cost"] == "" and history[1].snapshot["cost"] == "Free"


def test_an_edit_from_an_old_version_is_refused_and_changes_nothing(engine):
    added = store.add_resource(engine, "Team", resource())
    store.edit_resource(engine, added.id, resource(cost="Free"), expected_version=1,
                        user="local:sam", now=WHEN)
    before = snapshot(engine)
    with pytest.raises(StoreConflict) as lost:
        store.edit_resource(engine, added.id, resource(cost="GBP 5"), expected_version=1)
    assert str(lost.value) == (
        f"Entry {added.id} was changed by someone else at {local_time(WHEN)}; reload to see it. "
        "Your change was not saved; what you typed is still in the form."
    )
    assert snapshot(engine) == before


def test_retire_keeps_the_entry_and_says_why_and_restore_brings_it_back(engine):
    added = store.add_resource(engine, "Team", resource())
    retired = store.retire_resource(engine, added.id, reason="Group has closed", today=TODAY,
                                    expected_version=1)
    assert retired.status == "retired" and retired.retired_reason == "Group has closed"
    assert retired.retired_on == TODAY
    assert len(store.list_resources(engine, "Team")) == 1
    restored = store.restore_resource(engine, added.id, expected_version=retired.version)
    assert restored.active and restored.retired_reason == ""
    actions = [h.action for h in store.entry_history(engine, added.id)]
    assert actions == ["added", "retired", "restored"]


def test_retiring_needs_a_reason(engine):
    added = store.add_resource(engine, "Team", resource())
    with pytest.raises(Exception, match="required"):
        store.retire_resource(engine, added.id, reason=" ", today=TODAY, expected_version=1)
    assert store.get_resource(engine, added.id).active


def test_the_same_name_in_the_same_area_cannot_be_active_twice(engine):
    first = store.add_resource(engine, "Team", resource())
    before = snapshot(engine)
    with pytest.raises(ValidationError, match="already in the directory"):
        store.add_resource(engine, "Team", resource(name="walking  FRIENDS", area="northgate"))
    assert snapshot(engine) == before
    # Another area, another team, or once the first is retired: all fine.
    store.add_resource(engine, "Team", resource(area="Riverside"))
    store.add_resource(engine, "Other team", resource())
    store.retire_resource(engine, first.id, reason="Closed", today=TODAY, expected_version=1)
    store.add_resource(engine, "Team", resource())


def test_adding_many_is_all_or_nothing(engine):
    store.add_resource(engine, "Team", resource(name="Choir"))
    before = snapshot(engine)
    with pytest.raises(ValidationError):
        store.add_resources(engine, "Team", [resource(name="Library"), resource(name="Choir")])
    assert snapshot(engine) == before


def test_a_batch_naming_the_same_entry_twice_is_refused_whole_and_names_it(engine):
    before = snapshot(engine)
    # The second one is named: the first went in, in the transaction that is undone.
    with pytest.raises(ValidationError, match="'choir' in 'Northgate' is already in the dir"):
        store.add_resources(engine, "Team", [resource(name="Choir"), resource(name="Library"),
                                             resource(name="choir")])
    assert snapshot(engine) == before


def test_a_batch_keeps_its_order_and_each_entry_history_as_one_entry_would(engine):
    one = store.add_resource(engine, "Team", resource(name="Allotment"), user="nora")
    many = store.add_resources(engine, "Team", [resource(name=f"Group {n}") for n in range(7)],
                               user="nora")
    assert [entry.resource.name for entry in many] == [f"Group {n}" for n in range(7)]
    assert [entry.id for entry in many] == sorted(entry.id for entry in many)
    single = store.entry_history(engine, one.id)[0]
    for entry in many:
        (item,) = store.entry_history(engine, entry.id)
        assert (item.version, item.action, item.changed_by) == (1, "added", "nora")
        # The same snapshot, field for field, as the one-entry path writes.
        assert sorted(item.snapshot) == sorted(single.snapshot)
        assert item.snapshot["name"] == entry.resource.name
        assert item.snapshot["id"] == entry.id


def test_editing_into_a_duplicate_is_refused(engine):
    store.add_resource(engine, "Team", resource(name="Choir"))
    other = store.add_resource(engine, "Team", resource(name="Library"))
    with pytest.raises(ValidationError, match="already an active entry"):
        store.edit_resource(engine, other.id, resource(name="Choir"), expected_version=1)
    assert store.get_resource(engine, other.id).resource.name == "Library"


def test_import_adds_valid_rows_reports_the_rest_and_never_changes_stored_rows(engine):
    kept = store.add_resource(engine, "Team", resource(name="Choir", notes="keep me"))
    before = snapshot(engine)
    data = (
        b"name,kind,offers,area,last_checked,notes\n"
        b"Library,place,Books,Northgate,2026-09-01,\n"
        b"Choir,group,Singing,Northgate,2026-09-01,overwrite?\n"
        b",group,No name,Northgate,2026-09-01,\n"
    )
    report = csvio.import_csv(engine, "Team", data, today=TODAY)
    assert report.saved == 1
    assert [r.number for r in report.rejected] == [3, 4]
    after = {e.resource.name: e for e in store.list_resources(engine, "Team")}
    assert after["Choir"] == kept and after["Choir"].resource.notes == "keep me"
    assert snapshot(engine)[: len(before) - 1] == before[:-1]


def test_a_refused_file_saves_nothing(engine):
    before = snapshot(engine)
    report = csvio.import_csv(engine, "Team", b"name,colour\nx,red\n", today=TODAY)
    assert "Unknown columns: colour" in report.problem and report.saved == 0
    assert snapshot(engine) == before
