"""Who may see and change what: one pure decision for a user, an action and a team.

Every team tool asks here before it reads or writes, so the rule is written
once and tested on its own (the database enforces it again on a Trust server).
A refusal carries a plain message to show as it is, never a traceback.
Nothing here does I/O: the caller passes the user (from the Hub's groups, or
the single-user identity on a laptop) and, for leads, which Trust a team is in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from connecting_people.hub.groups import roles_from_groups


class Action(StrEnum):
    READ = "read"  # see a team's records
    CHANGE = "change"  # add or edit a team's records
    DELETE = "delete"  # delete a record for good (not an edit)
    MANAGE_TEAMS = "manage teams"  # add teams and say which Trust each is in
    EXPORT_PERSON = "export person"  # subject access request
    ERASE_PERSON = "erase person"  # erasure under UK GDPR
    READ_ACCESS_LOG = "read access log"  # the information governance export


TEAM_ACTIONS = frozenset({Action.READ, Action.CHANGE, Action.DELETE})
SINGLE_USER_NOTE = (
    "Single-user mode: there is no sign-in, so everyone who can use this computer "
    "can see and change every team's records."
)


@dataclass(frozen=True)
class User:
    """The acting person: their name, teams, the Trusts they lead, and whether they are admin.

    ``signed_in`` is False for the single-user mode of a laptop or training room,
    where there is no Hub and everything is allowed, as before sign-in existed.
    """

    name: str
    teams: frozenset[str] = field(default_factory=frozenset)
    lead_trusts: frozenset[str] = field(default_factory=frozenset)
    admin: bool = False
    signed_in: bool = True
    governance: bool = False  # the information governance lead (``cp-ig``)

    @classmethod
    def from_groups(cls, name: str, groups: Iterable[str]) -> User:
        roles = roles_from_groups(groups)
        return cls(name, roles.teams, roles.lead_trusts, roles.admin, signed_in=True,
                   governance=roles.governance)

    @classmethod
    def single_user(cls, name: str = "local") -> User:
        return cls(name, signed_in=False)

    @property
    def role(self) -> str:
        """A short word for the screen: admin, lead, team member, or no role yet."""
        if not self.signed_in:
            return "single user"
        if self.admin:
            return "admin"
        if self.lead_trusts:
            return "lead"
        if self.governance:
            return "information governance"
        return "team member" if self.teams else "no role"


@dataclass(frozen=True)
class Decision:
    """Yes or no, with the reason in words a person can act on."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def decide(
    user: User,
    action: Action,
    team: str | None = None,
    *,
    team_trust: str | None = None,
) -> Decision:
    """May ``user`` do ``action`` (to ``team``, which is in Trust ``team_trust``)?

    Team members read and change their own teams only. A lead reads the teams
    of the Trust they lead. An admin manages the teams list, reads any team,
    deletes records for good, and handles subject access, erasure and the
    access log; the information governance lead exports the access log only.
    Nobody but a member changes a team's records.
    """
    action = Action(action)
    if action in TEAM_ACTIONS and not team:
        raise ValueError(f"The {action.value!r} action needs a team.")
    if not user.signed_in:
        return Decision(True, SINGLE_USER_NOTE)
    if action is Action.READ:
        return _decide_read(user, team, team_trust)
    if action is Action.CHANGE:
        if team in user.teams:
            return Decision(True, f"You are a member of team {team}.")
        if _leads(user, team_trust):
            return Decision(
                False,
                f"As a lead you can see team {team}'s records but not change them. "
                f"Ask a member of team {team}.",
            )
        return Decision(False, _not_member(team))
    if action is Action.DELETE:
        if user.admin:
            return Decision(True, "Admins can delete records for good.")
        return Decision(
            False, "Only a Connecting People admin can delete a record for good. Ask your admin."
        )
    return _decide_admin_only(user, action)


def _decide_read(user: User, team: str, team_trust: str | None) -> Decision:
    if team in user.teams:
        return Decision(True, f"You are a member of team {team}.")
    if _leads(user, team_trust):
        return Decision(True, f"You lead {team_trust}, and team {team} is in it.")
    if user.admin:
        return Decision(True, "Admins can see every team.")
    if user.lead_trusts and team_trust is None:
        return Decision(
            False,
            f"Team {team} is not yet in the teams list, so no lead can see it. "
            "Ask your admin to add it to its Trust.",
        )
    return Decision(False, _not_member(team))


def _decide_admin_only(user: User, action: Action) -> Decision:
    if user.admin:
        return Decision(True, f"Admins can {action.value}.")
    if action is Action.READ_ACCESS_LOG and user.governance:
        return Decision(True, "The information governance lead can export the access log.")
    what = {
        Action.MANAGE_TEAMS: "change the list of teams",
        Action.EXPORT_PERSON: "export everything kept about a person",
        Action.ERASE_PERSON: "erase a person's records",
        Action.READ_ACCESS_LOG: "export the access log",
    }[action]
    if action is Action.READ_ACCESS_LOG:
        return Decision(False, "Only a Connecting People admin or the information governance "
                               "lead can export the access log. Ask your admin.")
    return Decision(False, f"Only a Connecting People admin can {what}. Ask your admin.")


def _leads(user: User, team_trust: str | None) -> bool:
    return team_trust is not None and team_trust in user.lead_trusts


def _not_member(team: str) -> str:
    return (
        f"You are not a member of team {team}, so you cannot see or change its records. "
        "If you should be, ask your admin to add you."
    )


def readable_teams(user: User, team_trusts: Mapping[str, str]) -> list[str]:
    """The teams a picker may offer this user, sorted.

    ``team_trusts`` is the teams list (team -> Trust). A member's own teams are
    offered even before an admin has put them in the list.
    """
    if not user.signed_in:
        return sorted(team_trusts)
    candidates = set(team_trusts) | set(user.teams)
    return sorted(
        team
        for team in candidates
        if decide(user, Action.READ, team, team_trust=team_trusts.get(team)).allowed
    )


def changeable_teams(user: User, team_trusts: Mapping[str, str]) -> list[str]:
    """The teams this user may add to or edit, sorted."""
    if not user.signed_in:
        return sorted(team_trusts)
    return sorted(user.teams)
