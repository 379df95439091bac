"""Plain records for the course: sessions, their activities, short modules and the two formats.

These are frozen dataclasses with no behaviour beyond simple sums, so the rules
(validation in ``loader``, timings in ``agenda``) stay in one place each.
"""

from __future__ import annotations

from dataclasses import dataclass

# What kind of thing happens in an activity. The plan shows it so a trainer can
# see the balance of talk and practice at a glance.
ACTIVITY_KINDS = {
    "welcome": "Welcome",
    "presentation": "Short talk",
    "discussion": "Group discussion",
    "case_discussion": "Case discussion",
    "role_play": "Role play",
    "pairs_exercise": "Pairs exercise",
    "group_exercise": "Group exercise",
    "practice": "Practice",
    "reflection": "Reflection",
    "knowledge_check": "Knowledge check",
    "close": "Close",
}

# Things in the two-day course that are not sessions.
COURSE_ITEM_KINDS = {
    "welcome": "Welcome",
    "break": "Break",
    "lunch": "Lunch",
    "close": "Close of day",
}


@dataclass(frozen=True)
class Activity:
    id: str
    title: str
    minutes: int
    kind: str
    summary: str
    handouts: tuple[str, ...] = ()  # book pages, as document names from the book's root
    materials: tuple[str, ...] = ()  # things to bring, in plain words
    dashboards: tuple[str, ...] = ()  # notebook file names in the dashboards folder

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KINDS[self.kind]


@dataclass(frozen=True)
class ModuleStep:
    activity: Activity
    minutes: int  # may be shorter than the full activity: modules fit inside team meetings


@dataclass(frozen=True)
class Module:
    """A short part of a session that fits inside a team meeting."""

    id: str
    title: str
    minutes: int
    steps: tuple[ModuleStep, ...]


@dataclass(frozen=True)
class KnowledgeCheck:
    question: str
    answer: str


@dataclass(frozen=True)
class SessionPlan:
    id: str
    order: int
    title: str
    page: str  # the book page that holds this session, from the book's root
    minutes: int
    objectives: tuple[str, ...]
    practice_questions: tuple[str, ...]
    activities: tuple[Activity, ...]
    modules: tuple[Module, ...]
    knowledge_check: tuple[KnowledgeCheck, ...]
    preparation: tuple[str, ...] = ()

    @property
    def activity_minutes(self) -> int:
        return sum(activity.minutes for activity in self.activities)

    def activity(self, activity_id: str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(activity_id)


@dataclass(frozen=True)
class PracticeQuestion:
    id: str
    text: str


@dataclass(frozen=True)
class CourseItem:
    """One line of a day in the two-day course: a session, or a welcome, break or close."""

    session: str | None  # a session id, or None for the other kinds
    title: str
    minutes: int | None  # None for a session: its length comes from its plan
    kind: str  # "session" or one of COURSE_ITEM_KINDS


@dataclass(frozen=True)
class CourseDay:
    title: str
    start: str  # "09:30"
    items: tuple[CourseItem, ...]


@dataclass(frozen=True)
class Course:
    practice_questions: tuple[PracticeQuestion, ...]
    days: tuple[CourseDay, ...]
    module_min_minutes: int
    module_max_minutes: int
