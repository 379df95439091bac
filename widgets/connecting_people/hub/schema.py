"""``connecting-people migrate`` and ``check``: the database commands IT runs on a Trust server.

On a Trust server the dashboards connect as an app role that cannot change the
schema, and refuse to open when the tables are not the version the code
expects (``store.migrations.open_schema``). IT runs ``migrate`` as the owner
role after installing or updating the software, and ``check`` from a health
probe or by hand: it exits non-zero with the reason when the database cannot
be reached or its tables are out of step.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import sqlalchemy as sa

from connecting_people.store import make_engine, row_security
from connecting_people.store import migrations as store_migrations

# Every feature's store module registers its schema steps when imported.
FEATURE_STORES = [
    "connecting_people.capacity.store",
    "connecting_people.community.store",
    "connecting_people.fidelity.store",
    "connecting_people.outcomes.store",
    "connecting_people.store.access_log",
    "connecting_people.store.teams",
    "connecting_people.tracker.store",
]


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str


def load_components() -> list[str]:
    """Every component, in the order to migrate: each tool's tables, then the policies on them."""
    for module in FEATURE_STORES:
        importlib.import_module(module)
    tools = sorted(set(store_migrations.registered_versions()) - {row_security.COMPONENT})
    return [*tools, row_security.COMPONENT]


def _shown(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def migrate_database(url: str | None) -> list[str]:
    """Create or upgrade every feature's tables; one line per step applied."""
    components = load_components()
    # The owner changes every team's rows (a schema step may fill a new column).
    row_security.set_team_scope(None)
    engine = make_engine(url)
    try:
        applied = store_migrations.migrate(engine, components)
    finally:
        engine.dispose()
    return [f"{component}: applied schema step {version}" for component, version in applied]


def check_database(url: str | None) -> CheckResult:
    """Can the database be reached, and are its tables the version this code expects?"""
    components = load_components()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        problems = store_migrations.schema_problems(engine, components)
    except sa.exc.SQLAlchemyError as error:
        reason = str(error.orig if getattr(error, "orig", None) else error).strip().splitlines()[0]
        return CheckResult(False, f"Cannot use the database at {_shown(engine)}: {reason}")
    finally:
        engine.dispose()
    if problems:
        return CheckResult(False, " ".join(problems))
    versions = store_migrations.registered_versions(components)
    summary = ", ".join(f"{name} {version}" for name, version in versions.items())
    return CheckResult(
        True, f"The database at {_shown(engine)} is reachable and up to date ({summary})."
    )


def app_role_grants(app_role: str, owner_role: str, database: str) -> list[str]:
    """SQL letting ``app_role`` read and write the tables ``owner_role`` creates, and no more.

    Run as the owner (or a superuser) once, before the first ``migrate``. The
    default privileges make tables that later migrations create usable too.
    """
    for name in (app_role, owner_role, database):
        if not name.replace("_", "").isalnum():
            raise ValueError(f"{name!r}: use letters, digits and underscores only")
    return [
        f'GRANT CONNECT ON DATABASE "{database}" TO "{app_role}"',
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f'GRANT USAGE ON SCHEMA public TO "{app_role}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{app_role}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{app_role}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner_role}" IN SCHEMA public '
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{app_role}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner_role}" IN SCHEMA public '
        f'GRANT USAGE, SELECT ON SEQUENCES TO "{app_role}"',
    ]
