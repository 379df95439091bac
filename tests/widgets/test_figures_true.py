"""Every figure the dashboards show, checked against numbers worked out by hand.

Each test builds a tiny fictional dataset in a throw-away SQLite store, builds
the dashboard in Python (no browser), reads what it shows (HTML, figure data,
CSV text) and compares it with literals a person worked out on paper; the
comment beside each literal shows the sum. The other widget tests mostly
compare a dashboard with the product's own functions, so a wrong rule would
pass them; these would not. Every date is fixed here (``today`` is passed).

Checklist 1.1 has 26 items: team 5, practice 7, materials 4, supervision 5,
recording 5. A scope's score is the mean of its rated items in tenths,
rounded half up; bands start at 1.0, 2.5, 3.5 and 4.5.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest

from connecting_people.capacity import rules as capacity_rules
from connecting_people.capacity import store as capacity_store
from connecting_people.capacity.dashboard import CapacityDashboard
from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.dashboard import TeamProgressDashboard
from connecting_people.fidelity.lead_dashboard import LeadOverviewDashboard
from connecting_people.fidelity.model import Audit, PlanEntry, Team
from connecting_people.network.dashboard import NetworkDashboard
from connecting_people.network.model import Entry, NetworkMap, Suggestion
from connecting_people.outcomes import charts as outcomes_charts
from connecting_people.outcomes import store as outcomes_store
from connecting_people.outcomes.dashboard import OutcomesDashboard
from connecting_people.outcomes.rules import Pair as OutcomePair
from connecting_people.store import make_engine
from connecting_people.tracker import charts as tracker_charts
from connecting_people.tracker import store as tracker_store
from connecting_people.tracker.dashboard import TrackerDashboard
from connecting_people.tracker.model import PersonRecord

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids
DOMAIN_IDS = {d.id: d.item_ids for d in CHECKLIST.domains}


# ------------------------------------------------------------------ helpers
class _Tables(HTMLParser):
    """Every table row's cell texts (th and td alike), in order."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(markup: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(markup)
    return parser.rows


