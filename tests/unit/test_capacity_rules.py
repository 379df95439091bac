"""The capacity planner's rules, worked by hand, and the promise that every suggestion works."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from connecting_people.capacity import rules

BOOK = rules.default_inputs()


def test_the_starting_numbers_match_the_chapter_on_time():
    assert BOOK["explain_minutes"] + BOOK["map_minutes"] + BOOK["goals_minutes"] == 90
    result = rules.plan(BOOK)
    assert result["minutes_per_person"] == 300  # the chapter's five hours
    # 5 hours a week is 300 minutes; 300 x 52 / 12 = 1300 a month; 20% lost leaves 1040.
    assert result["capacity_minutes"] == 1040
    assert result["demand_minutes"] == 900
    assert result["used_percent"] == 87
    assert result["max_starts"] == 3
    assert result["fits"] and result["status"] == "fits"
    assert result["people_in_work"] == 18 and result["months_to_offer_everyone"] == 100


def test_changing_protected_hours_changes_the_answer():
    result = rules.plan({**BOOK, "protected_hours": 2.5})
    assert result["status"] == "does_not_fit"
    assert result["headline"].startswith("The plan does not fit")
    assert result["suggestions"][0].startswith("Start no more than 1 person a month")
    assert "(from 2.5 to 4.5)" in result["suggestions"][1]


def test_no_starts_and_no_time_have_their_own_answers():
    assert rules.plan({**BOOK, "starts_per_month": 0})["status"] == "nothing_planned"
    no_time = rules.plan({**BOOK, "protected_hours": 0})
    assert no_time["status"] == "no_time" and no_time["used_percent"] is None


def test_more_people_in_the_work_than_on_the_caseload_does_not_fit():
    result = rules.plan({**BOOK, "caseload": 12, "starts_per_month": 3, "protected_hours": 40})
    assert result["time_fits"] and not result["caseload_ok"] and not result["fits"]
    assert result["suggestions"] == [
        "Start no more than 2 people a month, so that no more people are in the work than the "
        "12 on the caseload. The protected time allows that."
    ]


def test_bad_input_gives_one_message_per_field_and_no_plan():
    result = rules.plan({**BOOK, "caseload": "", "starts_per_month": "<b>", "map_minutes": -1,
                         "protected_hours": 7.25, "goals_minutes": 1.5, "review_minutes": True})
    assert not result["ok"]
    fields = {e["field"]: e["message"] for e in result["errors"]}
    assert set(fields) == {"caseload", "starts_per_month", "map_minutes", "protected_hours",
                           "goals_minutes", "review_minutes"}
    assert fields["protected_hours"].endswith("use whole or half hours, such as 7.5")
    assert fields["map_minutes"].endswith("use a number from 0 to 600")


def test_numbers_typed_as_text_are_read():
    assert rules.plan({**BOOK, "protected_hours": " 5.0 ", "caseload": "300"}) == rules.plan(BOOK)


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", text)]


plans = st.fixed_dictionaries({
    "caseload": st.integers(0, 5000),
    "starts_per_month": st.integers(1, 60),
    "explain_minutes": st.integers(0, 600),
    "map_minutes": st.integers(0, 600),
    "goals_minutes": st.integers(0, 600),
    "connection_minutes": st.integers(0, 600),
    "review_minutes": st.integers(0, 600),
    "support_minutes": st.integers(0, 600),
    "protected_hours": st.integers(0, 800).map(lambda halves: halves / 2),
    "crisis_loss_percent": st.integers(0, 90),
})


@settings(max_examples=300, deadline=None)
@given(plans)
def test_every_suggestion_on_its_own_makes_the_plan_fit(inputs):
    result = rules.plan(inputs)
    assert result["ok"]
    if result["fits"]:
        return
    for line in result["suggestions"]:
        if line.startswith("Start no more than"):
            changed = {**inputs, "starts_per_month": int(_numbers(line)[0])}
            if changed["starts_per_month"] == 0:
                continue
        elif line.startswith("Or protect about"):
            changed = {**inputs, "protected_hours": _numbers(line)[-1]}
        elif line.startswith("Or bring the time"):
            target = int(_numbers(line)[1])
            # Any cut that brings each person down to the target will do; cut the support.
            per_person = result["minutes_per_person"]
            changed = dict(inputs)
            cut = per_person - target
            for key in ("connection_minutes", "map_minutes", "explain_minutes", "goals_minutes",
                        "review_minutes"):
                take = min(cut, changed[key])
                changed[key] -= take
                cut -= take
            changed["support_minutes"] -= -(-cut // 6) if cut > 0 else 0
        elif line.startswith("Or keep crisis work"):
            changed = {**inputs, "crisis_loss_percent": int(_numbers(line)[0])}
        else:
            continue
        after = rules.plan(changed)
        assert after["ok"], after
        assert after["time_fits"], (line, changed)
