"""The access rule, case by case: members, leads, admins, single-user mode, and refusals."""

from __future__ import annotations

import pytest

from connecting_people.access import (
    SINGLE_USER_NOTE,
    Action,
    User,
    changeable_teams,
    decide,
    readable_teams,
)

TEAMS = {"north": "trust-a", "south": "trust-a", "east": "trust-b"}
NORTH = User.from_groups("nora", ["cp-team:north"])
SOUTH = User.from_groups("sam", ["cp-team:south"])
LEAD_A = User.from_groups("lee", ["cp-lead:trust-a"])
ADMIN = User.from_groups("ada", ["cp-admin"])
NOBODY = User.from_groups("nemo", ["staff"])
LOCAL = User.single_user()


def allowed(user: User, action: Action, team: str | None = None) -> bool:
    trust = TEAMS.get(team) if team else None
    return decide(user, action, team, team_trust=trust).allowed


# Every user x action x team, written out so a change to the rule shows here.
EXPECTED = {
    # (user, action): teams allowed among north, south, east
    ("NORTH", Action.READ): {"north"},
    ("NORTH", Action.CHANGE): {"north"},
    ("NORTH", Action.DELETE): set(),
    ("SOUTH", Action.READ): {"south"},
    ("SOUTH", Action.CHANGE): {"south"},
    ("SOUTH", Action.DELETE): set(),
    ("LEAD_A", Action.READ): {"north", "south"},
    ("LEAD_A", Action.CHANGE): set(),
    ("LEAD_A", Action.DELETE): set(),
    ("ADMIN", Action.READ): {"north", "south", "east"},
    ("ADMIN", Action.CHANGE): set(),
    ("ADMIN", Action.DELETE): {"north", "south", "east"},
    ("NOBODY", Action.READ): set(),
    ("NOBODY", Action.CHANGE): set(),
    ("NOBODY", Action.DELETE): set(),
    ("LOCAL", Action.READ): {"north", "south", "east"},
    ("LOCAL", Action.CHANGE): {"north", "south", "east"},
    ("LOCAL", Action.DELETE): {"north", "south", "east"},
}
USERS = {
    "NORTH": NORTH,
    "SOUTH": SOUTH,
    "LEAD_A": LEAD_A,
    "ADMIN": ADMIN,
    "NOBODY": NOBODY,
    "LOCAL": LOCAL,
}


@pytest.mark.parametrize(("who", "action"), sorted(EXPECTED, key=str))
def test_team_actions_for_every_user(who, action):
    got = {team for team in TEAMS if allowed(USERS[who], action, team)}
    assert got == EXPECTED[(who, action)]


@pytest.mark.parametrize(
    "action",
    [Action.MANAGE_TEAMS, Action.EXPORT_PERSON, Action.ERASE_PERSON, Action.READ_ACCESS_LOG],
)
def test_admin_only_actions(action):
    assert [name for name, user in USERS.items() if allowed(user, action)] == ["ADMIN", "LOCAL"]


def test_every_refusal_is_a_plain_sentence():
    for user in USERS.values():
        for action in Action:
            for team in TEAMS:
                decision = decide(user, action, team, team_trust=TEAMS[team])
                if not decision.allowed:
                    assert decision.reason.endswith(".")
                    assert "Traceback" not in decision.reason
                    assert decision.reason[0].isupper()


def test_refusal_messages_name_the_way_forward():
    assert decide(SOUTH, Action.READ, "north", team_trust="trust-a").reason == (
        "You are not a member of team north, so you cannot see or change its records. "
        "If you should be, ask your admin to add you."
    )
    assert decide(LEAD_A, Action.CHANGE, "north", team_trust="trust-a").reason == (
        "As a lead you can see team north's records but not change them. "
        "Ask a member of team north."
    )
    assert decide(NORTH, Action.DELETE, "north").reason == (
        "Only a Connecting People admin can delete a record for good. Ask your admin."
    )
    assert decide(NORTH, Action.MANAGE_TEAMS).reason == (
        "Only a Connecting People admin can change the list of teams. Ask your admin."
    )


def test_lead_cannot_read_a_team_missing_from_the_teams_list():
    decision = decide(LEAD_A, Action.READ, "west", team_trust=None)
    assert decision.allowed is False
    assert decision.reason == (
        "Team west is not yet in the teams list, so no lead can see it. "
        "Ask your admin to add it to its Trust."
    )


def test_lead_of_another_trust_reads_nothing_here():
    lead_b = User.from_groups("bea", ["cp-lead:trust-b"])
    assert {team for team in TEAMS if allowed(lead_b, Action.READ, team)} == {"east"}


def test_member_and_lead_together_changes_own_team_and_reads_the_trust():
    both = User.from_groups("max", ["cp-team:north", "cp-lead:trust-a"])
    assert {t for t in TEAMS if allowed(both, Action.READ, t)} == {"north", "south"}
    assert {t for t in TEAMS if allowed(both, Action.CHANGE, t)} == {"north"}


def test_single_user_mode_says_so():
    assert decide(LOCAL, Action.CHANGE, "north").reason == SINGLE_USER_NOTE
    assert LOCAL.role == "single user"


def test_team_actions_need_a_team():
    with pytest.raises(ValueError, match="'read' action needs a team"):
        decide(NORTH, Action.READ)


def test_action_given_as_text_is_accepted():
    assert decide(NORTH, "read", "north").allowed is True


def test_decision_is_truthy_only_when_allowed():
    assert bool(decide(NORTH, Action.READ, "north")) is True
    assert bool(decide(NORTH, Action.READ, "south", team_trust="trust-a")) is False


def test_pickers_list_only_readable_and_changeable_teams():
    assert readable_teams(NORTH, TEAMS) == ["north"]
    assert readable_teams(LEAD_A, TEAMS) == ["north", "south"]
    assert readable_teams(ADMIN, TEAMS) == ["east", "north", "south"]
    assert readable_teams(NOBODY, TEAMS) == []
    assert readable_teams(LOCAL, TEAMS) == ["east", "north", "south"]
    assert changeable_teams(NORTH, TEAMS) == ["north"]
    assert changeable_teams(LEAD_A, TEAMS) == []
    assert changeable_teams(LOCAL, TEAMS) == ["east", "north", "south"]


def test_a_members_own_team_is_offered_before_it_is_in_the_teams_list():
    newcomer = User.from_groups("nia", ["cp-team:west"])
    assert readable_teams(newcomer, TEAMS) == ["west"]


def test_roles_in_words():
    assert [u.role for u in (NORTH, LEAD_A, ADMIN, NOBODY)] == [
        "team member",
        "lead",
        "admin",
        "no role",
    ]
