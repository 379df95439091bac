"""Outcomes review: the team summary, table, chart and CSV, checked against hand-worked numbers.

Tiny fictional datasets in a throw-away SQLite store; the dashboard is built in
Python (no browser) and what it shows is compared with literals worked out by hand,
the sum beside each. Dates are fixed here. See also the other test_figures_true files.
"""

from __future__ import annotations

import html
import re
from datetime import date

from connecting_people.outcomes import charts as outcomes_charts
from connecting_people.outcomes import store as outcomes_store
from connecting_people.outcomes.dashboard import OutcomesDashboard
from connecting_people.outcomes.rules import Pair as OutcomePair
from connecting_people.store import make_engine
from tests.widgets.conftest import capture_figures, link_csv, robin_maps, table_rows


# ----------------------------------------------------------- outcomes review
def figures(size, kinds, professional, wishes) -> dict:
    return {"size": size, "kinds": kinds, "professional_percent": professional,
            "wishes_met_percent": wishes}


def ratings(each: int) -> dict:
    return dict.fromkeys(("time_with_people", "out_and_about", "know_whats_on",
                          "try_something_new", "right_amount"), each)


def outcomes_dataset(engine) -> None:
    start, review = date(2026, 1, 10), date(2026, 7, 10)
    for pair in (
        OutcomePair("NG-001", start, review, figures(4, 3, 50, 25), figures(6, 4, 33, 50),
                    ratings(2), ratings(3)),
        OutcomePair("NG-002", start, review, figures(5, 3, 40, None), figures(5, 2, 40, 20)),
        OutcomePair("NG-003", start, review, figures(6, 4, 17, 50), figures(4, 3, 25, 50),
                    ratings(4), ratings(3)),
    ):
        outcomes_store.save_pair(engine, "Team", pair)


def test_outcomes_team_summary_counts_and_medians(tmp_path, monkeypatch):
    engine = make_engine(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    board = OutcomesDashboard(engine, team="Team", today=date(2026, 11, 1))
    outcomes_dataset(engine)
    drawn = capture_figures(monkeypatch, outcomes_charts, "change_figure")
    board.section.value = "Team review"
    words = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", board.review_words.value)]
    assert words[:6] == [
        "3 people have a map at the start and at about six months.",
        # Sizes 4 to 6 (+2), 5 to 5 (0), 6 to 4 (-2): medians of 4,5,6 and 6,5,4 and +2,0,-2.
        "Connections on the map: of 3 people, 1 went up, 1 stayed the same and 1 went down. "
        "The middle (median) change was 0; the middle figure was 5 at the start and 5 at "
        "about six months.",
        # Kinds 3 to 4 (+1), 3 to 2 (-1), 4 to 3 (-1): median of 3,3,4 = 3, of 4,2,3 = 3.
        "Kinds of connection: of 3 people, 1 went up, 0 stayed the same and 2 went down. "
        "The middle (median) change was -1; the middle figure was 3 at the start and 3 at "
        "about six months.",
        # 50 to 33 (-17), 40 to 40 (0), 17 to 25 (+8): medians 40, 33 and 0.
        "Professionals and services (% of the map): of 3 people, 1 went up, 1 stayed the same "
        "and 1 went down. The middle (median) change was 0 points; the middle figure was 40 "
        "at the start and 33 at about six months.",
        # NG-002 has no start value, so 2 people: 25 to 50 (+25), 50 to 50 (0). With two
        # people the values themselves, not a median between them (12.5 nobody had).
        "Contact as the person wants it (% of connections with a wish given): of 2 people, "
        "1 went up, 1 stayed the same and 0 went down. The two changes were +25 and 0 "
        "points: from 25 and 50 at the start to 50 and 50 at about six months.",
        # Ratings 5x2 = 10 to 5x3 = 15 (+5), 5x4 = 20 to 15 (-5); NG-002 gave none.
        "The book's own self-rating (5 to 25): of 2 people, 1 went up, 0 stayed the same and "
        "1 went down. The two changes were +5 and -5: from 10 and 20 at the start to 15 and "
        "15 at about six months.",
    ]
    assert "With 3 people, one person&#x27;s change can swing the picture." in (
        board.review_words.value)
    rows = table_rows(board.review_table.value)
    assert [row[:8] for row in rows[1:]] == [
        ["NG-001", "10 January 2026", "10 July 2026", "4 to 6", "3 to 4", "50 to 33", "25 to 50",
         "10 to 15"],
        ["NG-002", "10 January 2026", "10 July 2026", "5 to 5", "3 to 2", "40 to 40",
         "not recorded", "not recorded"],
        ["NG-003", "10 January 2026", "10 July 2026", "6 to 4", "4 to 3", "17 to 25", "50 to 50",
         "20 to 15"],
    ]
    # The slope chart: one line per person per figure with both values; 3+3+3+2+2 = 13.
    [chart] = drawn
    assert len(chart.data) == 13
    assert [t["y"] for t in chart.data if t["name"] == "NG-002"] == [[5, 5], [3, 2], [40, 40]]
    board.section.value = "Export"
    board.export_button.click()
    exported = link_csv(board.export_link.value, "outcomes-review-2026-11-01.csv")
    assert exported[0][:5] == ["identifier", "start_date", "review_date", "size_start",
                               "size_review"]
    assert [row[3:13] for row in exported[1:]] == [
        ["4", "6", "3", "4", "50", "33", "25", "50", "10", "15"],
        ["5", "5", "3", "2", "40", "40", "", "20", "", ""],
        ["6", "4", "4", "3", "17", "25", "50", "50", "20", "15"],
    ]
    assert "(3 people)" in board.export_link.value
    engine.dispose()


def test_outcomes_one_persons_figures_from_two_maps(tmp_path):
    from connecting_people.network import formats

    engine = make_engine(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    board = OutcomesDashboard(engine, team="Team", today=date(2026, 11, 1))
    before, after = robin_maps()
    board.start_upload.receive([("jan.json", formats.to_json(before).encode())])
    board.review_upload.receive([("jul.json", formats.to_json(after).encode())])
    assert table_rows(board.compare_words.value) == [
        ["Figure", "Start", "About six months", "Change"],
        ["Connections on the map", "4", "5", "+1"],
        ["Kinds of connection", "3", "5", "+2"],  # family, friend, services; + group, place
        ["Professionals and services (% of the map)", "50", "20", "-30"],  # 2 of 4; 1 of 5
        # Wishes given: Mum and Sam both times. January "more" for both: 0 of 2 the same;
        # July "the same" for both: 2 of 2 = 100%, though 3 of the 5 have no wish given.
        ["Contact as the person wants it (% of connections with a wish given)", "0", "100", "+100"],
    ]
    assert ("Suggested to try on the map from about six months: 2 things. Tried: yes 1, no 0, "
            "not yet 1.") in board.compare_words.value
    assert "Please note" not in board.compare_words.value  # 181 days apart: about six months
    engine.dispose()
