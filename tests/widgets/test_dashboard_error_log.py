"""A failure in a dashboard: one JSON log line with who and what, and no traceback on the page."""

from __future__ import annotations

import io
import json
import logging
from datetime import date

import pytest

from connecting_people.common import logs
from connecting_people.community import store
from connecting_people.community.dashboard import DirectoryDashboard
from connecting_people.store import make_engine


@pytest.fixture
def log_lines():
    buffer = io.StringIO()
    handler = logs.install(stream=buffer)
    yield buffer
    logging.getLogger("connecting_people").removeHandler(handler)


def test_an_unexpected_error_is_one_json_line_and_a_plain_message(tmp_path, log_lines,
                                                                    monkeypatch):
    engine = make_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    board = DirectoryDashboard(engine, team="north", today=date(2026, 10, 1))
    monkeypatch.setenv("JUPYTERHUB_USER", "north-worker")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(store, "add_resource", broken)
    board.inputs["name"].value = "Walking Friends"
    board.inputs["offers"].value = "Walks"
    board.inputs["area"].value = "Northgate"
    board.save_button.click()
    engine.dispose()

    lines = log_lines.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert (record["level"], record["logger"]) == ("ERROR", "connecting_people.dashboards")
    assert record["user"] == board.user
    assert record["request"] == "directory: _save"
    assert record["error"] == "RuntimeError: disk on fire"
    assert "Traceback (most recent call last)" in record["traceback"]
    assert "Something went wrong and nothing was saved" in board.message.value
    assert "For them: RuntimeError: disk on fire" in board.message.value
    assert "Traceback" not in board.message.value
    assert "second line" not in board.message.value


def test_the_user_comes_from_the_hub_when_the_record_has_none(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "south-worker")
    record = logging.LogRecord("connecting_people.x", logging.INFO, __file__, 1, "GET %s",
                               ("/hub/home",), None)
    line = json.loads(logs.JsonLinesFormatter().format(record))
    assert (line["user"], line["message"], line["level"]) == ("south-worker", "GET /hub/home",
                                                              "INFO")
    assert "error" not in line
