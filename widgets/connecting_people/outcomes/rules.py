"""The outcomes review's rules: figures from two maps, each change, and a careful team summary.

For each person with a map at the start and at about six months, the review
compares a few summary figures (read with ``connecting_people.network``'s own
rules, so the review and the map exercise agree) and the book's own
self-rating. A team's numbers are small and have no comparison group, so the
summary only counts who went up, stayed the same or went down, and gives the
middle (median) change. It reports no p-values or effect sizes: with a
handful of people they would look like proof and prove nothing. Every summary
says so in plain words.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from connecting_people.common.dates import uk_date
from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.common.numbers import percent
from connecting_people.network import NetworkMap, compare, summarise
from connecting_people.outcomes import rating

# The figures compared, in order: key -> (plain name, unit words, higher means).
FIGURES: dict[str, tuple[str, str]] = {
    "size": ("Connections on the map", "connections"),
    "kinds": ("Kinds of connection", "kinds"),
    "professional_percent": ("Professionals and services (% of the map)", "percentage points"),
    # Of the connections the person said how much contact they want with, not of the map.
    "wishes_met_percent": ("Contact as the person wants it (% of connections with a wish given)",
                           "percentage points"),
}
RATING_KEY = "self_rating_total"
RATING_NAME = "The book's own self-rating (5 to 25)"
# "About six months": a gap outside these bounds is flagged, not refused.
MIN_DAYS, MAX_DAYS = 120, 270
SMALL_NUMBERS = 20


def _percent(part: int, whole: int) -> int | None:
    """As ``common.numbers.percent``, but no figure at all for a share of nobody."""
    return None if whole == 0 else percent(part, whole)


def map_figures(network: NetworkMap) -> dict:
    """The four figures the review compares, from one map (wishes met: 'the same' contact).

    Wishes met count only the wishes the person gave (an unanswered wish is neither met
    nor unmet). The suggestion counts are reported beside the figures, not charted.
    """
    summary = summarise(network)
    same = sum(1 for entry in network.entries if entry.wish == "same")
    return {
        "size": summary["size"],
        "kinds": summary["kinds_present"],
        "professional_percent": summary["professional_percent"] if summary["size"] else None,
        "wishes_met_percent": _percent(same, summary["answered"]["wish"]),
        **{key: summary[key] for key in SUGGESTION_KEYS},
    }


# What became of the things suggested to try, as the map's own summary counts them.
SUGGESTION_KEYS = (
    "suggestions", "suggestions_tried", "suggestions_not_tried", "suggestions_not_yet",
)


def suggestions_followed_up(pairs: list[Pair]) -> dict:
    """Things suggested to try on the review maps, and what became of them, for the team.

    Pairs saved before the store kept the split of untried suggestions have only
    ``made`` and ``tried``; then ``not_tried`` and ``not_yet`` are ``None`` (not
    known) rather than a guess, and ``not_followed`` still counts them together.
    """
    made = sum(p.review.get("suggestions") or 0 for p in pairs)
    tried = sum(p.review.get("suggestions_tried") or 0 for p in pairs)
    split_known = all(
        "suggestions_not_tried" in p.review and "suggestions_not_yet" in p.review
        for p in pairs if p.review.get("suggestions")
    )
    return {
        "people_with_suggestions": sum(1 for p in pairs if p.review.get("suggestions")),
        "made": made,
        "tried": tried,
        "not_tried": (sum(p.review.get("suggestions_not_tried", 0) for p in pairs)
                      if split_known else None),
        "not_yet": (sum(p.review.get("suggestions_not_yet", 0) for p in pairs)
                    if split_known else None),
        "not_followed": made - tried,
    }


def tried_words(counts: dict) -> str:
    """'yes 2, no 1, not yet 1' (or 'yes 2, no or not yet 2' when the split was not kept)."""
    if counts["not_tried"] is None:
        return f"yes {counts['tried']}, no or not yet {counts['not_followed']}"
    return f"yes {counts['tried']}, no {counts['not_tried']}, not yet {counts['not_yet']}"


def followed_up_sentence(pairs: list[Pair], *, team: bool = True) -> str:
    """Suggestions made and tried, in plain words, for a team or for one person."""
    counts = suggestions_followed_up(pairs)
    if counts["made"] == 0:
        return ("No one's review map has anything suggested to try." if team
                else "The map from about six months has nothing suggested to try.")
    things = "thing" if counts["made"] == 1 else "things"
    if team:
        people = counts["people_with_suggestions"]
        whose = f"{people} {'person' if people == 1 else 'people'}'s review maps"
        return (f"Suggested to try: {counts['made']} {things} on {whose}. "
                f"Tried: {tried_words(counts)}.")
    return (f"Suggested to try on the map from about six months: {counts['made']} {things}. "
            f"Tried: {tried_words(counts)}.")


@dataclass(frozen=True)
class Pair:
    """One person's figures at the start and at the review (no names, no map contents)."""

    identifier: str
    start_date: date
    review_date: date
    start: dict
    review: dict
    start_rating: dict | None = None
    review_rating: dict | None = None

    def figure(self, key: str) -> tuple[float | None, float | None]:
        if key == RATING_KEY:
            return rating.total(self.start_rating), rating.total(self.review_rating)
        return self.start.get(key), self.review.get(key)

    def change(self, key: str) -> float | None:
        before, after = self.figure(key)
        return None if before is None or after is None else after - before


def pair_flags(start_date: date, review_date: date) -> list[str]:
    """Notes on a pair's dates: a gap far from about six months is flagged, not refused."""
    days = (review_date - start_date).days
    if days < MIN_DAYS:
        return [f"The maps are {days} days apart; the review is meant for about six months."]
    if days > MAX_DAYS:
        return [
            f"The maps are {days} days apart, more than about six months; say so when "
            "you talk about the results."
        ]
    return []


