"""The access log on SQLite and PostgreSQL: every person-level read is logged, by both tools."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from connecting_people import cli
from connecting_people.access import User
from connecting_people.outcomes import store as outcomes
from connecting_people.store import access_log
from connecting_people.store.errors import AccessRefused
from connecting_people.tracker import store as tracker
from connecting_people.tracker.model import validate_person
from tests.unit.test_outcomes_store import example_pair

TODAY = date(2026, 10, 1)
IG = User.from_groups("iris", ["cp-ig"])


@pytest.fixture
def engine(fresh_engine):
    outcomes.open_store(fresh_engine)
    return tracker.open_store(fresh_engine)


def person(identifier):
    return validate_person({"identifier": identifier, "worker": "JB",
                            "on_caseload_from": "2026-01-05"}, today=TODAY)


def logged(engine) -> list[tuple]:
    return [(row["user"], row["team"], row["tool"], row["pseudonym"], row["what"])
            for row in access_log.entries_since(engine, date(2000, 1, 1), user=IG)]


def test_tracker_and_outcomes_reads_are_logged_per_person_with_who_and_what(engine):
    tracker.add_people(engine, "north", [person("NG-001"), person("NG-002")], user="nora")
    tracker.add_person(engine, "south", person("SG-001"), user="sam")
    assert logged(engine) == []  # saving is not reading
    assert [p.record.identifier for p in tracker.list_people(engine, "north", user="nora")] == [
        "NG-001", "NG-002"]
    one = tracker.list_people(engine, "south", user="sam")[0]
    tracker.get_person(engine, one.id, user="sam")
    outcomes.save_pair(engine, "north", example_pair("NG-101"), user="nora")
    outcomes.list_pairs(engine, "north", user="nora")
    assert logged(engine) == [
        ("nora", "north", "tracker", "NG-001", "the tracker list"),
        ("nora", "north", "tracker", "NG-002", "the tracker list"),
        ("sam", "south", "tracker", "SG-001", "the tracker list"),
        ("sam", "south", "tracker", "SG-001", "one tracker record"),
        ("nora", "north", "outcomes", "NG-101", "the pair just saved"),
        ("nora", "north", "outcomes", "NG-101", "the team's review pairs"),
    ]


def test_a_read_in_a_hub_kernel_is_logged_as_the_signed_in_user(engine, monkeypatch):
    tracker.add_person(engine, "north", person("NG-001"), user="nora")
    monkeypatch.setenv("JUPYTERHUB_USER", "north-worker")
    tracker.list_people(engine, "north")
    assert logged(engine) == [("north-worker", "north", "tracker", "NG-001", "the tracker list")]


@pytest.mark.parametrize("groups", [["cp-team:north"], ["cp-lead:trust-a"]])
def test_only_the_governance_lead_or_an_admin_may_export_the_log(engine, groups):
    with pytest.raises(AccessRefused, match="Only a Connecting People admin or the information"):
        access_log.entries_since(engine, TODAY, user=User.from_groups("x", groups))
    assert access_log.entries_since(engine, TODAY, user=User.from_groups("ada", ["cp-admin"])) == []


def test_the_export_starts_on_the_day_given_and_is_spreadsheet_safe(engine, monkeypatch):
    tracker.add_person(engine, "north", person("NG-001"), user="nora")
    tracker.list_people(engine, "north", user="=cmd|' /C calc'!A0")
    rows = access_log.entries_since(engine, date.today(), user=IG)
    assert len(rows) == 1
    assert access_log.entries_since(engine, date(2999, 1, 1), user=IG) == []
    parsed = list(csv.DictReader(io.StringIO(access_log.as_csv(rows))))
    assert parsed[0]["user"] == "'=cmd|' /C calc'!A0"
    assert list(parsed[0]) == access_log.CSV_COLUMNS


def test_the_access_log_command_writes_csv(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    from connecting_people.store import make_engine

    engine = tracker.open_store(make_engine(url))
    tracker.add_person(engine, "north", person("NG-001"), user="nora")
    tracker.list_people(engine, "north", user="nora")
    engine.dispose()
    assert cli.main(["access-log", "--since", date.today().isoformat(),
                     "--database-url", url]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "read_at,user,team,tool,pseudonym,what"
    assert lines[1].endswith(",nora,north,tracker,NG-001,the tracker list")
    assert err == f"1 read(s) since {date.today().isoformat()}.\n"


def test_a_bad_date_is_refused_with_the_format_to_use(capsys):
    with pytest.raises(SystemExit):
        cli.main(["access-log", "--since", "1 Nov"])
    assert "'1 Nov' is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err
