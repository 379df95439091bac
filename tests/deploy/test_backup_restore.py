"""The backup runbook's restore, run as written on CI's PostgreSQL.

The commands are those of deploy/postgres/backup_and_restore.md.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from connecting_people.cli import main
from connecting_people.community import store as directory
from connecting_people.community.model import validate_resource
from connecting_people.store import make_engine

pytestmark = [pytest.mark.deploy, pytest.mark.postgres]


def postgres_tool(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    tool = str(found[-1]) if found else shutil.which(name)
    if tool is None:
        pytest.fail(f"{name} is missing: install PostgreSQL's client tools")
    return tool


def test_a_nightly_dump_restores_into_a_new_database_that_passes_check(
    fresh_postgres_url, tmp_path, capsys
):
    assert main(["migrate", "--database-url", fresh_postgres_url]) == 0
    engine = make_engine(fresh_postgres_url)
    entry = validate_resource(
        {
            "name": "Lockside Walkers",
            "kind": "group",
            "offers": "Walks",
            "area": "Lockside",
            "last_checked": "2026-09-01",
        },
        today=date(2026, 10, 1),
    )
    directory.add_resource(engine, "north", entry, user="north-worker")
    engine.dispose()

    source = sa.engine.make_url(fresh_postgres_url)
    libpq = source.set(drivername="postgresql")
    dump = tmp_path / "connecting_people.dump"
    subprocess.run(
        [
            postgres_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--dbname={libpq.render_as_string(hide_password=False)}",
            f"--file={dump}",
        ],
        check=True,
    )
    restored_name = f"cp_restore_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(source, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{restored_name}"'))
    restored = libpq.set(database=restored_name)
    try:
        subprocess.run(
            [
                postgres_tool("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                f"--dbname={restored.render_as_string(hide_password=False)}",
                str(dump),
            ],
            check=True,
        )
        restored_url = source.set(database=restored_name).render_as_string(hide_password=False)
        capsys.readouterr()
        assert main(["check", "--database-url", restored_url]) == 0
        assert "is reachable and up to date" in capsys.readouterr().out
        engine = make_engine(restored_url)
        with engine.connect() as connection:
            back = connection.execute(
                sa.select(directory.resources.c.name, directory.resources.c.changed_by)
            ).all()
        engine.dispose()
        assert back == [("Lockside Walkers", "north-worker")]
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)'))
        admin.dispose()
