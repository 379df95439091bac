"""The capacity planner's rules: does the plan fit the protected time, and what would make it fit?

The study heard that high caseloads, too few staff and crisis work left no
time for Connecting People. These rules turn a team's own numbers into a
plain answer. They are the book's own planning sums, not findings of the
study: the minutes for each step are the team's estimates.

The model (steady state): every person who starts needs one-off steps
(explain the guide, map, agree goals, try a first new connection, review at
about six months) plus some support in each of the six months. With S people
starting each month, the team carries about 6 x S people at once, and each
month's work equals S people's whole six months: S x (one-off steps + 6 x
monthly support). Protected hours a week become minutes a month as
hours x 60 x 52 / 12, less the share usually lost to crisis work.

Every sum uses whole numbers (minutes) so that the browser's copy of these
rules, in ``planner.js``, gives exactly the same answers; ``tests/js`` and
the parity test check that on shared cases. Messages are built here and in the
JavaScript from the same words, and the parity test compares them too.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

SPEC_PATH = Path(__file__).with_name("spec.json")
STEP_FIELDS = (
    "explain_minutes",
    "map_minutes",
    "goals_minutes",
    "connection_minutes",
    "review_minutes",
)
_WHOLE = re.compile(r"^\s*-?\d+\s*$")
_DECIMAL = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


@cache
def load_spec() -> dict:
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    if spec.get("format") != "connecting-people/capacity-spec" or spec.get("version") != 1:
        raise ValueError("capacity spec.json has an unknown format or version")
    return spec


def default_inputs() -> dict:
    return {key: field["default"] for key, field in load_spec()["fields"].items()}


def _number(value) -> float | None:
    """A JSON number or numeric text as a number; ``None`` if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and _DECIMAL.match(value):
        return float(value)
    return None


