"""One person on a worker's caseload, as the tracker knows them: a pseudonym and dated steps.

The study found that only a minority of service users said the materials
had been explained to them. The tracker makes the first step (explaining the
guide) and the steps after it visible for each person, without storing who
they are. There is deliberately no free-text notes field: notes are where
names creep in. Each step is a date or nothing; dates in the future are
refused, because a step is recorded only once it has happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from connecting_people.common.fields import (
    FieldError,
    ValidationError,
    clean_text,
    parse_date,
)
from connecting_people.tracker.pseudonym import check_identifier

# The practice's steps in the order they are meant to happen.
STEPS: dict[str, str] = {
    "guide_explained": "Guide explained",
    "map_made": "Map made",
    "goals_agreed": "Goals agreed",
    "first_connection": "First new connection tried",
    "six_month_review": "Reviewed at about six months",
}
STEP_ORDER = tuple(STEPS)


@dataclass(frozen=True)
class PersonRecord:
    """A valid tracker record for one person."""

    identifier: str
    worker: str
    on_caseload_from: date
    steps: dict[str, date | None] = field(default_factory=dict)
    left_on: date | None = None

    def step(self, name: str) -> date | None:
        return self.steps.get(name)

    def done(self) -> list[str]:
        return [s for s in STEP_ORDER if self.steps.get(s)]

    def on_caseload(self, day: date) -> bool:
        """On the caseload on ``day``: started by then and not yet left."""
        return self.on_caseload_from <= day and (self.left_on is None or self.left_on > day)


@dataclass(frozen=True)
class StoredPerson:
    id: int
    team: str
    record: PersonRecord
    version: int


def clean_worker(value: object) -> str:
    """The worker's initials or staff code (staff, not the person supported)."""
    return clean_text(value, "Worker", max_length=20, required=True)


def validate_person(data: dict, *, today: date) -> PersonRecord:
    """A ``PersonRecord`` from form or CSV values, or ``ValidationError`` listing every problem."""
    problems: list[FieldError] = []
    values: dict = {}

    def attempt(key, func):
        try:
            values[key] = func()
        except FieldError as problem:
            problems.append(problem)

    attempt("identifier", lambda: check_identifier(data.get("identifier")))
    attempt("worker", lambda: clean_worker(data.get("worker")))
    attempt(
        "on_caseload_from",
        lambda: parse_date(
            data.get("on_caseload_from"), "On caseload from", today=today, required=True
        ),
    )
    attempt(
        "left_on",
        lambda: parse_date(
            data.get("left_on"), "Left the caseload on", today=today, required=False
        ),
    )
    steps: dict[str, date | None] = {}
    for name, label in STEPS.items():
        try:
            steps[name] = parse_date(data.get(name), label, today=today, required=False)
        except FieldError as problem:
            problems.append(problem)
    start, left = values.get("on_caseload_from"), values.get("left_on")
    if start and left and left < start:
        problems.append(FieldError("Left the caseload on", "is before 'On caseload from'"))
    if problems:
        raise ValidationError(problems)
    return PersonRecord(steps=steps, **values)
