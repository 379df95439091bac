"""Run-chart rules (Perla, Provost and Murray 2011) on hand-worked cases, and a team's series.

The cases live in tests/js/run_chart_cases.json, which
tests/js/run_chart_parity.test.mjs holds the browser module to as well.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from math import comb
from pathlib import Path

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import Audit, PlanEntry, Team
from connecting_people.fidelity.run_chart import (
    RUNS_LIMITS,
    analyse,
    median_text,
    team_series,
    threshold_tenths,
    uk_date,
)

ROOT = Path(__file__).parents[2]
CASES = json.loads((ROOT / "tests" / "js" / "run_chart_cases.json").read_text())["cases"]
CHECKLIST = load_checklist()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_hand_worked_cases(case):
    result = analyse(case["values"], case.get("labels"))
    assert result.points == len(case["values"])
    assert result.median == case["median"]
    assert result.useful == case["useful"]
    assert result.runs == case["runs"]
    findings = result.findings[:-1] if case["values"] else result.findings
    assert [{k: f.to_dict()[k] for k in ("rule", "status", "start", "end", "direction")}
            for f in findings] == case["findings"]
    if case["values"]:
        assert result.findings[-1].rule == "astronomical"
        assert result.findings[-1].status == "note"
    if "sentences" in case:
        assert [f.sentence for f in result.findings] == case["sentences"]


def _exact_limits(useful: int) -> tuple[int, int]:
    """Swed and Eisenhart's limits, points split as evenly as they can be, 2.5% in each tail."""
    below, above = useful // 2, useful - useful // 2
    ways = comb(useful, below)
    chance = {}
    for runs in range(2, useful + 1):
        k = runs // 2
        if runs % 2 == 0:
            count = 2 * comb(below - 1, k - 1) * comb(above - 1, k - 1)
        else:
            count = (comb(below - 1, k - 1) * comb(above - 1, k)
                     + comb(below - 1, k) * comb(above - 1, k - 1))
        chance[runs] = Fraction(count, ways)
    tail = Fraction(1, 40)
    low = max(r for r in chance if sum(p for n, p in chance.items() if n < r) <= tail)
    high = min(r for r in chance if sum(p for n, p in chance.items() if n > r) <= tail)
    return low, high


def test_runs_table_is_the_exact_distribution_from_10_to_60_points():
    assert sorted(RUNS_LIMITS) == list(range(10, 61))
    assert {n: _exact_limits(n) for n in range(10, 61)} == RUNS_LIMITS


def test_the_browser_module_has_the_same_runs_table():
    source = (ROOT / "widgets" / "connecting_people" / "fidelity" / "run_chart.js").read_text()
    table = {int(n): (int(low), int(high))
             for n, low, high in re.findall(r"(\d+): \[(\d+), (\d+)\]", source)}
    assert table == RUNS_LIMITS


def test_labels_must_match_points():
    with pytest.raises(ValueError, match="one label for each point"):
        analyse([30, 31], ["one"])


def test_median_text_shows_half_tenths():
    assert median_text(34.5) == "3.45"
    assert median_text(30.0) == "3.0"


def test_threshold_is_the_start_of_mostly_implemented_from_the_checklist():
    assert threshold_tenths(CHECKLIST) == 35
    assert CHECKLIST.band("mostly").label == "Mostly implemented"


def test_uk_dates():
    assert uk_date(date(2025, 3, 7)) == "7 March 2025"


def _audit(day: date, score: int | None, uid: str) -> Audit:
    answers = {item: score for item in CHECKLIST.item_ids}
    return Audit(team=Team("Riverside CMHT"), date=day, answers=answers, audit_id=uid)


def test_team_series_orders_by_date_and_leaves_out_unscored_audits():
    audits = [_audit(date(2024, 7, 1), 4, "b"), _audit(date(2024, 1, 1), 2, "a"),
              _audit(date(2025, 1, 1), None, "c")]
    series = team_series(CHECKLIST, audits)
    assert [s.id for s in series] == ["total"] + [d.id for d in CHECKLIST.domains]
    total = series[0]
    assert total.label == "Whole audit"
    assert total.dates == (date(2024, 1, 1), date(2024, 7, 1))
    assert total.tenths == (20, 40)
    assert total.analysis.points == 2
    assert total.analysis.findings[0].status == "too_few"
    assert series[1].tenths == (20, 40)


