"""The shared write pattern: the version in the WHERE clause, history only for changes that took
effect, and a locked SQLite database retried a bounded number of times, then reported unsaved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from connecting_people.store import StoreBusy, StoreConflict
from connecting_people.store.common import history_table, team_table
from connecting_people.store.versioned import retry_when_locked, update_versioned

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
metadata = sa.MetaData()
things = team_table("things", metadata, sa.Column("name", sa.Text, nullable=False),
                    sa.Column("version", sa.Integer, nullable=False))
changes = history_table("thing_history", metadata, "thing_id", "things")


@pytest.fixture
def engine(fresh_engine):
    metadata.create_all(fresh_engine)
    with fresh_engine.begin() as connection:
        connection.execute(things.insert().values(team="T", name="a", version=1))
    return fresh_engine


def edit(engine, expected: int, name: str) -> int:
    with engine.begin() as connection:
        return update_versioned(connection, things, 1, expected_version=expected,
                                values={"name": name}, user="local:sam", now=WHEN,
                                what="The thing", history=(changes, "thing_id"))


def test_a_stale_version_changes_nothing_and_writes_no_history(engine):
    assert edit(engine, 1, "b") == 2
    with pytest.raises(StoreConflict):
        edit(engine, 1, "c")
    with engine.connect() as connection:
        assert connection.execute(sa.select(things.c.name, things.c.version)).one() == ("b", 2)
        rows = connection.execute(sa.select(changes.c.version, changes.c.changed_by)).all()
    assert [tuple(r) for r in rows] == [(2, "local:sam")]


def test_a_locked_database_is_retried_then_reported_as_not_saved():
    calls = []

    def locked():
        calls.append(1)
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    with pytest.raises(StoreBusy) as busy:
        retry_when_locked(locked, what="Your change", attempts=3)
    assert len(calls) == 3
    assert str(busy.value) == ("Your change was not saved: the database is busy with other "
                               "saves. Try again in a moment; what you typed is still in the form.")


def test_a_lock_that_clears_is_saved_once():
    calls = []

    def locked_once():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        return "saved"

    assert retry_when_locked(locked_once, what="Your change") == "saved"
    assert len(calls) == 2
