"""What the tracker tells a team: who has reached which step, what looks out of order, and trends.

Pure functions over ``PersonRecord`` lists. A step out of order is flagged,
not refused: real work is messy (a map is sometimes made before the guide is
explained), and the flag is a prompt to talk about it, not a rule broken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from connecting_people.common.dates import uk_date
from connecting_people.common.numbers import percent
from connecting_people.community.rules import months_before
from connecting_people.tracker.model import STEP_ORDER, STEPS, PersonRecord

# "About six months": a review sooner than four months after the map is flagged.
EARLIEST_REVIEW_MONTHS = 4


def order_flags(record: PersonRecord) -> list[str]:
    """Plain-words notes on steps that are dated out of order or recorded with earlier gaps."""
    flags: list[str] = []
    for later_index, later in enumerate(STEP_ORDER):
        later_date = record.step(later)
        if not later_date:
            continue
        for earlier in STEP_ORDER[:later_index]:
            earlier_date = record.step(earlier)
            if earlier_date is None:
                flags.append(f"{STEPS[later]} is recorded but {STEPS[earlier]} is not")
            elif earlier_date > later_date:
                flags.append(
                    f"{STEPS[later]} ({uk_date(later_date)}) is dated before "
                    f"{STEPS[earlier]} ({uk_date(earlier_date)})"
                )
    review, made = record.step("six_month_review"), record.step("map_made")
    if review and made and made <= review and review < _add_months(made, EARLIEST_REVIEW_MONTHS):
        flags.append(
            f"The review ({uk_date(review)}) is less than {EARLIEST_REVIEW_MONTHS} months after "
            f"the map ({uk_date(made)}); it is meant for about six months"
        )
    return flags


def _add_months(day: date, months: int) -> date:
    return months_before(day, -months)


@dataclass(frozen=True)
class Funnel:
    group: str
    people: int  # on the caseload and on the tracker
    counts: tuple[int, ...]  # people who reached each step, in STEP_ORDER

    def share(self, index: int) -> float:
        return self.counts[index] / self.people if self.people else 0.0

    def percent(self, index: int) -> int:
        """The share as a whole percentage of the people on the caseload, halves up."""
        return percent(self.counts[index], self.people)


def funnel(records: Iterable[PersonRecord], group: str, *, on: date) -> Funnel:
    """How many people on the caseload on ``on`` have reached each step."""
    current = [r for r in records if r.on_caseload(on)]
    counts = tuple(sum(1 for r in current if r.step(s)) for s in STEP_ORDER)
    return Funnel(group=group, people=len(current), counts=counts)


def funnels_by(records: Iterable[tuple[str, PersonRecord]], *, on: date) -> list[Funnel]:
    """One funnel per group name (team or worker), groups in alphabetical order."""
    groups: dict[str, list[PersonRecord]] = {}
    for name, record in records:
        groups.setdefault(name, []).append(record)
    return [funnel(groups[name], name, on=on) for name in sorted(groups, key=str.lower)]


def month_ends(first: date, last: date) -> list[date]:
    """Each month's last day from ``first``'s month to ``last``'s (``last`` itself at the end)."""
    ends = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        ends.append(min(date(year, month, 1) - timedelta(days=1), last))
    return ends


@dataclass(frozen=True)
class SharePoint:
    day: date
    people: int
    explained: int

    @property
    def share(self) -> float | None:
        return self.explained / self.people if self.people else None


def explained_over_time(records: list[PersonRecord], *, today: date) -> list[SharePoint]:
    """At each month's end: people on the caseload, and how many had the guide explained by then."""
    if not records:
        return []
    first = min(r.on_caseload_from for r in records)
    points = []
    for day in month_ends(first, today):
        current = [r for r in records if r.on_caseload(day)]
        explained = sum(
            1 for r in current if r.step("guide_explained") and r.step("guide_explained") <= day
        )
        points.append(SharePoint(day, len(current), explained))
    return points


def explained_words(explained: int, people: int) -> str:
    """"2 of 3 people on the caseload have had the guide explained", in good English for 1."""
    noun = "person" if people == 1 else "people"
    verb = "has" if explained == 1 else "have"
    return f"{explained} of {people} {noun} on the caseload {verb} had the guide explained"


def funnel_sentence(result: Funnel) -> str:
    """The funnel read out in one or two plain sentences."""
    if result.people == 0:
        return f"{result.group}: nobody is on the tracker yet."
    words = f"{result.group}: {explained_words(result.counts[0], result.people)}"
    review = result.counts[-1]
    verb = "has" if review == 1 else "have"
    words += f", and {review} {verb} had their review at about six months."
    return words
