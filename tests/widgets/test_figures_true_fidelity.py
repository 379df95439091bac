"""Lead overview and team progress: every figure, checked against numbers worked out by hand.

Tiny fictional datasets in a throw-away SQLite store; the dashboard is built in
Python (no browser) and what it shows is compared with literals worked out by hand,
the sum beside each. Dates are fixed here. See also the other test_figures_true files.

Checklist 1.1 has 26 items: team 5, practice 7, materials 4, supervision 5,
recording 5. A scope's score is the mean of its rated items in tenths, rounded half
up; bands start at 1.0, 2.5, 3.5 and 4.5.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.dashboard import TeamProgressDashboard
from connecting_people.fidelity.lead_dashboard import LeadOverviewDashboard
from connecting_people.fidelity.model import Audit, PlanEntry, Team
from connecting_people.store import make_engine
from tests.widgets.conftest import link_csv, table_rows

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids
DOMAIN_IDS = {d.id: d.item_ids for d in CHECKLIST.domains}


def first_k_at_3(k: int) -> dict:
    """The first ``k`` items (checklist order) score 3, the rest 2: the sum is 52 + k."""
    return {item_id: 3 if n < k else 2 for n, item_id in enumerate(IDS)}


def by_domain(**scores) -> dict:
    """Every item of a domain gets that domain's score."""
    return {item_id: scores[domain] for domain, ids in DOMAIN_IDS.items() for item_id in ids}


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'figures.sqlite3'}")
    store.ensure_schema(engine)
    yield engine
    engine.dispose()


def save(engine, team: store.TeamRow, day: date, answers: dict, plan=()) -> None:
    store.save_audit(engine, team.id, Audit(team=Team(team.name, team.trust, team.service),
                                            date=day, answers=answers, plan=tuple(plan)))


# ------------------------------------------------------------ lead overview
def lead_dataset(engine) -> None:
    """Four fictional teams: six audits rising, one audit, one drop with little rated, none."""
    alder = store.create_team(engine, "Alder CMHT", "North Trust", "Adult")
    for month, k in zip((1, 3, 5, 7, 9), (0, 6, 13, 20, 26), strict=True):
        save(engine, alder, date(2025, month, 1), first_k_at_3(k))
    latest = by_domain(team=4, practice=3, materials=2, supervision=5, recording=1)
    latest["recording.audit_cycle"] = None  # cannot rate: no evidence
    latest["recording.team_uses_figures"] = None
    save(engine, alder, date(2025, 11, 1), latest)
    birch = store.create_team(engine, "Birch CMHT", "North Trust", "Older adult")
    save(engine, birch, date(2025, 6, 1), dict.fromkeys(IDS, 4))
    cedar = store.create_team(engine, "Cedar CMHT", "South Trust", "Adult")
    save(engine, cedar, date(2025, 2, 1), dict.fromkeys(IDS, 4))
    save(engine, cedar, date(2025, 8, 1), dict.fromkeys(DOMAIN_IDS["team"], 2))
    store.create_team(engine, "Dell CMHT", "South Trust", "Adult")


def test_lead_overview_table_shows_each_teams_latest_score_band_change_and_unrated(engine):
    lead_dataset(engine)
    board = LeadOverviewDashboard(engine)
    assert table_rows(board.table.value) == [
        ["Team", "NHS Trust", "Service", "Audits", "Latest", "Whole audit", "Band",
         "Change since previous", "Not rated"],
        # Alder's latest: 5x4 + 7x3 + 4x2 + 5x5 + 3x1 = 77 over 24 rated = 3.21 -> 3.2;
        # previous all 3s = 3.0, so up 0.2; 2 of 26 unrated = 7.7% -> 8%.
        ["Alder CMHT", "North Trust", "Adult", "6", "2025-11-01", "3.2",
         "Partly implemented", "up 0.2", "8%"],
        # Birch: one audit, all 4s = 4.0, in 3.5 to 4.4.
        ["Birch CMHT", "North Trust", "Older adult", "1", "2025-06-01", "4.0",
         "Mostly implemented", "first audit", "0%"],
        # Cedar: only the 5 team items rated, all 2 = 2.0; 5 of 26 rated is under 50%, so
        # no band; 4.0 - 2.0 = down 2.0; 21 of 26 unrated = 80.8% -> 81%, over 20%.
        ["Cedar CMHT", "South Trust", "Adult", "2", "2025-08-01", "2.0", "no band",
         "down 2.0", "81% (caution)"],
        ["Dell CMHT", "South Trust", "Adult", "0", "none yet", "", "", "", ""],
    ]
    assert "<caption>4 teams: latest audits" in board.table.value


def test_lead_overview_heat_map_cells_are_each_teams_latest_domain_scores(engine):
    lead_dataset(engine)
    [heat] = LeadOverviewDashboard(engine).heatmap.data
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


def test_lead_run_chart_table_gives_each_teams_scores_median_and_signal(engine):
    lead_dataset(engine)
    board = LeadOverviewDashboard(engine)
    rows = table_rows(board.run_chart.table.value)
    assert rows[0] == ["Team", "Audit date", "Score", "Median", "In a signal", "Findings"]
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


