"""Subject access and erasure on SQLite and PostgreSQL: every record, history row and map file."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from connecting_people import cli
from connecting_people.access import User
from connecting_people.outcomes import store as outcomes
from connecting_people.store import make_engine, person_records
from connecting_people.store.errors import AccessRefused
from connecting_people.tracker import store as tracker
from connecting_people.tracker.model import validate_person
from tests.unit.test_outcomes_store import example_pair

TODAY = date(2026, 10, 1)
ADMIN = User.from_groups("ada", ["cp-admin"])


def person(identifier, **steps):
    return validate_person({"identifier": identifier, "worker": "JB",
                            "on_caseload_from": "2026-01-05", **steps}, today=TODAY)


def fill(engine, maps):
    """NG-101 in north on the tracker (edited once) and in outcomes, with one saved map;
    the same pseudonym in south, and another person in north, who must be left alone."""
    tracker.open_store(engine)
    outcomes.open_store(engine)
    added = tracker.add_person(engine, "north", person("NG-101"), user="nora")
    tracker.update_person(engine, added.id, person("NG-101", guide_explained="2026-02-01"),
                          expected_version=1, user="nora")
    tracker.add_person(engine, "north", person("NG-102"), user="nora")
    tracker.add_person(engine, "south", person("NG-101"), user="sam")
    outcomes.save_pair(engine, "north", example_pair("NG-101"), user="nora")
    maps.mkdir()
    (maps / "map-2026-01-12-aaaa.json").write_text(json.dumps({"person": "ng-101", "entries": []}))
    (maps / "map-2026-01-12-bbbb.json").write_text(json.dumps({"person": "NG-102", "entries": []}))
    (maps / "notes.json").write_text("not a map")


@pytest.fixture
def engine(fresh_engine, tmp_path):
    fill(fresh_engine, tmp_path / "maps")
    return fresh_engine


def counts(engine) -> dict:
    with engine.connect() as connection:
        def count(table, *where):
            return connection.execute(sa.select(sa.func.count()).select_from(table)
                                      .where(*where)).scalar()
        return {"north people": count(tracker.people, tracker.people.c.team == "north"),
                "south people": count(tracker.people, tracker.people.c.team == "south"),
                "history": count(tracker.history), "pairs": count(outcomes.pairs)}


def test_export_has_every_record_history_row_read_and_map(engine, tmp_path):
    tracker.list_people(engine, "north", user="nora")
    document = person_records.export_person(engine, "north", " ng-101 ", user=ADMIN,
                                            maps_folder=tmp_path / "maps")
    assert (document["format"], document["version"]) == ("connecting-people/person-export", 1)
    assert (document["team"], document["identifier"]) == ("north", "NG-101")
    assert [row["identifier"] for row in document["tracker"]] == ["NG-101"]
    assert document["tracker"][0]["guide_explained"] == "2026-02-01"
    assert [(row["version"], row["action"], row["changed_by"])
            for row in document["tracker_history"]] == [(1, "added", "nora"), (2, "edited", "nora")]
    assert [row["identifier"] for row in document["outcomes"]] == ["NG-101"]
    assert [(row["user_name"], row["what"]) for row in document["access_log"]] == [
        ("nora", "the record just saved"), ("nora", "the pair just saved"),
        ("nora", "the tracker list")]
    assert [m["file"] for m in document["maps"]] == ["map-2026-01-12-aaaa.json"]
    assert document["exported_by"] == "ada"
    json.dumps(document)  # the whole document is plain JSON


def test_erase_deletes_records_history_and_maps_and_nobody_else(engine, tmp_path):
    before = counts(engine)
    erased = person_records.erase_person(engine, "north", "NG-101", user=ADMIN,
                                         maps_folder=tmp_path / "maps")
    assert counts(engine) == {"north people": before["north people"] - 1,
                              "south people": before["south people"],
                              "history": before["history"] - 2, "pairs": 0}
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == [
        "map-2026-01-12-bbbb.json", "notes.json"]
    assert person_records.describe(erased) == (
        "Erased NG-101 in team north: 1 tracker record(s) with 2 history row(s), "
        "1 review pair(s) and 1 saved map(s). The access log keeps 2 earlier row(s) "
        "and one for this erasure.")
    with pytest.raises(person_records.PersonNotFound, match="Nothing is kept about NG-101 in team"):
        person_records.export_person(engine, "north", "NG-101", user=ADMIN,
                                     maps_folder=tmp_path / "maps")
    left = person_records.gather(engine, "north", "NG-101", None).access_log
    assert [(row["tool"], row["what"]) for row in left] == [
        ("tracker", "the record just saved"), ("outcomes", "the pair just saved"),
        ("erasure", "erased every record (erase-person)")]


@pytest.mark.parametrize("groups", [["cp-team:north"], ["cp-lead:trust-a"], ["cp-ig"]])
def test_only_an_admin_exports_or_erases(engine, groups):
    user = User.from_groups("x", groups)
    with pytest.raises(AccessRefused, match="Only a Connecting People admin can export"):
        person_records.export_person(engine, "north", "NG-101", user=user)
    with pytest.raises(AccessRefused, match="Only a Connecting People admin can erase"):
        person_records.erase_person(engine, "north", "NG-101", user=user)


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = make_engine(url)
    fill(engine, tmp_path / "maps")
    engine.dispose()
    return url


def test_export_person_command_prints_the_json(url, tmp_path, capsys):
    assert cli.main(["export-person", "--team", "north", "NG-101", "--database-url", url,
                     "--maps-dir", str(tmp_path / "maps")]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["identifier"], len(document["maps"])) == ("NG-101", 1)


def test_erase_person_command_asks_first_and_needs_the_identifier_typed(
        url, tmp_path, capsys, monkeypatch):
    args = ["erase-person", "--team", "north", "NG-101", "--database-url", url,
            "--maps-dir", str(tmp_path / "maps")]
    monkeypatch.setattr("builtins.input", lambda: "yes")
    assert cli.main(args) == 1
    assert capsys.readouterr().err.endswith("Type NG-101 to erase them: Nothing was erased.\n")
    monkeypatch.setattr("builtins.input", lambda: "ng-101")
    assert cli.main(args) == 0
    assert capsys.readouterr().out.startswith("Erased NG-101 in team north: 1 tracker record(s)")
    assert cli.main([*args, "--yes"]) == 1
    assert capsys.readouterr().err == (
        "Nothing is kept about NG-101 in team north: no tracker record, no review pair and "
        "no saved map. Check the team and the identifier.\n")


def test_erase_person_yes_does_not_ask(url, tmp_path, capsys, monkeypatch):
    def refuse():
        raise AssertionError("asked although --yes was given")

    monkeypatch.setattr("builtins.input", refuse)
    assert cli.main(["erase-person", "--team", "south", "NG-101", "--yes", "--database-url", url,
                     "--maps-dir", str(tmp_path / "maps")]) == 0
    assert "Erased NG-101 in team south: 1 tracker record(s) with 1 history row(s), 0 review" in (
        capsys.readouterr().out)


def test_the_commands_look_for_maps_where_the_map_dashboard_saves_them(monkeypatch, tmp_path):
    import argparse

    from connecting_people.hub.admin_commands import _maps_folder
    from connecting_people.network.dashboard import maps_folder

    none_given = argparse.Namespace(maps_dir=None)
    monkeypatch.delenv("CONNECTING_PEOPLE_MAPS_DIR", raising=False)
    assert _maps_folder(none_given) == maps_folder()
    monkeypatch.setenv("CONNECTING_PEOPLE_MAPS_DIR", str(tmp_path))
    assert _maps_folder(none_given) == maps_folder() == tmp_path
