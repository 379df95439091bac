"""Turn the course into printable agendas for its two formats.

The two-day course is a timetable: each day starts at a clock time and every
line follows the one before, so a late-running session is visible on paper
before it happens in the room. The modular format is a numbered list of short
meetings, each one module of a session, in course order.
"""

from __future__ import annotations

from dataclasses import dataclass

from connecting_people.common.durations import format_minutes
from connecting_people.training.model import (
    COURSE_ITEM_KINDS,
    Course,
    ItemPlan,
    Module,
    SessionPlan,
)

MINUTES_IN_A_DAY = 24 * 60


def clock_to_minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def minutes_to_clock(minutes: int) -> str:
    if not 0 <= minutes <= MINUTES_IN_A_DAY:
        raise ValueError(f"{minutes} minutes is not a time of day")
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_duration(minutes: int) -> str:
    """'1 hour 30 minutes': the book's one rule for minutes, exact, as an agenda adds up."""
    return format_minutes(minutes, exact=True)


@dataclass(frozen=True)
class AgendaRow:
    start: str
    end: str
    minutes: int
    title: str
    kind: str  # "session" or a course item kind
    session: SessionPlan | None = None
    plan: ItemPlan | None = None  # the plan for a welcome or close; None for breaks

    @property
    def kind_label(self) -> str:
        return "Session" if self.kind == "session" else COURSE_ITEM_KINDS[self.kind]


@dataclass(frozen=True)
class AgendaDay:
    title: str
    start: str
    end: str
    rows: tuple[AgendaRow, ...]

    @property
    def total_minutes(self) -> int:
        return sum(row.minutes for row in self.rows)

    @property
    def session_minutes(self) -> int:
        return sum(row.minutes for row in self.rows if row.kind == "session")


@dataclass(frozen=True)
class Meeting:
    """One slot in a team meeting: one module of one session."""

    number: int
    session: SessionPlan
    module: Module

    @property
    def minutes(self) -> int:
        return self.module.minutes


def two_day_agenda(course: Course, sessions: list[SessionPlan]) -> list[AgendaDay]:
    """The two-day course as a timetable, one ``AgendaDay`` per day."""
    by_id = {plan.id: plan for plan in sessions}
    days = []
    for day in course.days:
        clock = clock_to_minutes(day.start)
        rows = []
        for item in day.items:
            plan = by_id[item.session] if item.session else None
            minutes = plan.minutes if plan else item.minutes
            if clock + minutes > MINUTES_IN_A_DAY:
                raise ValueError(f"{day.title} runs past midnight at '{item.title}'")
            rows.append(AgendaRow(start=minutes_to_clock(clock),
                                  end=minutes_to_clock(clock + minutes), minutes=minutes,
                                  title=item.title, kind=item.kind, session=plan,
                                  plan=item.plan))
            clock += minutes
        days.append(AgendaDay(title=day.title, start=day.start, end=minutes_to_clock(clock),
                              rows=tuple(rows)))
    return days


def modular_agenda(course: Course, sessions: list[SessionPlan]) -> list[Meeting]:
    """Every module of every session, in course order, numbered as team meetings."""
    ordered = sorted(sessions, key=lambda plan: plan.order)
    meetings = []
    for plan in ordered:
        for module in plan.modules:
            if not course.module_min_minutes <= module.minutes <= course.module_max_minutes:
                raise ValueError(f"module '{module.id}' does not fit a team meeting slot")
            meetings.append(Meeting(number=len(meetings) + 1, session=plan, module=module))
    return meetings
