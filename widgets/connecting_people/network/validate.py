"""Turn untrusted JSON into a ``NetworkMap``, or explain in plain words why not.

The format (version 2), the contract other parts of the book write to::

    {"format": "connecting-people/network-map", "version": 2, "id": "3f9c2a71b0de",
     "person": "Aisha", "date": "2026-03-01",
     "entries": [{"id": "e1", "label": "Mum", "kind": "family", "circle": 1,
                  "contact": "weekly", "gives": ["emotional"], "tie": "strong",
                  "wish": "same", "note": ""},
                 {"id": "e2", "label": "Walking group", "kind": "group_activity",
                  "circle": 3, "note": "",
                  "suggestion": {"suggested": "2026-03-01", "tried": "not_yet",
                                 "outcome": ""}}],
     "links": [{"from": "e1", "to": "e2"}], "notes": ""}

Only ``id``, ``label``, ``kind`` and ``circle`` are needed in an entry.
``contact``, ``gives``, ``tie`` and ``wish`` are the person's answers: left out
(or ``null``) means nobody answered, and nothing counts it as an answer.
``suggestion`` marks an entry as a thing to try. ``recorded_by`` (1) marks
answers that came from a version 1 file. The map's ``id`` names its file.
Unknown keys are ignored, so a slightly newer file still opens.

Version 1 required every answer and the form filled in skipped ones ("every
day or most days", "weak"). Its files still open: their answers are kept and
each entry is marked ``recorded_by: 1``, so the page can say where they came
from.

The JSON itself is read strictly, in the same way as the browser does: UTF-8
only, no key twice in one object, and whole numbers written without a point
(a circle of ``2.0`` is refused).

Version 0 was the draft shape used while the exercise was designed (no
``format`` key; ``name`` for the person, ``made`` for the date, ``ring`` for
the circle, ``quality`` for the tie). It still loads, upgraded step by step by
``MIGRATIONS``, so no saved map is ever stranded by a format change.

Every problem found is reported, in words a worker or a person can act on
("Entry 3 (Mum): the circle must be 1, 2 or 3, not 5."), because the person
opening a file is rarely the one who wrote it. The browser's copy of these
checks (``rules.js``) gives the same messages; the parity test holds them
together.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable

from connecting_people.common.text import text_problem
from connecting_people.network.model import (
    CONTACT,
    FORMAT_NAME,
    FORMAT_VERSION,
    GIVES,
    KINDS,
    MAX_ENTRIES,
    MAX_ID,
    MAX_LABEL,
    MAX_LINKS,
    MAX_NOTE,
    MAX_PERSON,
    TIES,
    TRIED,
    WISHES,
    Entry,
    Link,
    NetworkMap,
    Suggestion,
)

# Beyond this many, the list of problems stops growing: the file is clearly not
# a map, and a screen of errors helps nobody.
MAX_PROBLEMS = 12
REQUIRED = ("id", "label", "kind", "circle")
# The person's answers: each may be left out, which means "not answered".
ANSWERS = (("contact", CONTACT), ("tie", TIES), ("wish", WISHES))
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAP_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Beyond the book's one text rule (common/text.py): two characters XML cannot hold, so a
# map holding them could not be exported as GraphML.
_NOT_XML = re.compile("[\ufffe\uffff]")
# The spaces trimmed from the ends of a name: the ones Python and JavaScript both call
# white space, so that both sides say "is empty" of the same text.
_ENDS = re.compile("^[\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|"
                   "[\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$")


def _trim(value: str) -> str:
    return _ENDS.sub("", value)


class MapError(ValueError):
    """A file that is not a usable network map; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "This file could not be opened as a network map:\n"
            + "\n".join(f"- {problem}" for problem in problems)
        )


def _v0_to_v1(doc: dict) -> dict:
    entries = []
    for item in doc.get("entries", []):
        if isinstance(item, dict):
            item = dict(item)
            if "ring" in item and "circle" not in item:
                item["circle"] = item.pop("ring")
            if "quality" in item and "tie" not in item:
                item["tie"] = item.pop("quality")
        entries.append(item)
    upgraded = {k: v for k, v in doc.items() if k not in {"name", "made"}}
    upgraded.update({
        "format": FORMAT_NAME,
        "version": 1,
        "person": doc.get("person", doc.get("name", "")),
        "date": doc.get("date", doc.get("made")),
        "entries": entries,
    })
    return upgraded


def _v1_to_v2(doc: dict) -> dict:
    # Version 1 always held every answer, filled in by the form when skipped. They are
    # kept as they were (a missing wish or gives meant "same" and none) and marked.
    entries = []
    for item in doc.get("entries", []) if isinstance(doc.get("entries"), list) else []:
        if isinstance(item, dict):
            item = dict(item)
            item.setdefault("gives", [])
            item.setdefault("wish", "same")
            item["recorded_by"] = 1
        entries.append(item)
    upgraded = dict(doc)
    upgraded["version"] = 2
    if isinstance(doc.get("entries"), list):
        upgraded["entries"] = entries
    return upgraded


# version -> function that upgrades a document of that version by one step.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2}