def test_lead_run_chart_marks_only_the_audits_in_a_shift(engine):
    fir = store.create_team(engine, "Fir CMHT", "North Trust")
    # Whole-audit tenths: 78/26 = 30, 52/26 = 20, 55/26 = 21.2 -> 21, ..., 91/26 = 35,
    # 86/26 = 33.1 -> 33, 81/26 = 31.2 -> 31, 88/26 = 33.8 -> 34, 83/26 = 31.9 -> 32.
    for month, (base, k) in enumerate([(3, 0), (2, 0), (2, 3), (2, 0), (2, 3), (2, 0), (2, 3),
                                       (3, 13), (3, 8), (3, 3), (3, 10), (3, 5)], start=1):
        save(engine, fir, date(2024, month, 1), base_and_k(base, k))
    board = LeadOverviewDashboard(engine)
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

# ------------------------------------------------------------ team progress
TEAM_TODAY = date(2026, 10, 1)


def team_dataset(engine) -> store.TeamRow:
    """Elm CMHT: an audit in February, the latest on 31 August, and six actions."""
    elm = store.create_team(engine, "Elm CMHT", "North Trust", "Adult")
    save(engine, elm, date(2026, 2, 28),
         by_domain(team=2, practice=2, materials=3, supervision=3, recording=2),
         [PlanEntry("practice.partnership", "Sam", date(2026, 5, 1), status="dropped",
                    reason="Covered by the new induction.")])
    latest = by_domain(team=4, practice=3, materials=2, supervision=5, recording=1)
    latest["recording.audit_cycle"] = None
    latest["recording.team_uses_figures"] = None
    save(engine, elm, date(2026, 8, 31), latest, [
        PlanEntry("team.directory", "Sam", date(2026, 9, 1)),
        PlanEntry("recording.connections_recorded", "Ali", date(2026, 9, 30),
                  status="in_progress"),
        PlanEntry("materials.explained", "Jo", date(2026, 9, 15), status="done",
                  done=date(2026, 9, 20)),
        PlanEntry("supervision.trained", "Kim", date(2026, 10, 1)),
        PlanEntry("practice.goals", "Lee", date(2026, 12, 1)),
    ])
    return elm


def test_team_progress_total_and_domain_scores_of_each_audit(engine):
    team_dataset(engine)
    board = TeamProgressDashboard(engine, today=TEAM_TODAY)
    assert table_rows(board.scores_table) == [
        ["Audit", "Team and community", "Practice with the person", "Explaining the materials",
         "Supervision and support", "Recording and review", "Whole audit"],
        # February: 5x2 + 7x2 + 4x3 + 5x3 + 5x2 = 61 over 26 = 2.35 -> 2.3.
        ["2026-02-28", "2.0", "2.0", "3.0", "3.0", "2.0", "2.3"],
        # August: 77 over the 24 rated = 3.21 -> 3.2; recording 3x1/3 = 1.0.
        ["2026-08-31", "4.0", "3.0", "2.0", "5.0", "1.0", "3.2"],
    ]
    summary = board.summary.value
    # 26 items less the 2 that cannot be rated = 24 rated; 3.2 is in 2.5 to 3.4.
    assert ("2 audits saved. Latest: 2026-08-31, 3.2, Partly implemented; 24 of 26 items "
            "rated.") in summary
    assert "Since 2026-02-28: whole audit up 0.9." in summary  # 3.2 - 2.3
    # Improved: 5 team items (2 to 4), 5 supervision (3 to 5), 7 practice (2 to 3) = 17;
    # slipped: 4 materials (3 to 2) and 3 recording (2 to 1) = 7. The two recording
    # items that could not be rated in August neither improved nor slipped.
    improved = re.search(r"<strong>Improved:</strong> (.*?)\.</p>", summary).group(1)
    slipped = re.search(r"<strong>Slipped:</strong> (.*?)\.</p>", summary).group(1)
    assert [improved.count(f"({change})") for change in ("2 to 4", "3 to 5", "2 to 3")] == [
        5, 5, 7]
    assert [slipped.count(f"({change})") for change in ("3 to 2", "2 to 1")] == [4, 3]
    radar = board.radar_figure.data
    assert [trace["r"] for trace in radar] == [
        [2.0, 2.0, 3.0, 3.0, 2.0, 2.0],  # previous, closed back to its first domain
        [4.0, 3.0, 2.0, 5.0, 1.0, 4.0],
    ]


def test_team_progress_lists_only_open_actions_past_their_due_day_as_overdue(engine):
    team_dataset(engine)
    board = TeamProgressDashboard(engine, today=TEAM_TODAY)
    late = board.actions_box.children[0].value
    # Open and due before 1 October: team.directory (1 September, 30 days) and
    # recording.connections_recorded (30 September, 1 day). Not the done one, not the
    # dropped one, not one due on the day itself, not one due in December.
    assert "2 actions are overdue:" in late
    directory = CHECKLIST.item("team.directory").action_text
    recorded = CHECKLIST.item("recording.connections_recorded").action_text
    assert late.index(directory) < late.index(recorded)  # longest overdue first
    assert "was due on 1 September 2026: 30 days overdue." in late
    assert "was due on 30 September 2026: 1 day overdue." in late
    statuses = [row[-1] for row in table_rows(board.actions_box.children[1].value)[1:]]
    assert sorted(statuses) == sorted([
        "Not started, overdue by 30 days", "In progress, overdue by 1 day",
        "Done on 20 September 2026", "Not started", "Not started",
        "Dropped: Covered by the new induction."])


