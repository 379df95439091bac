"""Capacity planner: its totals, headline, suggestions and saved plans, checked by hand.

Tiny fictional datasets in a throw-away SQLite store; the dashboard is built in
Python (no browser) and what it shows is compared with literals worked out by hand,
the sum beside each. Dates are fixed here. See also the other test_figures_true files.
"""

from __future__ import annotations

from datetime import UTC, datetime

from connecting_people.capacity import rules as capacity_rules
from connecting_people.capacity import store as capacity_store
from connecting_people.capacity.dashboard import CapacityDashboard
from connecting_people.capacity.planner import CapacityPlanner
from connecting_people.store import make_engine
from tests.widgets.conftest import table_rows

# The planner's figures each test checks, in this order.
PLAN_FIGURES = ("minutes_per_person", "demand_minutes", "capacity_minutes", "used_percent",
                "max_starts", "people_in_work", "months_to_offer_everyone")


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
    assert [result[key] for key in PLAN_FIGURES] == [
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
    assert [result[key] for key in PLAN_FIGURES] == [
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


def test_a_plan_whose_steps_take_no_time_has_no_limit_on_starts_not_none(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    capacity_store.open_store(engine)
    no_minutes = {**capacity_rules.default_inputs(),
                  **dict.fromkeys([*capacity_rules.STEP_FIELDS, "support_minutes"], 0)}
    capacity_store.save_plan(engine, "Team", "No time needed", no_minutes,
                             now=datetime(2026, 4, 1, 9, 0, tzinfo=UTC))
    board = CapacityDashboard(engine, team="Team")
    # 0 minutes a person: the rules give no "most starts" (any number fits the time).
    assert table_rows(board.table.value)[1] == ["No time needed", "2026-04-01", "3", "5", "Yes",
                                                "no limit"]
    engine.dispose()


def test_capacity_planner_suggestions_when_the_time_does_not_fit():
    result = CapacityPlanner(inputs={"protected_hours": 2.5}).result  # the planner on the page
    # 2.5 h = 150 min x 52 x 80% / 12 = 520 a month, against 900; 520 // 300 = 1 start.
    assert (result["capacity_minutes"], result["max_starts"], result["used_percent"]) == (
        520, 1, 173)  # 900 / 520 = 173.1%
    assert result["headline"] == ("The plan does not fit: it needs about 15 hours a month, but "
                                  "the team protects only about 9 (the plan needs 173% of it).")
    assert result["suggestions"] == [
        "Start no more than 1 person a month: that is what the protected time allows.",
        # 900 x 12 / (52 x 80%) = 259.6 -> 260 minutes a week; 260 - 150 = 110 -> 4 half
        # hours: 4.5 h gives 936 a month (enough), 4 h gives 832 (not).
        "Or protect about 2 more hours a week (from 2.5 to 4.5).",
        # 520 // 3 starts = 173 minutes each (3 x 173 = 519).
        "Or bring the time each person needs down from 300 to 173 minutes over 6 months, for "
        "example by sharing accompanied visits or finding things faster in the team's "
        "directory.",
        # No crisis share fits: with none lost, 150 min a week gives 650 a month, under 900.
    ]
