"""Table pieces the team tools' stores all repeat: team names, schema steps, history tables.

The directory, the tracker, the outcomes review and the capacity planner each
own their tables, but they agree on how a team is named, how their first
schema steps are registered, and (for the tools that keep history) what a
history table holds. How rows are written is in ``versioned``. Keeping those
here means the rules stay the same in every tool.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.schema import CreateColumn

from connecting_people.common.fields import clean_text
from connecting_people.store.acting import acting_user
from connecting_people.store.migrations import Migration, open_schema, register_component
from connecting_people.store.versioned import changed_columns, insert_many, retry_when_locked

TEAM_MAX_LENGTH = 80


def key_and_team_columns() -> tuple[sa.Column, sa.Column]:
    """The first two columns of every team tool's main table (fresh objects for each table)."""
    return (
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team", sa.String(TEAM_MAX_LENGTH), nullable=False),
    )


def team_table(name: str, metadata: sa.MetaData, *parts: sa.SchemaItem) -> sa.Table:
    """A team tool's main table: id and team first, then ``parts``, then who changed it when."""
    return sa.Table(name, metadata, *key_and_team_columns(), *parts, *changed_columns())


def clean_team(team: str) -> str:
    """A team name as every tool stores it: trimmed, required, at most 80 characters."""
    return clean_text(team, "Team", max_length=TEAM_MAX_LENGTH, required=True)


def add_missing_columns(connection: sa.Connection, table: sa.Table, names: list[str]) -> None:
    """Add ``table``'s columns ``names`` where the database lacks them (a schema step).

    A database made before the step lacks them; one made after has them from
    its first step (which creates the tables as they are now), so the step
    checks instead of assuming.
    """
    present = {c["name"] for c in sa.inspect(connection).get_columns(table.name)}
    for name in names:
        if name in present:
            continue
        column = CreateColumn(table.c[name]).compile(dialect=connection.dialect)
        connection.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {column}"))


def register_tables(
    component: str,
    description: str,
    metadata: sa.MetaData,
    tables: list[sa.Table],
    later: list[Migration] = (),
) -> None:
    """Register a tool whose first schema step creates its tables, then its ``later`` steps."""

    def create_v1(connection: sa.Connection) -> None:
        metadata.create_all(connection, tables=tables)

    register_component(component, [Migration(1, description, create_v1), *later])


def register_with_history(
    component: str, description: str, metadata: sa.MetaData, table: sa.Table, history: sa.Table
) -> None:
    """Register a tool with a main table and its history: create both, then record who changed."""
    both = [table, history]
    register_tables(component, description, metadata, both,
                    later=[record_who_changed(both, since="updated_at")])


def saved_document_columns() -> list[sa.Column]:
    """The block the capacity plans and the outcomes pairs share: a JSON document, when saved.

    Both keep what was saved as a versioned JSON document that is never edited
    in place (a new plan or pair is a new row); fresh objects for each table.
    """
    return [
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    ]


def register_saved_documents(component: str, description: str, metadata: sa.MetaData,
                             table: sa.Table) -> None:
    """Register a tool whose table holds saved documents: create it, then record who saved."""
    register_tables(component, description, metadata, [table],
                    later=[record_who_changed([table], since="saved_at")])


def record_who_changed(tables: list[sa.Table], since: str) -> Migration:
    """Schema step 2 of each team tool: ``changed_by`` and ``changed_at`` on every table.

    Rows saved before the step keep an empty ``changed_by`` (nobody was
    recorded) and take ``changed_at`` from the column named ``since``.
    """

    def upgrade(connection: sa.Connection) -> None:
        for table in tables:
            add_missing_columns(connection, table, ["changed_by", "changed_at"])
            if since in table.c:
                connection.execute(
                    table.update()
                    .where(table.c.changed_at.is_(None))
                    .values(changed_at=table.c[since])
                )

    return Migration(2, "record who made each change and when", upgrade)


def open_component(engine: Engine, component: str) -> Engine:
    """Make sure a tool's tables exist (safe to call every time a dashboard opens).

    On a Trust server (Hub mode) this checks the tables instead of changing them.
    """
    open_schema(engine, [component])
    return engine


def history_table(name: str, metadata: sa.MetaData, owner_key: str, owner: str) -> sa.Table:
    """A table of JSON snapshots, one per change to a row of ``owner``, with who made it."""
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(owner_key, sa.Integer, sa.ForeignKey(f"{owner}.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False, server_default=""),
    )


def team_names(engine: Engine, table: sa.Table) -> list[str]:
    """Every team with a row in ``table``, in name order (for the team box)."""
    with engine.connect() as connection:
        return list(
            connection.execute(sa.select(table.c.team).distinct().order_by(table.c.team)).scalars()
        )


def rows_by_id(engine: Engine, table: sa.Table, ids: list[int]) -> list[sa.Row]:
    """The rows with these ids, in id order, in one query (imports add thousands at once)."""
    with engine.connect() as connection:
        return connection.execute(
            sa.select(table).where(table.c.id.in_(ids)).order_by(table.c.id)
        ).all()


def team_rows(engine: Engine, table: sa.Table, team: str, order_by: sa.Column) -> list[sa.Row]:
    """One team's rows of ``table`` in the given order."""
    with engine.connect() as connection:
        return connection.execute(
            sa.select(table).where(table.c.team == team).order_by(order_by)
        ).all()


def add_team_rows(
    engine: Engine, table: sa.Table, team: str, rows: Sequence[dict], *, user: str | None,
    now: datetime | None, duplicate: Callable[[sa.Connection, dict], Exception],
    history: tuple[sa.Table, str] | None, what: str,
) -> list[sa.Row]:
    """Add a team's new rows (version 1) in one transaction, all or none; read them back."""
    team, user, now = clean_team(team), acting_user(user), now or datetime.now(UTC)
    full = [{"team": team, "version": 1, "created_at": now, "updated_at": now, **row}
            for row in rows]

    def work() -> list[int]:
        with engine.begin() as connection:
            return insert_many(connection, table, full, user=user, now=now, history=history,
                               duplicate=lambda row: duplicate(connection, row))

    return rows_by_id(engine, table, retry_when_locked(work, what=what))