def test_series_scores_are_the_self_audit_scores():
    from connecting_people.fidelity.rules import score_audit
    from connecting_people.fidelity.run_chart import total_series

    ids = CHECKLIST.item_ids
    audits = [Audit(team=Team("Riverside CMHT"), date=date(2020 + a, 1, 1), audit_id=str(a),
                    answers={item: (None if (n + a) % 7 == 0 else 1 + (n * 3 + a) % 5)
                             for n, item in enumerate(ids[: 10 + 2 * a])})
              for a in range(8)]
    expected = [score_audit(CHECKLIST, a.answers) for a in audits]
    series = team_series(CHECKLIST, audits)
    assert series[0].tenths == tuple(s.total.tenths for s in expected)
    for index, domain in enumerate(series[1:]):
        assert domain.tenths == tuple(s.domains[index].tenths for s in expected
                                      if s.domains[index].tenths is not None)
    assert total_series(CHECKLIST, audits) == series[0]


# ------------------------------------------------------------------ figures and tables
def _figure_inputs():
    from connecting_people.fidelity.follow_up import Action

    values = [25, 26, 24, 25, 26, 24, 32, 33, 34, 32, 33, 34]  # the shift case
    audits = [Audit(team=Team("Riverside CMHT"), date=date(2020 + n // 2, 1 + 6 * (n % 2), 1),
                    audit_id=f"00000000-0000-4000-8000-{n:012d}",
                    answers={item: None for item in CHECKLIST.item_ids} | {
                        CHECKLIST.item_ids[0]: v // 10, CHECKLIST.item_ids[1]: v // 10 + (
                            1 if v % 10 >= 5 else 0)})
              for n, v in enumerate(values)]
    actions = [Action(CHECKLIST.item_ids[0], "Map every person's links", "Sam Okafor",
                      date(2022, 9, 1), status="done", done_on=date(2022, 10, 3)),
               Action(CHECKLIST.item_ids[1], "Not yet", "Sam Okafor", date(2023, 1, 1))]
    return audits, actions


def test_team_chart_has_zones_threshold_median_and_actions_on_their_day():
    from connecting_people.fidelity.run_chart_figure import team_chart_rows, team_run_chart

    audits, actions = _figure_inputs()
    series = team_series(CHECKLIST, audits)
    spec = team_run_chart(CHECKLIST, series, actions, title="Riverside CMHT")
    names = [trace["name"] for trace in spec.data]
    assert names[-4:] == ["Median (2.75)", "Whole audit", "Part of a signal", "Action done"]
    zones = [s for s in spec.layout["shapes"] if s["type"] == "rect"]
    assert [(z["y0"], z["y1"]) for z in zones] == [(0.8, 2.5), (2.5, 3.5), (3.5, 4.5),
                                                    (4.5, 5.2)]
    threshold = [s for s in spec.layout["shapes"] if s["type"] == "line" and s["yref"] == "y"]
    assert threshold[0]["y0"] == 3.5
    marks = spec.data[-1]
    assert marks["x"] == ["2022-10-03"]
    assert marks["text"] == ["3 October 2022: Map every person's links (Sam Okafor)"]
    assert spec.to_figure().layout.title.text == "Riverside CMHT"
    bundle = spec._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html"}
    assert "cdn.plot.ly" not in bundle["text/html"]
    rows = team_chart_rows("Riverside CMHT", series[:1], actions)
    assert rows[0] == {"Team": "Riverside CMHT", "Series": "Whole audit",
                       "Audit date": "1 January 2020", "Score": "2.5", "Median": "2.75",
                       "In a shift or trend": "yes", "Action done": ""}
    assert rows[-1]["Action done"] == "Map every person's links (Sam Okafor)"
    assert len(rows) == 13


