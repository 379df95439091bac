"""Read ``timings.yaml``, check it, and build the ``Timings`` object.

Checked twice: against ``timings.schema.json`` (shape and types), then against
the rules a reader relies on: low <= likely <= high, the budget's steps are
tasks in the file, every mention pattern is a valid regular expression, and a
source named as a basis is in the book's references. Any problem raises
``TimingsError`` naming the place in the file, so whoever edited it can put it
right.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from connecting_people.common.data_files import read_schema, read_yaml, schema_problems
from connecting_people.paths import BOOK_DIR
from connecting_people.timings.model import (
    ESTIMATE,
    Budget,
    Course,
    Task,
    Team,
    Timings,
    YearOne,
    YearOneItem,
)

HERE = Path(__file__).resolve().parent
TIMINGS_PATH = HERE / "timings.yaml"
SCHEMA_PATH = HERE / "timings.schema.json"
REFERENCES_PATH = BOOK_DIR / "references.bib"


class TimingsError(ValueError):
    """The timings file is not usable; the message lists every problem."""


def _bib_keys(path: Path) -> set[str] | None:
    """The citation keys in references.bib; None when there is no book checkout."""
    if not path.is_file():
        return None
    return set(re.findall(r"^@\w+\{([^,\s]+),", path.read_text(encoding="utf-8"), re.MULTILINE))


def check(data: Any, bib_keys: set[str] | None = None) -> list[str]:
    """Every problem with the data, in words; an empty list when it is usable."""
    problems = schema_problems(data, read_schema(SCHEMA_PATH))
    if problems:
        return problems
    for task_id, task in data["tasks"].items():
        if not task["low"] <= task["likely"] <= task["high"]:
            problems.append(f"tasks.{task_id}: low, likely and high must go up or stay level "
                            f"(got {task['low']}, {task['likely']}, {task['high']})")
        if task["basis"] != ESTIMATE and bib_keys is not None and task["basis"] not in bib_keys:
            problems.append(f"tasks.{task_id}.basis: '{task['basis']}' is not a key in "
                            "book/references.bib; cite a source there or write 'estimate'")
    for step in data["person_budget"]["steps"]:
        if step not in data["tasks"]:
            problems.append(f"person_budget.steps: '{step}' is not one of the tasks")
    modular = data["course"]["modular"]
    if modular["low_months"] > modular["high_months"]:
        problems.append("course.modular: low_months is more than high_months")
    reserved = set(data["tasks"]) | {"budget", "team", "course", "year_one"}
    for name in data.get("figures", {}):
        if name in reserved:
            problems.append(f"figures.{name}: a task or part of the file has that name already")
    groups = {f"tasks.{key}": task["mentions"] for key, task in data["tasks"].items()}
    groups.update({part: data[part]["mentions"]
                   for part in ("person_budget", "team", "course", "year_one")})
    item_ids = [item["id"] for item in data["year_one"]["items"]]
    for once in data["year_one"]["once_only"]:
        if once not in item_ids:
            problems.append(f"year_one.once_only: '{once}' is not one of the items")
    for where, patterns in groups.items():
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                problems.append(f"{where}.mentions: '{pattern}' is not a valid pattern ({error})")
    return problems


def build(data: dict) -> Timings:
    tasks = {
        key: Task(id=key, name=task["name"], low=task["low"], likely=task["likely"],
                  high=task["high"], basis=task["basis"], note=task.get("note", ""),
                  mentions=tuple(task["mentions"]))
        for key, task in data["tasks"].items()
    }
    budget = data["person_budget"]
    team = data["team"]
    course = data["course"]
    year = data["year_one"]
    return Timings(
        tasks=tasks,
        budget=Budget(name=budget["name"],
                      steps=tuple((tasks[key], times) for key, times in budget["steps"].items()),
                      mentions=tuple(budget["mentions"])),
        team=Team(practitioners=team["practitioners"], manager=team["manager"],
                  peer_worker=team["peer_worker"], hours_a_week=team["hours_a_week"],
                  note=team.get("note", ""),
                  mentions=tuple(team["mentions"])),
        course=Course(two_day_name=course["two_day"]["name"],
                      two_day_days=course["two_day"]["days"],
                      modular_name=course["modular"]["name"],
                      modular_low_months=course["modular"]["low_months"],
                      modular_high_months=course["modular"]["high_months"],
                      mentions=tuple(course["mentions"])),
        year_one=YearOne(
            working_weeks=year["working_weeks"], people_starting=year["people_starting"],
            example_rate=year["example_rate"],
            once_only=tuple(year["once_only"]),
            items=tuple(YearOneItem(id=item["id"], label=item["label"], hours=item.get("hours"),
                                    key=item.get("key"), page=item["page"], how=item["how"])
                        for item in year["items"]),
            mentions=tuple(year["mentions"])),
        figures=dict(data.get("figures", {})),
    )


def load_timings_from(path: Path, references: Path = REFERENCES_PATH) -> Timings:
    data = read_yaml(path, TimingsError)
    problems = check(data, _bib_keys(references))
    if problems:
        listed = "\n- ".join(problems)
        raise TimingsError(f"{path.name} has {len(problems)} problem(s):\n- {listed}")
    timings = build(data)
    try:
        timings.year_one_hours()
    except KeyError as error:
        raise TimingsError(f"{path.name}: year_one: {error}") from error
    for name in timings.figures:
        try:
            timings.say(f"{name}:likely")
        except KeyError as error:
            raise TimingsError(f"{path.name}: figures.{name}: {error}") from error
    return timings


@functools.cache
def load_timings() -> Timings:
    """The book's timings, read once."""
    return load_timings_from(TIMINGS_PATH)