def link_csv(markup: str, filename: str) -> list[list[str]]:
    """The rows of the CSV file a download link named ``filename`` carries."""
    found = re.search(rf'download="{re.escape(filename)}" href="data:[^,]*base64,([^"]+)"',
                      markup)
    assert found, f"no download link for {filename}"
    text = base64.b64decode(found.group(1)).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


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
    drawn = []
    real = outcomes_charts.change_figure
    monkeypatch.setattr(outcomes_charts, "change_figure",
                        lambda pairs, **kw: drawn.append(real(pairs, **kw)) or drawn[-1])
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
        # NG-002 has no start value, so 2 people: 25 to 50 (+25), 50 to 50 (0);
        # (25+0)/2 = 12.5, (25+50)/2 = 37.5, (50+50)/2 = 50.
        "Contact as the person wants it (% of the map): of 2 people, 1 went up, 1 stayed the "
        "same and 0 went down. The middle (median) change was +12.5 points; the middle figure "
        "was 37.5 at the start and 50 at about six months.",
        # Ratings 5x2 = 10 to 5x3 = 15 (+5), 5x4 = 20 to 15 (-5); NG-002 gave none.
        "The book's own self-rating (5 to 25): of 2 people, 1 went up, 0 stayed the same and "
        "1 went down. The middle (median) change was 0; the middle figure was 15 at the start "
        "and 15 at about six months.",
    ]
    assert "With 3 people, one person&#x27;s change can swing the picture." in (
        board.review_words.value)
    rows = table_rows(board.review_table.value)
    assert [row[:8] for row in rows[1:]] == [
        ["NG-001", "2026-01-10", "2026-07-10", "4 to 6", "3 to 4", "50 to 33", "25 to 50",
         "10 to 15"],
        ["NG-002", "2026-01-10", "2026-07-10", "5 to 5", "3 to 2", "40 to 40", "not recorded",
         "not recorded"],
        ["NG-003", "2026-01-10", "2026-07-10", "6 to 4", "4 to 3", "17 to 25", "50 to 50",
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
    drawn = []
    for name in ("funnel_figure", "explained_figure"):
        real = getattr(tracker_charts, name)
        monkeypatch.setattr(tracker_charts, name,
                            lambda *a, _real=real, **kw: drawn.append(_real(*a, **kw))
                            or drawn[-1])
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
        "<p>Worker CD: 1 of 2 people on the caseload have had the guide explained, and 0 have "
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
        "<p>Other team: 1 of 1 people on the caseload have had the guide explained, and 0 have "
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


# ---------------------------------------------------------- capacity planner
def test_capacity_planner_totals_for_the_starting_plan_and_a_plan_that_does_not_fit(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    capacity_store.open_store(engine)
    capacity_store.save_plan(engine, "Team", "April plan", capacity_rules.default_inputs(),
                             now=datetime(2026, 4, 1, 9, 0, tzinfo=UTC))
    board = CapacityDashboard(engine, team="Team")
    result = board.planner.result
    # Steps 20+40+30+180+30 = 300 minutes, no monthly support; 3 starts: 900 a month.
    # 5 hours a week = 300 minutes x 52 / 12 = 1,300 a month, less 20% = 1,040.
    assert [result[key] for key in ("minutes_per_person", "demand_minutes", "capacity_minutes",
                                    "used_percent", "max_starts", "people_in_work",
                                    "months_to_offer_everyone")] == [
        300, 900, 1040,
        87,  # 900 / 1040 = 86.5% -> 87
        3,  # 1040 // 300
        18,  # 3 starts x 6 months
        100,  # 300 on the caseload / 3 a month
    ]
    # 900 minutes = 15 hours; 1,040 = 17.3 -> 17 hours.
    assert result["headline"] == ("The plan fits: it needs about 15 of the 17 hours a month the "
                                  "team protects (87%).")
    assert result["details"][:3] == [
        "Each person needs about 5 hours over 6 months: 300 minutes for the steps and no extra "
        "support in between.",
        "Starting 3 people a month, about 18 people are in the work at any one time.",
        "At this rate it takes 100 months to offer Connecting People to everyone on a caseload "
        "of 300.",
    ]
    board.planner.inputs = {**capacity_rules.default_inputs(), "caseload": 20,
                            "starts_per_month": 4, "support_minutes": 15,
                            "protected_hours": 7.5, "crisis_loss_percent": 25}
    result = board.planner.result
    # 300 + 6 x 15 = 390 a person; x 4 = 1,560. 7.5 h = 450 min x 52 x 75% / 12 = 1,462.5,
    # kept whole: 1,462. 4 x 6 = 24 in the work, more than the caseload of 20.
    assert [result[key] for key in ("minutes_per_person", "demand_minutes", "capacity_minutes",
                                    "used_percent", "max_starts", "people_in_work",
                                    "months_to_offer_everyone")] == [
        390, 1560, 1462,
        107,  # 1560 / 1462 = 106.7% -> 107
        3,  # 1462 // 390
        24, 5,  # 20 / 4
    ]
    assert (result["fits"], result["time_fits"], result["caseload_ok"]) == (False, False, False)
    # 1,560 minutes = 26 hours; 1,462 = 24.4 -> 24.
    assert result["headline"] == ("The plan does not fit: it needs about 26 hours a month, but "
                                  "the team protects only about 24 (the plan needs 107% of it).")
    # At most 20 // 6 = 3 a month keeps within the caseload; the time allows 3.
    assert result["suggestions"] == [
        "Start no more than 3 people a month, so that no more people are in the work than the "
        "20 on the caseload. The protected time allows that."]
    board.label.value = "Winter plan"
    board.save_button.click()
    rows = table_rows(board.table.value)
    assert rows[0] == ["Plan", "Saved", "Starts a month", "Protected hours a week", "Fits?",
                       "Most starts the time allows"]
    assert rows[1] == ["April plan", "2026-04-01", "3", "5", "Yes", "3"]
    # The second plan's saved day is the real clock's (save takes no day): not checked.
    assert [rows[2][0], *rows[2][2:]] == ["Winter plan", "4", "7.5", "No", "3"]
    engine.dispose()


# ------------------------------------------------------------- network map
def robin_maps() -> tuple[NetworkMap, NetworkMap]:
    """Robin's (fictional) maps in January and July: Sam moves in, two things suggested."""
    before = NetworkMap("Robin", "2026-01-15", (
        Entry("e1", "Mum", "family", 1, "weekly", "strong", ("emotional", "practical"), "more"),
        Entry("e2", "GP", "professional_service", 3, "less_often"),
        Entry("e3", "Sam", "friend", 2, "monthly", "stressful", None, "more"),
        Entry("e4", "Care coordinator", "professional_service", 2, "weekly", None, ("advice",)),
    ), map_id="robin-jan")
    after = NetworkMap("Robin", "2026-07-15", (
        Entry("e1", "Mum", "family", 1, "daily", "strong", ("emotional", "practical"), "same"),
        Entry("e2", "GP", "professional_service", 3, "less_often"),
        Entry("e3", "Sam", "friend", 1, "weekly", "strong", None, "same"),
        Entry("e5", "Allotment group", "group_activity", 2, "weekly", None, ("company",),
              suggestion=Suggestion("2026-02-01", "yes")),
        Entry("e6", "Library", "place", 3, suggestion=Suggestion("2026-02-01", "not_yet")),
    ), map_id="robin-jul")
    return before, after


def test_network_dashboard_counts_and_charts_of_a_map_and_its_change(tmp_path):
    before, after = robin_maps()
    board = NetworkDashboard(tmp_path)
    with board._one_refresh():
        board.map_widget.compare_with = before.to_dict()
        board.map_widget.network = after
    assert "The map of Robin on 15 July 2026 has 5 connections." in board.figures.value
    assert table_rows(board.figures.value) == [
        ["Connections", "5"],
        ["Inner, middle, outer", "2, 1, 2"],  # Mum, Sam; Allotment; GP, Library
        ["Professionals and services", "1 (20%)"],  # the GP: 1 of 5
        ["Kinds of connection", "5"],  # family, friend, group, place, professional
    ]
    kinds, change = board.current_figures()
    # Kinds in order: family, friends, neighbours, work, groups, places, online, services.
    assert [(t["name"], t["y"]) for t in kinds.data] == [
        ("Inner circle", [1, 1, 0, 0, 0, 0, 0, 0]),
        ("Middle circle", [0, 0, 0, 0, 1, 0, 0, 0]),
        ("Outer circle", [0, 0, 0, 0, 0, 1, 0, 1]),
    ]
    assert change.data[0]["y"] == [
        "Connections on the map", "In the inner circle", "In the middle circle",
        "In the outer circle", "Professionals and services (%)", "Kinds of connection",
        "Kinds of support covered (of 4)", "In contact weekly or more", "Stressful ties",
        "Wants more contact with", "Things suggested to try", "Suggestions tried"]
    assert [(t["name"], t["x"]) for t in change.data] == [
        # January: 4 on the map, circles 1/2/1, 2 of 4 services = 50%, 3 kinds, support
        # emotional, practical, advice = 3, weekly Mum and the coordinator = 2, Sam
        # stressful, more wanted with Mum and Sam, nothing suggested.
        ("15 January 2026", [4, 1, 2, 1, 50, 3, 3, 2, 1, 2, 0, 0]),
        # July: 5, circles 2/1/2, 1 of 5 = 20%, 5 kinds, emotional, practical, company = 3,
        # Mum daily, Sam and the allotment weekly = 3, none stressful, none wanting more,
        # 2 suggested, 1 tried.
        ("15 July 2026", [5, 2, 1, 2, 20, 5, 3, 3, 0, 0, 2, 1]),
    ]
