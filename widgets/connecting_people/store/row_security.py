"""Row-level security on PostgreSQL: a query that forgets its team filter still sees only its teams.

The dashboards filter by team and ``access.py`` decides who may see which team.
On a Trust server the database enforces the same again: every team-owned table
has a policy (with FORCE, so it binds the table's owner too; superusers bypass
all policies, which is why the app role must not be one) that shows and
accepts only rows of the teams named in a per-transaction setting. The store
sets it in one place: a "begin" hook on every PostgreSQL engine
(``install``, called by ``make_engine``), from the scope the dashboard sets
for the signed-in person (``set_team_scope``). With no scope set, a kernel on
a Trust server sees no rows at all; on a laptop, or for ``migrate``, it is
every team.

The policies come from the ``row_security`` schema step, which
``connecting-people migrate`` applies after every tool's tables exist; on
SQLite it does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import Engine, event

from connecting_people.store.migrations import Migration, in_hub_mode, register_component

COMPONENT = "row_security"
SETTING = "connecting_people.teams"
EVERY_TEAM = "*"
SEPARATOR = "\x1f"  # the unit separator: it cannot be in a team name (clean_text refuses it)
# Tables with a team column, and tables whose rows belong to a row of one of them.
TEAM_TABLES = ["capacity_plans", "community_resources", "outcomes_pairs", "tracker_people"]
CHILD_TABLES = {
    "community_history": ("resource_id", "community_resources"),
    "tracker_history": ("person_id", "tracker_people"),
}

_scope: frozenset[str] | None = None
_scope_set = False


def set_team_scope(teams: Iterable[str] | None) -> None:
    """The teams this kernel's queries may see from now on; ``None`` is every team."""
    global _scope, _scope_set
    _scope = None if teams is None else frozenset(teams)
    _scope_set = True


def reset_team_scope() -> None:
    """Back to no scope set, as when the kernel started (tests use it between cases)."""
    global _scope, _scope_set
    _scope, _scope_set = None, False


def scope_setting() -> str:
    """The setting's value: every team, the teams in scope, or none in Hub mode until set."""
    if not _scope_set:
        return "" if in_hub_mode() else EVERY_TEAM
    return EVERY_TEAM if _scope is None else SEPARATOR.join(sorted(_scope))


def install(engine: Engine) -> None:
    """Set the team scope at the start of every transaction on a PostgreSQL engine."""
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "begin")
    def _set_scope(connection):
        connection.exec_driver_sql("SELECT set_config(%s, %s, true)", (SETTING, scope_setting()))


_VISIBLE = (
    f"current_setting('{SETTING}', true) = '{EVERY_TEAM}' "
    f"OR team = ANY (string_to_array(current_setting('{SETTING}', true), chr(31)))"
)


def _create_policies(connection: sa.Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table in TEAM_TABLES:
        _protect(connection, table, _VISIBLE)
    for table, (key, owner) in CHILD_TABLES.items():
        # The subquery reads the owner table under its own policy.
        _protect(connection, table, f"{key} IN (SELECT id FROM {owner})")  # noqa: S608 - constant names


def _protect(connection: sa.Connection, table: str, condition: str) -> None:
    connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    connection.exec_driver_sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    connection.exec_driver_sql(f"DROP POLICY IF EXISTS team_rows ON {table}")
    connection.exec_driver_sql(
        f"CREATE POLICY team_rows ON {table} USING ({condition}) WITH CHECK ({condition})"
    )


# Team-owned tables added after the first policies: their own step, so that a database
# migrated before keeps its policies and gains these.
LATER_TEAM_TABLES = ["access_log", "community_deletions"]


def _create_later_policies(connection: sa.Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table in LATER_TEAM_TABLES:
        _protect(connection, table, _VISIBLE)


register_component(
    COMPONENT,
    [
        Migration(1, "row-level security on team-owned tables", _create_policies),
        Migration(2, "row-level security on the access log and directory deletions",
                  _create_later_policies),
    ],
)
