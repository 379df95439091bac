"""Where a team's saved work lives: SQLite by default, PostgreSQL by URL.

Only what a team chooses to save is kept here (audits, directory entries,
pseudonymised tracker steps). A person's own network map is never stored here
unless it is exported and imported on purpose.

Each feature owns its tables and its migrations (see ``migrations``); the
engine, the migration runner, the errors (``errors``), the acting user
(``acting``) and the write pattern (``versioned``) are shared.
"""

from connecting_people.store.acting import acting_user, local_user
from connecting_people.store.engine import DATABASE_URL_ENV, default_database_url, make_engine
from connecting_people.store.errors import StoreBusy, StoreConflict, StoreError
from connecting_people.store.migrations import Migration, migrate, register_component

__all__ = [
    "DATABASE_URL_ENV",
    "Migration",
    "StoreBusy",
    "StoreConflict",
    "StoreError",
    "acting_user",
    "default_database_url",
    "local_user",
    "make_engine",
    "migrate",
    "register_component",
]
