"""The fixed demonstration people for ``connecting-people hub`` and the deploy tests.

Fictional staff of two fictional Trusts: two teams in Trust A, a lead for
Trust A, a worker in Trust B's team, and an admin. Everyone signs in with the
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
