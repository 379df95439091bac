"""The trainer's kit is complete: every agenda line has a plan, every slot a half-hour
version, every dashboard step a paper fallback, and trainers read words, not file names.

A trainer in a room whose server has failed, or whose team meeting has only half
an hour, needs the plan in front of them, not a gap. These rules read the same
data files the book prints, so the printed kit and the tests cannot disagree.
"""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from connecting_people.training import (
    COURSE_FILE,
    SESSIONS_DIR,
    SessionPlanError,
    load_course,
    load_sessions,
    two_day_agenda,
)
from connecting_people.training.loader import course_from_data, session_from_data
from connecting_people.training.model import RESTING_KINDS

SESSIONS = load_sessions()
COURSE = load_course(sessions=SESSIONS)
RAW_COURSE = yaml.safe_load(COURSE_FILE.read_text(encoding="utf-8"))
RAW = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
       for path in sorted(SESSIONS_DIR.glob("*.yaml"))}
PRACTICAL = {"pairs_exercise", "group_exercise", "role_play", "practice", "case_discussion",
             "reflection"}
ACTIVITIES = [(plan.id, activity) for plan in SESSIONS for activity in plan.activities]


def _trainer_text() -> list[tuple[str, str]]:
    """Every sentence a trainer reads from the data, with where it came from."""
    texts = []
    for plan in SESSIONS:
        texts += [(f"{plan.id} preparation", line) for line in plan.preparation]
        for activity in plan.activities:
            where = f"{plan.id}.{activity.id}"
            texts += [(where, activity.title), (where, activity.summary)]
            texts += [(where, material) for material in activity.materials]
            if activity.fallback is not None:
                texts.append((f"{where} fallback", activity.fallback.paper))
        for slide in plan.slides:
            texts += [(f"{plan.id} slide", point) for point in (slide.title, *slide.points)]
        for module in plan.modules:
            if module.short is not None:
                texts.append((f"{module.id} short", module.short.left_out))
    for item in COURSE.item_plans:
        texts += [(item.id, step.summary) for step in item.steps]
    return texts


# --- every agenda line has a plan ----------------------------------------------------------


def test_every_line_of_the_two_day_agenda_has_a_plan():
    for day in two_day_agenda(COURSE, SESSIONS):
        for row in day.rows:
            if row.kind in RESTING_KINDS:
                continue
            has_plan = row.session is not None or row.plan is not None
            assert has_plan, f"{day.title}, {row.start} '{row.title}' has no plan"


def test_the_welcomes_and_closes_named_in_the_issue_have_plans():
    planned = {row.title: row.plan.minutes for day in two_day_agenda(COURSE, SESSIONS)
               for row in day.rows if row.plan is not None}
    assert planned == {
        "Welcome, introductions and ground rules": 30,
        "What we take away from today": 15,
        "Welcome back and questions from Day 1": 15,
    }


def _course(change):
    data = copy.deepcopy(RAW_COURSE)
    change(data)
    return data


def _welcome(data):
    return data["two_day"]["days"][0]["items"][0]


BAD_COURSES = {
    "a welcome with no plan": (lambda d: _welcome(d).pop("plan"), "has no plan"),
    "a plan that is not there": (lambda d: _welcome(d).update(plan="juggling"), "juggling"),
    "a plan that does not add up": (
        lambda d: d["item_plans"][0]["steps"][0].update(minutes=20), "add up to"),
    "a plan on no line": (
        lambda d: d["item_plans"].append(dict(d["item_plans"][0], id="spare")), "spare"),
    "short versions of another length": (lambda d: d["modular"].update(short_minutes=25),
                                         "short versions last 25"),
    "a dashboard with no plain name": (lambda d: d["dashboards"].pop("network_map.ipynb"),
                                       "network_map.ipynb"),
}


@pytest.mark.parametrize("case", sorted(BAD_COURSES))
def test_a_course_file_with_a_gap_in_the_kit_is_refused(case):
    change, expected = BAD_COURSES[case]
    with pytest.raises(SessionPlanError) as caught:
        course_from_data(_course(change), SESSIONS, "course.yaml")
    assert expected in str(caught.value)


# --- every module has a half-hour version --------------------------------------------------


@pytest.mark.parametrize("module", [m for plan in SESSIONS for m in plan.modules],
                         ids=lambda module: module.id)
