"""The book's timings as small frozen objects, and the words a page prints for them.

The issue that made this package found the book saying "five minutes" on one
page and "30 minutes" on another for the same step. Pages now ask for a
timing by key (``explain_guide``, ``budget:range``, ``team:size``) and
``Timings.say`` turns it into words, so every page prints the same numbers
in the same way. Pure: no Sphinx, no widgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from connecting_people.common.durations import format_minutes

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten", "eleven", "twelve")
ESTIMATE = "estimate"
# The ways a page may show one task's minutes; the first is the default.
TASK_FORMS = ("about", "likely", "range", "low", "high", "minutes")
BUDGET_FORMS = ("about", "likely", "range", "low", "high", "minutes")
TEAM_FORMS = ("size", "size_words", "practitioners", "practitioners_words", "described", "week",
              "hours")
COURSE_FORMS = ("modular", "two_day")
# A term is a name (a task, budget, team or a figure) or an amount written
# 30m or 7.5h; operands are whole numbers or the data's own counts.
_OPERAND = r"(?:\d+|team|practitioners|weeks|people)"
_TERM = re.compile(r"^(?P<name>[a-z][a-z0-9_]*|\d+(?:\.\d+)?[mh])(?::(?P<form>[a-z_]+))?"
                   rf"(?P<ops>(?:[*/]{_OPERAND})*)$")
_GROUP = re.compile(rf"^\((?P<inner>[^()]+)\)(?P<ops>(?:[*/]{_OPERAND})*)$")
_OP = re.compile(rf"([*/])({_OPERAND})")
_AMOUNT = re.compile(r"^(?P<amount>\d+(?:\.\d+)?)(?P<unit>[mh])$")
# A figure may be built from other figures; deeper than this is a loop.
MAX_FIGURE_DEPTH = 8


class TimingKeyError(KeyError):
    """A page asked for a timing that the data file does not have."""

    def __str__(self) -> str:  # KeyError quotes its message; say it plainly
        return str(self.args[0])


def number_words(value: int) -> str:
    """'ten' for 10, as the book writes small numbers in prose; digits above twelve."""
    return NUMBER_WORDS[value] if 0 <= value < len(NUMBER_WORDS) else f"{value:,}"


def format_range(low: int, high: int) -> str:
    """'10 to 30 minutes', '45 minutes to 2 hours', '3 to 8 hours'."""
    if low == high:
        return format_minutes(low)
    if low % 60 == 0 and high % 60 == 0 and low > 0:
        return f"{low // 60} to {format_minutes(high)}"
    if high < 60:
        return f"{low} to {format_minutes(high)}"
    return f"{format_minutes(low)} to {format_minutes(high)}"


def _round_to_hours(minutes: int) -> int:
    """A budget's low and high are rough: say them in whole hours (at least one)."""
    return max(60, round(minutes / 60) * 60)


@dataclass(frozen=True)
class Task:
    id: str
    name: str
    low: int
    likely: int
    high: int
    basis: str  # "estimate" or a key in book/references.bib
    note: str
    mentions: tuple[str, ...]

    @property
    def is_estimate(self) -> bool:
        return self.basis == ESTIMATE


@dataclass(frozen=True)
class Budget:
    """The practice time for one person: each task times how often it happens."""

    name: str
    steps: tuple[tuple[Task, int], ...]
    mentions: tuple[str, ...]

    def total(self, which: str) -> int:
        return sum(getattr(task, which) * times for task, times in self.steps)


@dataclass(frozen=True)
class Team:
    practitioners: int
    manager: int
    peer_worker: int
    hours_a_week: float
    note: str
    mentions: tuple[str, ...]

    @property
    def size(self) -> int:
        return self.practitioners + self.manager + self.peer_worker

    def described(self) -> str:
        parts = [f"{number_words(self.practitioners)} practitioners"]
        if self.manager:
            parts.append("a manager" if self.manager == 1
                         else f"{number_words(self.manager)} managers")
        if self.peer_worker:
            parts.append("a peer support worker" if self.peer_worker == 1
                         else f"{number_words(self.peer_worker)} peer support workers")
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


@dataclass(frozen=True)
class Course:
    two_day_name: str
    two_day_days: int
    modular_name: str
    modular_low_months: int
    modular_high_months: int
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class YearOneItem:
    id: str
    label: str
    hours: int | None  # given directly, or
    key: str | None  # a timing key whose minutes the book computes
    page: str
    how: str


@dataclass(frozen=True)
class YearOne:
    working_weeks: int
    people_starting: int
    example_rate: float
    once_only: tuple[str, ...]
    items: tuple[YearOneItem, ...]
    mentions: tuple[str, ...]


YEAR_ONE_FORMS = ("total", "team_hours", "percent", "once", "recurring", "recurring_percent",
                  "cost", "rate", "people", "weeks")


