"""Saved capacity plans: a team keeps the plans it agreed, to look back at them later.

A plan is saved as the numbers typed (a versioned JSON document), checked by
the same rules the planner uses, with a label and a date. Plans are never
changed after saving; a new plan is a new row, so the team can see how its
thinking moved (for example after a manager agreed more protected time).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from connecting_people.capacity import rules
from connecting_people.common.fields import FieldError, ValidationError, clean_text
from connecting_people.store import common as shared
from connecting_people.store import versioned
from connecting_people.store.acting import acting_user

COMPONENT = "capacity"
PLAN_FORMAT = "connecting-people/capacity-plan"
PLAN_VERSION = 1
metadata = sa.MetaData()

plans = shared.team_table(
    "capacity_plans",
    metadata,
    sa.Column("label", sa.String(120), nullable=False),
    *shared.saved_document_columns(),
)

shared.register_saved_documents(COMPONENT, "saved capacity plans", metadata, plans)


@dataclass(frozen=True)
class SavedPlan:
    id: int
    team: str
    label: str
    inputs: dict
    saved_at: datetime

    @property
    def result(self) -> dict:
        return rules.plan(self.inputs)


def open_store(engine: Engine) -> Engine:
    return shared.open_component(engine, COMPONENT)


def plan_document(inputs: dict) -> str:
    """The numbers as a versioned document; ``ValidationError`` if the rules refuse them."""
    _, errors = rules.validate(inputs)
    if errors:
        fields = rules.load_spec()["fields"]
        problems = []
        for error in errors:
            label = fields[error["field"]]["label"]
            problems.append(FieldError(label, error["message"].removeprefix(f"{label}: ")))
        raise ValidationError(problems)
    keys = rules.load_spec()["fields"]
    return json.dumps(
        {"format": PLAN_FORMAT, "version": PLAN_VERSION, "inputs": {k: inputs[k] for k in keys}},
        sort_keys=True,
    )


def read_document(text: str) -> dict:
    data = json.loads(text)
    if data.get("format") != PLAN_FORMAT or data.get("version") != PLAN_VERSION:
        raise ValueError("This saved plan has an unknown format or version.")
    return data["inputs"]


def save_plan(engine: Engine, team: str, label: str, inputs: dict, *, user: str | None = None,
              now: datetime | None = None) -> SavedPlan:
    """Save a plan the rules accept, as ``user``; plans are never changed after saving."""
    team = shared.clean_team(team)
    label = clean_text(label, "Plan name", max_length=120, required=True)
    document = plan_document(inputs)
    now = now or datetime.now(UTC)
    row = {"team": team, "label": label, "document": document, "saved_at": now,
           "changed_by": acting_user(user), "changed_at": now}

    def work() -> int:
        with engine.begin() as connection:
            return connection.execute(plans.insert().values(**row)).inserted_primary_key[0]

    new_id = versioned.retry_when_locked(work, what="The plan")
    return SavedPlan(new_id, team, label, read_document(document), now)


def list_plans(engine: Engine, team: str) -> list[SavedPlan]:
    rows = shared.team_rows(engine, plans, team, plans.c.id)
    return [SavedPlan(r.id, r.team, r.label, read_document(r.document), r.saved_at) for r in rows]


def teams(engine: Engine) -> list[str]:
    """Every team with a saved plan, for the team picker."""
    return shared.team_names(engine, plans)
