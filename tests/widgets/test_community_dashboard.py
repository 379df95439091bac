"""The directory dashboard driven as a person would: type, click, upload; no browser needed."""

from __future__ import annotations

import base64
import re
from datetime import date

import pytest
import sqlalchemy as sa

from connecting_people.community import store
from connecting_people.community.dashboard import DirectoryDashboard, open_dashboard
from connecting_people.store import make_engine

TODAY = date(2026, 10, 1)
HOSTILE = "<script>alert('x')</script>"


@pytest.fixture
def board(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    yield DirectoryDashboard(engine, team="Team", today=TODAY)
    engine.dispose()


def fill(board, **values):
    for name, value in values.items():
        board.inputs[name].value = value


def upload(widget, text: str):
    widget.receive([("file.csv", text.encode())])


def test_an_empty_store_shows_a_helpful_message_and_saves_nothing(board):
    assert "The directory is empty" in board.results.value
    assert store.list_resources(board.engine, "Team") == []
    with board.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(store.resources)
                                  ).scalar() == 0


def test_add_a_resource_and_find_it_by_search(board):
    fill(board, name="Riverside Walking Group", offers="Gentle walks", area="Riverside")
    board.inputs["kind"].value = "group"
    board.save_button.click()
    assert "Added" in board.message.value
    board.search_text.value = "walking"
    assert "Riverside Walking Group" in board.results.value
    assert "1 entry found" in board.results.value
    board.search_text.value = "choir"
    assert "No entries match" in board.results.value


def test_hostile_text_in_every_field_is_escaped_on_screen(board):
    fill(board, name=HOSTILE, offers=HOSTILE, suits=HOSTILE, area=HOSTILE, access=HOSTILE,
         cost="=1+1", contact=HOSTILE, notes=HOSTILE)
    board.save_button.click()
    assert "Added" in board.message.value
    board.search_text.value = "alert"
    shown = board.results.value + board.message.value + board.entry_choice.options[1][0]
    assert "<script>" not in board.results.value and "<script>" not in board.message.value
    assert "&lt;script&gt;" in shown


def test_bad_input_gives_a_message_and_changes_nothing(board):
    fill(board, name="Library", offers="Books", area="Northgate")
    board.save_button.click()
    before = store.list_resources(board.engine, "Team")
    board.entry_choice.value = 0
    fill(board, name="", offers="x", area="Northgate")
    board.inputs["last_checked"].value = date(2027, 1, 1)
    board.save_button.click()
    assert "Nothing was saved" in board.message.value
    assert "Name: this is required" in board.message.value and "future" in board.message.value
    assert store.list_resources(board.engine, "Team") == before


def test_edit_and_retire_keep_history(board):
    fill(board, name="Library", offers="Books", area="Northgate")
    board.save_button.click()
    entry_id = board.entry_choice.value
    board.inputs["cost"].value = "Free"
    board.save_button.click()
    assert "Saved the changes" in board.message.value
    board.save_button.click()
    assert "Nothing has changed" in board.message.value
    board.retire_reason.value = "Closed for building work"
    board.retire_button.click()
    assert "Retired" in board.message.value
    assert "retired" in board.history.value and "edited" in board.history.value
    board.include_retired.value = True
    assert "Closed for building work" in board.results.value
    assert store.get_resource(board.engine, entry_id).status == "retired"


def test_import_shows_a_report_and_adds_only_when_asked(board):
    upload(board.upload, "name,kind,offers,area,last_checked\n"
                         "Choir,group,Singing,Riverside,2026-09-01\n"
                         "Cafe,pub,Coffee,Riverside,2026-09-01\n")
    assert "Row 3" in board.import_report.value
    assert store.list_resources(board.engine, "Team") == []
    assert not board.import_button.disabled
    board.import_button.click()
    assert "1 new entries were added" in board.import_report.value
    assert [e.resource.name for e in store.list_resources(board.engine, "Team")] == ["Choir"]


def test_a_file_with_unknown_columns_is_refused_with_a_message(board):
    upload(board.upload, "name,favourite_colour\nChoir,red\n")
    assert "Unknown columns: favourite_colour" in board.import_report.value
    assert board.import_button.disabled


def test_export_link_holds_a_safe_csv(board):
    fill(board, name="Library", offers="=cmd|' /C calc'!A0", area="Northgate")
    board.save_button.click()
    board.export_button.click()
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", board.export_link.value).group(1)
    text = base64.b64decode(payload).decode()
    assert "'=cmd" in text and ",=cmd" not in text


def test_the_chart_is_drawn_when_its_section_is_opened(board):
    board.section.value = "What we know"
    assert "The directory is empty" in board.summary.value
    board.section.value = "Find"


def test_opening_the_dashboard_on_an_empty_store_creates_only_its_own_empty_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    open_dashboard(url=url)
    engine = make_engine(url)
    tables = set(sa.inspect(engine).get_table_names())
    assert tables == {"schema_migrations", "community_resources", "community_history",
                      "community_deletions"}
    with engine.connect() as connection:
        for table in (store.resources, store.history):
            assert connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    engine.dispose()
