"""One entry in a team's community resource directory, and the rules for a valid one.

The directory is the team's shared memory of its area: groups, services,
places and opportunities a person might try. The study found that teams did
not know or link with their local communities well enough, so every entry
records who it suits, how to get there and what it costs, and the date someone
last checked it is still running: an out-of-date list is worse than none.

``validate_resource`` turns untrusted input (a form, a CSV row) into a
``Resource`` or raises ``ValidationError`` listing every problem at once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from connecting_people.common.fields import (
    FieldError,
    ValidationError,
    clean_text,
    parse_date,
)

# Stored value -> the words a person sees. The order is the order of menus and charts.
KINDS: dict[str, str] = {
    "group": "Group or club",
    "activity": "Activity or class",
    "service": "Service or advice",
    "place": "Place to go",
    "opportunity": "Volunteering, learning or work",
    "online": "Online",
}

# Field name -> (label a person sees, maximum length, required, multiline).
TEXT_FIELDS: dict[str, tuple[str, int, bool, bool]] = {
    "name": ("Name", 120, True, False),
    "offers": ("What it offers", 600, True, True),
    "suits": ("Who it suits", 400, False, True),
    "area": ("Area", 80, True, False),
    "access": ("Access and transport", 400, False, True),
    "cost": ("Cost", 80, False, False),
    "contact": ("Contact", 200, False, False),
    "notes": ("Notes", 1000, False, True),
}
LABELS: dict[str, str] = {
    "name": "Name",
    "kind": "Kind",
    "offers": "What it offers",
    "suits": "Who it suits",
    "area": "Area",
    "access": "Access and transport",
    "cost": "Cost",
    "contact": "Contact",
    "last_checked": "Last checked",
    "notes": "Notes",
}
FIELD_ORDER = tuple(LABELS)
REQUIRED = ("name", "kind", "offers", "area", "last_checked")


@dataclass(frozen=True)
class Resource:
    """A valid directory entry (not yet, or already, saved)."""

    name: str
    kind: str
    offers: str
    area: str
    last_checked: date
    suits: str = ""
    access: str = ""
    cost: str = ""
    contact: str = ""
    notes: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["last_checked"] = self.last_checked.isoformat()
        return data


@dataclass(frozen=True)
class StoredResource:
    """An entry as the store holds it: the resource plus its id, status and version."""

    id: int
    team: str
    resource: Resource
    status: str  # "active" or "retired"
    version: int
    retired_on: date | None = None
    retired_reason: str = ""

    @property
    def active(self) -> bool:
        return self.status == "active"


def kind_from_text(value: object) -> str:
    """The stored kind from a stored value or its label, any case; ``FieldError`` otherwise."""
    text = clean_text(value, "Kind", max_length=60, required=True).lower()
    for key, label in KINDS.items():
        if text in (key, label.lower()):
            return key
    raise FieldError("Kind", f"{text[:40]!r} is not a kind; choose one of: {', '.join(KINDS)}")


def validate_resource(data: dict, *, today: date) -> Resource:
    """A ``Resource`` from form or CSV values, or ``ValidationError`` with every problem."""
    problems: list[FieldError] = []
    values: dict[str, object] = {}
    for name, (label, limit, required, multiline) in TEXT_FIELDS.items():
        try:
            values[name] = clean_text(
                data.get(name), label, max_length=limit, required=required, multiline=multiline
            )
        except FieldError as problem:
            problems.append(problem)
    try:
        values["kind"] = kind_from_text(data.get("kind"))
    except FieldError as problem:
        problems.append(problem)
    try:
        values["last_checked"] = parse_date(
            data.get("last_checked"), "Last checked", today=today, required=True
        )
    except FieldError as problem:
        problems.append(problem)
    if problems:
        raise ValidationError(problems)
    return Resource(**values)
