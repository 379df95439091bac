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

from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.store import access_log, versioned
from connecting_people.store import common as shared
from connecting_people.store.acting import acting_user
from connecting_people.store.errors import StoreConflict
from connecting_people.tracker.model import STEP_ORDER, PersonRecord, StoredPerson

COMPONENT = "tracker"
metadata = sa.MetaData()

people = shared.team_table(
    "tracker_people",
    metadata,
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

history = shared.history_table("tracker_history", metadata, "person_id", "tracker_people")
_HISTORY = (history, "person_id")

shared.register_with_history(
    COMPONENT, "caseload steps and their history", metadata, people, history
)


def open_store(engine: Engine) -> Engine:
    access_log.open_log(engine)
    return shared.open_component(engine, COMPONENT)


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


def _duplicate(identifier: str) -> ValidationError:
    return ValidationError(
        [FieldError("Identifier", f"{identifier} is already on the tracker for this team")]
    )


def add_people(
    engine: Engine, team: str, records: Sequence[PersonRecord], *, user: str | None = None,
    now: datetime | None = None,
) -> list[StoredPerson]:
    """Add people in one transaction: all are saved or, on any duplicate, none is."""
    added = shared.add_team_rows(
        engine, people, team, [_values(record) for record in records], user=user, now=now,
        history=_HISTORY, what="The new records",
        duplicate=lambda _connection, row: _duplicate(row["identifier"]),
    )
    return [_row_to_stored(row) for row in added]


def add_person(engine: Engine, team: str, record: PersonRecord, **kwargs) -> StoredPerson:
    return add_people(engine, team, [record], **kwargs)[0]


def get_person(engine: Engine, person_id: int, *, user: str | None = None,
               what: str = "one tracker record") -> StoredPerson:
    """One person's record (the read goes into the access log)."""
    rows = access_log.read_person_rows(engine, sa.select(people).where(people.c.id == person_id),
                                       tool=COMPONENT, what=what, user=user)
    if not rows:
        raise StoreConflict(f"Record {person_id} is not on the tracker.")
    return _row_to_stored(rows[0])


def list_people(engine: Engine, team: str | None = None, *, user: str | None = None,
                what: str = "the tracker list") -> list[StoredPerson]:
    """Everyone on the tracker (one team's, or every team's), in identifier order.

    Every person returned is a read of their record, so each goes into the access log.
    """
    query = sa.select(people).order_by(people.c.team, people.c.identifier)
    if team is not None:
        query = query.where(people.c.team == team)
    rows = access_log.read_person_rows(engine, query, tool=COMPONENT, what=what, user=user)
    return [_row_to_stored(row) for row in rows]


def teams(engine: Engine) -> list[str]:
    return shared.team_names(engine, people)


def update_person(
    engine: Engine,
    person_id: int,
    record: PersonRecord,
    *,
    expected_version: int,
    user: str | None = None,
    now: datetime | None = None,
) -> StoredPerson:
    """Replace a person's record; ``StoreConflict`` if it changed since ``expected_version``."""
    user = acting_user(user)
    now = now or datetime.now(UTC)

    def work() -> None:
        with engine.begin() as connection:
            versioned.update_versioned(
                connection, people, person_id, expected_version=expected_version,
                values={"updated_at": now, **_values(record)}, user=user, now=now,
                what=f"The record for {record.identifier}", history=_HISTORY,
                duplicate=lambda _connection: _duplicate(record.identifier),
            )

    versioned.retry_when_locked(work, what="Your change")
    return get_person(engine, person_id, user=user, what="the record just saved")


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