def format_number(value: float) -> str:
    """Whole numbers without a decimal point, others with one decimal (as the JS does)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def validate(raw: dict) -> tuple[dict, list[dict]]:
    """Clean inputs (minutes and half hours as whole numbers) and a list of field problems."""
    spec = load_spec()
    clean: dict = {}
    errors: list[dict] = []
    for key, field in spec["fields"].items():
        value = raw.get(key)
        label = field["label"]
        if value is None or (isinstance(value, str) and not value.strip()):
            errors.append({"field": key, "message": f"{label}: please enter a number"})
            continue
        number = _number(value)
        if number is None:
            errors.append({"field": key, "message": f"{label}: please enter a number"})
            continue
        if not field["min"] <= number <= field["max"]:
            errors.append(
                {
                    "field": key,
                    "message": f"{label}: use a number from {field['min']} to {field['max']}",
                }
            )
            continue
        if field["kind"] == "whole":
            if number != int(number) or (isinstance(value, str) and not _WHOLE.match(value)):
                errors.append({"field": key, "message": f"{label}: use a whole number"})
                continue
            clean[key] = int(number)
        else:
            halves = number * 2
            if halves != int(halves):
                errors.append(
                    {"field": key, "message": f"{label}: use whole or half hours, such as 7.5"}
                )
                continue
            clean[key] = int(halves)  # stored as half hours, a whole number
    return clean, errors


def people(count: int) -> str:
    """'1 person', '3 people' (the JS has the same helper)."""
    return f"{count} {'person' if count == 1 else 'people'}"


def _hours(minutes: int) -> int:
    """Minutes as whole hours, rounding halves up (the JS does the same)."""
    return (minutes + 30) // 60


def plan(raw: dict) -> dict:
    """Everything the planner shows, as plain JSON-ready data (the parity test compares it)."""
    clean, errors = validate(raw)
    if errors:
        return {"ok": False, "errors": errors}
    months = load_spec()["months_in_programme"]
    starts = clean["starts_per_month"]
    caseload = clean["caseload"]
    loss = clean["crisis_loss_percent"]
    one_off = sum(clean[f] for f in STEP_FIELDS)
    support = clean["support_minutes"] * months
    per_person = one_off + support
    demand = starts * per_person
    weekly = clean["protected_hours"] * 30  # half hours -> minutes
    capacity = weekly * 52 * (100 - loss) // 1200
    in_work = starts * months
    time_fits = demand <= capacity
    caseload_ok = in_work <= caseload
    max_starts = capacity // per_person if per_person else None
    used = (200 * demand + capacity) // (2 * capacity) if capacity else None
    months_to_all = (caseload + starts - 1) // starts if starts else None

    if starts == 0:
        status = "nothing_planned"
    elif capacity == 0:
        status = "no_time"
    elif time_fits and caseload_ok:
        status = "fits"
    else:
        status = "does_not_fit"

    result = {
        "ok": True,
        "errors": [],
        "status": status,
        "fits": status == "fits",
        "time_fits": time_fits,
        "caseload_ok": caseload_ok,
        "one_off_minutes": one_off,
        "support_minutes_total": support,
        "minutes_per_person": per_person,
        "demand_minutes": demand,
        "capacity_minutes": capacity,
        "used_percent": used,
        "max_starts": max_starts,
        "people_in_work": in_work,
        "months_to_offer_everyone": months_to_all,
    }
    result["headline"] = _headline(result)
    result["details"] = _details(result, clean, months)
    result["suggestions"] = _suggestions(result, clean, months)
    return result


def _headline(r: dict) -> str:
    need, have = _hours(r["demand_minutes"]), _hours(r["capacity_minutes"])
    if r["status"] == "nothing_planned":
        if r["max_starts"] is None:
            return "No one is planned to start yet, so there is nothing to fit."
        return (
            "No one is planned to start yet. The protected time would let the team start "
            f"up to {people(r['max_starts'])} a month."
        )
    if r["status"] == "no_time":
        return "The team protects no time for this work yet, so the plan cannot fit."
    if r["status"] == "fits":
        return (
            f"The plan fits: it needs about {need} of the {have} hours a month the team "
            f"protects ({r['used_percent']}%)."
        )
    if not r["time_fits"]:
        return (
            f"The plan does not fit: it needs about {need} hours a month, but the team "
            f"protects only about {have} (the plan needs {r['used_percent']}% of it)."
        )
    return (
        "The plan does not fit the caseload: it would have more people in the work than "
        "the team supports."
    )


def _details(r: dict, clean: dict, months: int) -> list[str]:
    support = (
        f"{clean['support_minutes']} minutes of support a month"
        if clean["support_minutes"]
        else "no extra support in between"
    )
    lines = [
        f"Each person needs about {_hours(r['minutes_per_person'])} hours over {months} months: "
        f"{r['one_off_minutes']} minutes for the steps and {support}.",
    ]
    if clean["starts_per_month"]:
        lines.append(
            f"Starting {people(clean['starts_per_month'])} a month, about "
            f"{people(r['people_in_work'])} are in the work at any one time."
        )
        lines.append(
            f"At this rate it takes {r['months_to_offer_everyone']} months to offer Connecting "
            f"People to everyone on a caseload of {clean['caseload']}."
        )
    if clean["crisis_loss_percent"]:
        lines.append(
            f"The protected time allows for {clean['crisis_loss_percent']}% being lost to "
            "crisis work."
        )
    return lines


def _suggestions(r: dict, clean: dict, months: int) -> list[str]:
    if r["status"] in ("fits", "nothing_planned"):
        if r["status"] == "fits" and r["max_starts"] is not None:
            return [
                f"The protected time would let the team start up to {people(r['max_starts'])} "
                "a month."
            ]
        return []
    out: list[str] = []
    max_starts = r["max_starts"]
    if not r["caseload_ok"]:
        most = clean["caseload"] // months
        if max_starts is None or most <= max_starts:
            return [
                f"Start no more than {people(most)} a month, so that no more people are in the "
                f"work than the {clean['caseload']} on the caseload. The protected time allows "
                "that."
            ]
        if max_starts == 0:
            return ["The protected time is not enough for even one person a month."]
        return [
            f"Start no more than {people(max_starts)} a month: that is what the protected time "
            "allows, and it keeps within the caseload."
        ]
    if max_starts:
        out.append(
            f"Start no more than {people(max_starts)} a month: that is what the protected time "
            "allows."
        )
    elif max_starts == 0:
        out.append("The protected time is not enough for even one person a month.")
    loss = clean["crisis_loss_percent"]
    demand = r["demand_minutes"]
    weekly_needed = -(-demand * 1200 // (52 * (100 - loss)))
    extra_halves = -(-(weekly_needed - clean["protected_hours"] * 30) // 30)
    now_hours = clean["protected_hours"] / 2
    # More hours than the planner accepts is not a suggestion a team can act on.
    if now_hours + extra_halves / 2 <= load_spec()["fields"]["protected_hours"]["max"]:
        out.append(
            f"Or protect about {format_number(extra_halves / 2)} more "
            f"{'hour' if extra_halves == 2 else 'hours'} a week (from "
            f"{format_number(now_hours)} to {format_number(now_hours + extra_halves / 2)})."
        )
    starts = clean["starts_per_month"]
    target = r["capacity_minutes"] // starts
    if 0 < target < r["minutes_per_person"]:
        out.append(
            f"Or bring the time each person needs down from {r['minutes_per_person']} to "
            f"{target} minutes over {months} months, for example by sharing accompanied "
            "visits or finding things faster in the team's directory."
        )
    weekly = clean["protected_hours"] * 30
    if loss and weekly:
        needed_share = -(-demand * 1200 // (weekly * 52))
        allowed_loss = 100 - needed_share
        if allowed_loss >= 0:
            out.append(
                f"Or keep crisis work out of the protected time: the plan fits if no more than "
                f"{allowed_loss}% of it is lost (now {loss}%)."
            )
    return out
