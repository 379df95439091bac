"""Plain records for the course: sessions, their activities, short modules and the two formats.

These are frozen dataclasses with no behaviour beyond simple sums, so the rules
(validation in ``loader``, timings in ``agenda``) stay in one place each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


# How much an activity depends on the dashboards. A training room's server can
# fail, so every activity that uses one says how it runs without it.
DASHBOARD_USES = {
    "none": "Does not use the dashboards",
    "optional": "The dashboard helps, but the activity runs as well on paper or on the book's page",
    "required": "The activity is built around the dashboard; on paper it runs differently",
}


@dataclass(frozen=True)
class Fallback:
    """What to do when the dashboard an activity uses is not running."""

    paper: str  # the paper version, in plain words
    page: str | None = None  # a book page whose exercise works with no server


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
    dashboard_use: str = "none"  # one of DASHBOARD_USES
    fallback: Fallback | None = None  # required when the activity names a dashboard

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KINDS[self.kind]

    @property
    def needs_dashboards(self) -> bool:
        """True only when the activity cannot run as planned without a dashboard."""
        return self.dashboard_use == "required"


@dataclass(frozen=True)
class ModuleStep:
    activity: Activity
    minutes: int  # may be shorter than the full activity: modules fit inside team meetings


@dataclass(frozen=True)
class ShortVersion:
    """A module cut down to a half-hour slot: the steps kept, and what happens to the rest."""

    minutes: int
    steps: tuple[ModuleStep, ...]
    left_out: str  # what the short version drops, and where people can pick it up


@dataclass(frozen=True)
class Module:
    """A short part of a session that fits inside a team meeting."""

    id: str
    title: str
    minutes: int
    steps: tuple[ModuleStep, ...]
    short: ShortVersion | None = None


@dataclass(frozen=True)
class Slide:
    """One slide of a session's outline: a heading and a few points, never a script."""

    title: str
    points: tuple[str, ...]
    activity: str | None = None  # the activity the slide belongs to


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
    slides: tuple[Slide, ...] = ()

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


# Course items that need no plan of their own: people rest.
RESTING_KINDS = {"break", "lunch"}


@dataclass(frozen=True)
class ItemStep:
    title: str
    minutes: int
    summary: str


@dataclass(frozen=True)
class ItemPlan:
    """The plan for a welcome or a close: the lines of the agenda that are not sessions."""

    id: str
    title: str
    minutes: int
    steps: tuple[ItemStep, ...]
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourseItem:
    """One line of a day in the two-day course: a session, or a welcome, break or close."""

    session: str | None  # a session id, or None for the other kinds
    title: str
    minutes: int | None  # None for a session: its length comes from its plan
    kind: str  # "session" or one of COURSE_ITEM_KINDS
    plan: ItemPlan | None = None  # the plan for a welcome or close


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
    short_minutes: int | None = None  # the half-hour versions' length
    item_plans: tuple[ItemPlan, ...] = ()
    # Plain names for the dashboards, so trainers read words, not file names.
    dashboard_names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def dashboard_name(self, notebook: str) -> str:
        return self.dashboard_names[notebook]