@dataclass(frozen=True)
class Timings:
    tasks: dict[str, Task]
    budget: Budget
    team: Team
    course: Course
    year_one: YearOne
    # Costed items the pages work out (a keeper's half hour a week, a year's
    # partnerships): a timing key each, so the page and the first-year table
    # print one sum the book computes.
    figures: dict[str, str] = field(default_factory=dict)

    def year_one_hours(self) -> list[tuple[YearOneItem, int]]:
        """Each first-year item with its whole hours."""
        rows = []
        for item in self.year_one.items:
            hours = item.hours if item.key is None else round(self._likely_minutes(item.key) / 60)
            rows.append((item, hours))
        return rows

    def _likely_minutes(self, key: str) -> int:
        return self._evaluate(*self._parse(key), key)[1]

    @staticmethod
    def _parse(key: str) -> tuple[str, list[int], list[re.Match]]:
        """A key's outer multipliers, the signs of its terms, and the terms."""
        group = _GROUP.match(key.strip())
        outer = ""
        if group:
            key, outer = group["inner"], group["ops"]
        pieces = re.split(r"([+-])", key)
        signs = [1] + [1 if sign == "+" else -1 for sign in pieces[1::2]]
        terms = [_TERM.match(term.strip()) for term in pieces[0::2]]
        if not all(terms):
            raise TimingKeyError(f"'{key}' is not a timing key; write it as name, name:form "
                                 "or name:form*N, for example make_map, make_map:range "
                                 "or budget:likely*20")
        return outer, signs, terms

    def _say_year_one(self, form: str, key: str) -> str:
        rows = self.year_one_hours()
        total = sum(hours for _, hours in rows)
        once = sum(hours for item, hours in rows if item.id in self.year_one.once_only)
        team_hours = round(self.team.size * self.team.hours_a_week * self.year_one.working_weeks)
        sayings = {
            "total": f"{total:,} hours",
            "team_hours": f"{team_hours:,} hours",
            "percent": f"{100 * total / team_hours:.1f} per cent",
            "once": f"{once:,} hours",
            "recurring": f"{total - once:,} hours",
            "recurring_percent": f"{100 * (total - once) / team_hours:.1f} per cent",
            "cost": f"£{round(total * self.year_one.example_rate):,}",
            "rate": f"£{self.year_one.example_rate:g}",
            "people": str(self.year_one.people_starting),
            "weeks": str(self.year_one.working_weeks),
        }
        if form not in sayings:
            raise TimingKeyError(f"'{key}': no form '{form}'; use one of "
                                 f"{', '.join(YEAR_ONE_FORMS)}")
        return sayings[form]

    def say(self, key: str) -> str:
        """The words for one key, as a page prints them.

        A key is one term, or terms joined by ``+`` or ``-`` whose minutes are
        added or taken away; ``(a-b)/9`` applies ``/9`` to the whole.
        A term is ``task`` or ``task:form`` (forms: about, likely, range, low,
        high, minutes); ``budget:form`` (the same forms, for one person's six
        months); ``team:hours`` (the whole team's working time in a week);
        ``team:week`` (one person's working week); an amount such as ``30m``
        or ``7.5h``; or a figure named in the file's ``figures``;
        and may go on with ``*N``, ``*team``, ``*practitioners``, ``*weeks``
        (working weeks in a year), ``*people`` (people starting in year one)
        or ``/N``, so
        ``budget:likely*20`` is twenty people's time and
        ``team_meeting_slot:likely*team*6`` is six monthly slots for everyone.
        ``team:form`` (size, size_words, practitioners, practitioners_words,
        described) and ``course:modular`` or ``course:two_day`` print words.
        """
        outer, signs, terms = self._parse(key)
        first = terms[0]
        if len(terms) == 1 and first["name"] == "year_one" and not first["ops"]:
            return self._say_year_one(first["form"] or "total", key)
        if (len(terms) == 1 and first["name"] in ("team", "course")
                and first["form"] not in ("hours", "week")):
            if first["ops"]:
                raise TimingKeyError(f"'{key}': {first['name']} numbers cannot be multiplied")
            if first["name"] == "team":
                return self._say_team(first["form"] or "size", key)
            return self._say_course(first["form"] or "modular", key)
        low, likely, high = self._evaluate(outer, signs, terms, key)
        if (first["name"] == "team" and first["form"] == "week" and len(terms) == 1
                and not outer and not first["ops"]):
            return f"{self.team.hours_a_week:g} hours"
        forms = BUDGET_FORMS if first["name"] == "budget" else TASK_FORMS
        form = "likely" if first["name"] == "team" else first["form"] or "about"
        return self._say_minutes(form, low, likely, high, key, forms)

    def _evaluate(self, outer: str, signs: list[int], terms: list[re.Match],
                  key: str, depth: int = 0) -> tuple[int, int, int]:
        """The low, likely and high minutes of a parsed key."""
        low = likely = high = 0.0
        for sign, term in zip(signs, terms, strict=True):
            term_low, term_likely, term_high = self._minutes_of(term, key, depth)
            low, likely, high = (low + sign * term_low, likely + sign * term_likely,
                                 high + sign * term_high)
        factor = self._factor(outer, key)
        return round(low * factor), round(likely * factor), round(high * factor)

    def _minutes_of(self, term: re.Match, key: str, depth: int = 0) -> tuple[float, float, float]:
        """One term's low, likely and high minutes, after its multipliers."""
        name = term["name"]
        if (amount := _AMOUNT.match(name)) is not None:
            low = likely = high = float(amount["amount"]) * (60 if amount["unit"] == "h" else 1)
        elif name in self.figures:
            if depth >= MAX_FIGURE_DEPTH:
                raise TimingKeyError(f"'{key}': figure '{name}' goes round in a loop")
            figure = self.figures[name]
            low, likely, high = self._evaluate(*self._parse(figure), figure, depth + 1)
        elif name == "budget":
            low = _round_to_hours(self.budget.total("low"))
            likely = self.budget.total("likely")
            high = _round_to_hours(self.budget.total("high"))
        elif name == "team" and term["form"] == "hours":
            low = likely = high = self.team.size * self.team.hours_a_week * 60
        elif name == "team" and term["form"] == "week":
            low = likely = high = self.team.hours_a_week * 60
        elif name in self.tasks:
            task = self.tasks[name]
            low, likely, high = task.low, task.likely, task.high
        else:
            raise TimingKeyError(f"no timing '{name}' in timings.yaml; known: "
                                 f"{', '.join(sorted(self.tasks))}, budget, team, course, "
                                 f"and the figures {', '.join(sorted(self.figures))}")
        factor = self._factor(term["ops"] or "", key)
        return low * factor, likely * factor, high * factor

    def _factor(self, ops: str, key: str) -> float:
        """What ``*20/26`` or ``*team`` multiplies by."""
        factor = 1.0
        for op, operand in _OP.findall(ops):
            named = {"team": self.team.size, "practitioners": self.team.practitioners,
                     "weeks": self.year_one.working_weeks, "people": self.year_one.people_starting}
            value = named[operand] if operand in named else float(operand)
            if op == "/" and value == 0:
                raise TimingKeyError(f"'{key}': cannot divide by 0")
            factor = factor * value if op == "*" else factor / value
        return factor

    @staticmethod
    def _say_minutes(form: str, low: int, likely: int, high: int, key: str,
                     forms: tuple[str, ...]) -> str:
        if form == "about":
            if low == high:
                return f"about {format_minutes(likely)}"
            return f"about {format_minutes(likely)} ({format_range(low, high)})"
        if form == "likely":
            return format_minutes(likely)
        if form == "range":
            return format_range(low, high)
        if form == "low":
            return format_minutes(low)
        if form == "high":
            return format_minutes(high)
        if form == "minutes":
            return f"{likely:,}"
        raise TimingKeyError(f"'{key}': no form '{form}'; use one of {', '.join(forms)}")

    def _say_team(self, form: str, key: str) -> str:
        team = self.team
        sayings = {
            "size": str(team.size),
            "size_words": number_words(team.size),
            "practitioners": str(team.practitioners),
            "practitioners_words": number_words(team.practitioners),
            "described": team.described(),
        }
        if form not in sayings:
            raise TimingKeyError(f"'{key}': no form '{form}'; use one of {', '.join(TEAM_FORMS)}")
        return sayings[form]

    def _say_course(self, form: str, key: str) -> str:
        course = self.course
        if form == "modular":
            return (f"{number_words(course.modular_low_months)} to "
                    f"{number_words(course.modular_high_months)} months")
        if form == "two_day":
            return f"{number_words(course.two_day_days)} days"
        raise TimingKeyError(f"'{key}': no form '{form}'; use one of {', '.join(COURSE_FORMS)}")

    def mentions(self) -> dict[str, tuple[str, ...]]:
        """Every named thing's mention patterns, by the key a page would use for it."""
        found = {task.id: task.mentions for task in self.tasks.values()}
        found["budget"] = self.budget.mentions
        found["team"] = self.team.mentions
        found["course"] = self.course.mentions
        found["year_one"] = self.year_one.mentions
        return found

    def label(self, key: str) -> str:
        """The plain name of a key's task, for messages."""
        if key in self.tasks:
            return self.tasks[key].name
        return {"budget": self.budget.name, "team": "The example team's size",
                "course": "The length of the course",
                "year_one": "The team's first year in staff hours"}[key]
