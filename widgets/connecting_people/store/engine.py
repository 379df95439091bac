"""Find the database URL and make an engine that is safe for concurrent saves.

The URL comes from, in order: the caller, the ``CONNECTING_PEOPLE_DATABASE_URL``
environment variable, or a SQLite file in the user's data folder. The same
code runs on PostgreSQL by passing a ``postgresql+psycopg://`` URL.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event

from connecting_people.store import row_security

DATABASE_URL_ENV = "CONNECTING_PEOPLE_DATABASE_URL"
APP_NAME = "connecting-people"


def default_database_url() -> str:
    """The URL to use when none is given: the environment, else a user-data SQLite file."""
    from_env = os.environ.get(DATABASE_URL_ENV, "").strip()
    if from_env:
        return from_env
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'connecting_people.sqlite3'}"


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin
        # (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets readers work while a save is written; busy_timeout makes a
        # second writer wait its turn instead of failing at once.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Take the write lock at the start. A transaction that reads first and
        # writes later can hit "database is locked" at once, without waiting,
        # when another save is under way; BEGIN IMMEDIATE waits its turn instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (or the default), with migrations left to ``migrate``."""
    url = url or default_database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        _tune_sqlite(engine)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    # The one place the team scope for row-level security is set (row_security.py).
    row_security.install(engine)
    return engine