def _quote(value: object) -> str:
    if isinstance(value, str):
        text = f"'{value}'"
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= 40 else text[:37] + "..."


def _one_of(vocabulary) -> str:
    names = list(vocabulary)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def upgrade(doc: object) -> dict:
    """Check the envelope (format and version) and upgrade an older document to the current one."""
    if not isinstance(doc, dict):
        raise MapError(["The file does not hold a network map: it should be one JSON object."])
    version = doc.get("version")
    if version is None:
        raise MapError(["The file has no version number, so it is not a saved network map."])
    if not _is_int(version):
        raise MapError([f"The version must be a whole number, not {_quote(version)}."])
    if version > FORMAT_VERSION:
        raise MapError([
            f"This map was saved by a newer version of the exercise (format version {version}). "
            f"This version reads format versions up to {FORMAT_VERSION}: please update it."
        ])
    if version < 0 or (version < FORMAT_VERSION and version not in MIGRATIONS):
        raise MapError([f"Format version {version} is not one this exercise knows."])
    if version >= 1 and doc.get("format") != FORMAT_NAME:
        raise MapError([
            f"The file is not a network map: its format is {_quote(doc.get('format'))}, "
            f"not '{FORMAT_NAME}'."
        ])
    while doc["version"] < FORMAT_VERSION:
        doc = MIGRATIONS[doc["version"]](doc)
    return doc


def _text(problems: list[str], where: str, value: object, *, limit: int, required: bool,
          one_line: bool = True) -> str:
    """Check one text value by the book's one text rule, then the map's own limits."""
    if not isinstance(value, str):
        problems.append(f"{where} must be text, not {_quote(value)}.")
        return ""
    if not one_line:
        # Windows and old Mac line endings become plain ones, as XML would make them.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    problem = text_problem(value, multiline=not one_line)
    if problem is None:
        value = unicodedata.normalize("NFC", value)
        odd = _NOT_XML.search(value)
        if odd:
            problem = (f"contains a character that cannot be saved in a file "
                       f"(U+{ord(odd.group()):04X}); please remove it")
    if required and not _trim(value):
        problems.append(f"{where} is empty.")
    if len(value) > limit:
        problems.append(f"{where} is {len(value)} characters long; the most allowed is {limit}.")
    if problem:
        problems.append(f"{where} {problem}.")
    return value


def _entry(problems: list[str], index: int, item: object, seen: set[str]) -> Entry | None:
    where = f"Entry {index + 1}"
    if not isinstance(item, dict):
        problems.append(f"{where} should be an object with a label, kind and circle.")
        return None
    label = item.get("label")
    if isinstance(label, str) and _trim(label):
        where = f"Entry {index + 1} ({_trim(label)[:30]})"
    start = len(problems)
    missing = [key for key in REQUIRED if key not in item]
    if missing:
        problems.append(f"{where} is missing: {', '.join(missing)}.")
        return None
    entry_id = _text(problems, f"{where}: the id", item["id"], limit=MAX_ID, required=True)
    if entry_id in seen:
        problems.append(f"{where}: the id '{entry_id}' is used twice; each entry needs its own.")
    seen.add(entry_id)
    label = _text(problems, f"{where}: the label", item["label"], limit=MAX_LABEL, required=True)
    if item["kind"] not in KINDS or not isinstance(item["kind"], str):
        problems.append(f"{where}: the kind must be {_one_of(KINDS)}, not {_quote(item['kind'])}.")
    circle = item["circle"]
    if not _is_int(circle) or circle not in (1, 2, 3):
        problems.append(f"{where}: the circle must be 1, 2 or 3, not {_quote(circle)}.")
    answers = {}
    for key, vocabulary in ANSWERS:
        value = item.get(key)
        if value is not None and (not isinstance(value, str) or value not in vocabulary):
            problems.append(f"{where}: the {key} must be {_one_of(vocabulary)} or left out, "
                            f"not {_quote(value)}.")
        answers[key] = value
    gives = item.get("gives")
    if gives is None:
        pass
    elif not isinstance(gives, list) or any(not isinstance(g, str) or g not in GIVES
                                            for g in gives):
        problems.append(f"{where}: gives must be a list of {_one_of(GIVES)}.")
        gives = None
    elif len(set(gives)) != len(gives):
        problems.append(f"{where}: gives names the same kind of support twice.")
    note = _text(problems, f"{where}: the note", item.get("note", ""), limit=MAX_NOTE,
                 required=False, one_line=False)
    suggestion = _suggestion(problems, where, item.get("suggestion"))
    recorded_by = item.get("recorded_by")
    if recorded_by is not None and (not _is_int(recorded_by)
                                    or not 1 <= recorded_by < FORMAT_VERSION):
        problems.append(f"{where}: recorded_by must be 1 or left out, not {_quote(recorded_by)}.")
    if len(problems) > start:
        return None
    return Entry(id=entry_id, label=label, kind=item["kind"], circle=circle,
                 contact=answers["contact"], tie=answers["tie"],
                 gives=None if gives is None else tuple(g for g in GIVES if g in gives),
                 wish=answers["wish"], note=note, suggestion=suggestion,
                 recorded_by=recorded_by)


