"""JSON Schemas for the session plan files and the course file (format version 1).

The schemas check shape and types; ``loader`` then checks what a schema cannot
say simply: that minutes add up, that ids are unique and that a module's steps
name activities of its own session.
"""

from __future__ import annotations

from connecting_people.training.model import ACTIVITY_KINDS, COURSE_ITEM_KINDS, DASHBOARD_USES

SESSION_FORMAT = "connecting-people/session-plan"
COURSE_FORMAT = "connecting-people/training-course"
FORMAT_VERSION = 1

_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_TEXT = {"type": "string", "minLength": 1}
_MINUTES = {"type": "integer", "minimum": 1, "maximum": 480}
_TEXT_LIST = {"type": "array", "items": _TEXT}
# A book page named from the book's root, without a suffix: training_manual/handouts/x
_PAGE = {"type": "string", "pattern": "^[a-z][a-z0-9_]*(/[a-z0-9_]+)*$"}
_CLOCK = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}

_ACTIVITY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "minutes", "kind", "summary"],
    "properties": {
        "id": _ID,
        "title": _TEXT,
        "minutes": _MINUTES,
        "kind": {"enum": sorted(ACTIVITY_KINDS)},
        "summary": _TEXT,
        "handouts": {"type": "array", "items": _PAGE},
        "materials": _TEXT_LIST,
        "dashboards": {
            "type": "array",
            "items": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*\.ipynb$"},
        },
        "dashboard_use": {"enum": sorted(DASHBOARD_USES)},
        # What to do if the dashboard is not running: the loader requires it
        # whenever an activity names a dashboard.
        "fallback": {
            "type": "object",
            "additionalProperties": False,
            "required": ["paper"],
            "properties": {"paper": _TEXT, "page": _PAGE},
        },
    },
}

_STEPS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["activity", "minutes"],
        "properties": {"activity": _ID, "minutes": _MINUTES},
    },
}

_MODULE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "minutes", "steps"],
    "properties": {
        "id": _ID,
        "title": _TEXT,
        "minutes": _MINUTES,
        "steps": _STEPS,
        # The half-hour version of the module, for team meetings with no more time.
        "short": {
            "type": "object",
            "additionalProperties": False,
            "required": ["minutes", "steps", "left_out"],
            "properties": {"minutes": _MINUTES, "steps": _STEPS, "left_out": _TEXT},
        },
    },
}

_SLIDE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "points"],
    "properties": {
        "title": _TEXT,
        "points": {**_TEXT_LIST, "minItems": 1, "maxItems": 5},
        "activity": _ID,
    },
}

SESSION_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format", "version", "id", "order", "title", "page", "minutes", "objectives",
        "activities", "modules", "knowledge_check",
    ],
    "properties": {
        "format": {"const": SESSION_FORMAT},
        "version": {"const": FORMAT_VERSION},
        "id": _ID,
        "order": {"type": "integer", "minimum": 1},
        "title": _TEXT,
        "page": _PAGE,
        "minutes": _MINUTES,
        "objectives": {**_TEXT_LIST, "minItems": 1},
        "practice_questions": {"type": "array", "items": _ID},
        "preparation": _TEXT_LIST,
        "slides": {"type": "array", "items": _SLIDE},
        "activities": {"type": "array", "minItems": 1, "items": _ACTIVITY},
        "modules": {"type": "array", "minItems": 1, "items": _MODULE},
        "knowledge_check": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["question", "answer"],
                "properties": {"question": _TEXT, "answer": _TEXT},
            },
        },
    },
}

# A line of a day is either a session (named by id) or a welcome, break, lunch
# or close. "if/then/else" rather than "oneOf" so that a mistake is reported
# against the shape the author meant, not against both.
_COURSE_ITEM = {
    "if": {"type": "object", "required": ["session"]},
    "then": {
        "type": "object",
        "additionalProperties": False,
        "required": ["session"],
        "properties": {"session": _ID},
    },
    "else": {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "minutes", "kind"],
        "properties": {
            "title": _TEXT,
            "minutes": _MINUTES,
            "kind": {"enum": sorted(COURSE_ITEM_KINDS)},
            "plan": _ID,
        },
    },
}

_ITEM_PLAN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "steps"],
    "properties": {
        "id": _ID,
        "title": _TEXT,
        "materials": _TEXT_LIST,
        "steps": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "minutes", "summary"],
                "properties": {"title": _TEXT, "minutes": _MINUTES, "summary": _TEXT},
            },
        },
    },
}

COURSE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["format", "version", "practice_questions", "two_day", "modular"],
    "properties": {
        "format": {"const": COURSE_FORMAT},
        "version": {"const": FORMAT_VERSION},
        "practice_questions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "text"],
                "properties": {"id": _ID, "text": _TEXT},
            },
        },
        "two_day": {
            "type": "object",
            "additionalProperties": False,
            "required": ["days"],
            "properties": {
                "days": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["title", "start", "items"],
                        "properties": {
                            "title": _TEXT,
                            "start": _CLOCK,
                            "items": {"type": "array", "minItems": 1, "items": _COURSE_ITEM},
                        },
                    },
                }
            },
        },
        "modular": {
            "type": "object",
            "additionalProperties": False,
            "required": ["min_minutes", "max_minutes"],
            "properties": {
                "min_minutes": _MINUTES,
                "max_minutes": _MINUTES,
                "short_minutes": _MINUTES,
            },
        },
        "item_plans": {"type": "array", "items": _ITEM_PLAN},
        # Plain names for the dashboards, shown to trainers instead of file names.
        "dashboards": {
            "type": "object",
            "propertyNames": {"pattern": r"^[a-z][a-z0-9_]*\.ipynb$"},
            "additionalProperties": _TEXT,
        },
    },
}
