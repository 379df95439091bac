"""Subject access, erasure and the access log on PostgreSQL, as the app role under row security.

The commands run as IT runs them on a Trust server (Hub mode, the app role's
URL): each sees only the team it is asked about, and the access log is kept
apart per team like every other team-owned table.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from connecting_people.access import User
from connecting_people.cli import main
from connecting_people.store import local_user, make_engine, row_security
from connecting_people.store.access_log import entries_since
from connecting_people.store.migrations import HUB_MODE_ENV
from connecting_people.tracker import store as tracker
from connecting_people.tracker.model import validate_person
from tests.deploy.test_row_security import app_url  # noqa: F401 - the shared fixture

pytestmark = [pytest.mark.deploy, pytest.mark.postgres]
ADMIN_AT_THE_COMMAND_LINE = User.single_user()


def person(identifier: str):
    return validate_person({"identifier": identifier, "worker": "JB",
                            "on_caseload_from": "2026-01-05"}, today=date(2026, 10, 1))


@pytest.fixture
def with_people(app_url, monkeypatch):  # noqa: F811 - the fixture imported above
    """NG-101 in north and in south, read once by each team's worker, in Hub mode."""
    monkeypatch.setenv(HUB_MODE_ENV, "1")
    engine = make_engine(app_url)
    for team in ("north", "south"):
        row_security.set_team_scope({team})
        tracker.add_person(engine, team, person("NG-101"), user=f"{team}-worker")
        tracker.list_people(engine, team, user=f"{team}-worker")
    engine.dispose()
    row_security.reset_team_scope()
    return app_url


def test_a_kernel_sees_only_its_own_teams_access_log(with_people):
    row_security.set_team_scope({"south"})
    engine = make_engine(with_people)
    rows = entries_since(engine, date(2000, 1, 1), user=ADMIN_AT_THE_COMMAND_LINE)
    engine.dispose()
    assert [(row["team"], row["user"]) for row in rows] == [("south", "south-worker")]


def test_export_erase_and_the_access_log_commands_as_the_app_role(with_people, capsys, tmp_path):
    maps = ["--maps-dir", str(tmp_path)]
    assert main(["export-person", "--team", "north", "NG-101", *maps,
                 "--database-url", with_people]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(row["team"], row["changed_by"]) for row in document["tracker"]] == [
        ("north", "north-worker")]
    assert [row["version"] for row in document["tracker_history"]] == [1]
    assert [row["user_name"] for row in document["access_log"]] == ["north-worker"]

    assert main(["erase-person", "--team", "north", "NG-101", "--yes", *maps,
                 "--database-url", with_people]) == 0
    assert capsys.readouterr().out.startswith("Erased NG-101 in team north: 1 tracker record(s)")
    assert main(["erase-person", "--team", "north", "NG-101", "--yes", *maps,
                 "--database-url", with_people]) == 1
    assert "Nothing is kept about NG-101 in team north" in capsys.readouterr().err
    # South's NG-101 is another person and is untouched.
    assert main(["export-person", "--team", "south", "NG-101", *maps,
                 "--database-url", with_people]) == 0
    assert json.loads(capsys.readouterr().out)["tracker"][0]["team"] == "south"

    assert main(["access-log", "--since", "2000-01-01", "--database-url", with_people]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(",")[1:] for line in lines[1:]] == [
        ["north-worker", "north", "tracker", "NG-101", "the tracker list"],
        ["south-worker", "south", "tracker", "NG-101", "the tracker list"],
        [local_user(), "north", "erasure", "NG-101", "erased every record (erase-person)"],
    ]