def test_team_progress_next_audit_is_six_months_on_clamped_to_the_months_last_day(engine):
    team_dataset(engine)
    board = TeamProgressDashboard(engine, today=TEAM_TODAY)
    # Partly implemented (below Mostly): six months after 31 August is 31 February,
    # which does not exist, so the last day of February 2027.
    assert board.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit is due on 28 February 2027. The last "
        "audit was &quot;Partly implemented&quot;, so the next one is due six months later, "
        "until the team reaches &quot;Mostly implemented&quot;.</strong></p>")


def test_team_progress_next_audit_when_the_band_was_withheld(engine):
    oak = store.create_team(engine, "Oak CMHT")
    save(engine, oak, date(2026, 3, 15), dict.fromkeys(DOMAIN_IDS["team"], 5))
    board = TeamProgressDashboard(engine, today=TEAM_TODAY)
    # 5 of 26 rated (19%) is under the 50% a band needs; 15 March + 6 months = 15 September,
    # 16 days before 1 October.
    assert board.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit was due on 15 September 2026: 16 days "
        "ago. The last audit had too little rated for a band, so the next one is due six "
        "months later, until the team reaches &quot;Mostly implemented&quot;.</strong></p>")
    assert "1 audit saved. Latest: 2026-03-15, 5.0, no band; 5 of 26 items rated." in (
        board.summary.value)
    # The radar draws the 4 unrated domains at the centre; what it says of them is "no score".
    [current] = board.radar_figure.data
    assert current["r"] == [5.0, 0, 0, 0, 0, 5.0]
    assert current["text"] == ["5.0", "no score", "no score", "no score", "no score", "5.0"]


def test_lead_overview_scores_csv_has_each_audits_scores_bands_and_unrated(engine):
    lead_dataset(engine)
    board = LeadOverviewDashboard(engine)
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


def test_two_audits_on_one_day_the_next_audit_follows_the_one_the_summary_calls_latest(engine):
    ash = store.create_team(engine, "Ash CMHT")
    save(engine, ash, date(2026, 8, 31), dict.fromkeys(IDS, 2))  # 2.0, Not yet implemented
    save(engine, ash, date(2026, 8, 31), dict.fromkeys(IDS, 4))  # saved later: 4.0, Mostly
    board = TeamProgressDashboard(engine, today=TEAM_TODAY)
    assert "Latest: 2026-08-31, 4.0, Mostly implemented" in board.summary.value
    # Mostly implemented: a year after 31 August 2026.
    assert board.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit is due on 31 August 2027. The last "
        "audit reached &quot;Mostly implemented&quot;, so the next one is due a year later."
        "</strong></p>")


def test_team_progress_run_chart_csv_gives_every_series_median_and_the_action_done(engine):
    team_dataset(engine)
    board = TeamProgressDashboard(engine, today=TEAM_TODAY)
    rows = link_csv(board.run_chart.downloads.value, "elm-cmht-run-chart.csv")
    assert rows[0] == ["Team", "Series", "Audit date", "Score", "Median", "In a signal",
                       "Action done"]
    # Two audits per series: the median is their mean, kept to a half tenth.
    assert [row[1:6] for row in rows[1:11]] == [
        ["Whole audit", "28 February 2026", "2.3", "2.75", "no"],  # (2.3 + 3.2) / 2
        ["Whole audit", "31 August 2026", "3.2", "2.75", "no"],
        ["Team and community", "28 February 2026", "2.0", "3.0", "no"],  # (2 + 4) / 2
        ["Team and community", "31 August 2026", "4.0", "3.0", "no"],
        ["Practice with the person", "28 February 2026", "2.0", "2.5", "no"],  # (2 + 3) / 2
        ["Practice with the person", "31 August 2026", "3.0", "2.5", "no"],
        ["Explaining the materials", "28 February 2026", "3.0", "2.5", "no"],  # (3 + 2) / 2
        ["Explaining the materials", "31 August 2026", "2.0", "2.5", "no"],
        ["Supervision and support", "28 February 2026", "3.0", "4.0", "no"],  # (3 + 5) / 2
        ["Supervision and support", "31 August 2026", "5.0", "4.0", "no"],
    ]
    assert [row[1:5] for row in rows[11:13]] == [
        ["Recording and review", "28 February 2026", "2.0", "1.5"],  # (2 + 1) / 2
        ["Recording and review", "31 August 2026", "1.0", "1.5"],
    ]
    action = CHECKLIST.item("materials.explained").action_text
    assert rows[13:] == [["Elm CMHT (North Trust)", "Action", "20 September 2026", "", "", "",
                          f"{action} (Jo)"]]
