"""The one timings file: it loads, its words read well, and the planner agrees with it."""

from __future__ import annotations

import copy

import pytest
import yaml

from connecting_people.capacity import rules
from connecting_people.timings import (
    TIMINGS_PATH,
    TimingKeyError,
    check,
    format_minutes,
    format_range,
    load_timings,
)
from connecting_people.training import load_course, load_sessions, modular_agenda, two_day_agenda

TIMINGS = load_timings()
RAW = yaml.safe_load(TIMINGS_PATH.read_text(encoding="utf-8"))


def test_every_task_has_a_range_and_a_basis():
    for task in TIMINGS.tasks.values():
        assert task.low <= task.likely <= task.high, task.id
        assert task.basis == "estimate" or task.basis.isidentifier(), task.id
        assert task.mentions, task.id


def test_one_person_takes_five_hours_within_three_to_eight():
    assert TIMINGS.budget.total("likely") == 300
    assert (TIMINGS.budget.total("low"), TIMINGS.budget.total("high")) == (175, 480)
    assert TIMINGS.say("budget") == "about 5 hours (3 to 8 hours)"
    assert TIMINGS.say("budget:likely*20") == "100 hours"


def test_the_example_team_is_twelve_people():
    assert TIMINGS.say("team:size") == "12"
    assert TIMINGS.say("team:size_words") == "twelve"
    assert TIMINGS.say("team:described") == "ten practitioners, a manager and a peer support worker"


@pytest.mark.parametrize(("key", "words"), [
    ("explain_guide", "about 20 minutes (10 to 30 minutes)"),
    ("make_map:range", "20 minutes to 1 hour"),
    ("go_along:likely", "1 hour 15 minutes"),
    ("go_along:likely*2", "2 hours 30 minutes"),
    ("review:minutes", "30"),
    ("team_meeting_slot", "about 15 minutes (15 to 20 minutes)"),
    ("champion_time:range", "1 to 3 hours"),
    ("course", "three to six months"),
    ("course:two_day", "two days"),
    ("budget:likely*2/26", "23 minutes"),
    ("team_meeting_slot:likely*team*6", "18 hours"),
    ("budget:likely*20+team_meeting_slot:likely*team*6+champion_time:likely*26", "170 hours"),
    ("team:hours*26", "11,700 hours"),
    ("budget:likely*18-go_along:likely*18", "68 hours"),
    ("(budget:likely*18-go_along:likely*18)/9/26", "17 minutes"),
    ("explain_guide:likely*practitioners*2", "6 hours 40 minutes"),
])
def test_keys_become_the_words_a_page_prints(key, words):
    assert TIMINGS.say(key) == words


@pytest.mark.parametrize(("key", "message"), [
    ("make_mapp", "no timing 'make_mapp' in timings.yaml; known: agree_goals"),
    ("make_map:often", "'make_map:often': no form 'often'; use one of about, likely"),
    ("team:size*2", "'team:size*2': team numbers cannot be multiplied"),
    ("make_map/0", "'make_map/0': cannot divide by 0"),
    ("Make map", "'Make map' is not a timing key"),
])
def test_a_wrong_key_says_what_would_work(key, message):
    with pytest.raises(TimingKeyError) as caught:
        TIMINGS.say(key)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("minutes", "words"), [
    (1, "1 minute"), (45, "45 minutes"), (60, "1 hour"), (75, "1 hour 15 minutes"),
    (120, "2 hours"), (6000, "100 hours"), (10_260, "171 hours"),
])
def test_minutes_are_said_as_people_say_them(minutes, words):
    assert format_minutes(minutes) == words


def test_ranges_do_not_repeat_the_unit():
    assert format_range(10, 30) == "10 to 30 minutes"
    assert format_range(180, 480) == "3 to 8 hours"
    assert format_range(45, 120) == "45 minutes to 2 hours"
    assert format_range(15, 15) == "15 minutes"


def test_a_broken_file_lists_every_problem():
    data = copy.deepcopy(RAW)
    data["tasks"]["make_map"]["low"] = 90
    data["tasks"]["review"]["basis"] = "nosuchsource2099"
    data["tasks"]["review"]["mentions"] = ["review (at"]
    data["person_budget"]["steps"]["coffee"] = 1
    problems = check(data, bib_keys={"webber2019summary"})
    assert problems == [
        "tasks.make_map: low, likely and high must go up or stay level (got 90, 40, 60)",
        "tasks.review.basis: 'nosuchsource2099' is not a key in book/references.bib; "
        "cite a source there or write 'estimate'",
        "person_budget.steps: 'coffee' is not one of the tasks",
        "tasks.review.mentions: 'review (at' is not a valid pattern "
        "(missing ), unterminated subpattern at position 7)",
    ]


