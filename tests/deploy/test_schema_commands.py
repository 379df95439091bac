"""``connecting-people migrate`` and ``check``, and dashboards that refuse on a Trust server.

Run in-process through the CLI's ``main`` on SQLite and, where CI's server is
configured, on PostgreSQL, including as an app role with no schema rights.
"""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from connecting_people.cli import main
from connecting_people.hub.schema import app_role_grants, load_components
from connecting_people.paths import REPO_ROOT
from connecting_people.store import make_engine
from connecting_people.store.common import open_component
from connecting_people.store.migrations import HUB_MODE_ENV, SchemaMismatch, schema_migrations

pytestmark = pytest.mark.deploy

APP_ROLE_SQL = REPO_ROOT / "deploy" / "postgres" / "app_role.sql"


def test_the_app_role_sql_file_is_the_code_s_list_of_grants():
    names = {"app_role": "cp_app", "owner_role": "cp_owner", "database": "cp"}
    statements = [
        re.sub(r':"(\w+)"', lambda match: f'"{names[match.group(1)]}"', line.rstrip(";"))
        for line in APP_ROLE_SQL.read_text().splitlines()
        if line and not line.startswith("--")
    ]
    assert statements == app_role_grants("cp_app", "cp_owner", "cp")


def test_check_refuses_an_empty_database_then_migrate_makes_it_pass(database_url, capsys):
    assert main(["check", "--database-url", database_url]) == 1
    refused = capsys.readouterr().err
    assert "The community tables are at version 0, older than this software's 3" in refused
    assert "ask IT to run `connecting-people migrate`." in refused

    assert main(["migrate", "--database-url", database_url]) == 0
    assert "community: applied schema step 1" in capsys.readouterr().out
    assert main(["migrate", "--database-url", database_url]) == 0
    assert capsys.readouterr().out == "The tables were already up to date.\n"

    assert main(["check", "--database-url", database_url]) == 0
    assert "is reachable and up to date (access_log 1, capacity " in capsys.readouterr().out


def test_check_names_a_database_newer_than_the_software(database_url, capsys):
    assert main(["migrate", "--database-url", database_url]) == 0
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            schema_migrations.insert().values(
                component="tracker",
                version=99,
                description="from the future",
                applied_at=sa.func.now(),
            )
        )
    engine.dispose()
    capsys.readouterr()
    assert main(["check", "--database-url", database_url]) == 1
    assert capsys.readouterr().err == (
        "The tracker tables are at version 99, newer than this software's 2: "
        "ask IT to update the software.\n"
    )


def test_check_says_when_the_database_cannot_be_reached(capsys):
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/nothing"
    assert main(["check", "--database-url", url]) == 1
    message = capsys.readouterr().err
    assert message.startswith(
        "Cannot use the database at postgresql+psycopg://nobody:***@127.0.0.1:1/nothing: "
    )
    assert "secret" not in message


def test_in_hub_mode_a_dashboard_refuses_old_tables_instead_of_migrating(database_url, monkeypatch):
    load_components()
    monkeypatch.setenv(HUB_MODE_ENV, "1")
    engine = make_engine(database_url)
    with pytest.raises(SchemaMismatch, match="The community tables are at version 0"):
        open_component(engine, "community")
    assert sa.inspect(engine).get_table_names() == []
    monkeypatch.delenv(HUB_MODE_ENV)
    open_component(engine, "community")  # single-user mode migrates, as before
    monkeypatch.setenv(HUB_MODE_ENV, "1")
    open_component(engine, "community")
    engine.dispose()


@pytest.mark.postgres
def test_the_app_role_uses_the_tables_but_cannot_change_the_schema(fresh_postgres_url, capsys):
    owner_url = sa.engine.make_url(fresh_postgres_url)
    app_role = f"cp_app_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(owner_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE ROLE \"{app_role}\" LOGIN PASSWORD 'app'"))
    # The runbook's step, as written: psql with the repository's SQL file.
    psql = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    libpq = owner_url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(
        [
            str(psql),
            libpq,
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-v",
            f"app_role={app_role}",
            "-v",
            f"owner_role={owner_url.username}",
            "-v",
            f"database={owner_url.database}",
            "-f",
            str(APP_ROLE_SQL),
        ],
        check=True,
    )
    app_url = owner_url.set(username=app_role, password="app")
    try:
        assert main(["migrate", "--database-url", fresh_postgres_url]) == 0
        app = app_url.render_as_string(hide_password=False)
        assert main(["check", "--database-url", app]) == 0
        engine = make_engine(app)
        with engine.begin() as connection:
            connection.execute(sa.text("SELECT count(*) FROM schema_migrations"))
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), engine.begin() as c:
            c.execute(sa.text("CREATE TABLE sneaky (id int)"))
        with pytest.raises(sa.exc.ProgrammingError, match="must be owner"), engine.begin() as c:
            c.execute(sa.text("ALTER TABLE schema_migrations ADD COLUMN x int"))
        engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP OWNED BY "{app_role}"'))
            connection.execute(sa.text(f'DROP ROLE "{app_role}"'))
        admin.dispose()
