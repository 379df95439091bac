"""What a team asks of its directory: find something, spot what is out of date, count what it knows.

Pure functions over ``StoredResource`` lists, so the dashboard, the book page
and the tests all get the same answers.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from connecting_people.community.model import KINDS, StoredResource

STALE_AFTER_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (the last day if that month is shorter)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def stale_since(today: date) -> date:
    """Entries last checked before this date need checking again."""
    return months_before(today, STALE_AFTER_MONTHS)


def is_stale(entry: StoredResource, today: date) -> bool:
    """True for an active entry nobody has checked for more than six months."""
    return entry.active and entry.resource.last_checked < stale_since(today)


def duplicate_key(name: str, area: str) -> tuple[str, str]:
    """Two entries with the same name in the same area are taken to be the same place."""
    return (" ".join(name.lower().split()), " ".join(area.lower().split()))


def _haystack(entry: StoredResource) -> str:
    r = entry.resource
    parts = [
        r.name,
        KINDS.get(r.kind, r.kind),
        r.offers,
        r.suits,
        r.area,
        r.access,
        r.cost,
        r.contact,
        r.notes,
    ]
    return " ".join(parts).lower()


def search(
    entries: Iterable[StoredResource],
    text: str = "",
    *,
    kind: str | None = None,
    area: str | None = None,
    include_retired: bool = False,
    only_stale_on: date | None = None,
) -> list[StoredResource]:
    """Entries holding every word of ``text`` (any field, any case), filtered, sorted by name."""
    words = text.lower().split()
    area_key = " ".join(area.lower().split()) if area else None
    found = []
    for entry in entries:
        if not include_retired and not entry.active:
            continue
        if kind and entry.resource.kind != kind:
            continue
        if area_key and " ".join(entry.resource.area.lower().split()) != area_key:
            continue
        if only_stale_on is not None and not is_stale(entry, only_stale_on):
            continue
        haystack = _haystack(entry)
        if all(word in haystack for word in words):
            found.append(entry)
    return sorted(found, key=lambda e: (e.resource.name.lower(), e.id))


def areas(entries: Iterable[StoredResource]) -> list[str]:
    """The areas the active entries name, each once, in alphabetical order."""
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.active:
            seen.setdefault(" ".join(entry.resource.area.lower().split()), entry.resource.area)
    return [seen[key] for key in sorted(seen)]


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    checked: int  # checked in the last six months
    stale: int  # not checked for more than six months

    @property
    def total(self) -> int:
        return self.checked + self.stale


def counts_by_kind(entries: Iterable[StoredResource], today: date) -> list[KindCount]:
    """For each kind, how many active entries are up to date and how many need checking."""
    checked = dict.fromkeys(KINDS, 0)
    stale = dict.fromkeys(KINDS, 0)
    for entry in entries:
        if not entry.active:
            continue
        target = stale if is_stale(entry, today) else checked
        target[entry.resource.kind] = target.get(entry.resource.kind, 0) + 1
    return [KindCount(k, KINDS[k], checked[k], stale[k]) for k in KINDS]


def summary_sentence(counts: list[KindCount]) -> str:
    """One plain sentence a team can read out: how much it knows and how much needs checking."""
    total = sum(c.total for c in counts)
    if total == 0:
        return "The directory is empty. Add the first group, service or place your team knows."
    stale = sum(c.stale for c in counts)
    missing = [c.label.lower() for c in counts if c.total == 0]
    entries = "entry" if total == 1 else "entries"
    known = sum(1 for c in counts if c.total)
    kinds = "kind" if known == 1 else "kinds"
    sentence = f"The team knows {total} {entries} across {known} {kinds}."
    if stale:
        sentence += f" {stale} not checked for more than six months: check them first."
    else:
        sentence += " Every entry has been checked in the last six months."
    if missing:
        sentence += " Nothing yet under: " + "; ".join(missing) + "."
    return sentence
