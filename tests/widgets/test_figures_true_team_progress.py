"""Team progress: scores, summary, radar, actions and the next audit, checked by hand.

Tiny fictional datasets in a throw-away SQLite store, read as a person reads the
page; the checklist's facts the sums rely on are in tests/widgets/conftest.py.
"""

from __future__ import annotations

import html
import re
from datetime import date

from connecting_people.fidelity import store
from connecting_people.fidelity.dashboard import TeamProgressDashboard
from connecting_people.fidelity.model import PlanEntry
from tests.widgets.conftest import (
    CHECKLIST,
    DOMAIN_IDS,
    IDS,
    by_domain,
    link_csv,
    link_text,
    save_audit,
    table_rows,
)

# ------------------------------------------------------------ team progress
TEAM_TODAY = date(2026, 10, 1)


def team_dataset(audit_engine) -> store.TeamRow:
    """Elm CMHT: an audit in February, the latest on 31 August, and six actions."""
    elm = store.create_team(audit_engine, "Elm CMHT", "North Trust", "Adult")
    save_audit(audit_engine, elm, date(2026, 2, 28),
         by_domain(team=2, practice=2, materials=3, supervision=3, recording=2),
         [PlanEntry("practice.partnership", "Sam", date(2026, 5, 1), status="dropped",
                    reason="Covered by the new induction.")])
    latest = by_domain(team=4, practice=3, materials=2, supervision=5, recording=1)
    latest["recording.audit_cycle"] = None
    latest["recording.team_uses_figures"] = None
    save_audit(audit_engine, elm, date(2026, 8, 31), latest, [
        PlanEntry("team.directory", "Sam", date(2026, 9, 1)),
        PlanEntry("recording.connections_recorded", "Ali", date(2026, 9, 30),
                  status="in_progress"),
        PlanEntry("materials.explained", "Jo", date(2026, 9, 15), status="done",
                  done=date(2026, 9, 20)),
        PlanEntry("supervision.trained", "Kim", date(2026, 10, 1)),
        PlanEntry("practice.goals", "Lee", date(2026, 12, 1)),
    ])
    return elm


def test_team_progress_total_and_domain_scores_of_each_audit(audit_engine):
    team_dataset(audit_engine)
    board = TeamProgressDashboard(audit_engine, today=TEAM_TODAY)
    assert table_rows(board.scores_table) == [
        ["Audit", "Team and community", "Practice with the person", "Explaining the materials",
         "Supervision and support", "Recording and review", "Whole audit"],
        # February: 5x2 + 7x2 + 4x3 + 5x3 + 5x2 = 61 over 26 = 2.35 -> 2.3.
        ["28 February 2026", "2.0", "2.0", "3.0", "3.0", "2.0", "2.3"],
        # August: 77 over the 24 rated = 3.21 -> 3.2; recording 3x1/3 = 1.0.
        ["31 August 2026", "4.0", "3.0", "2.0", "5.0", "1.0", "3.2"],
    ]
    summary = board.summary.value
    # 26 items less the 2 that cannot be rated = 24 rated; 3.2 is in 2.5 to 3.4.
    assert ("2 audits saved. Latest: 31 August 2026, 3.2, Partly implemented; 24 of 26 items "
            "rated.") in summary
    assert "Since 28 February 2026: whole audit up 0.9." in summary  # 3.2 - 2.3
    # Improved: 5 team items (2 to 4), 5 supervision (3 to 5), 7 practice (2 to 3) = 17;
    # slipped: 4 materials (3 to 2) and 3 recording (2 to 1) = 7. The two recording
    # items that could not be rated in August neither improved nor slipped.
    improved = re.search(r"<strong>Improved:</strong> (.*?)\.</p>", summary).group(1)
    slipped = re.search(r"<strong>Slipped:</strong> (.*?)\.</p>", summary).group(1)
    assert [improved.count(f"({change})") for change in ("2 to 4", "3 to 5", "2 to 3")] == [
        5, 5, 7]
    assert [slipped.count(f"({change})") for change in ("3 to 2", "2 to 1")] == [4, 3]
    # They are named apart, so the rise of 0.9 does not hide them; none is newly rated.
    gone = html.unescape(
        re.search(r"<strong>No longer rated:</strong> (.*?)\.</p>", summary).group(1))
    assert gone == ", ".join(CHECKLIST.item(i).title for i in (
        "recording.audit_cycle", "recording.team_uses_figures"))
    assert "Newly rated" not in summary
    radar = board.radar_figure.data
    assert [trace["r"] for trace in radar] == [
        [2.0, 2.0, 3.0, 3.0, 2.0, 2.0],  # previous, closed back to its first domain
        [4.0, 3.0, 2.0, 5.0, 1.0, 4.0],
    ]


def test_team_progress_lists_only_open_actions_past_their_due_day_as_overdue(audit_engine):
    team_dataset(audit_engine)
    board = TeamProgressDashboard(audit_engine, today=TEAM_TODAY)
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


