"""Run-chart rules (Perla, Provost and Murray 2011) on hand-worked cases, and a team's series.

The cases live in tests/js/run_chart_cases.json, which
tests/js/run_chart_parity.test.mjs holds the browser module to as well.
"""

from __future__ import annotations

import json
import re
from datetime import date
from fractions import Fraction
from math import comb
from pathlib import Path

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import Audit, Team
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
