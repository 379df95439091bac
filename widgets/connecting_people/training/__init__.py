"""The training course as data: session plans, the two delivery formats, and their agendas.

A trainer reads the session plans in the book, prints the agendas, and runs the
course from them. The same files hold the rest of the trainer's kit: a plan
for every welcome and close, a half-hour version of every module, a slide
outline for every session, and for every activity that uses a dashboard how
much it needs it and what to do on paper when it is not running. Keeping the
plans as data (one YAML file per session) means
the page that shows a plan, the printable agenda and the tests that check the
minutes add up all read the same file, so they cannot disagree.

This package is pure Python: no widgets, no Sphinx. The Sphinx directives in
``connecting_people.sphinxext.session_plan`` are a thin view over it.
"""

from __future__ import annotations

from connecting_people.training.agenda import (
    AgendaDay,
    AgendaRow,
    Meeting,
    format_duration,
    modular_agenda,
    two_day_agenda,
)
from connecting_people.training.loader import (
    COURSE_FILE,
    SESSIONS_DIR,
    SessionPlanError,
    load_course,
    load_session,
    load_sessions,
    missing_references,
)
from connecting_people.training.model import (
    DASHBOARD_USES,
    Activity,
    Course,
    CourseItem,
    Fallback,
    ItemPlan,
    ItemStep,
    KnowledgeCheck,
    Module,
    ModuleStep,
    PracticeQuestion,
    SessionPlan,
    ShortVersion,
    Slide,
)

__all__ = [
    "COURSE_FILE",
    "DASHBOARD_USES",
    "SESSIONS_DIR",
    "Activity",
    "AgendaDay",
    "AgendaRow",
    "Course",
    "CourseItem",
    "Fallback",
    "ItemPlan",
    "ItemStep",
    "KnowledgeCheck",
    "Meeting",
    "Module",
    "ModuleStep",
    "PracticeQuestion",
    "SessionPlan",
    "SessionPlanError",
    "ShortVersion",
    "Slide",
    "load_course",
    "load_session",
    "load_sessions",
    "missing_references",
    "modular_agenda",
    "format_duration",
    "two_day_agenda",
]
