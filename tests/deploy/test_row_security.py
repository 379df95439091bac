"""Row-level security on PostgreSQL, as the non-superuser app role (superusers bypass it).

A query with no team filter at all still returns only the teams in the
kernel's scope, for team tables and their history tables alike, and a row for
another team cannot be written.
"""

from __future__ import annotations

import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from connecting_people.cli import main
from connecting_people.community import store as directory
from connecting_people.community.model import validate_resource
from connecting_people.paths import REPO_ROOT
from connecting_people.store import make_engine, row_security
from connecting_people.store.migrations import HUB_MODE_ENV

pytestmark = [pytest.mark.deploy, pytest.mark.postgres]


def entry(name: str):
    return validate_resource(
        {
            "name": name,
            "kind": "group",
            "offers": "Company",
            "area": "Town",
            "last_checked": "2026-09-01",
        },
        today=date(2026, 10, 1),
    )


@pytest.fixture
def app_url(fresh_postgres_url):
    """The database migrated by the owner, with two teams' rows, and the app role's URL."""
    owner = sa.engine.make_url(fresh_postgres_url)
    role = f"cp_app_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(owner, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'app'"))
    psql = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    subprocess.run(
        [
            str(psql),
            owner.set(drivername="postgresql").render_as_string(hide_password=False),
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-v",
            f"app_role={role}",
            "-v",
            f"owner_role={owner.username}",
            "-v",
            f"database={owner.database}",
            "-f",
            str(REPO_ROOT / "deploy" / "postgres" / "app_role.sql"),
        ],
        check=True,
    )
    assert main(["migrate", "--database-url", fresh_postgres_url]) == 0
    engine = make_engine(fresh_postgres_url)
    for team, name in [("north", "Lockside Walkers"), ("south", "Harbour Choir")]:
        added = directory.add_resource(engine, team, entry(name), user=f"{team}-worker")
        directory.edit_resource(
            engine,
            added.id,
            entry(name + " (new time)"),
            expected_version=added.version,
            user=f"{team}-worker",
        )
    engine.dispose()
    yield owner.set(username=role, password="app").render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP OWNED BY "{role}"'))
        connection.execute(sa.text(f'DROP ROLE "{role}"'))
    admin.dispose()


def names(engine, sql: str) -> list:
    with engine.connect() as connection:
        return sorted(connection.execute(sa.text(sql)).scalars())


def test_a_query_with_no_team_filter_sees_only_the_teams_in_scope(app_url):
    row_security.set_team_scope({"north"})
    engine = make_engine(app_url)
    assert names(engine, "SELECT name FROM community_resources") == ["Lockside Walkers (new time)"]
    assert names(engine, "SELECT DISTINCT team FROM community_resources") == ["north"]
    # History rows of south's entry are hidden too (2 for north: the add and the edit).
    assert names(engine, "SELECT count(*) FROM community_history") == [2]
    row_security.set_team_scope({"north", "south"})
    assert names(engine, "SELECT DISTINCT team FROM community_resources") == ["north", "south"]
    engine.dispose()


def test_a_row_for_another_team_cannot_be_written(app_url):
    row_security.set_team_scope({"south"})
    engine = make_engine(app_url)
    with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):
        directory.add_resource(engine, "north", entry("Sneaky Entry"), user="south-worker")
    with engine.begin() as connection:
        changed = connection.execute(sa.text("UPDATE community_resources SET area = 'X'"))
    assert changed.rowcount == 1  # south's own row only
    engine.dispose()


def test_in_hub_mode_a_kernel_with_no_scope_sees_nothing(app_url, monkeypatch):
    monkeypatch.setenv(HUB_MODE_ENV, "1")
    row_security.reset_team_scope()
    engine = make_engine(app_url)
    assert names(engine, "SELECT name FROM community_resources") == []
    engine.dispose()


def test_every_team_table_forces_its_policy(app_url):
    engine = make_engine(app_url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
                "WHERE relname = ANY(:tables) ORDER BY relname"
            ),
            {"tables": PROTECTED},
        ).all()
    engine.dispose()
    assert rows == [(name, True, True) for name in sorted(PROTECTED)]


PROTECTED = [*row_security.TEAM_TABLES, *row_security.CHILD_TABLES,
             *row_security.LATER_TEAM_TABLES]