def _date_problem(value: object, what: str) -> str | None:
    if not isinstance(value, str) or not _DATE.match(value):
        return f"{what} must be written as year-month-day (2026-03-01), not {_quote(value)}."
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"{what} {value} is not a real day."
    return None


def _suggestion(problems: list[str], where: str, value: object) -> Suggestion | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(f"{where}: the suggestion should be an object with the date it was "
                        "suggested and whether it was tried.")
        return None
    start = len(problems)
    suggested = value.get("suggested")
    problem = _date_problem(suggested, f"{where}: the date suggested")
    if problem:
        problems.append(problem)
    tried = value.get("tried", "not_yet")
    if not isinstance(tried, str) or tried not in TRIED:
        problems.append(f"{where}: tried must be {_one_of(TRIED)}, not {_quote(tried)}.")
    outcome = _text(problems, f"{where}: what helped or got in the way", value.get("outcome", ""),
                    limit=MAX_NOTE, required=False, one_line=False)
    if len(problems) > start:
        return None
    return Suggestion(suggested=suggested, tried=tried, outcome=outcome)


def _links(problems: list[str], links: object, ids: set[str]) -> list[Link]:
    if not isinstance(links, list):
        problems.append("The links must be a list.")
        return []
    if len(links) > MAX_LINKS:
        problems.append(f"The map has {len(links)} links; the most allowed is {MAX_LINKS}.")
        return []
    found: list[Link] = []
    pairs: set[frozenset] = set()
    for index, item in enumerate(links):
        where = f"Link {index + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("from"), str) \
                or not isinstance(item.get("to"), str):
            problems.append(f"{where} needs 'from' and 'to', each the id of an entry.")
            continue
        source, target = item["from"], item["to"]
        unknown = [end for end in (source, target) if end not in ids]
        if unknown:
            problems.append(f"{where} names an entry that is not on the map: {_quote(unknown[0])}.")
            continue
        if source == target:
            problems.append(f"{where} joins an entry to itself.")
            continue
        pair = frozenset((source, target))
        if pair in pairs:
            problems.append(f"{where} repeats a link that is already on the map.")
            continue
        pairs.add(pair)
        found.append(Link(source, target))
    return found


def parse_map(doc: object) -> NetworkMap:
    """Validate a decoded JSON document (any supported version) and return the map."""
    doc = upgrade(doc)
    problems: list[str] = []
    person = _text(problems, "The person's name", doc.get("person", ""), limit=MAX_PERSON,
                   required=False)
    map_id = doc.get("id", "")
    if not isinstance(map_id, str) or (map_id and not _MAP_ID.match(map_id)):
        problems.append("The map's id must be up to 64 letters, digits, '-' or '_', "
                        f"not {_quote(map_id)}.")
    date = doc.get("date")
    problem = _date_problem(date, "The date")
    if problem:
        problems.append(problem)
    raw_entries = doc.get("entries")
    entries: list[Entry] = []
    if not isinstance(raw_entries, list):
        problems.append("The map has no list of entries.")
        raw_entries = []
    elif len(raw_entries) > MAX_ENTRIES:
        problems.append(
            f"The map has {len(raw_entries)} entries; the most a map can hold is {MAX_ENTRIES}."
        )
        raw_entries = []
    seen: set[str] = set()
    for index, item in enumerate(raw_entries):
        entry = _entry(problems, index, item, seen)
        if entry is not None:
            entries.append(entry)
        if len(problems) > MAX_PROBLEMS:
            break
    links = _links(problems, doc.get("links", []), {e.id for e in entries}) \
        if len(problems) <= MAX_PROBLEMS else []
    notes = _text(problems, "The notes", doc.get("notes", ""), limit=MAX_NOTE, required=False,
                  one_line=False)
    if problems:
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [f"... and at least {more} more problem(s)."]
        raise MapError(problems)
    return NetworkMap(person=person, date=date, entries=tuple(entries), links=tuple(links),
                      notes=notes, map_id=map_id)


def _not_json(name: str) -> None:
    # Python's json accepts NaN and Infinity; JSON (and the browser) does not.
    raise ValueError(f"{name} is not JSON")


class _RepeatedKey(Exception):
    def __init__(self, key: str):
        self.key = key


def _no_repeats(pairs: list[tuple[str, object]]) -> dict:
    # A key given twice has two answers and JSON readers keep different ones, so the
    # file is refused rather than guessed at (the browser's reader does the same).
    found: dict = {}
    for key, value in pairs:
        if key in found:
            raise _RepeatedKey(key)
        found[key] = value
    return found


def loads(text: str | bytes) -> NetworkMap:
    """Read a map from JSON text, with a clear message when the text is not JSON at all."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise MapError(["The file is not text (it may be a picture or a document)."]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        doc = json.loads(text, parse_constant=_not_json, object_pairs_hook=_no_repeats)
    except _RepeatedKey as repeated:
        raise MapError([f"The file is not a saved map: the key {_quote(repeated.key)} appears "
                        "twice in one object."]) from None
    except (ValueError, RecursionError):
        raise MapError(["The file is not a saved map: it is not valid JSON."]) from None
    return parse_map(doc)
