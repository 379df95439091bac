"""The printable agendas for the two course formats add up, and the course file is checked.

A printed timetable that does not add up is worse than none: the trainer runs
late and the last session, often the one about making it work in the team, is
the one that gets cut.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from connecting_people.training import (
    COURSE_FILE,
    SessionPlanError,
    format_duration,
    load_course,
    load_sessions,
    modular_agenda,
    two_day_agenda,
)
from connecting_people.training.agenda import clock_to_minutes, minutes_to_clock
from connecting_people.training.loader import course_from_data

SESSIONS = load_sessions()
COURSE = load_course(sessions=SESSIONS)
RAW_COURSE = yaml.safe_load(COURSE_FILE.read_text(encoding="utf-8"))


def test_two_day_agenda_has_two_days_and_every_session_once():
    days = two_day_agenda(COURSE, SESSIONS)
    assert len(days) == 2
    placed = [row.session.id for day in days for row in day.rows if row.session]
    assert sorted(placed) == sorted(plan.id for plan in SESSIONS)


@pytest.mark.parametrize("day", two_day_agenda(COURSE, SESSIONS), ids=lambda day: day.title)
def test_each_day_of_the_two_day_agenda_adds_up(day):
    # Each line starts when the one before it ends...
    for before, after in zip(day.rows, day.rows[1:], strict=False):
        assert before.end == after.start, f"{day.title}: gap or overlap at {after.title}"
    for row in day.rows:
        assert clock_to_minutes(row.end) - clock_to_minutes(row.start) == row.minutes
        if row.session:
            assert row.minutes == row.session.minutes
    # ...and the day lasts exactly as long as its lines.
    assert day.rows[0].start == day.start and day.rows[-1].end == day.end
    assert clock_to_minutes(day.end) - clock_to_minutes(day.start) == day.total_minutes


@pytest.mark.parametrize("day", two_day_agenda(COURSE, SESSIONS), ids=lambda day: day.title)
def test_each_day_fits_a_working_day_with_lunch(day):
    assert clock_to_minutes(day.start) >= clock_to_minutes("09:00")
    assert clock_to_minutes(day.end) <= clock_to_minutes("17:00")
    assert any(row.kind == "lunch" for row in day.rows)


def test_two_day_session_time_is_the_sum_of_the_session_plans():
    days = two_day_agenda(COURSE, SESSIONS)
    assert sum(day.session_minutes for day in days) == sum(plan.minutes for plan in SESSIONS)


def test_day_one_follows_the_pilot_shared_first_day():
    # The pilot's shared first day covered the model and existing practice,
    # network mapping, and boundaries and barriers (Webber et al. 2019).
    first_day = two_day_agenda(COURSE, SESSIONS)[0]
    assert [row.session.id for row in first_day.rows if row.session] == [
        "model", "mapping", "boundaries"]


def test_modular_agenda_adds_up_and_fits_team_meetings():
    meetings = modular_agenda(COURSE, SESSIONS)
    assert [meeting.number for meeting in meetings] == list(range(1, len(meetings) + 1))
    for meeting in meetings:
        assert 45 <= meeting.minutes <= 60, f"meeting {meeting.number} is {meeting.minutes}"
        assert sum(step.minutes for step in meeting.module.steps) == meeting.minutes
    total = sum(meeting.minutes for meeting in meetings)
    assert total == sum(module.minutes for plan in SESSIONS for module in plan.modules)
    assert {meeting.session.id for meeting in meetings} == {plan.id for plan in SESSIONS}


def test_modular_agenda_keeps_course_order():
    orders = [meeting.session.order for meeting in modular_agenda(COURSE, SESSIONS)]
    assert orders == sorted(orders)


def test_every_module_keeps_a_practical_exercise():
    # A short slot must still practise something, not only listen.
    practical = {"pairs_exercise", "group_exercise", "role_play", "practice", "case_discussion",
                 "reflection"}
    for plan in SESSIONS:
        for module in plan.modules:
            kinds = {step.activity.kind for step in module.steps}
            assert kinds & practical, f"module {module.id} has no practical activity"


# --- the course file is checked -----------------------------------------------------------


def _course(change):
    data = copy.deepcopy(RAW_COURSE)
    change(data)
    return data


def _drop_session(name):
    def change(data):
        for day in data["two_day"]["days"]:
            day["items"] = [item for item in day["items"] if item.get("session") != name]
    return change


BAD_COURSES = {
    "a session left out": (_drop_session("reviewing"), "leaves out sessions ['reviewing']"),
    "a session twice": (lambda d: d["two_day"]["days"][1]["items"].append({"session": "model"}),
                        "runs these sessions twice"),
    "a session with no plan": (
        lambda d: d["two_day"]["days"][0]["items"].append({"session": "juggling"}), "juggling"),
    "a start time YAML read as a number": (
        lambda d: d["two_day"]["days"][0].update(start=570), "two_day.days[0].start"),
    "a break with no minutes": (
        lambda d: d["two_day"]["days"][0]["items"][2].pop("minutes"), "minutes"),
    "modules that cannot fit": (lambda d: d["modular"].update(max_minutes=50),
                                "must fit a team meeting slot"),
    "a repeated practice question": (
        lambda d: d["practice_questions"].append(dict(d["practice_questions"][0])), "unique"),
}


@pytest.mark.parametrize("case", sorted(BAD_COURSES))
def test_a_bad_course_file_is_refused_with_a_clear_message(case):
    change, expected = BAD_COURSES[case]
    with pytest.raises(SessionPlanError) as caught:
        course_from_data(_course(change), SESSIONS, "course.yaml")
    assert expected in str(caught.value)


def test_a_session_naming_an_unknown_practice_question_is_refused():
    data = _course(lambda d: d.update(practice_questions=d["practice_questions"][1:]))
    with pytest.raises(SessionPlanError, match="practice questions not in"):
        course_from_data(data, SESSIONS, "course.yaml")


# --- small helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "words"), [
    (45, "45 minutes"), (60, "1 hour"), (90, "1 hour 30 minutes"), (121, "2 hours 1 minute"),
    (0, "0 minutes"),
])
def test_durations_read_as_people_say_them(minutes, words):
    assert format_duration(minutes) == words


def test_clock_times_round_trip_and_refuse_impossible_times():
    assert minutes_to_clock(clock_to_minutes("09:30")) == "09:30"
    with pytest.raises(ValueError):
        minutes_to_clock(24 * 60 + 1)
