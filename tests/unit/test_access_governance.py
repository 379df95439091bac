"""The information governance lead (``cp-ig``) exports the access log and does nothing else."""

from __future__ import annotations

from connecting_people.access import Action, User, decide

IG = User.from_groups("iris", ["cp-ig"])
TEAMS = {"north": "trust-a", "east": "trust-b"}


def test_the_governance_lead_may_export_the_access_log():
    assert IG.governance
    assert IG.role == "information governance"
    assert decide(IG, Action.READ_ACCESS_LOG).reason == (
        "The information governance lead can export the access log."
    )


def test_the_governance_lead_sees_no_records_and_changes_nothing():
    for action in (Action.READ, Action.CHANGE, Action.DELETE):
        assert [t for t in TEAMS if decide(IG, action, t, team_trust=TEAMS[t])] == []
    for action in (Action.MANAGE_TEAMS, Action.EXPORT_PERSON, Action.ERASE_PERSON):
        assert not decide(IG, action)


def test_others_are_told_who_may_export_the_log():
    member = User.from_groups("nora", ["cp-team:north"])
    assert decide(member, Action.READ_ACCESS_LOG).reason == (
        "Only a Connecting People admin or the information governance lead can export the "
        "access log. Ask your admin."
    )
