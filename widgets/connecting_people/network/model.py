"""A person's network map as plain, immutable data: entries, links, a person and a date.

This is the vocabulary every other part of the network exercise speaks: the
validator turns untrusted JSON into these objects, the rules read them, the
formats write them, and the SVG drawing and the widget show them. The allowed
values (kinds, circles, contact, support, ties, wishes) live here once, with
the plain words a person sees for each, so that the page, the picture and the
browser's copy of the rules cannot disagree about what a value means.

The JSON format itself (version 2) is described in ``validate.py``. In
version 2 an answer nobody gave is ``None`` (left out of the file), never a
default: a skipped "how often in contact" must not count as "every day".
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace

FORMAT_NAME = "connecting-people/network-map"
FORMAT_VERSION = 2

# Each vocabulary is an ordered mapping: value stored in the file -> plain words.
# The order is the order used in forms, legends, summaries and the picture.
KINDS: dict[str, str] = {
    "family": "Family",
    "friend": "Friends",
    "neighbour": "Neighbours",
    "work_study": "Work or study",
    "group_activity": "Groups and activities",
    "place": "Places",
    "online": "Online",
    "professional_service": "Professionals and services",
}
# The singular, for a form's drop-down and for one entry's description.
KIND_SINGULAR: dict[str, str] = {
    "family": "family",
    "friend": "friend",
    "neighbour": "neighbour",
    "work_study": "work or study",
    "group_activity": "group or activity",
    "place": "place",
    "online": "online",
    "professional_service": "professional or service",
}
CIRCLES: dict[int, str] = {
    1: "inner circle (closest)",
    2: "middle circle",
    3: "outer circle",
}
CONTACT: dict[str, str] = {
    "daily": "every day or most days",
    "weekly": "about once a week",
    "monthly": "about once a month",
    "less_often": "less often",
    "never": "no contact now",
}
GIVES: dict[str, str] = {
    "practical": "practical help",
    "emotional": "emotional support",
    "advice": "advice or information",
    "company": "company",
}
TIES: dict[str, str] = {
    "strong": "strong",
    "weak": "weak",
    "stressful": "stressful",
}
WISHES: dict[str, str] = {
    "more": "more contact",
    "same": "the same",
    "less": "less contact",
}
# Whether a suggestion to try (a group, a place, a person to get back in touch with)
# was tried, asked at the next meeting or re-map.
TRIED: dict[str, str] = {
    "yes": "tried",
    "no": "not tried",
    "not_yet": "not yet",
}

# Limits that keep a file a map and not something else; each has a clear message
# in the validator. 10,000 entries is far beyond any real map but still draws.
MAX_ENTRIES = 10_000
MAX_LINKS = 20_000
MAX_LABEL = 80
MAX_PERSON = 40
MAX_NOTE = 2_000
MAX_ID = 64
# A map's own id names its file (with the date), so it is kept to file-safe characters.
MAP_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def new_map_id() -> str:
    """A fresh id for a new map: random, so two people's maps never share a file name."""
    return secrets.token_hex(6)


@dataclass(frozen=True)
class Suggestion:
    """An entry that is a suggestion to try, and what became of it."""

    suggested: str  # ISO yyyy-mm-dd: when it was suggested
    tried: str = "not_yet"  # a key of TRIED
    outcome: str = ""  # what helped or got in the way

    def to_dict(self) -> dict:
        return {"suggested": self.suggested, "tried": self.tried, "outcome": self.outcome}


@dataclass(frozen=True)
class Entry:
    """One person, group, place or service on the map."""

    id: str
    label: str
    kind: str
    circle: int
    # None means nobody answered; the file then leaves the key out.
    contact: str | None = None
    tie: str | None = None
    gives: tuple[str, ...] | None = None
    wish: str | None = None
    note: str = ""
    suggestion: Suggestion | None = None
    # Set to 1 when the answers came from a version 1 file, which filled in skipped
    # answers with defaults ("every day or most days", "weak"): they are kept but marked.
    recorded_by: int | None = None

    def to_dict(self) -> dict:
        doc: dict = {"id": self.id, "label": self.label, "kind": self.kind, "circle": self.circle}
        if self.contact is not None:
            doc["contact"] = self.contact
        if self.gives is not None:
            # Stored in the vocabulary's order, so equal maps give equal files.
            doc["gives"] = [g for g in GIVES if g in self.gives]
        if self.tie is not None:
            doc["tie"] = self.tie
        if self.wish is not None:
            doc["wish"] = self.wish
        doc["note"] = self.note
        if self.suggestion is not None:
            doc["suggestion"] = self.suggestion.to_dict()
        if self.recorded_by is not None:
            doc["recorded_by"] = self.recorded_by
        return doc


@dataclass(frozen=True)
class Link:
    """A tie between two entries (for example two friends who know each other)."""

    source: str
    target: str

    def to_dict(self) -> dict:
        return {"from": self.source, "to": self.target}


@dataclass(frozen=True)
class NetworkMap:
    """A person's map on one date. Build one with ``validate.parse_map`` from a file."""

    person: str
    date: str  # ISO yyyy-mm-dd
    entries: tuple[Entry, ...] = ()
    links: tuple[Link, ...] = ()
    notes: str = ""
    # The map's own id, kept across re-maps; with the date it names the saved file.
    # Files from before version 2 have none ("") until they are saved again.
    map_id: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        doc = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
        if self.map_id:
            doc["id"] = self.map_id
        doc.update({
            "person": self.person,
            "date": self.date,
            "entries": [entry.to_dict() for entry in self.entries],
            "links": [link.to_dict() for link in self.links],
            "notes": self.notes,
        })
        return doc

    def entry(self, entry_id: str) -> Entry | None:
        for item in self.entries:
            if item.id == entry_id:
                return item
        return None

    def with_entries(self, entries: list[Entry] | tuple[Entry, ...]) -> NetworkMap:
        """The same map with other entries; links to entries that are gone are dropped."""
        ids = {e.id for e in entries}
        links = tuple(k for k in self.links if k.source in ids and k.target in ids)
        return replace(self, entries=tuple(entries), links=links)


def display_name(person: str) -> str:
    """How the person is named in sentences when the map has no name on it."""
    return person.strip() or "The person"