def test_lead_charts_one_small_chart_per_team_and_safe_csv():
    from connecting_people.fidelity.follow_up import done_actions
    from connecting_people.fidelity.run_chart_figure import (
        LEAD_COLUMNS,
        X_PAD_DAYS,
        TeamRun,
        lead_chart_rows,
        lead_key,
        lead_run_charts,
        rows_csv,
    )

    audits, actions = _figure_inputs()
    total = team_series(CHECKLIST, audits)[0]
    runs = [TeamRun(f"=Team {n}", total, tuple(actions)) for n in range(7)]
    spec = lead_run_charts(CHECKLIST, runs, title="By team", columns=3)
    assert [a["text"] for a in spec.layout["annotations"]] == [f"=Team {n}" for n in range(7)]
    assert spec.layout["yaxis7"]["domain"][0] == 0
    assert len([s for s in spec.layout["shapes"] if s["type"] == "rect"]) == 3 * 4  # a row each
    assert len(spec.data) == 7 * 3  # median, scores, actions done
    # Same scales everywhere, so tick labels only at the edges: scores down the
    # first column, years under the bottom chart of each column (row 3 has one).
    axes = [("" if n == 0 else str(n + 1)) for n in range(7)]
    assert [n for n, a in enumerate(axes) if spec.layout[f"yaxis{a}"]["showticklabels"]] == [
        0, 3, 6]
    assert [n for n, a in enumerate(axes) if spec.layout[f"xaxis{a}"]["showticklabels"]] == [
        4, 5, 6]
    ranges = {tuple(spec.layout[f"xaxis{a}"]["range"]) for a in axes}
    days = [*total.dates, *(a.done_on for a in done_actions(actions))]
    assert ranges == {((min(days) - timedelta(days=X_PAD_DAYS)).isoformat(),
                       (max(days) + timedelta(days=X_PAD_DAYS)).isoformat())}
    assert "threshold" in lead_key(CHECKLIST)
    rows = lead_chart_rows(runs)
    assert len(rows) == 7 * 12
    assert rows[11]["Findings"].startswith("Shift: audits 1 to 6")
    csv_text = rows_csv(LEAD_COLUMNS, rows)
    assert csv_text.splitlines()[1].startswith("'=Team 0,1 January 2020,2.5,2.75,yes,")


def test_store_reader_matches_the_audit_scores(fresh_engine):
    from connecting_people.fidelity import store
    from connecting_people.fidelity.run_chart_data import team_runs

    store.ensure_schema(fresh_engine)
    team = store.create_team(fresh_engine, "Riverside CMHT", "Example NHS Trust")
    store.create_team(fresh_engine, "Hillside CMHT", "")
    audits, _ = _figure_inputs()
    for audit in audits[:3]:
        store.save_audit(fresh_engine, team.id, audit, source="file", checklist=CHECKLIST)
    planned = replace(audits[3], plan=(PlanEntry(CHECKLIST.item_ids[0], "Sam Okafor", None),))
    store.save_audit(fresh_engine, team.id, planned, source="file", checklist=CHECKLIST)
    store.set_action_done(fresh_engine, store.open_actions(fresh_engine, team.id)[0].id)
    runs = team_runs(fresh_engine, CHECKLIST)
    assert [r.label for r in runs] == ["Hillside CMHT", "Riverside CMHT (Example NHS Trust)"]
    assert runs[0].series.tenths == ()
    assert runs[1].series == team_series(CHECKLIST, audits[:4])[0]
    (done,) = runs[1].actions
    assert (done.item_id, done.owner, done.status) == (CHECKLIST.item_ids[0], "Sam Okafor",
                                                       "done")
    assert done.text == CHECKLIST.item(CHECKLIST.item_ids[0]).action_text
    assert done.done_on == datetime.now(UTC).date()


def test_same_day_audits_chart_in_the_order_saved_on_the_team_page_and_the_lead_overview(
        fresh_engine):
    """Two audits on one day: the one saved last is the last point, on both pages,
    whatever their ids, so the run chart ends on the audit the team page calls latest."""
    from connecting_people.fidelity import store
    from connecting_people.fidelity.run_chart_data import team_runs

    store.ensure_schema(fresh_engine)
    team = store.create_team(fresh_engine, "Riverside CMHT", "")
    day = date(2025, 3, 3)
    # Saved in this order; their ids sort the other way.
    first = _audit(day, 2, "ffffffff-0000-4000-8000-000000000000")
    second = _audit(day, 4, "00000000-0000-4000-8000-000000000000")
    for audit in (first, second):
        store.save_audit(fresh_engine, team.id, audit, source="file", checklist=CHECKLIST)
    stored = store.team_audits(fresh_engine, team.id)
    assert stored[-1].audit.audit_id == second.audit_id  # the team page's "Latest"
    assert team_series(CHECKLIST, [s.audit for s in stored])[0].tenths == (20, 40)
    (run,) = team_runs(fresh_engine, CHECKLIST)
    assert run.series.tenths == (20, 40)
