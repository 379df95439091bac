"""The directory's tables and the only functions that change them.

Entries are retired, not deleted: retiring one keeps it (and its history) so a
team can see what used to be on offer and why it was taken off. Only an admin
deletes an entry for good (``delete_resource``), for example one holding a
person's details by mistake; a row in ``community_deletions`` records who did
it, when and why. Every change writes
a snapshot to ``community_history``. Edits carry the version the person
started from, so two people editing one entry cannot silently overwrite each
other. A partial unique index stops two active entries with the same name in
the same area, even when two saves race.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from connecting_people.common.fields import FieldError, ValidationError, clean_text
from connecting_people.community.model import FIELD_ORDER, Resource, StoredResource
from connecting_people.community.rules import duplicate_key
from connecting_people.store import common as shared
from connecting_people.store import versioned
from connecting_people.store.acting import acting_user
from connecting_people.store.errors import StoreConflict
from connecting_people.store.migrations import Migration

COMPONENT = "community"
metadata = sa.MetaData()

resources = shared.team_table(
    "community_resources",
    metadata,
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("offers", sa.Text, nullable=False),
    sa.Column("suits", sa.Text, nullable=False, default=""),
    sa.Column("area", sa.String(80), nullable=False),
    sa.Column("access", sa.Text, nullable=False, default=""),
    sa.Column("cost", sa.String(80), nullable=False, default=""),
    sa.Column("contact", sa.String(200), nullable=False, default=""),
    sa.Column("last_checked", sa.Date, nullable=False),
    sa.Column("notes", sa.Text, nullable=False, default=""),
    sa.Column("status", sa.String(10), nullable=False, default="active"),
    sa.Column("retired_on", sa.Date, nullable=True),
    sa.Column("retired_reason", sa.Text, nullable=False, default=""),
    sa.Column("dup_key", sa.String(210), nullable=False),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('active', 'retired')", name="ck_community_status"),
)
sa.Index(
    "uq_community_active_name_area",
    resources.c.team,
    resources.c.dup_key,
    unique=True,
    sqlite_where=resources.c.status == "active",
    postgresql_where=resources.c.status == "active",
)

history = shared.history_table("community_history", metadata, "resource_id", "community_resources")
_HISTORY = (history, "resource_id")

# An admin's deletion for good removes the entry and its history; this row is what is left:
# which entry, who deleted it, when and why (never its details).
deletions = sa.Table(
    "community_deletions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("team", sa.String(shared.TEAM_MAX_LENGTH), nullable=False),
    sa.Column("resource_id", sa.Integer, nullable=False),
    sa.Column("deleted_by", sa.String(200), nullable=False),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)


def _create_deletions(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=[deletions])


shared.register_tables(
    COMPONENT, "directory entries and their history", metadata, [resources, history],
    later=[shared.record_who_changed([resources, history], since="updated_at"),
           Migration(3, "a record of entries an admin deleted for good", _create_deletions)],
)

# The columns that hold a Resource's fields, in the model's order.
_FIELDS = FIELD_ORDER


@dataclass(frozen=True)
class HistoryItem:
    version: int
    action: str
    changed_at: datetime
    snapshot: dict
    changed_by: str = ""


def open_store(engine: Engine) -> Engine:
    """Make sure the directory's tables exist (safe to call every time a dashboard opens)."""
    return shared.open_component(engine, COMPONENT)


def _row_to_stored(row) -> StoredResource:
    resource = Resource(**{f: row._mapping[f] for f in _FIELDS})
    return StoredResource(
        id=row.id,
        team=row.team,
        resource=resource,
        status=row.status,
        version=row.version,
        retired_on=row.retired_on,
        retired_reason=row.retired_reason or "",
    )


def _duplicate_message(connection: sa.Connection, team: str, resource: Resource) -> FieldError:
    key = "|".join(duplicate_key(resource.name, resource.area))
    existing = connection.execute(
        sa.select(resources.c.id).where(
            resources.c.team == team, resources.c.dup_key == key, resources.c.status == "active"
        )
    ).scalar()
    where = f" (entry {existing})" if existing else ""
    return FieldError(
        "Name", f"{resource.name!r} in {resource.area!r} is already in the directory{where}"
    )


def _values(resource: Resource) -> dict:
    values = {f: getattr(resource, f) for f in _FIELDS}
    values["dup_key"] = "|".join(duplicate_key(resource.name, resource.area))
    return values


def add_resources(
    engine: Engine, team: str, items: Sequence[Resource], *, user: str | None = None,
    now: datetime | None = None,
) -> list[StoredResource]:
    """Add entries in one transaction: all are saved, or (on any duplicate) none is."""
    rows = [{"status": "active", "retired_reason": "", **_values(r)} for r in items]
    added = shared.add_team_rows(
        engine, resources, team, rows, user=user, now=now, history=_HISTORY,
        what="The new entries",
        duplicate=lambda connection, row: ValidationError(
            [_duplicate_message(connection, row["team"], _resource_of(row))]
        ),
    )
    return [_row_to_stored(row) for row in added]


def _resource_of(row: dict) -> Resource:
    return Resource(**{f: row[f] for f in _FIELDS})