def test_team_progress_next_audit_is_six_months_on_clamped_to_the_months_last_day(audit_engine):
    team_dataset(audit_engine)
    board = TeamProgressDashboard(audit_engine, today=TEAM_TODAY)
    # Partly implemented (below Mostly): six months after 31 August is 31 February,
    # which does not exist, so the last day of February 2027.
    assert board.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit is due on 28 February 2027. The last "
        "audit was &quot;Partly implemented&quot;, so the next one is due six months later, "
        "until the team reaches &quot;Mostly implemented&quot;.</strong></p>")


def test_team_progress_next_audit_when_the_band_was_withheld(audit_engine):
    oak = store.create_team(audit_engine, "Oak CMHT")
    save_audit(audit_engine, oak, date(2026, 3, 15), dict.fromkeys(DOMAIN_IDS["team"], 5))
    board = TeamProgressDashboard(audit_engine, today=TEAM_TODAY)
    # 5 of 26 rated (19%) is under the 50% a band needs; 15 March + 6 months = 15 September,
    # 16 days before 1 October.
    assert board.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit was due on 15 September 2026: 16 days "
        "ago. The last audit had too little rated for a band, so the next one is due six "
        "months later, until the team reaches &quot;Mostly implemented&quot;.</strong></p>")
    assert "1 audit saved. Latest: 15 March 2026, 5.0, no band; 5 of 26 items rated." in (
        board.summary.value)
    # The radar draws the 4 unrated domains at the centre; what it says of them is "no score".
    [current] = board.radar_figure.data
    assert current["r"] == [5.0, 0, 0, 0, 0, 5.0]
    assert current["text"] == ["5.0", "no score", "no score", "no score", "no score", "5.0"]


def test_two_audits_on_one_day_the_next_audit_follows_the_latest_in_the_summary(audit_engine):
    ash = store.create_team(audit_engine, "Ash CMHT")
    day = date(2026, 8, 31)
    save_audit(audit_engine, ash, day, dict.fromkeys(IDS, 2))  # 2.0, Not yet implemented
    save_audit(audit_engine, ash, day, dict.fromkeys(IDS, 4))  # saved later: 4.0, Mostly
    board = TeamProgressDashboard(audit_engine, today=TEAM_TODAY)
    assert "Latest: 31 August 2026, 4.0, Mostly implemented" in board.summary.value
    # Mostly implemented: a year after 31 August 2026.
    assert board.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit is due on 31 August 2027. The last "
        "audit reached &quot;Mostly implemented&quot;, so the next one is due a year later."
        "</strong></p>")


def test_team_progress_run_chart_csv_gives_every_series_median_and_the_action_done(audit_engine):
    team_dataset(audit_engine)
    board = TeamProgressDashboard(audit_engine, today=TEAM_TODAY)
    rows = link_csv(board.run_chart.downloads.value, "elm-cmht-run-chart.csv")
    assert rows[0] == ["Team", "Series", "Audit date", "Score", "Median", "In a shift or trend",
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


def test_team_progress_printable_report_of_the_latest_audit(audit_engine):
    team_dataset(audit_engine)
    board = TeamProgressDashboard(audit_engine, today=TEAM_TODAY)
    report = link_text(board.downloads.value, "self-audit-elm-cmht-2026-08-31-report.html")
    # 77 over 24 rated = 3.2; 2 of 26 cannot be rated = 8%.
    assert ("<strong>Whole audit: 3.2 out of 5, Partly implemented.</strong> 24 of 26 items "
            "rated; 8% not rated (2 cannot rate, 0 not answered).") in report
    rows = table_rows(report[report.index("<caption>Scores by domain"):])[:6]
    assert [row[0] for row in rows[1:]] == [d.label for d in CHECKLIST.domains]
    assert [row[1:] for row in rows] == [
        ["Score", "Band", "Items rated"],
        ["4.0", "Mostly implemented", "5 of 5"],
        ["3.0", "Partly implemented", "7 of 7"],
        ["2.0", "Not yet implemented", "4 of 4"],
        ["5.0", "Fully implemented", "5 of 5"],
        # 2 of 5 unrated is 40%, over 20%: caution; 3 of 5 rated is enough for a band.
        ["1.0", "Not yet implemented", "3 of 5 (caution)"],
    ]
    assert "Whole audit: up 0.9 (from 2.3 to 3.2)." in report
    # The plan: the three 1s, then the 2s while the plan has fewer than 5 (all 2 or less).
    plan = table_rows(report[report.index("<h2>Action plan</h2>"):])[1:6]
    assert [(row[0].rsplit(" (", 1)[1], row[2], row[3]) for row in plan] == [
        ("1)", "Ali", "30 September 2026"), ("1)", "", ""), ("1)", "", ""), ("2)", "", ""),
        ("2)", "Jo", "15 September 2026")]
    assert "Report made on 1 October 2026 from the Connecting People book." in report
