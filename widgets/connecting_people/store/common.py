"""Table pieces the team tools' stores all repeat: team names, first migrations, history rows.

The directory, the tracker, the outcomes review and the capacity planner each
own their tables, but they agree on how a team is named, how their first
schema step is registered, and (for the tools that keep history) how a
snapshot of a changed row is written. Keeping those here means the rules stay
the same in every tool.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from connecting_people.common.fields import clean_text
from connecting_people.store.migrations import Migration, migrate, register_component

TEAM_MAX_LENGTH = 80


def key_and_team_columns() -> tuple[sa.Column, sa.Column]:
    """The first two columns of every team tool's main table (fresh objects for each table)."""
    return (
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team", sa.String(TEAM_MAX_LENGTH), nullable=False),
    )


def clean_team(team: str) -> str:
    """A team name as every tool stores it: trimmed, required, at most 80 characters."""
    return clean_text(team, "Team", max_length=TEAM_MAX_LENGTH, required=True)


def register_tables(
    component: str, description: str, metadata: sa.MetaData, tables: list[sa.Table]
) -> None:
    """Register a tool whose only schema step so far creates its tables."""

    def create_v1(connection: sa.Connection) -> None:
        metadata.create_all(connection, tables=tables)

    register_component(component, [Migration(1, description, create_v1)])


def open_component(engine: Engine, component: str) -> Engine:
    """Make sure a tool's tables exist (safe to call every time a dashboard opens)."""
    migrate(engine, [component])
    return engine


def history_table(name: str, metadata: sa.MetaData, owner_key: str, owner: str) -> sa.Table:
    """A table of JSON snapshots, one per change to a row of ``owner``."""
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(owner_key, sa.Integer, sa.ForeignKey(f"{owner}.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
    )


def write_snapshot(
    connection: sa.Connection,
    table: sa.Table,
    history: sa.Table,
    owner_key: str,
    row_id: int,
    action: str,
    now: datetime,
) -> None:
    """Copy a row, as it is now, into its history table (dates as ISO text)."""
    row = connection.execute(sa.select(table).where(table.c.id == row_id)).one()
    data = {
        key: (value.isoformat() if isinstance(value, date | datetime) else value)
        for key, value in row._mapping.items()
    }
    connection.execute(
        history.insert().values(
            **{owner_key: row_id},
            version=row.version,
            action=action,
            changed_at=now,
            snapshot=json.dumps(data, sort_keys=True),
        )
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
