"""The shared migration runner: ordered, idempotent, safe when two processes race."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from connecting_people.store import Migration, make_engine, migrate, register_component
from connecting_people.store import migrations as runner
from connecting_people.store.engine import DATABASE_URL_ENV, default_database_url


@pytest.fixture
def isolated_registry(monkeypatch):
    monkeypatch.setattr(runner, "_registry", {})


def _create_things(connection):
    connection.execute(sa.text("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)"))


def _add_colour(connection):
    connection.execute(sa.text("ALTER TABLE things ADD COLUMN colour TEXT"))


def test_migrate_applies_each_step_once(tmp_path, isolated_registry):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    register_component("demo", [Migration(1, "things", _create_things)])
    assert migrate(engine) == [("demo", 1)]
    assert migrate(engine) == []
    register_component(
        "demo", [Migration(1, "things", _create_things), Migration(2, "colour", _add_colour)]
    )
    assert migrate(engine) == [("demo", 2)]
    columns = {c["name"] for c in sa.inspect(engine).get_columns("things")}
    assert columns == {"id", "name", "colour"}


def test_a_failing_step_leaves_nothing_half_done(tmp_path, isolated_registry):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")

    def broken(connection):
        connection.execute(sa.text("INSERT INTO nowhere VALUES (1)"))

    register_component("demo", [Migration(1, "broken", broken)])
    with pytest.raises(sa.exc.OperationalError):
        migrate(engine)
    assert runner.applied_versions(engine) == {}


def test_versions_must_be_in_order(isolated_registry):
    with pytest.raises(ValueError, match="numbered 1..n"):
        register_component("demo", [Migration(2, "skipped one", _create_things)])


def test_concurrent_migrations_apply_once(tmp_path, isolated_registry):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    register_component("demo", [Migration(1, "things", _create_things)])
    results, errors = [], []

    def run():
        try:
            results.append(migrate(make_engine(url)))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(len(applied) for applied in results) == 1


def test_database_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql+psycopg://u@127.0.0.1/db")
    assert default_database_url() == "postgresql+psycopg://u@127.0.0.1/db"


def test_default_database_is_sqlite_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = default_database_url()
    assert url.startswith("sqlite:///") and str(tmp_path) in url


@pytest.mark.postgres
def test_migrations_run_on_postgresql(fresh_postgres_url, isolated_registry):
    engine = make_engine(fresh_postgres_url)
    register_component("demo", [Migration(1, "things", _create_things),
                                Migration(2, "colour", _add_colour)])
    assert migrate(engine) == [("demo", 1), ("demo", 2)]
    assert migrate(engine) == []
    columns = {c["name"] for c in sa.inspect(engine).get_columns("things")}
    assert columns == {"id", "name", "colour"}
    engine.dispose()


@pytest.mark.parametrize("component", ["tracker", "community", "outcomes", "capacity"])
def test_step_two_adds_who_changed_to_a_database_made_before_it(fresh_engine, component):
    import importlib
    from datetime import UTC, datetime

    store = importlib.import_module(f"connecting_people.{component}.store")
    new_columns = {"changed_by", "changed_at"}
    old_shape = sa.MetaData()
    for table in store.metadata.sorted_tables:
        sa.Table(table.name, old_shape,
                 *[c._copy() for c in table.columns if c.name not in new_columns])
    old_shape.create_all(fresh_engine)
    runner._create_bookkeeping_table(fresh_engine)
    with fresh_engine.begin() as connection:
        connection.execute(runner.schema_migrations.insert().values(
            component=component, version=1, description="before step 2",
            applied_at=datetime.now(UTC)))
    later = range(2, runner.registered_versions([component])[component] + 1)
    assert migrate(fresh_engine, [component]) == [(component, version) for version in later]
    for table in store.metadata.sorted_tables:
        built = {c["name"] for c in sa.inspect(fresh_engine).get_columns(table.name)}
        assert built == set(table.columns.keys()), table.name
