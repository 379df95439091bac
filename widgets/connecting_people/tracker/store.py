"""The tracker's tables and the only functions that change them.

One row per person per team, keyed by the pseudonymised identifier (unique
within a team, so the same code cannot be entered twice). Every change writes
a snapshot to ``tracker_history``; edits carry the version they started from,
so two workers updating the same person cannot overwrite each other. A record
entered in error (for example a real name that slipped past the checks) can be
removed, with its history, because keeping it would keep the mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.store.common import (
    clean_team,
    history_table,
    key_and_team_columns,
    open_component,
    register_tables,
    rows_by_id,
    team_names,
    write_snapshot,
)
from connecting_people.tracker.model import STEP_ORDER, PersonRecord, StoredPerson

COMPONENT = "tracker"
metadata = sa.MetaData()

people = sa.Table(
    "tracker_people",
    metadata,
    *key_and_team_columns(),
    sa.Column("identifier", sa.String(16), nullable=False),
    sa.Column("worker", sa.String(20), nullable=False),
    sa.Column("on_caseload_from", sa.Date, nullable=False),
    sa.Column("left_on", sa.Date, nullable=True),
    *[sa.Column(step, sa.Date, nullable=True) for step in STEP_ORDER],
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("team", "identifier", name="uq_tracker_team_identifier"),
)

history = history_table("tracker_history", metadata, "person_id", "tracker_people")

register_tables(COMPONENT, "caseload steps and their history", metadata, [people, history])


class StoreConflict(Exception):
    """The record changed or vanished since it was opened; nothing was saved."""


def open_store(engine: Engine) -> Engine:
    return open_component(engine, COMPONENT)


def _values(record: PersonRecord) -> dict:
    values = {
        "identifier": record.identifier,
        "worker": record.worker,
        "on_caseload_from": record.on_caseload_from,
        "left_on": record.left_on,
    }
    values.update({step: record.step(step) for step in STEP_ORDER})
    return values


def _row_to_stored(row) -> StoredPerson:
    m = row._mapping
    record = PersonRecord(
        identifier=m["identifier"],
        worker=m["worker"],
        on_caseload_from=m["on_caseload_from"],
        left_on=m["left_on"],
        steps={step: m[step] for step in STEP_ORDER},
    )
    return StoredPerson(id=m["id"], team=m["team"], record=record, version=m["version"])


def _snapshot(connection: sa.Connection, person_id: int, action: str, now: datetime) -> None:
    write_snapshot(connection, people, history, "person_id", person_id, action, now)


def _duplicate(identifier: str) -> ValidationError:
    return ValidationError(
        [FieldError("Identifier", f"{identifier} is already on the tracker for this team")]
    )


def add_people(
    engine: Engine, team: str, records: Sequence[PersonRecord], *, now: datetime | None = None
) -> list[StoredPerson]:
    """Add people in one transaction: all are saved or, on any duplicate, none is."""
    team = clean_team(team)
    now = now or datetime.now(UTC)
    ids = []
    with engine.begin() as connection:
        for record in records:
            try:
                with connection.begin_nested():
                    new_id = connection.execute(
                        people.insert().values(
                            team=team, version=1, created_at=now, updated_at=now, **_values(record)
                        )
                    ).inserted_primary_key[0]
            except IntegrityError:
                # Raising here rolls back every person added so far in this call.
                raise _duplicate(record.identifier) from None
            _snapshot(connection, new_id, "added", now)
            ids.append(new_id)
    return [_row_to_stored(row) for row in rows_by_id(engine, people, ids)]


def add_person(engine: Engine, team: str, record: PersonRecord, **kwargs) -> StoredPerson:
    return add_people(engine, team, [record], **kwargs)[0]


def get_person(engine: Engine, person_id: int) -> StoredPerson:
    with engine.connect() as connection:
        row = connection.execute(sa.select(people).where(people.c.id == person_id)).one_or_none()
    if row is None:
        raise StoreConflict(f"Record {person_id} is not on the tracker.")
    return _row_to_stored(row)


def list_people(engine: Engine, team: str | None = None) -> list[StoredPerson]:
    """Everyone on the tracker (one team's, or every team's), in identifier order."""
    query = sa.select(people).order_by(people.c.team, people.c.identifier)
    if team is not None:
        query = query.where(people.c.team == team)
    with engine.connect() as connection:
        return [_row_to_stored(row) for row in connection.execute(query)]


def teams(engine: Engine) -> list[str]:
    return team_names(engine, people)


def update_person(
    engine: Engine,
    person_id: int,
    record: PersonRecord,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> StoredPerson:
    """Replace a person's record; ``StoreConflict`` if it changed since ``expected_version``."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        current = connection.execute(
            sa.select(people.c.version).where(people.c.id == person_id)
        ).scalar()
        if current is None:
            raise StoreConflict(f"Record {person_id} is not on the tracker.")
        if current != expected_version:
            raise StoreConflict(
                "Someone changed this record after you opened it. Your change was not saved: "
                "open it again to see the latest dates."
            )
        try:
            with connection.begin_nested():
                connection.execute(
                    people.update()
                    .where(people.c.id == person_id)
                    .values(version=expected_version + 1, updated_at=now, **_values(record))
                )
        except IntegrityError:
            raise _duplicate(record.identifier) from None
        _snapshot(connection, person_id, "edited", now)
    return get_person(engine, person_id)


def remove_person(engine: Engine, person_id: int, *, confirm_identifier: str) -> None:
    """Remove a record entered in error, with its history; the identifier must be retyped."""
    with engine.begin() as connection:
        identifier = connection.execute(
            sa.select(people.c.identifier).where(people.c.id == person_id)
        ).scalar()
        if identifier is None:
            raise StoreConflict(f"Record {person_id} is not on the tracker.")
        if confirm_identifier.strip().upper() != identifier:
            raise ValidationError(
                [FieldError("Confirm", f"type {identifier} to confirm that it should be removed")]
            )
        connection.execute(history.delete().where(history.c.person_id == person_id))
        connection.execute(people.delete().where(people.c.id == person_id))


def history_of(engine: Engine, person_id: int) -> list[tuple[int, str, datetime]]:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(history.c.version, history.c.action, history.c.changed_at)
            .where(history.c.person_id == person_id)
            .order_by(history.c.id)
        ).all()
    return [tuple(row) for row in rows]
