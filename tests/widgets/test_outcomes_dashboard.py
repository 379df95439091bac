"""The outcomes review dashboard: load two maps, see the change, save figures only, review."""

from __future__ import annotations

import base64
import re
from datetime import date

import pytest

from connecting_people.outcomes import examples, store
from connecting_people.outcomes.dashboard import OutcomesDashboard
from connecting_people.store import make_engine

TODAY = date(2026, 11, 1)


@pytest.fixture
def board(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    yield OutcomesDashboard(engine, team="Team", today=TODAY)
    engine.dispose()


def load(widget, text: str, name: str = "map.json"):
    widget.receive([(name, text.encode())])


def test_load_two_maps_and_see_the_change(board):
    load(board.start_upload, examples.map_json("NG-101", "before"))
    assert "Now load the map from about six months" in board.compare_words.value
    load(board.review_upload, examples.map_json("NG-101", "after"))
    shown = board.compare_words.value
    assert "grew from 4 to 6 connections" in shown
    assert "New on the map: Allotment group and Library" in shown
    assert not board.save_button.disabled


def test_save_figures_with_a_pseudonym_only_and_review_as_a_team(board):
    load(board.start_upload, examples.map_json("NG-101", "before"))
    load(board.review_upload, examples.map_json("NG-101", "after"))
    board.identifier.value = "Sam"
    board.save_button.click()
    assert "could be a first name" in board.message.value
    assert store.list_pairs(board.engine, "Team") == []
    board.identifier.value = "NG-101"
    start, review = board.rating_inputs["time_with_people"]
    start.value, review.value = 2, 4
    board.save_button.click()
    assert "statement 2: please choose 1 to 5" in board.message.value
    for start, review in board.rating_inputs.values():
        start.value, review.value = 2, 3
    board.save_button.click()
    assert "The maps were not saved" in board.message.value
    assert board.start_upload.chosen == [] and board.save_button.disabled
    saved = store.list_pairs(board.engine, "Team")
    assert [p.identifier for p in saved] == ["NG-101"]
    assert saved[0].start_rating["know_whats_on"] == 2
    board.section.value = "Team review"
    assert "1 person has a map at the start" in board.review_words.value
    assert "no comparison group" in board.review_words.value


def test_a_broken_or_hostile_map_gives_a_message(board):
    load(board.start_upload, "{not json")
    assert "not valid JSON" in board.message.value
    hostile = examples.map_json("NG-101", "after").replace('"Library"', '"<img src=x onerror=1>"')
    load(board.start_upload, examples.map_json("NG-101", "before"))
    load(board.review_upload, hostile)
    assert "<img" not in board.compare_words.value
    assert "&lt;img" in board.compare_words.value


def test_two_maps_from_the_same_day_are_refused(board):
    load(board.start_upload, examples.map_json("NG-101", "before"))
    load(board.review_upload, examples.map_json("NG-101", "before"))
    assert "same date" in board.message.value
    assert board.save_button.disabled


def test_clear_forgets_the_loaded_maps(board):
    load(board.start_upload, examples.map_json("NG-101", "before"))
    load(board.review_upload, examples.map_json("NG-101", "after"))
    board.clear_button.click()
    assert board.current is None and board.compare_words.value == ""
    assert "cleared" in board.message.value


def test_an_empty_review_and_export(board):
    board.section.value = "Team review"
    assert "No one has a map" in board.review_words.value
    board.section.value = "Export"
    board.export_button.click()
    assert "0 people" in board.export_link.value


def test_opening_the_dashboard_on_an_empty_store_creates_only_its_own_empty_table(tmp_path):
    import sqlalchemy as sa

    from connecting_people.outcomes.dashboard import open_dashboard

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    open_dashboard(url=url)
    engine = make_engine(url)
    assert set(sa.inspect(engine).get_table_names()) == {"schema_migrations", "outcomes_pairs",
                                                       "access_log"}
    assert store.list_pairs(engine, "Our team") == []
    engine.dispose()


def map_with_suggestions(identifier: str) -> str:
    """The review map with three things suggested to try: tried, not tried and not yet."""
    import json

    doc = examples.map_document(identifier, "after")
    for entry, tried in zip(doc["entries"][-3:], ("yes", "no", "not_yet"), strict=True):
        entry["suggestion"] = {"suggested": doc["date"], "tried": tried, "outcome": ""}
    return json.dumps(doc)


def test_suggestions_made_and_tried_are_shown_for_the_person_and_the_team(board):
    load(board.start_upload, examples.map_json("NG-101", "before"))
    load(board.review_upload, map_with_suggestions("NG-101"))
    assert ("Suggested to try on the map from about six months: 3 things. "
            "Tried: yes 1, no 1, not yet 1.") in board.compare_words.value
    board.identifier.value = "NG-101"
    board.save_button.click()
    board.section.value = "Team review"
    # The store keeps the split (tried yes, no, not yet), so the team screen shows it too.
    tried = "yes 1, no 1, not yet 1"
    assert f"Suggested to try: 3 things on 1 person&#x27;s review maps. Tried: {tried}." in (
        board.review_words.value)
    assert f"<td>3</td><td>{tried}</td>" in board.review_table.value
    board.section.value = "Export"
    board.export_button.click()
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", board.export_link.value).group(1)
    lines = base64.b64decode(payload).decode("utf-8").splitlines()
    assert lines[0].endswith(",suggestions_review,suggestions_tried_review")
    assert lines[1].endswith(",3,1")
