"""Community directory: what the team knows by kind, what needs checking, and search counts.

Tiny fictional datasets in a throw-away SQLite store; the dashboard is built in
Python (no browser) and what it shows is compared with literals worked out by hand,
the sum beside each. Dates are fixed here. See also the other test_figures_true files.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from connecting_people.community import charts as community_charts
from connecting_people.community import store as community_store
from connecting_people.community.dashboard import DirectoryDashboard
from connecting_people.community.model import Resource
from connecting_people.store import make_engine
from tests.widgets.conftest import capture_figures, link_csv, table_rows

TODAY = date(2026, 10, 1)  # six months before is 1 April 2026


@pytest.fixture
def board(tmp_path, monkeypatch):
    engine = make_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    community_store.open_store(engine)
    for team, name, kind, area, checked in (
        ("Team", "Walking group", "group", "Northgate", date(2026, 9, 1)),
        # Checked six months ago to the day: not yet counted as needing a check.
        ("Team", "Knit and natter", "group", "Northgate", date(2026, 4, 1)),
        ("Team", "Debt advice", "service", "Eastfield", date(2026, 3, 31)),  # one day more
        ("Team", "Library", "place", "Northgate", date(2025, 12, 1)),
        ("Team", "Pottery class", "activity", "Eastfield", date(2026, 8, 1)),
        ("Other team", "Choir", "group", "Northgate", date(2026, 9, 1)),
    ):
        community_store.add_resource(engine, team, Resource(name, kind, "Fictional.", area,
                                                            checked))
    pottery = next(e for e in community_store.list_resources(engine, "Team")
                   if e.resource.name == "Pottery class")
    community_store.retire_resource(engine, pottery.id, reason="The class has closed.",
                                    today=TODAY, expected_version=pottery.version)
    drawn = capture_figures(monkeypatch, community_charts, "kinds_figure")
    yield DirectoryDashboard(engine, team="Team", today=TODAY), drawn
    engine.dispose()


def test_directory_counts_by_kind_and_what_needs_checking(board):
    board, drawn = board
    board.section.value = "What we know"
    # Active entries of this team: 2 groups (both checked since 1 April), 1 service and 1
    # place (checked before 1 April); the pottery class is retired, the choir is another team's.
    assert board.summary.value == (
        "<p>The team knows 4 entries across 3 kinds. 2 not checked for more than six months: "
        "check them first. Nothing yet under: activity or class; volunteering, learning or "
        "work; online.</p>")
    [chart] = drawn
    checked, stale = chart.data
    assert checked["y"] == ["Group or club", "Activity or class", "Service or advice",
                            "Place to go", "Volunteering, learning or work", "Online"]
    assert checked["x"] == [2, 0, 0, 0, 0, 0]
    assert stale["x"] == [0, 0, 1, 1, 0, 0]


def test_directory_search_counts_and_flags(board):
    board, _drawn = board
    board.section.value = "Find"
    board.search_button.click()
    assert board.results.value.startswith("<p>4 entries found.</p>")  # the retired one left out
    flagged = [row[1] for row in table_rows(board.results.value)[1:] if "Needs checking" in row[1]]
    assert sorted(flagged) == ["Debt adviceNeeds checking", "LibraryNeeds checking"]
    board.stale_only.value = True
    board.search_button.click()
    assert board.results.value.startswith("<p>2 entries found.</p>")
    board.include_retired.value = True
    board.stale_only.value = False
    board.search_button.click()
    assert board.results.value.startswith("<p>5 entries found.</p>")
    board.section.value = "Import and export"
    board.export_button.click()
    exported = link_csv(board.export_link.value, "community-directory-2026-10-01.csv")
    status = exported[0].index("status")
    # Every entry of this team, the retired one with its status: 4 active + 1 retired.
    assert sorted(row[status] for row in exported[1:]) == ["active"] * 4 + ["retired"]
    assert re.search(r"\(5 entries\)", board.export_link.value)
