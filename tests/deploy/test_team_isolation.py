"""Signed in on a Trust server, the team tools show a person their own teams only.

The dashboards are built as Voila builds them, with the signed-in user put in
place of the Hub's answer (the deploy tier's browser tests ask a real Hub).
"""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.access import User
from connecting_people.community import store
from connecting_people.community.dashboard import DirectoryDashboard, open_dashboard
from connecting_people.community.model import validate_resource
from connecting_people.dashboards import frame

pytestmark = pytest.mark.deploy

TODAY = date(2026, 10, 1)
NORTH = User.from_groups("north-worker", ["cp-team:north"])
SOUTH = User.from_groups("south-worker", ["cp-team:south"])
LEAD = User.from_groups("trust-a-lead", ["cp-lead:trust-a"])


@pytest.fixture
def engine(fresh_engine):
    engine = store.open_store(fresh_engine)
    for team, name in [("north", "Lockside Walkers"), ("south", "Harbour Choir")]:
        entry = validate_resource(
            {
                "name": name,
                "kind": "group",
                "offers": "Company",
                "area": "Town",
                "last_checked": "2026-09-01",
            },
            today=TODAY,
        )
        store.add_resource(engine, team, entry, user=f"{team}-worker")
    return engine


def signed_in(monkeypatch, user: User) -> None:
    monkeypatch.setattr(frame, "current_user", lambda: user)


def test_the_picker_offers_only_the_persons_team_and_opens_on_it(engine, monkeypatch):
    signed_in(monkeypatch, SOUTH)
    dashboard = DirectoryDashboard(engine, today=TODAY)
    assert dashboard.team == "south"
    assert list(dashboard.team_box.options) == ["south"]
    assert [e.resource.name for e in dashboard.entries] == ["Harbour Choir"]
    assert (
        "Signed in as south-worker (team member). Your teams: south."
        in dashboard.view.children[2].value
    )


def test_a_typed_team_name_is_refused_in_plain_words(engine, monkeypatch):
    signed_in(monkeypatch, SOUTH)
    dashboard = DirectoryDashboard(engine, team="north", today=TODAY)
    assert dashboard.team == "south"  # a team asked for by name (as a URL would) is not opened
    dashboard.team_box.value = "north"
    assert dashboard.team == "south"
    assert dashboard.team_box.value == "south"
    assert "You are not a member of team north" in dashboard.message.value
    assert "Traceback" not in dashboard.message.value
    assert [e.resource.name for e in dashboard.entries] == ["Harbour Choir"]


def test_a_person_with_no_team_gets_a_plain_page(engine, monkeypatch):
    signed_in(monkeypatch, LEAD)
    page = open_dashboard(url=str(engine.url))
    assert "you are not a member of any team, so there is nothing to show" in page.value
    assert "cannot open the team" not in page.value


def test_a_save_for_a_team_the_person_cannot_change_is_refused(engine, monkeypatch):
    signed_in(monkeypatch, NORTH)
    dashboard = DirectoryDashboard(engine, today=TODAY)
    monkeypatch.setattr(dashboard, "person", User.from_groups("north-worker", ["cp-lead:trust-a"]))
    with pytest.raises(frame.AccessRefused, match="Nothing was saved. You are not a member"):
        dashboard.require_change()


def test_without_a_hub_everything_stays_as_before(engine):
    dashboard = DirectoryDashboard(engine, team="north", today=TODAY)
    assert dashboard.team == "north"
    assert list(dashboard.team_box.options) == ["north", "south"]
