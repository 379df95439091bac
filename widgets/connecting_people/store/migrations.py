"""A small migration runner: each feature owns a numbered list of schema steps.

Why not one global list: the fidelity audit, the community directory and the
tracker change independently, so each keeps its own version sequence under its
own component name. ``migrate`` applies every pending step in order, each in
its own transaction, and records it in ``schema_migrations``; running it again
does nothing. A step is plain SQLAlchemy Core, so it runs on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    inspect,
    select,
)
from sqlalchemy.exc import DatabaseError, IntegrityError

from connecting_people.store.errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[Connection], None]


_registry: dict[str, list[Migration]] = {}

_bookkeeping = MetaData()
schema_migrations = Table(
    "schema_migrations",
    _bookkeeping,
    Column("component", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


def register_component(name: str, migrations: list[Migration]) -> None:
    """Declare a feature's schema steps. Versions must be 1, 2, 3 ... in order."""
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(migrations) + 1)):
        raise ValueError(f"Migrations for {name!r} must be numbered 1..n in order, got {versions}")
    _registry[name] = list(migrations)


def _create_bookkeeping_table(engine: Engine) -> None:
    try:
        _bookkeeping.create_all(engine)
    except DatabaseError:
        # Another process created it between our check and our CREATE: fine,
        # as long as it is there now.
        if not inspect(engine).has_table(schema_migrations.name):
            raise


def applied_versions(engine: Engine) -> dict[str, int]:
    """The newest applied version of each component."""
    _create_bookkeeping_table(engine)
    return read_applied_versions(engine)


def migrate(engine: Engine, components: list[str] | None = None) -> list[tuple[str, int]]:
    """Apply pending steps; return those applied. Safe to call from many processes."""
    done = applied_versions(engine)
    applied: list[tuple[str, int]] = []
    for name in components or sorted(_registry):
        for step in _registry[name]:
            if step.version <= done.get(name, 0):
                continue
            try:
                with engine.begin() as connection:
                    # Insert the bookkeeping row first: if another process is
                    # applying the same step, the primary key stops us here and
                    # the transaction (with its schema change) rolls back.
                    connection.execute(
                        schema_migrations.insert().values(
                            component=name,
                            version=step.version,
                            description=step.description,
                            applied_at=datetime.now(UTC),
                        )
                    )
                    step.upgrade(connection)
            except IntegrityError:
                continue
            applied.append((name, step.version))
    return applied


# --------------------------------------------- is the schema what the code expects?
# On a Trust server the dashboards connect as a role that cannot change the
# schema, so they must not migrate when they open; `connecting-people migrate`,
# run by the owner role, does. The dashboards check instead, and refuse with a
# plain message when the database is older or newer than the code.
HUB_MODE_ENV = "CONNECTING_PEOPLE_HUB"


class SchemaMismatch(StoreError):
    """The database's tables are older or newer than this version of the software."""


def in_hub_mode() -> bool:
    return os.environ.get(HUB_MODE_ENV) == "1"


def registered_versions(components: list[str] | None = None) -> dict[str, int]:
    """The newest schema step this code has for each component."""
    names = components or sorted(_registry)
    return {name: len(_registry[name]) for name in names}


def read_applied_versions(engine: Engine) -> dict[str, int]:
    """Like ``applied_versions`` but read-only: no bookkeeping table means nothing applied."""
    if not inspect(engine).has_table(schema_migrations.name):
        return {}
    with engine.connect() as connection:
        rows = connection.execute(
            select(schema_migrations.c.component, schema_migrations.c.version)
        )
        newest: dict[str, int] = {}
        for component, version in rows:
            newest[component] = max(version, newest.get(component, 0))
    return newest


def schema_problems(engine: Engine, components: list[str] | None = None) -> list[str]:
    """One sentence per component whose tables are not the version the code expects."""
    applied = read_applied_versions(engine)
    problems = []
    for name, wanted in registered_versions(components).items():
        have = applied.get(name, 0)
        if have < wanted:
            problems.append(
                f"The {name} tables are at version {have}, older than this software's "
                f"{wanted}: ask IT to run `connecting-people migrate`."
            )
        elif have > wanted:
            problems.append(
                f"The {name} tables are at version {have}, newer than this software's "
                f"{wanted}: ask IT to update the software."
            )
    return problems


def open_schema(engine: Engine, components: list[str]) -> None:
    """What a dashboard does when it opens: migrate on one computer, check on a Trust server."""
    if not in_hub_mode():
        migrate(engine, components)
        return
    problems = schema_problems(engine, components)
    if problems:
        raise SchemaMismatch(" ".join(problems))
