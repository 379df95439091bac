"""The teams registry: which Trust each team belongs to, kept by an admin.

A lead's groups say which Trust they lead (``cp-lead:<trust>``), and a team
member's groups say which teams they are in, but nothing in the groups says
which Trust a team is in. This table does: the dashboards read it to offer a
lead every team of their Trust and none of another's. Only an admin changes
it (``access.decide`` with ``MANAGE_TEAMS``); on one computer, with no
sign-in, the single user is that admin, which is also how IT keeps it with
``connecting-people teams`` on the server.

Team and Trust names are the slugs used in group names (``hub.groups``), so
the registry can only name teams that a group could give someone.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from connecting_people import access
from connecting_people.hub.groups import lead_group, team_group
from connecting_people.store import common as shared
from connecting_people.store.acting import acting_user
from connecting_people.store.errors import AccessRefused, StoreError
from connecting_people.store.versioned import changed_columns

COMPONENT = "teams"
metadata = sa.MetaData()

teams = sa.Table(
    "teams",
    metadata,
    sa.Column("name", sa.String(shared.TEAM_MAX_LENGTH), primary_key=True),
    sa.Column("trust", sa.String(80), nullable=False),
    *changed_columns(),
)

shared.register_tables(COMPONENT, "the teams registry: which Trust each team is in",
                       metadata, [teams])


class UnknownTeam(StoreError):
    """The team named is not in the registry."""


def open_registry(engine: Engine) -> Engine:
    """Make sure the table exists (on a Trust server: that it is the expected version)."""
    return shared.open_component(engine, COMPONENT)


def team_trusts(engine: Engine) -> dict[str, str]:
    """Every registered team and its Trust, in team order (nothing registered: empty)."""
    if not sa.inspect(engine).has_table(teams.name):
        return {}
    with engine.connect() as connection:
        rows = connection.execute(sa.select(teams.c.name, teams.c.trust).order_by(teams.c.name))
        return {name: trust for name, trust in rows}


def _allowed(user: access.User) -> None:
    decision = access.decide(user, access.Action.MANAGE_TEAMS)
    if not decision.allowed:
        raise AccessRefused(decision.reason)


def _checked(name: str, trust: str) -> tuple[str, str]:
    """The names as stored: trimmed slugs that a ``cp-team:``/``cp-lead:`` group could hold."""
    name, trust = name.strip(), trust.strip()
    team_group(name)  # raises ValueError with what to fix
    lead_group(trust)
    return name, trust


def set_team(engine: Engine, name: str, trust: str, *, user: access.User) -> None:
    """Add team ``name`` in ``trust``, or move it to ``trust``; admins only."""
    _allowed(user)
    name, trust = _checked(name, trust)
    values = {"trust": trust, "changed_by": acting_user(user.name), "changed_at": datetime.now(UTC)}
    open_registry(engine)
    with engine.begin() as connection:
        changed = connection.execute(
            teams.update().where(teams.c.name == name).values(**values)
        ).rowcount
        if changed == 0:
            connection.execute(teams.insert().values(name=name, **values))


def remove_team(engine: Engine, name: str, *, user: access.User) -> None:
    """Take team ``name`` off the registry (its records stay); admins only."""
    _allowed(user)
    open_registry(engine)
    name = name.strip()
    with engine.begin() as connection:
        removed = connection.execute(teams.delete().where(teams.c.name == name)).rowcount
    if removed == 0:
        raise UnknownTeam(f"Team {name!r} is not in the teams list, so nothing was removed.")
