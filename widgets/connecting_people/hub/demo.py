"""The fixed demonstration people for ``connecting-people hub`` and the deploy tests.

Fictional staff of two fictional Trusts: two teams in Trust A, a lead for
Trust A, a worker in Trust B's team, and an admin. ``seed_demo_teams`` puts
the three teams in the teams registry, so the lead sees North and South and
not East. Everyone signs in with the
one demonstration password, which is printed when the Hub starts; it is for a
local try-out on loopback only.
"""

from __future__ import annotations

DEMO_PASSWORD = "connecting-people-demo"  # noqa: S105 - a published password for a loopback demo
DEMO_GROUPS = {
    "cp-team:north": ["north-worker"],
    "cp-team:south": ["south-worker"],
    "cp-lead:trust-a": ["trust-a-lead"],
    "cp-team:east": ["east-worker"],
    "cp-admin": ["cp-admin-user"],
}
DEMO_TEAM_TRUSTS = {"north": "trust-a", "south": "trust-a", "east": "trust-b"}


def demo_users() -> list[str]:
    return sorted({user for users in DEMO_GROUPS.values() for user in users})


def seed_demo_teams(database_url: str | None) -> list[str]:
    """Register the demo teams and their Trusts (after ``migrate``); one line per team."""
    from connecting_people.access import User
    from connecting_people.store import make_engine, teams

    engine = make_engine(database_url)
    try:
        for team, trust in DEMO_TEAM_TRUSTS.items():
            teams.set_team(engine, team, trust, user=User.single_user("local:demo"))
    finally:
        engine.dispose()
    return [f"Team {team} is in Trust {trust}." for team, trust in DEMO_TEAM_TRUSTS.items()]
