"""The team picker follows the teams registry: a lead sees every team of their Trust, no other."""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.access import User
from connecting_people.community.dashboard import DirectoryDashboard
from connecting_people.dashboards import frame
from connecting_people.store import make_engine, row_security, teams
from connecting_people.store.errors import AccessRefused

TODAY = date(2026, 10, 1)
ADMIN = User.single_user("local:it")


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'frame.sqlite3'}")
    teams.open_registry(engine)
    for team, trust in {"north": "trust-a", "south": "trust-a", "east": "trust-b"}.items():
        teams.set_team(engine, team, trust, user=ADMIN)
    yield engine
    engine.dispose()
    row_security.reset_team_scope()


def signed_in(monkeypatch, name, groups):
    monkeypatch.setattr(frame, "current_user", lambda: User.from_groups(name, groups))


def test_a_lead_is_offered_every_team_of_their_trust_and_none_of_another(engine, monkeypatch):
    signed_in(monkeypatch, "trust-a-lead", ["cp-lead:trust-a"])
    board = DirectoryDashboard(engine, team="north", today=TODAY)
    assert board.team_box.options == ("north", "south")
    assert board.team == "north"
    assert row_security.scope_setting() == "north\x1fsouth"
    board.team_box.value = "south"
    assert board.team == "south"
    board.team_box.value = "east"
    assert board.team == "south"
    assert "You are not a member of team east" in board.message.value


def test_a_lead_asking_for_another_trusts_team_gets_their_own_trusts_first(engine, monkeypatch):
    signed_in(monkeypatch, "trust-a-lead", ["cp-lead:trust-a"])
    assert DirectoryDashboard(engine, team="east", today=TODAY).team == "north"


def test_a_member_sees_only_their_team(engine, monkeypatch):
    signed_in(monkeypatch, "south-worker", ["cp-team:south"])
    board = DirectoryDashboard(engine, team="north", today=TODAY)
    assert board.team_box.options == ("south",)
    assert board.team == "south"
    assert row_security.scope_setting() == "south"


def test_a_lead_cannot_save_to_a_team_they_only_see(engine, monkeypatch):
    signed_in(monkeypatch, "trust-a-lead", ["cp-lead:trust-a"])
    board = DirectoryDashboard(engine, team="north", today=TODAY)
    with pytest.raises(AccessRefused, match="As a lead you can see team north's records"):
        board.require_change()