@dataclass(frozen=True)
class FigureSummary:
    key: str
    name: str
    people: int
    up: int
    same: int
    down: int
    median_before: float | None
    median_after: float | None
    median_change: float | None
    # Each person's (start, review) values, in the review's order: with one or
    # two people a "middle figure" would be a number nobody has, so the
    # sentence gives the values themselves.
    values: tuple[tuple[float, float], ...] = ()


def summarise_figure(pairs: list[Pair], key: str) -> FigureSummary:
    """Counts up, same and down, and the medians, for people with both values."""
    values = [p.figure(key) for p in pairs]
    both = [(a, b) for a, b in values if a is not None and b is not None]
    changes = [b - a for a, b in both]
    name = RATING_NAME if key == RATING_KEY else FIGURES[key][0]

    def median(xs):
        return statistics.median(xs) if xs else None

    return FigureSummary(
        key=key,
        name=name,
        people=len(both),
        up=sum(1 for c in changes if c > 0),
        same=sum(1 for c in changes if c == 0),
        down=sum(1 for c in changes if c < 0),
        median_before=median([a for a, _ in both]),
        median_after=median([b for _, b in both]),
        median_change=median(changes),
        values=tuple(both),
    )


def number(value: float | None) -> str:
    """A median as people read it: whole if whole, else one decimal place."""
    if value is None:
        return "not known"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def signed(value: float | None) -> str:
    if value is None:
        return "not known"
    return ("+" if value > 0 else "") + number(value)


def _figure_sentence(s: FigureSummary) -> str:
    if s.people == 0:
        return f"{s.name}: no one has this recorded at both times."
    who = "person" if s.people == 1 else "people"
    points = " points" if s.key.endswith("_percent") else ""
    counts = (f"{s.name}: of {s.people} {who}, {s.up} went up, {s.same} stayed the same and "
              f"{s.down} went down.")
    if s.people == 1:
        ((before, after),) = s.values
        return (f"{counts} The change was {signed(after - before)}{points}: from "
                f"{number(before)} at the start to {number(after)} at about six months.")
    if s.people == 2:
        (a0, a1), (b0, b1) = s.values
        return (f"{counts} The two changes were {signed(a1 - a0)} and {signed(b1 - b0)}"
                f"{points}: from {number(a0)} and {number(b0)} at the start to {number(a1)} "
                f"and {number(b1)} at about six months.")
    return (
        f"{counts} The middle (median) change was {signed(s.median_change)}{points}; "
        f"the middle figure was {number(s.median_before)} at the start and "
        f"{number(s.median_after)} at about six months."
    )


def caveats(people: int) -> list[str]:
    """What the numbers cannot show, always said, more strongly for very few people."""
    lines = [
        "These figures describe the people in this review only. There is no comparison "
        "group, so they cannot show that Connecting People caused any change: moves, health, "
        "seasons and many other things change a person's connections too.",
    ]
    if people < SMALL_NUMBERS:
        lines.append(
            f"With {people} {'person' if people == 1 else 'people'}, one person's change can "
            "swing the picture. Read each person's story alongside the totals."
        )
    lines.append(
        "No statistical test is shown on purpose: with numbers this small it would look like "
        "proof and prove nothing. Use the review to ask what helped and what got in the way."
    )
    return lines


@dataclass
class TeamSummary:
    people: int
    figures: list[FigureSummary] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)


def team_summary(pairs: list[Pair]) -> TeamSummary:
    """The team's review in plain words: counts and medians per figure, and the caveats."""
    if not pairs:
        return TeamSummary(
            people=0,
            sentences=["No one has a map at the start and at about six months saved yet."],
        )
    keys = [*FIGURES, RATING_KEY]
    figures = [summarise_figure(pairs, key) for key in keys]
    opening = (
        f"{len(pairs)} {'person has' if len(pairs) == 1 else 'people have'} a map at the start "
        "and at about six months."
    )
    sentences = [opening] + [_figure_sentence(f) for f in figures]
    return TeamSummary(len(pairs), figures, sentences, caveats(len(pairs)))


@dataclass(frozen=True)
class MapPair:
    """Two maps of one person put in date order, with what the review keeps and what it says."""

    pair: Pair
    comparison: dict  # from ``connecting_people.network.compare``: plain words and figures
    flags: list[str]


def pair_from_maps(
    identifier: str,
    first: NetworkMap,
    second: NetworkMap,
    *,
    start_rating: dict | None = None,
    review_rating: dict | None = None,
    today: date,
) -> MapPair:
    """Pair two maps (the earlier is the start); refuse same-day or future-dated maps."""
    earlier, later = (second, first) if second.date < first.date else (first, second)
    start_date, review_date = date.fromisoformat(earlier.date), date.fromisoformat(later.date)
    problems = []
    if start_date == review_date:
        problems.append(
            FieldError(
                "Maps",
                "both maps have the same date; load the map from the "
                "start and the map from about six months later",
            )
        )
    for label, day in (("Start map", start_date), ("Review map", review_date)):
        if day > today:
            problems.append(FieldError(label, f"is dated {uk_date(day)}, in the future"))
    if problems:
        raise ValidationError(problems)
    flags = pair_flags(start_date, review_date)
    a, b = earlier.person.strip().lower(), later.person.strip().lower()
    if a and b and a != b:
        flags.append("The two maps have different names on them: check they are the same person.")
    pair = Pair(
        identifier,
        start_date,
        review_date,
        map_figures(earlier),
        map_figures(later),
        start_rating,
        review_rating,
    )
    return MapPair(pair, compare(earlier, later), flags)
