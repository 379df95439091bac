"""Lead overview: its table, heat map, run charts and CSV, checked against hand-worked numbers.

Tiny fictional datasets in a throw-away SQLite store, read as a person reads the
page; the checklist's facts the sums rely on are in tests/widgets/conftest.py.
"""

from __future__ import annotations

from datetime import date

from connecting_people.fidelity import store
from connecting_people.fidelity.lead_dashboard import LeadOverviewDashboard
from connecting_people.fidelity.model import PlanEntry
from tests.widgets.conftest import (
    DOMAIN_IDS,
    IDS,
    by_domain,
    link_csv,
    save_audit,
    table_rows,
)

LEAD_TODAY = date(2026, 3, 1)


def first_k_at_3(k: int) -> dict:
    """The first ``k`` items (checklist order) score 3, the rest 2: the sum is 52 + k."""
    return {item_id: 3 if n < k else 2 for n, item_id in enumerate(IDS)}


# ------------------------------------------------------------ lead overview
def lead_dataset(audit_engine) -> None:
    """Four fictional teams: six audits rising, one audit, one drop with little rated, none."""
    alder = store.create_team(audit_engine, "Alder CMHT", "North Trust", "Adult")
    for month, k in zip((1, 3, 5, 7, 9), (0, 6, 13, 20, 26), strict=True):
        # September's plan has one action still in progress, due in October.
        plan = [PlanEntry("team.directory", "Sam", date(2025, 10, 1), status="in_progress")
                ] if month == 9 else []
        save_audit(audit_engine, alder, date(2025, month, 1), first_k_at_3(k), plan)
    latest = by_domain(team=4, practice=3, materials=2, supervision=5, recording=1)
    latest["recording.audit_cycle"] = None  # cannot rate: no evidence
    latest["recording.team_uses_figures"] = None
    save_audit(audit_engine, alder, date(2025, 11, 1), latest, [
        PlanEntry("recording.connections_recorded", "Ali", date(2026, 2, 1)),
        PlanEntry("materials.explained", "Jo", LEAD_TODAY, status="in_progress"),
        PlanEntry("practice.goals", "Lee", date(2025, 12, 1), status="dropped",
                  reason="Covered by the new induction."),
        PlanEntry("supervision.trained", "Kim", None),
    ])
    birch = store.create_team(audit_engine, "Birch CMHT", "North Trust", "Older adult")
    save_audit(audit_engine, birch, date(2025, 6, 1), dict.fromkeys(IDS, 4))
    cedar = store.create_team(audit_engine, "Cedar CMHT", "South Trust", "Adult")
    save_audit(audit_engine, cedar, date(2025, 2, 1), dict.fromkeys(IDS, 4))
    save_audit(audit_engine, cedar, date(2025, 8, 1), dict.fromkeys(DOMAIN_IDS["team"], 2),
               [PlanEntry("team.directory", "Pat", date(2026, 2, 15))])
    store.create_team(audit_engine, "Dell CMHT", "South Trust", "Adult")


def test_lead_overview_table_shows_each_teams_latest_score_band_change_and_unrated(audit_engine):
    lead_dataset(audit_engine)
    board = LeadOverviewDashboard(audit_engine, today=LEAD_TODAY)
    assert table_rows(board.table.value) == [
        ["Team", "NHS Trust", "Service", "Audits", "Latest", "Whole audit", "Band",
         "Change since previous", "Not rated", "Next audit", "Overdue actions"],
        # Alder's latest: 5x4 + 7x3 + 4x2 + 5x5 + 3x1 = 77 over 24 rated = 3.21 -> 3.2;
        # previous all 3s = 3.0, so up 0.2; 2 of 26 unrated = 7.7% -> 8%. Partly
        # implemented: the next audit six months after 1 November. Overdue on 1 March:
        # September's (due 1 October) and November's not started (due 1 February); not
        # the one due on the day, the dropped one, or the one with no date: 2.
        ["Alder CMHT", "North Trust", "Adult", "6", "1 November 2025", "3.2",
         "Partly implemented", "up 0.2", "8%", "due 1 May 2026", "2"],
        # Birch: one audit, all 4s = 4.0, in 3.5 to 4.4; mostly implemented, so a year on.
        ["Birch CMHT", "North Trust", "Older adult", "1", "1 June 2025", "4.0",
         "Mostly implemented", "first audit", "0%", "due 1 June 2026", "0"],
        # Cedar: only the 5 team items rated, all 2 = 2.0; 5 of 26 rated is under 50%, so
        # no band; 4.0 - 2.0 = down 2.0; 21 of 26 unrated = 80.8% -> 81%, over 20%. No
        # band: six months after 1 August is 1 February, before 1 March. One action late.
        ["Cedar CMHT", "South Trust", "Adult", "2", "1 August 2025", "2.0", "no band",
         "down 2.0", "81% (caution)", "overdue: due 1 February 2026", "1"],
        ["Dell CMHT", "South Trust", "Adult", "0", "none yet", "", "", "", "", "no audit yet",
         "0"],
    ]
    assert "<caption>4 teams: latest audits" in board.table.value


