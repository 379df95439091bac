"""The access log: who read which person's records, when, in which team and tool.

UK GDPR asks a Trust to be able to show who has seen a person's records
(accountability, and the security of processing). The tracker and the
outcomes review read person-level rows only through ``read_person_rows``,
which writes one log row per person read in the same transaction as the read,
so a read that is shown is always logged. Only the pseudonym is kept, never
the record itself. The information governance lead (or an admin) exports the
log with ``connecting-people access-log --since DATE``; ``access.decide``
says who may.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from sqlalchemy import Engine

from connecting_people import access
from connecting_people.common import csvtools
from connecting_people.store import common as shared
from connecting_people.store.acting import USER_MAX_LENGTH, acting_user, session_user
from connecting_people.store.errors import AccessRefused

COMPONENT = "access_log"
CSV_COLUMNS = ["read_at", "user", "team", "tool", "pseudonym", "what"]
metadata = sa.MetaData()

entries = sa.Table(
    "access_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("read_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("user_name", sa.String(USER_MAX_LENGTH), nullable=False),
    sa.Column("team", sa.String(shared.TEAM_MAX_LENGTH), nullable=False),
    sa.Column("tool", sa.String(20), nullable=False),
    sa.Column("pseudonym", sa.String(16), nullable=False),
    sa.Column("what", sa.String(200), nullable=False),
)

shared.register_tables(COMPONENT, "the access log of person-level reads", metadata, [entries])


def open_log(engine: Engine) -> Engine:
    return shared.open_component(engine, COMPONENT)


def record_reads(
    connection: sa.Connection, reads: Iterable[tuple[str, str]], *, tool: str, what: str,
    user: str | None = None, now: datetime | None = None,
) -> int:
    """Log each (team, pseudonym) read, in the caller's transaction; return how many."""
    who = acting_user(user) if user else session_user()
    when = now or datetime.now(UTC)
    rows = [
        {"read_at": when, "user_name": who, "team": team, "tool": tool, "pseudonym": pseudonym,
         "what": what[:200]}
        for team, pseudonym in reads
    ]
    if rows:
        connection.execute(entries.insert(), rows)
    return len(rows)


def read_person_rows(
    engine: Engine, query: sa.Select, *, tool: str, what: str, user: str | None = None,
) -> list[sa.Row]:
    """Run ``query`` (rows with ``team`` and ``identifier``) and log every person it returns."""
    with engine.begin() as connection:
        rows = connection.execute(query).all()
        record_reads(connection, ((row.team, row.identifier) for row in rows),
                     tool=tool, what=what, user=user)
    return rows


def entries_since(engine: Engine, since: date, *, user: access.User) -> list[dict]:
    """Every log row from the start of ``since`` (UTC), oldest first; IG lead or admin only."""
    decision = access.decide(user, access.Action.READ_ACCESS_LOG)
    if not decision.allowed:
        raise AccessRefused(decision.reason)
    if not sa.inspect(engine).has_table(entries.name):
        return []
    start = datetime.combine(since, time(0), tzinfo=UTC)
    query = sa.select(entries).where(entries.c.read_at >= start).order_by(entries.c.id)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        {"read_at": _utc(row.read_at).isoformat(timespec="seconds"), "user": row.user_name,
         "team": row.team, "tool": row.tool, "pseudonym": row.pseudonym, "what": row.what}
        for row in rows
    ]


def _utc(moment: datetime) -> datetime:
    # SQLite hands back times without a zone; they were written in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def as_csv(rows: list[dict]) -> str:
    """The export as a CSV document, every cell safe to open in a spreadsheet."""
    return csvtools.write_csv(CSV_COLUMNS, rows)