def test_every_module_has_a_half_hour_version_that_still_practises(module):
    assert module.short is not None, f"module {module.id} has no half-hour version"
    assert module.short.minutes == COURSE.short_minutes == 30
    assert sum(step.minutes for step in module.short.steps) == 30
    kinds = {step.activity.kind for step in module.short.steps}
    assert kinds & PRACTICAL, f"the half-hour {module.id} has no practical activity"


# --- every dashboard step has a fallback ---------------------------------------------------


@pytest.mark.parametrize("activity", [a for _, a in ACTIVITIES if a.dashboards],
                         ids=lambda activity: activity.id)
def test_every_dashboard_step_has_a_paper_fallback(activity):
    assert activity.fallback is not None
    assert len(activity.fallback.paper.split()) >= 12, "say what to do, in a sentence or two"


def test_no_activity_needs_a_dashboard_to_run():
    # The training manual promises trainers that a failed server loses no activity.
    needing = [f"{session}.{a.id}" for session, a in ACTIVITIES if a.needs_dashboards]
    assert needing == []


def test_the_static_exercises_are_the_fallbacks_where_they_do_the_job():
    pages = {a.dashboards[0]: a.fallback.page for _, a in ACTIVITIES if a.dashboards
             and a.fallback.page}
    assert pages["network_map.ipynb"] in {"training_manual/exercise_network_map",
                                          "practice_guidance/case_study_daniel"}
    assert pages["capacity_planner.ipynb"] == "implementation_manual/capacity_planner"


def test_the_loader_api_that_finds_the_room_dashboards_is_unchanged():
    # The training-room command reads the session plans for the dashboards they use.
    used = sorted({d for _, activity in ACTIVITIES for d in activity.dashboards})
    assert used == ["capacity_planner.ipynb", "community_directory.ipynb",
                    "materials_tracker.ipynb", "network_map.ipynb", "outcomes_review.ipynb",
                    "team_progress.ipynb"]


def _activity_with(**changes):
    data = copy.deepcopy(RAW["mapping"])
    data["activities"][0].update(changes)
    return data


BAD_SESSIONS = {
    "a dashboard with no fallback": (
        _activity_with(dashboards=["network_map.ipynb"]), "gives no fallback"),
    "a dashboard that is used for nothing": (
        _activity_with(dashboards=["network_map.ipynb"], dashboard_use="none",
                       fallback={"paper": "Paper."}), "cannot be 'none'"),
    "a use with no dashboard": (_activity_with(dashboard_use="required"), "names no dashboard"),
}


@pytest.mark.parametrize("case", sorted(BAD_SESSIONS))
def test_a_session_with_a_gap_in_its_fallbacks_is_refused(case):
    data, expected = BAD_SESSIONS[case]
    with pytest.raises(SessionPlanError) as caught:
        session_from_data(data, "mapping.yaml")
    assert expected in str(caught.value)


def test_a_half_hour_version_that_does_not_add_up_is_refused():
    data = copy.deepcopy(RAW["mapping"])
    data["modules"][0]["short"]["steps"][0]["minutes"] = 1
    with pytest.raises(SessionPlanError) as caught:
        session_from_data(data, "mapping.yaml")
    assert "steps add up to" in str(caught.value)


def test_a_slide_for_an_activity_that_is_not_there_is_refused():
    data = copy.deepcopy(RAW["mapping"])
    data["slides"][0]["activity"] = "juggling"
    with pytest.raises(SessionPlanError) as caught:
        session_from_data(data, "mapping.yaml")
    assert "juggling" in str(caught.value)


# --- slides and plain words ----------------------------------------------------------------


@pytest.mark.parametrize("plan", SESSIONS, ids=lambda plan: plan.id)
def test_every_session_has_a_slide_outline(plan):
    assert len(plan.slides) >= 3
    assert all(1 <= len(slide.points) <= 5 for slide in plan.slides)


JARGON = re.compile(r"\.ipynb|throw-away|throwaway|database|kernel|voila", re.IGNORECASE)


def test_trainers_read_words_not_file_names_or_jargon():
    found = [f"{where}: {text}" for where, text in _trainer_text() if JARGON.search(text)]
    assert found == []


def test_every_dashboard_has_a_plain_name():
    for _, activity in ACTIVITIES:
        for dashboard in activity.dashboards:
            name = COURSE.dashboard_name(dashboard)
            assert not JARGON.search(name) and "_" not in name


def test_session_one_prepares_the_flip_chart_sheets_its_exercise_uses():
    model = next(plan for plan in SESSIONS if plan.id == "model")
    preparation = " ".join(model.preparation)
    assert "four flip chart sheets headed Assess, Plan, Support and Review" in preparation
