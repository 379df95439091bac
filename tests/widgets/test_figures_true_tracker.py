"""Materials tracker: the funnel, the explained share over time and the export, checked by hand.

Tiny fictional datasets in a throw-away SQLite store; the dashboard is built in
Python (no browser) and what it shows is compared with literals worked out by hand,
the sum beside each. Dates are fixed here. See also the other test_figures_true files.
"""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.store import make_engine
from connecting_people.tracker import charts as tracker_charts
from connecting_people.tracker import store as tracker_store
from connecting_people.tracker.dashboard import TrackerDashboard
from connecting_people.tracker.model import PersonRecord
from tests.widgets.conftest import capture_figures, link_csv, table_rows

# --------------------------------------------------------- materials tracker
TRACKER_TODAY = date(2026, 10, 1)


def person(identifier, worker, start, left=None, **steps) -> PersonRecord:
    return PersonRecord(identifier, worker, start, steps, left)


def tracker_dataset(engine) -> None:
    for team, record in (
        ("Team", person("NG-101", "AB", date(2026, 1, 5), guide_explained=date(2026, 1, 10),
                        map_made=date(2026, 2, 1), goals_agreed=date(2026, 2, 10),
                        first_connection=date(2026, 3, 1),
                        six_month_review=date(2026, 8, 1))),
        ("Team", person("NG-102", "AB", date(2026, 2, 1), guide_explained=date(2026, 3, 15),
                        map_made=date(2026, 4, 1))),
        ("Team", person("NG-103", "AB", date(2026, 3, 1))),
        # Left on 30 June: off the caseload from that day on.
        ("Team", person("NG-104", "AB", date(2026, 1, 5), date(2026, 6, 30),
                        guide_explained=date(2026, 1, 20))),
        ("Team", person("NG-201", "CD", date(2026, 4, 1), map_made=date(2026, 5, 1))),
        ("Team", person("NG-202", "CD", date(2026, 5, 10), guide_explained=date(2026, 9, 30))),
        ("Other team", person("NG-301", "EF", date(2026, 5, 1),
                              guide_explained=date(2026, 6, 1))),
    ):
        tracker_store.add_person(engine, team, record)


@pytest.fixture
def tracker(tmp_path, monkeypatch):
    engine = make_engine(f"sqlite:///{tmp_path / 't.sqlite3'}")
    tracker_store.open_store(engine)
    tracker_dataset(engine)
    drawn = capture_figures(monkeypatch, tracker_charts, "funnel_figure", "explained_figure")
    board = TrackerDashboard(engine, team="Team", today=TRACKER_TODAY)
    yield board, drawn
    engine.dispose()


def test_tracker_funnel_counts_people_on_the_caseload_at_each_step(tracker):
    board, drawn = tracker
    board.section.value = "Funnel"
    # On 1 October, AB has NG-101, 102 and 103 (NG-104 left); CD has NG-201 and 202.
    assert board.funnel_words.value == (
        "<p>Worker AB: 2 of 3 people on the caseload have had the guide explained, and 1 has "
        "had their review at about six months.</p>"
        "<p>Worker CD: 1 of 2 people on the caseload has had the guide explained, and 0 have "
        "had their review at about six months.</p>")
    [chart] = drawn
    assert [(t["name"], t["x"]) for t in chart.data] == [
        ("Worker AB (3 people)", [2, 2, 1, 1, 1]),  # guide 101, 102; map 101, 102; rest 101
        ("Worker CD (2 people)", [1, 1, 0, 0, 0]),  # guide 202; map 201
    ]
    # The share written on each bar is of the people on the caseload, not of the first bar.
    assert [t["text"] for t in chart.data] == [
        ["2 (67%)", "2 (67%)", "1 (33%)", "1 (33%)", "1 (33%)"],  # of 3
        ["1 (50%)", "1 (50%)", "0 (0%)", "0 (0%)", "0 (0%)"],  # of 2
    ]
    assert table_rows(board.to_check.value)[1:] == [
        ["NG-201", "Map made is recorded but Guide explained is not"]]
    board.grouping.value = "By team"
    # Every team: Other team has NG-301 (guide explained); Team has the five above.
    assert board.funnel_words.value == (
        "<p>Other team: 1 of 1 person on the caseload has had the guide explained, and 0 have "
        "had their review at about six months.</p>"
        "<p>Team: 3 of 5 people on the caseload have had the guide explained, and 1 has had "
        "their review at about six months.</p>")
    assert [t["x"] for t in drawn[-1].data] == [[1, 0, 0, 0, 0], [3, 3, 1, 1, 1]]


def test_tracker_explained_share_at_each_months_end(tracker):
    board, drawn = tracker
    board.section.value = "Over time"
    assert board.trend_words.value == (
        "<p>Today 3 of 5 people on the caseload have had the guide explained.</p>")
    [chart] = drawn
    [line] = chart.data
    assert line["x"] == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
                         "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-01"]
    assert line["customdata"] == [
        [2, 2],  # 31 Jan: NG-101 and 104 on, both explained
        [2, 3],  # 28 Feb: NG-102 joins, explained only in March
        [3, 4],  # 31 Mar: NG-103 joins; NG-102 explained on 15 March
        [3, 5],  # 30 Apr: NG-201 joins
        [3, 6],  # 31 May: NG-202 joins
        [2, 5], [2, 5], [2, 5],  # 30 Jun to 31 Aug: NG-104 left on 30 June
        [3, 5], [3, 5],  # 30 Sep: NG-202 explained that day
    ]
    # 100 x explained / people, one decimal: 2/2, 2/3, 3/4, 3/5, 3/6, 2/5 ...
    assert line["y"] == [100.0, 66.7, 75.0, 60.0, 50.0, 40.0, 40.0, 40.0, 60.0, 60.0]
    board.section.value = "Import and export"
    board.export_button.click()
    exported = link_csv(board.export_link.value, "tracker-2026-10-01.csv")
    assert len(exported) == 1 + 6  # this team's six people, NG-104 (left) included
    assert "(6 people)" in board.export_link.value