def test_lead_overview_heat_map_cells_are_each_teams_latest_domain_scores(audit_engine):
    lead_dataset(audit_engine)
    [heat] = LeadOverviewDashboard(audit_engine).heatmap.data
    # Dell has no audit, so it is not a row; teams by Trust, then name.
    assert heat["y"] == ["Alder CMHT (North Trust)", "Birch CMHT (North Trust)",
                         "Cedar CMHT (South Trust)"]
    assert heat["z"] == [
        # Alder by domain: 4, 3, 2, 5, recording 3x1/3 = 1.0; whole 3.2 (as in the table).
        [4.0, 3.0, 2.0, 5.0, 1.0, 3.2],
        [4.0, 4.0, 4.0, 4.0, 4.0, 4.0],
        # Cedar: only the team domain rated (5x2/5 = 2.0); the whole audit 10/5 = 2.0.
        [2.0, None, None, None, None, 2.0],
    ]
    assert heat["text"][2] == ["2.0", "not rated", "not rated", "not rated", "not rated",
                               "2.0"]


def test_lead_run_chart_table_gives_each_teams_scores_median_and_signal(audit_engine):
    lead_dataset(audit_engine)
    board = LeadOverviewDashboard(audit_engine)
    rows = table_rows(board.run_chart.table.value)
    assert rows[0] == ["Team", "Audit date", "Score", "Median", "In a shift or trend", "Findings"]
    # Folded under the charts, with its size: 6 + 1 + 2 audits.
    assert ("<details class='cp-chart-table'><summary>The run charts' figures as a table "
            "(9 rows)</summary>") in board.run_chart.table.value
    body = [row[:5] for row in rows[1:]]
    assert body == [
        # Alder: sums 52, 58, 65, 72, 78 over 26 = 2.0, 2.23, 2.5, 2.77, 3.0, then 3.2;
        # median of six = (2.5 + 2.8) / 2 = 2.65; six rises in a row is a trend (5+).
        ["Alder CMHT (North Trust)", "1 January 2025", "2.0", "2.65", "yes"],
        ["Alder CMHT (North Trust)", "1 March 2025", "2.2", "2.65", "yes"],
        ["Alder CMHT (North Trust)", "1 May 2025", "2.5", "2.65", "yes"],
        ["Alder CMHT (North Trust)", "1 July 2025", "2.8", "2.65", "yes"],
        ["Alder CMHT (North Trust)", "1 September 2025", "3.0", "2.65", "yes"],
        ["Alder CMHT (North Trust)", "1 November 2025", "3.2", "2.65", "yes"],
        # Birch: one audit, its own median; nothing to find.
        ["Birch CMHT (North Trust)", "1 June 2025", "4.0", "4.0", "no"],
        # Cedar: 4.0 then 2.0; median (4.0 + 2.0) / 2 = 3.0.
        ["Cedar CMHT (South Trust)", "1 February 2025", "4.0", "3.0", "no"],
        ["Cedar CMHT (South Trust)", "1 August 2025", "2.0", "3.0", "no"],
    ]
    # The findings are written on each team's last row only.
    assert [bool(row[5]) for row in rows[1:]] == [False] * 5 + [True, True, False, True]
    assert rows[6][5].startswith("Shift: no six audits in a row are all above or all below")
    findings = board.run_chart.findings.value
    assert ("<li><strong>Alder CMHT (North Trust)</strong>: Trend: audits 1 to 6 (1 January "
            "2025 to 1 November 2025) go up every time, 6 points in a row.") in findings
    assert ("Too few audits to tell yet for a shift: Birch CMHT (North Trust), Cedar CMHT "
            "(South Trust).") in findings
    # The CSV download carries the same cells as the table.
    assert link_csv(board.run_chart.downloads.value, "run-charts-by-team.csv") == rows



