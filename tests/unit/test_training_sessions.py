"""The training course's session plans: they load, they add up, and what they name exists.

A trainer runs the course from these files, so a plan whose minutes do not add
up, or that sends people to a handout or dashboard that is not there, fails
here rather than in front of a room of practitioners.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from connecting_people.paths import BOOK_DIR, DASHBOARDS_DIR
from connecting_people.training import (
    SESSIONS_DIR,
    SessionPlanError,
    load_course,
    load_session,
    load_sessions,
    missing_references,
)
from connecting_people.training.loader import session_from_data

SESSION_FILES = sorted(SESSIONS_DIR.glob("*.yaml"))
RAW = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in SESSION_FILES}


def test_the_course_has_at_least_six_sessions():
    assert len(load_sessions()) >= 6


@pytest.mark.parametrize("name", sorted(RAW))
def test_activity_minutes_add_up_to_the_session_length(name):
    # Read straight from the file, not through the loader, so this holds even
    # if the loader's own check were ever removed.
    data = RAW[name]
    total = sum(activity["minutes"] for activity in data["activities"])
    assert total == data["minutes"], (
        f"{name}.yaml: activities add up to {total} minutes, the session says {data['minutes']}"
    )


@pytest.mark.parametrize("name", sorted(RAW))
def test_module_minutes_add_up_to_the_module_length(name):
    for module in RAW[name]["modules"]:
        total = sum(step["minutes"] for step in module["steps"])
        assert total == module["minutes"], f"{name}.yaml, module {module['id']}: {total} minutes"


@pytest.mark.parametrize("name", sorted(RAW))
def test_handouts_and_dashboards_named_by_a_session_exist(name):
    plan = load_session(SESSIONS_DIR / f"{name}.yaml")
    problems = missing_references([plan], BOOK_DIR, DASHBOARDS_DIR)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(RAW))
def test_every_session_has_objectives_and_a_knowledge_check_with_answers(name):
    plan = load_session(SESSIONS_DIR / f"{name}.yaml")
    assert len(plan.objectives) >= 2
    assert len(plan.knowledge_check) >= 2
    assert all(item.answer.strip() for item in plan.knowledge_check)


def test_the_sessions_answer_all_twelve_practice_questions():
    sessions = load_sessions()
    course = load_course(sessions=sessions)
    assert len(course.practice_questions) == 12
    covered = {question for plan in sessions for question in plan.practice_questions}
    missing = [q.text for q in course.practice_questions if q.id not in covered]
    assert not missing, f"no session answers: {missing}"


def test_the_course_uses_the_network_and_community_exercises():
    # The issue asks for these two exercises by name; losing either from the
    # plans would quietly drop them from the course.
    sessions = load_sessions()
    handouts = {page for plan in sessions for a in plan.activities for page in a.handouts}
    dashboards = {name for plan in sessions for a in plan.activities for name in a.dashboards}
    assert "training_manual/exercise_network_map" in handouts
    assert "community_directory.ipynb" in dashboards
    assert "service_user_guide/index" in handouts


# --- the reference checker can fail --------------------------------------------------------


def _tiny_book(tmp_path: Path, pages: list[str]) -> Path:
    book = tmp_path / "book"
    for page in pages:
        (book / page).parent.mkdir(parents=True, exist_ok=True)
        (book / f"{page}.md").write_text("# A page\n", encoding="utf-8")
    toc = {"root": "index", "parts": [{"chapters": [{"file": p} for p in pages]}]}
    (book / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    return book


def _plan(**activity_changes):
    data = copy.deepcopy(RAW["mapping"])
    data["activities"][0].update(activity_changes)
    if data["activities"][0].get("dashboards"):
        # An activity that names a dashboard must say what to do without it.
        data["activities"][0].setdefault("fallback", {"paper": "Use the paper maps."})
    return session_from_data(data, "test plan")


def test_a_handout_with_no_page_is_reported(tmp_path):
    book = _tiny_book(tmp_path, ["index", "training_manual/session_mapping"])
    plan = _plan(handouts=["training_manual/handouts/not_written"])
    problems = missing_references([plan], book, tmp_path)
    assert any("not_written" in problem and "no file" in problem for problem in problems)


def test_a_handout_left_out_of_the_table_of_contents_is_reported(tmp_path):
    book = _tiny_book(tmp_path, ["index", "training_manual/session_mapping"])
    (book / "training_manual" / "orphan.md").write_text("# Orphan\n", encoding="utf-8")
    plan = _plan(handouts=["training_manual/orphan"])
    problems = missing_references([plan], book, tmp_path)
    assert any("orphan" in problem and "_toc.yml" in problem for problem in problems)


def test_a_dashboard_that_does_not_exist_is_reported(tmp_path):
    book = _tiny_book(tmp_path, ["index", "training_manual/session_mapping"])
    dashboards = tmp_path / "dashboards"
    dashboards.mkdir()
    (dashboards / "real.ipynb").write_text("{}", encoding="utf-8")
    plan = _plan(handouts=[], dashboards=["real.ipynb", "imaginary.ipynb"])
    problems = [p for p in missing_references([plan], book, dashboards) if "names dashboard" in p]
    assert any("'imaginary.ipynb'" in problem for problem in problems)
    assert not any("'real.ipynb'" in problem for problem in problems)


# --- bad files get a clear message ----------------------------------------------------------


def _broken(change):
    data = copy.deepcopy(RAW["boundaries"])
    change(data)
    return data


BAD_SESSIONS = {
    "wrong format name": (lambda d: d.update(format="something-else"), "format"),
    "future version": (lambda d: d.update(version=2), "version"),
    "no objectives": (lambda d: d.pop("objectives"), "objectives"),
    "minutes as text": (lambda d: d["activities"][0].update(minutes="ten"),
                        "activities[0].minutes"),
    "zero minutes": (lambda d: d["activities"][0].update(minutes=0), "activities[0].minutes"),
    "unknown kind": (lambda d: d["activities"][1].update(kind="lecture"), "activities[1].kind"),
    "unknown field": (lambda d: d["activities"][0].update(colour="red"), "colour"),
    "handout with a suffix": (lambda d: d["activities"][1].update(handouts=["x/y.md"]),
                              "activities[1].handouts[0]"),
    "dashboard without .ipynb": (lambda d: d["activities"][1].update(dashboards=["map"]),
                                 "activities[1].dashboards[0]"),
    "knowledge check without answer": (lambda d: d["knowledge_check"][0].pop("answer"),
                                       "knowledge_check[0]"),
    "minutes do not add up": (lambda d: d.update(minutes=d["minutes"] + 5),
                              "activities add up to"),
    "repeated activity id": (lambda d: d["activities"][1].update(id=d["activities"][0]["id"]),
                             "unique"),
    "module names a missing activity": (
        lambda d: d["modules"][0]["steps"][0].update(activity="not_here"), "not_here"),
    "module step longer than its activity": (
        lambda d: d["modules"][0]["steps"][0].update(minutes=60), "longer than the full activity"),
    "module minutes do not add up": (lambda d: d["modules"][0].update(minutes=50),
                                     "steps add up to"),
}


@pytest.mark.parametrize("case", sorted(BAD_SESSIONS))
def test_a_bad_session_file_is_refused_with_a_clear_message(case, tmp_path):
    change, expected = BAD_SESSIONS[case]
    path = tmp_path / "boundaries.yaml"
    path.write_text(yaml.safe_dump(_broken(change)), encoding="utf-8")
    with pytest.raises(SessionPlanError) as caught:
        load_session(path)
    assert expected in str(caught.value)
    assert "boundaries.yaml" in str(caught.value)


def test_a_file_not_named_after_its_session_is_refused(tmp_path):
    path = tmp_path / "other_name.yaml"
    path.write_text(yaml.safe_dump(RAW["boundaries"]), encoding="utf-8")
    with pytest.raises(SessionPlanError, match="name the file boundaries.yaml"):
        load_session(path)


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "boundaries.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(SessionPlanError, match="not valid YAML"):
        load_session(path)


def test_a_folder_with_two_sessions_in_the_same_place_is_refused(tmp_path):
    for name in ("boundaries", "strengths"):
        data = copy.deepcopy(RAW[name])
        data["order"] = 3
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(SessionPlanError, match="order number"):
        load_sessions(tmp_path)


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(SessionPlanError, match="no session plan files"):
        load_sessions(tmp_path)
