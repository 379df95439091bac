"""Scoring the self-audit: honest about "cannot rate", bands at their cut-offs, ties, the plan.

The hand-worked cases live in tests/js/fidelity_cases.json, shared with the
JavaScript tests, so both languages are held to the same expectations.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.compare import compare_audits
from connecting_people.fidelity.rules import round_half_up_tenths, score_audit

CASES = json.loads((Path(__file__).parents[1] / "js" / "fidelity_cases.json").read_text())
CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


def _check_partial(actual: dict, expected: dict, where: str) -> None:
    for key, value in expected.items():
        assert actual[key] == value, f"{where}: {key} is {actual[key]!r}, expected {value!r}"


@pytest.mark.parametrize("case", CASES["scoring"], ids=lambda case: case["name"])
def test_hand_worked_scoring_cases(case):
    result = score_audit(CHECKLIST, case["answers"]).to_dict()
    expect = case["expect"]
    if "total" in expect:
        _check_partial(result["total"], expect["total"], "total")
    for domain_id, expected in expect.get("domains", {}).items():
        domain = next(d for d in result["domains"] if d["id"] == domain_id)
        _check_partial(domain, expected, domain_id)
    for key in ("plan", "weakest"):
        if key in expect:
            assert result[key] == expect[key]


@pytest.mark.parametrize("case", CASES["comparisons"], ids=lambda case: case["name"])
def test_hand_worked_comparisons(case):
    result = compare_audits(CHECKLIST, case["previous"], case["current"]).to_dict()
    for key, value in case["expect"].items():
        if key == "total":
            _check_partial(result["total"], value, "total")
        else:
            assert result[key] == value, key


def test_cannot_rate_is_left_out_not_counted_as_a_low_score():
    rated_only = score_audit(CHECKLIST, {"team.directory": 4, "team.contacts": 4})
    with_gaps = score_audit(CHECKLIST, {"team.directory": 4, "team.contacts": 4,
                                        "team.presence": None})
    assert rated_only.total.tenths == with_gaps.total.tenths == 40
    assert with_gaps.total.cannot_rate == 1 and with_gaps.total.unanswered == 23


@pytest.mark.parametrize("band", CHECKLIST.bands, ids=lambda band: band.id)
def test_each_band_holds_exactly_its_stated_range(band):
    assert CHECKLIST.band_for_tenths(band.from_tenths).id == band.id
    assert CHECKLIST.band_for_tenths(band.to_tenths).id == band.id
    if band.from_tenths > 10:
        assert CHECKLIST.band_for_tenths(band.from_tenths - 1).id != band.id
    if band.to_tenths < 50:
        assert CHECKLIST.band_for_tenths(band.to_tenths + 1).id != band.id


def test_the_stated_cut_offs():
    assert [(b.label, b.range_text) for b in CHECKLIST.bands] == [
        ("Not yet implemented", "1.0 to 2.4"),
        ("Partly implemented", "2.5 to 3.4"),
        ("Mostly implemented", "3.5 to 4.4"),
        ("Fully implemented", "4.5 to 5.0"),
    ]


@pytest.mark.parametrize(("total", "count", "tenths"), [
    (49, 20, 25), (48, 20, 24), (7, 3, 23), (8, 3, 27), (5, 2, 25), (1, 1, 10), (130, 26, 50),
])
def test_rounding_is_half_up_in_whole_numbers(total, count, tenths):
    assert round_half_up_tenths(total, count) == tenths


def test_answers_outside_the_checklist_or_scale_are_refused():
    with pytest.raises(ValueError, match="not an item"):
        score_audit(CHECKLIST, {"team.unicorns": 3})
    for bad in (0, 6, 2.5, "3", True):
        with pytest.raises(ValueError, match="not a score"):
            score_audit(CHECKLIST, {"team.directory": bad})


answers_strategy = st.dictionaries(
    st.sampled_from(IDS), st.one_of(st.none(), st.integers(1, 5)), max_size=len(IDS)
)


@settings(max_examples=200, deadline=None)
@given(answers_strategy)
def test_properties_of_any_audit(answers):
    result = score_audit(CHECKLIST, answers)
    total = result.total
    assert total.rated + total.cannot_rate + total.unanswered == len(IDS)
    if total.rated:
        assert 10 <= total.tenths <= 50
        scores = [s for s in answers.values() if s is not None]
        assert min(scores) * 10 <= total.tenths <= max(scores) * 10
    else:
        assert total.tenths is None and total.band is None
    assert len(result.plan) <= CHECKLIST.rules.plan_max_items
    assert list(result.plan) == list(result.weakest[: len(result.plan)])
    assert all(answers[i] < 5 for i in result.weakest)
    # Whatever is left out of the plan is never lower than what is in it.
    if result.plan:
        worst_left_out = [answers[i] for i in result.weakest[len(result.plan):]]
        assert all(score >= answers[result.plan[-1]] for score in worst_left_out)


@settings(max_examples=100, deadline=None)
@given(answers_strategy, answers_strategy)
def test_comparison_accounts_for_every_item(previous, current):
    result = compare_audits(CHECKLIST, previous, current)
    listed = ([c.item_id for c in result.improved] + [c.item_id for c in result.slipped]
              + list(result.unchanged) + list(result.newly_rated) + list(result.no_longer_rated))
    assert len(listed) == len(set(listed))
    rated_either = {i for i in IDS if previous.get(i) is not None or current.get(i) is not None}
    assert set(listed) == rated_either