def base_and_k(base: int, k: int) -> dict:
    """Every item ``base``, the first ``k`` one more: the sum is 26 x base + k."""
    return {item_id: base + 1 if n < k else base for n, item_id in enumerate(IDS)}


def test_lead_run_chart_marks_only_the_audits_in_a_shift(audit_engine):
    fir = store.create_team(audit_engine, "Fir CMHT", "North Trust")
    # Whole-audit tenths: 78/26 = 30, 52/26 = 20, 55/26 = 21.2 -> 21, ..., 91/26 = 35,
    # 86/26 = 33.1 -> 33, 81/26 = 31.2 -> 31, 88/26 = 33.8 -> 34, 83/26 = 31.9 -> 32.
    for month, (base, k) in enumerate([(3, 0), (2, 0), (2, 3), (2, 0), (2, 3), (2, 0), (2, 3),
                                       (3, 13), (3, 8), (3, 3), (3, 10), (3, 5)], start=1):
        save_audit(audit_engine, fir, date(2024, month, 1), base_and_k(base, k))
    board = LeadOverviewDashboard(audit_engine)
    rows = table_rows(board.run_chart.table.value)[1:]
    assert [row[2] for row in rows] == ["3.0", "2.0", "2.1", "2.0", "2.1", "2.0", "2.1", "3.5",
                                        "3.3", "3.1", "3.4", "3.2"]
    # Sorted: 20 20 20 21 21 21 | 30 31 32 33 34 35, so the median is (2.1 + 3.0) / 2 = 2.55;
    # audits 2 to 7 are below it, six in a row: a shift. Audits 8 to 12 above are only five.
    assert {row[3] for row in rows} == {"2.55"}
    assert [row[4] for row in rows] == ["no"] + ["yes"] * 6 + ["no"] * 5
    # Sides + - - - - - - + + + + +: 3 runs, where 12 points off the median allow 4 to 10.
    assert rows[-1][5] == (
        "Shift: audits 2 to 7 (1 February 2024 to 1 July 2024) are all below the median, 6 in "
        "a row. Six or more in a row on one side is more than chance. Trend: no five audits in "
        "a row all go up or all go down. Too few runs: 3 runs where chance gives 4 to 10 for "
        "12 audits off the median. The scores stay on one side too long.")
    findings = board.run_chart.findings.value
    assert findings.count("<li><strong>Fir CMHT (North Trust)</strong>") == 2  # both signals


def test_lead_overview_scores_csv_has_each_audits_scores_bands_and_unrated(audit_engine):
    lead_dataset(audit_engine)
    board = LeadOverviewDashboard(audit_engine)
    board.csv_button.click()
    rows = link_csv(board.downloads.value, "self-audit-scores.csv")
    assert rows[0][5:] == ["total", "total_band", "items_rated", "percent_not_rated", "caution",
                           "team_score", "team_band", "practice_score", "practice_band",
                           "materials_score", "materials_band", "supervision_score",
                           "supervision_band", "recording_score", "recording_band"]
    assert [row[0] for row in rows[1:]] == ["Alder CMHT"] * 6 + ["Birch CMHT"] + [
        "Cedar CMHT"] * 2
    assert [row[3] for row in rows[1:7]] == ["2025-01-01", "2025-03-01", "2025-05-01",
                                             "2025-07-01", "2025-09-01", "2025-11-01"]
    assert [row[5] for row in rows[1:]] == ["2.0", "2.2", "2.5", "2.8", "3.0", "3.2", "4.0",
                                            "4.0", "2.0"]
    # Alder's latest: 24 rated, 2/26 = 8% not rated; recording's 3 of 5 rated (60%) is
    # enough for a band (50%), so 1.0 gets "Not yet implemented".
    assert rows[6][5:] == ["3.2", "Partly implemented", "24", "8", "no",
                           "4.0", "Mostly implemented", "3.0", "Partly implemented",
                           "2.0", "Not yet implemented", "5.0", "Fully implemented",
                           "1.0", "Not yet implemented"]
    # Cedar's latest: the 5 team items only; 21/26 = 81% not rated, over 20%: caution.
    assert rows[9][5:] == ["2.0", "", "5", "81", "yes", "2.0", "Not yet implemented",
                           "", "", "", "", "", "", "", ""]