def add_resource(engine: Engine, team: str, resource: Resource, **kwargs) -> StoredResource:
    return add_resources(engine, team, [resource], **kwargs)[0]


def get_resource(engine: Engine, resource_id: int) -> StoredResource:
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(resources).where(resources.c.id == resource_id)
        ).one_or_none()
    if row is None:
        raise StoreConflict(f"Entry {resource_id} is not in the directory.")
    return _row_to_stored(row)


def list_resources(engine: Engine, team: str) -> list[StoredResource]:
    """Every entry the team has, active and retired, oldest first."""
    rows = shared.team_rows(engine, resources, team, resources.c.id)
    return [_row_to_stored(row) for row in rows]


def teams(engine: Engine) -> list[str]:
    return shared.team_names(engine, resources)


def _change(
    engine: Engine,
    resource_id: int,
    expected_version: int,
    values: dict,
    action: str,
    user: str | None,
    now: datetime | None,
) -> StoredResource:
    user = acting_user(user)
    now = now or datetime.now(UTC)

    def duplicate(connection: sa.Connection) -> ValidationError:
        row = connection.execute(sa.select(resources).where(resources.c.id == resource_id)).one()
        resource = _row_to_stored(row).resource
        name = values.get("name", resource.name)
        area = values.get("area", resource.area)
        message = f"{name!r} in {area!r} is already an active entry in the directory"
        return ValidationError([FieldError("Name", message)])

    def work() -> None:
        with engine.begin() as connection:
            versioned.update_versioned(
                connection, resources, resource_id, expected_version=expected_version,
                values={"updated_at": now, **values}, user=user, now=now,
                what=f"Entry {resource_id}", history=_HISTORY, action=action,
                duplicate=duplicate,
            )

    versioned.retry_when_locked(work, what="Your change")
    return get_resource(engine, resource_id)


def edit_resource(
    engine: Engine,
    resource_id: int,
    resource: Resource,
    *,
    expected_version: int,
    user: str | None = None,
    now: datetime | None = None,
) -> StoredResource:
    """Replace an entry's details; ``StoreConflict`` if it changed since ``expected_version``."""
    return _change(engine, resource_id, expected_version, _values(resource), "edited", user, now)


def retire_resource(
    engine: Engine,
    resource_id: int,
    *,
    reason: str,
    today: date,
    expected_version: int,
    user: str | None = None,
    now: datetime | None = None,
) -> StoredResource:
    """Take an entry off the active list, keeping it and saying why."""
    reason = clean_text(reason, "Reason for retiring", max_length=300, required=True)
    values = {"status": "retired", "retired_on": today, "retired_reason": reason}
    return _change(engine, resource_id, expected_version, values, "retired", user, now)


def restore_resource(
    engine: Engine,
    resource_id: int,
    *,
    expected_version: int,
    user: str | None = None,
    now: datetime | None = None,
) -> StoredResource:
    """Put a retired entry back on the active list (if no active entry now has its name)."""
    values = {"status": "active", "retired_on": None, "retired_reason": ""}
    return _change(engine, resource_id, expected_version, values, "restored", user, now)


def entry_history(engine: Engine, resource_id: int) -> list[HistoryItem]:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(history).where(history.c.resource_id == resource_id).order_by(history.c.id)
        ).all()
    return [
        HistoryItem(r.version, r.action, r.changed_at, json.loads(r.snapshot), r.changed_by)
        for r in rows
    ]


@dataclass(frozen=True)
class Deletion:
    resource_id: int
    team: str
    deleted_by: str
    deleted_at: datetime
    reason: str


def delete_resource(
    engine: Engine, resource_id: int, *, confirm_name: str, reason: str,
    user: str | None = None, now: datetime | None = None,
) -> Deletion:
    """Delete an entry and its history for good (the caller has checked the person is admin).

    ``confirm_name`` must repeat the entry's name; the deletion itself is recorded.
    """
    reason = clean_text(reason, "Reason for deleting", max_length=300, required=True)
    user, now = acting_user(user), now or datetime.now(UTC)
    with engine.begin() as connection:
        row = connection.execute(
            sa.select(resources.c.team, resources.c.name).where(resources.c.id == resource_id)
        ).one_or_none()
        if row is None:
            raise StoreConflict(f"Entry {resource_id} is not in the directory.")
        if confirm_name.strip().casefold() != row.name.strip().casefold():
            raise ValidationError(
                [FieldError("Confirm", f"type {row.name!r} to confirm that it should be deleted")]
            )
        connection.execute(history.delete().where(history.c.resource_id == resource_id))
        connection.execute(resources.delete().where(resources.c.id == resource_id))
        connection.execute(deletions.insert().values(
            team=row.team, resource_id=resource_id, deleted_by=user, deleted_at=now,
            reason=reason))
    return Deletion(resource_id, row.team, user, now, reason)


def deletions_of(engine: Engine, team: str) -> list[Deletion]:
    """The team's entries deleted for good, oldest first (who, when, why)."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(deletions).where(deletions.c.team == team).order_by(deletions.c.id)
        ).all()
    return [Deletion(r.resource_id, r.team, r.deleted_by, r.deleted_at, r.reason) for r in rows]
