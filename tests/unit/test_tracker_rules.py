"""Tracker records: dates checked, steps flagged when out of order, funnels and trends counted."""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.common.fields import ValidationError
from connecting_people.tracker import examples, rules
from connecting_people.tracker.model import STEP_ORDER, validate_person

TODAY = date(2026, 10, 1)


def person(identifier="NG-001", worker="JB", start="2026-01-05", **steps):
    return validate_person(
        {"identifier": identifier, "worker": worker, "on_caseload_from": start, **steps},
        today=TODAY,
    )


def test_a_record_with_some_steps_is_valid():
    record = person(guide_explained="2026-01-20", map_made="03/02/2026")
    assert record.done() == ["guide_explained", "map_made"]
    assert record.step("map_made") == date(2026, 2, 3)
    assert record.step("goals_agreed") is None


def test_future_dates_names_and_blank_workers_are_refused_together():
    with pytest.raises(ValidationError) as caught:
        validate_person({"identifier": "Priya", "worker": " ", "on_caseload_from": "2026-01-01",
                         "goals_agreed": "2026-12-01", "left_on": "2025-12-01"}, today=TODAY)
    messages = " | ".join(caught.value.messages())
    assert "Identifier" in messages and "Worker: this is required" in messages
    assert "Goals agreed: 1 December 2026 is in the future" in messages
    assert "before 'On caseload from'" in messages


def test_steps_in_order_raise_no_flags():
    steps = dict(zip(STEP_ORDER, ["2026-01-10", "2026-01-20", "2026-02-01", "2026-03-01",
                                  "2026-07-20"], strict=True))
    assert rules.order_flags(person(**steps)) == []


def test_out_of_order_and_missing_earlier_steps_are_flagged_not_refused():
    record = person(
        guide_explained="2026-03-01", map_made="2026-02-01", first_connection="2026-04-01"
    )
    flags = rules.order_flags(record)
    assert "Map made (1 February 2026) is dated before Guide explained (1 March 2026)" in flags
    assert "First new connection tried is recorded but Goals agreed is not" in flags


def test_a_review_much_sooner_than_six_months_is_flagged():
    record = person(guide_explained="2026-01-10", map_made="2026-01-20", goals_agreed="2026-02-01",
                    first_connection="2026-02-10", six_month_review="2026-03-01")
    assert any("less than 4 months" in f for f in rules.order_flags(record))


def test_funnel_counts_people_on_the_caseload_at_each_step():
    people = [
        person("NG-001", guide_explained="2026-01-10", map_made="2026-01-20"),
        person("NG-002", guide_explained="2026-02-10"),
        person("NG-003"),
        person("NG-004", guide_explained="2026-02-10", left_on="2026-05-01"),
        person("NG-005", start="2026-09-30"),
    ]
    result = rules.funnel(people, "Team", on=TODAY)
    assert result.people == 4  # NG-004 has left; NG-005 is counted from 30 September
    assert result.counts == (2, 1, 0, 0, 0)
    assert result.share(0) == 0.5
    assert "2 of 4 people" in rules.funnel_sentence(result)
    assert "0 have had their review" in rules.funnel_sentence(result)


def test_funnels_by_worker_for_the_example_team():
    funnels = rules.funnels_by([(r.worker, r) for r in examples.records()], on=examples.TODAY)
    assert [f.group for f in funnels] == ["AK", "JB", "RM"]
    by = {f.group: f for f in funnels}
    assert by["AK"].counts == (4, 3, 3, 3, 2)
    assert by["RM"].counts[0] == 2
    assert "1 has had their review" in rules.funnel_sentence(by["JB"])


def test_share_explained_over_time_counts_at_each_month_end():
    people = [
        person("NG-001", start="2026-01-05", guide_explained="2026-02-10"),
        person("NG-002", start="2026-02-01", guide_explained="2026-03-31"),
    ]
    points = rules.explained_over_time(people, today=date(2026, 4, 15))
    assert [p.day for p in points] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31),
                                       date(2026, 4, 15)]
    assert [(p.people, p.explained) for p in points] == [(1, 0), (2, 1), (2, 2), (2, 2)]
    assert points[1].share == 0.5
    assert rules.explained_over_time([], today=TODAY) == []


def test_month_ends_cross_the_year():
    assert rules.month_ends(date(2025, 11, 20), date(2026, 1, 10)) == [
        date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 10)]


def test_the_example_caseload_has_one_flagged_record():
    flagged = [r.identifier for r in examples.records() if rules.order_flags(r)]
    assert flagged == ["NG-209"]


def test_a_funnels_percent_is_of_the_people_on_the_caseload_rounded_half_up():
    funnel = rules.Funnel("Worker CD", people=8, counts=(4, 1, 0, 0, 0))
    assert [funnel.percent(i) for i in range(3)] == [50, 13, 0]  # 4/8, 1/8 = 12.5 up to 13
    assert rules.Funnel("Nobody", people=0, counts=(0,) * 5).percent(0) == 0
