"""The teams registry: admins keep which Trust each team is in; nobody else can change it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from connecting_people import cli
from connecting_people.access import User
from connecting_people.store import teams
from connecting_people.store.errors import AccessRefused

ADMIN = User.from_groups("ada", ["cp-admin"])
LEAD = User.from_groups("lee", ["cp-lead:trust-a"])
MEMBER = User.from_groups("nora", ["cp-team:north"])


@pytest.fixture
def engine(fresh_engine):
    return teams.open_registry(fresh_engine)


def test_an_unmigrated_database_has_no_teams(fresh_engine):
    assert teams.team_trusts(fresh_engine) == {}


def test_an_admin_adds_moves_and_removes_teams_and_who_did_it_is_kept(engine):
    teams.set_team(engine, "south", "trust-a", user=ADMIN)
    teams.set_team(engine, "north", "trust-b", user=ADMIN)
    teams.set_team(engine, " north ", "trust-a", user=ADMIN)
    teams.set_team(engine, "east", "trust-b", user=ADMIN)
    assert teams.team_trusts(engine) == {"east": "trust-b", "north": "trust-a", "south": "trust-a"}
    with engine.connect() as connection:
        who = connection.execute(sa.select(teams.teams.c.changed_by, teams.teams.c.changed_at)
                                 .where(teams.teams.c.name == "north")).one()
    assert who.changed_by == "ada"
    assert who.changed_at is not None
    teams.remove_team(engine, "east", user=ADMIN)
    assert list(teams.team_trusts(engine)) == ["north", "south"]


@pytest.mark.parametrize("user", [LEAD, MEMBER], ids=["lead", "member"])
def test_only_an_admin_changes_the_registry(engine, user):
    with pytest.raises(AccessRefused, match="Only a Connecting People admin can change the list"):
        teams.set_team(engine, "north", "trust-a", user=user)
    teams.set_team(engine, "north", "trust-a", user=ADMIN)
    with pytest.raises(AccessRefused, match="Only a Connecting People admin"):
        teams.remove_team(engine, "north", user=user)
    assert teams.team_trusts(engine) == {"north": "trust-a"}


def test_names_must_be_group_slugs(engine):
    with pytest.raises(ValueError, match="'North Team' cannot be a team name"):
        teams.set_team(engine, "North Team", "trust-a", user=ADMIN)
    with pytest.raises(ValueError, match="'Trust A' cannot be a Trust name"):
        teams.set_team(engine, "north", "Trust A", user=ADMIN)


def test_removing_an_unknown_team_says_so(engine):
    with pytest.raises(teams.UnknownTeam, match="Team 'west' is not in the teams list"):
        teams.remove_team(engine, "west", user=ADMIN)


def test_the_teams_command_sets_lists_and_removes(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert cli.main(["teams", "set", "north", "--trust", "trust-a", "--database-url", url]) == 0
    assert cli.main(["teams", "--database-url", url, "set", "east", "--trust", "trust-b"]) == 0
    assert cli.main(["teams", "list", "--database-url", url]) == 0
    assert cli.main(["teams", "remove", "east", "--database-url", url]) == 0
    assert cli.main(["teams", "remove", "east", "--database-url", url]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "Team north is in Trust trust-a.",
        "Team east is in Trust trust-b.",
        "east\ttrust-b",
        "north\ttrust-a",
        "Team east is no longer in the teams list; its records stay.",
    ]
    assert err == "Team 'east' is not in the teams list, so nothing was removed.\n"
