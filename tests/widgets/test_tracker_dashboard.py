"""The tracker dashboard driven as a worker would: record steps, see the funnel, import a sheet."""

from __future__ import annotations

import base64
import re
from datetime import date

import pytest

from connecting_people.store import make_engine
from connecting_people.tracker import store
from connecting_people.tracker.dashboard import TrackerDashboard

TODAY = date(2026, 10, 1)


@pytest.fixture
def board(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 't.sqlite3'}")
    yield TrackerDashboard(engine, team="Team", today=TODAY)
    engine.dispose()


def record(board, identifier, worker="JB", **steps):
    board.person_choice.value = 0
    board.identifier.value = identifier
    board.worker.value = worker
    board.on_caseload_from.value = date(2026, 1, 5)
    for name, day in steps.items():
        board.step_inputs[name].value = day
    board.save_button.click()


def test_record_steps_for_three_people_and_see_the_funnel(board):
    record(board, "NG-001", guide_explained=date(2026, 1, 20), map_made=date(2026, 2, 1))
    record(board, "NG-002", guide_explained=date(2026, 2, 2))
    record(board, "NG-003", worker="AK")
    assert len(store.list_people(board.engine, "Team")) == 3
    board.section.value = "Funnel"
    assert "Worker JB: 2 of 2 people" in board.funnel_words.value
    assert "Worker AK: 0 of 1 person" in board.funnel_words.value
    board.grouping.value = "By team"
    assert "Team: 2 of 3 people" in board.funnel_words.value
    board.section.value = "Over time"
    assert "2 of 3 people" in board.trend_words.value


def test_names_and_future_dates_are_refused_with_a_message(board):
    record(board, "Aisha Khan", guide_explained=date(2026, 12, 1))
    assert "Nothing was saved" in board.message.value
    assert "space" in board.message.value and "future" in board.message.value
    record(board, "<b>NG</b>", worker="<script>x</script>")
    assert "<script>" not in board.message.value and "<b>NG" not in board.message.value
    assert store.list_people(board.engine, "Team") == []


def test_a_duplicate_identifier_is_refused_and_the_first_is_unchanged(board):
    record(board, "NG-001", guide_explained=date(2026, 1, 20))
    first = store.list_people(board.engine, "Team")
    record(board, "ng-001", map_made=date(2026, 2, 1))
    assert "already on the tracker" in board.message.value
    assert store.list_people(board.engine, "Team") == first


def test_steps_out_of_order_are_saved_and_flagged(board):
    record(board, "NG-001", guide_explained=date(2026, 3, 1), map_made=date(2026, 2, 1))
    assert "Added NG-001" in board.message.value
    assert "is dated before Guide explained" in board.flags.value
    board.section.value = "Funnel"
    assert "Steps to check" in board.to_check.value


def test_a_record_entered_in_error_is_removed_only_when_confirmed(board):
    record(board, "NG-001")
    board.confirm_remove.value = "NG-009"
    board.remove_button.click()
    assert "type NG-001" in board.message.value
    assert len(store.list_people(board.engine, "Team")) == 1
    board.confirm_remove.value = "NG-001"
    board.remove_button.click()
    assert "Removed NG-001" in board.message.value
    assert store.list_people(board.engine, "Team") == []


def test_import_and_export(board):
    text = ("identifier,worker,on_caseload_from,guide_explained\n"
            "NG-010,JB,2026-01-05,2026-01-20\nPriya,JB,2026-01-05,\n")
    board.upload.receive([("t.csv", text.encode())])
    assert "Row 3" in board.import_report.value
    board.import_button.click()
    assert "1 people were added" in board.import_report.value
    board.export_button.click()
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", board.export_link.value).group(1)
    assert "NG-010,JB,2026-01-05,2026-01-20" in base64.b64decode(payload).decode()


def test_an_empty_tracker_says_so(board):
    board.section.value = "Funnel"
    assert "Nobody is on the tracker yet" in board.funnel_words.value
    board.section.value = "Over time"
    assert "Nobody is on the tracker yet" in board.trend_words.value


def test_opening_the_dashboard_on_an_empty_store_creates_only_its_own_empty_tables(tmp_path):
    import sqlalchemy as sa

    from connecting_people.tracker.dashboard import open_dashboard

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    open_dashboard(url=url)
    engine = make_engine(url)
    assert set(sa.inspect(engine).get_table_names()) == {
        "schema_migrations", "tracker_people", "tracker_history", "access_log"}
    assert store.list_people(engine) == []
    engine.dispose()


def test_a_losing_edit_says_when_the_other_change_was_made_and_keeps_what_was_typed(board):
    from datetime import UTC, datetime

    from connecting_people.store.versioned import local_time

    record(board, "NG-001")
    [person] = store.list_people(board.engine, "Team")
    board.person_choice.value = person.id
    # Someone else saves a change to the same person while this form is open.
    when = datetime(2026, 10, 1, 10, 42, tzinfo=UTC)
    store.update_person(board.engine, person.id, person.record, expected_version=1,
                        user="local:sam", now=when)
    board.worker.value = "AK"
    board.step_inputs["guide_explained"].value = date(2026, 1, 20)
    board.save_button.click()
    assert board.message.value == (
        '<div class="cp-message cp-error" role="alert">The record for NG-001 was '
        f"changed by someone else at {local_time(when)}; reload to see it. Your change was not "
        "saved; what you typed is still in the form.</div>"
    )
    assert (board.worker.value, board.step_inputs["guide_explained"].value) == (
        "AK", date(2026, 1, 20))
    assert store.get_person(board.engine, person.id).record.worker == "JB"