def test_a_file_of_the_wrong_shape_names_the_place():
    data = copy.deepcopy(RAW)
    data["tasks"]["make_map"]["likely"] = "forty"
    assert check(data) == ["tasks.make_map.likely: 'forty' is not of type 'integer'"]


# The planner cannot read YAML, so its spec.json carries the same minutes;
# these tests keep the two in agreement.
PLANNER_FIELDS = {
    "explain_minutes": [("explain_guide", 1)],
    "map_minutes": [("make_map", 1)],
    "goals_minutes": [("agree_goals", 1)],
    "connection_minutes": [("find_links", 1), ("go_along", 2)],
    "review_minutes": [("review", 1)],
}


@pytest.mark.parametrize("field", sorted(PLANNER_FIELDS))
def test_the_planner_starts_from_the_likely_minutes(field):
    expected = sum(TIMINGS.tasks[task].likely * times for task, times in PLANNER_FIELDS[field])
    assert rules.default_inputs()[field] == expected


def test_the_planner_steps_are_the_whole_budget():
    steps = {task for parts in PLANNER_FIELDS.values() for task, _ in parts}
    assert steps == {task.id for task, _ in TIMINGS.budget.steps}
    assert sum(rules.default_inputs()[field] for field in PLANNER_FIELDS) == \
        TIMINGS.budget.total("likely")


def test_the_first_year_is_the_book_s_sums():
    hours = {item.id: hours for item, hours in TIMINGS.year_one_hours()}
    assert hours["practice"] == TIMINGS.year_one.people_starting * 5
    assert hours["team_meeting_slot"] == 36 and hours["champion"] == 92
    assert TIMINGS.say("year_one:total") == "748 hours"
    assert TIMINGS.say("year_one:percent") == "3.6 per cent"
    assert TIMINGS.say("year_one:cost") == "\u00a326,180"
    practice = next(item for item in TIMINGS.year_one.items if item.id == "practice")
    assert practice.key == "budget:likely*people"
    assert practice.label == f"Practice time, {TIMINGS.year_one.people_starting} people"


@pytest.mark.parametrize(("key", "words"), [
    ("30m:likely*weeks", "23 hours"),  # half an hour a week for a working year
    ("7.5h:likely*2", "15 hours"),
    ("20m:likely*team*4", "16 hours"),
    ("team:week", "37.5 hours"),
    ("team:week*weeks", "1,725 hours"),
    ("year_one:weeks", "46"),
    ("1m:likely*5*people", "3 hours 20 minutes"),
])
def test_amounts_and_the_data_s_counts_work_out_in_a_key(key, words):
    assert TIMINGS.say(key) == words


def test_a_figure_adds_up_other_figures_and_feeds_the_first_year():
    assert TIMINGS.figures["directory_upkeep"] == (
        "directory_keeper+directory_checks+directory_tidy")
    assert TIMINGS.say("directory_upkeep:likely") == "45 hours"
    hours = {item.id: hours for item, hours in TIMINGS.year_one_hours()}
    assert (hours["directory"], hours["partnerships"], hours["self_audits"]) == (45, 48, 48)


def test_a_figure_that_loops_is_refused():
    looped = TIMINGS.__class__(**{**TIMINGS.__dict__, "figures": {"a": "b+1h", "b": "a"}})
    with pytest.raises(TimingKeyError, match="loop"):
        looped.say("a:likely")


def test_a_figure_may_not_take_a_task_s_name():
    data = copy.deepcopy(RAW)
    data["figures"]["make_map"] = "5m"
    assert check(data) == ["figures.make_map: a task or part of the file has that name already"]


def test_the_course_figures_are_the_agendas_minutes():
    sessions = load_sessions()
    course = load_course(sessions=sessions)
    meetings = modular_agenda(course, sessions)
    days = two_day_agenda(course, sessions)
    assert TIMINGS.figures["modular_course"] == f"{sum(m.minutes for m in meetings)}m"
    assert TIMINGS.figures["two_day_sessions"] == f"{sum(d.session_minutes for d in days)}m"


def test_the_modular_course_months_fit_its_slots():
    sessions = load_sessions()
    slots = len(modular_agenda(load_course(sessions=sessions), sessions))
    weekly_months = slots * 7 / 30.4
    fortnightly_months = slots * 14 / 30.4
    assert TIMINGS.course.modular_low_months == round(weekly_months + 0.5)
    assert fortnightly_months <= TIMINGS.course.modular_high_months
