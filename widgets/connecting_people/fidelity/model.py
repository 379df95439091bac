"""One team's self-audit as a document: the saved-file format and its checks.

An audit made on the static book page is saved as a small JSON file that the
team keeps, reopens later, or sends to its implementation lead, whose
dashboard imports it into the store. The file carries a format name and a
version. Loading checks everything before anything is used, collects every
problem it finds, and says what to do about each: a wrong file, a file from a
newer version of the book, an item id this checklist does not have, a score
outside 1 to 5, or text that is refused (see ``textsafety``). ``scoring.js``
runs the same checks in the browser; the parity test compares the two on
shared example files.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import cmp_to_key
from pathlib import Path
from typing import Any

import jsonschema

from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.rules import is_score
from connecting_people.fidelity.textsafety import MAX_PARTICIPANTS, text_problem

FORMAT = "connecting-people/fidelity-audit"
# Version 2 added each action's follow-up (status, day done, reason); a
# version 1 file still opens, with every action not started.
VERSION = 2
MAX_FILE_BYTES = 1_000_000
SCHEMA_PATH = Path(__file__).resolve().parent / "audit_file.schema.json"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_YEAR, MAX_YEAR = 2000, 2099


@dataclass(frozen=True)
class Problem:
    code: str  # a stable kind, shared with scoring.js: json, format, version, structure,
    # unknown_item, score_range, date, text, too_big, action (an action's follow-up)
    message: str

    def __str__(self) -> str:
        return self.message


class AuditFileError(ValueError):
    """A file that cannot be used; ``problems`` says why, in words a person can act on."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.message for p in problems))


@dataclass(frozen=True)
class Team:
    name: str
    trust: str = ""
    service: str = ""


@dataclass(frozen=True)
class PlanEntry:
    item_id: str
    owner: str = ""
    due: date | None = None
    status: str = "not_started"  # follow_up.STATUSES; all of a version 1 file's are not started
    done: date | None = None  # the day it was done; only, and always, when done
    reason: str = ""  # why it was dropped; only, and always, when dropped


@dataclass(frozen=True)
class Audit:
    team: Team
    date: date
    answers: dict[str, int | None]  # item id -> 1..5, or None for "cannot rate"
    participants: tuple[str, ...] = ()
    notes: str = ""
    item_notes: dict[str, str] = field(default_factory=dict)
    plan: tuple[PlanEntry, ...] = ()
    # The book's checklist.yaml version; a unit test keeps the two in step.
    checklist_version: str = "1.1"
    audit_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Two raters (raters.py): an agreed audit names the two audits it came
    # from, as (audit_id, rater) pairs; empty for every other audit.
    agreed_from: tuple[tuple[str, str], ...] = ()


def new_audit_id() -> str:
    return str(uuid.uuid4())


def audit_to_document(audit: Audit) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "checklist_version": audit.checklist_version,
        "audit_id": audit.audit_id,
        "team": {"name": audit.team.name, "trust": audit.team.trust,
                 "service": audit.team.service},
        "date": audit.date.isoformat(),
        "participants": list(audit.participants),
        "notes": audit.notes,
        "answers": dict(audit.answers),
        "item_notes": dict(audit.item_notes),
        "action_plan": [
            {"item_id": e.item_id, "owner": e.owner, "due": e.due.isoformat() if e.due else "",
             "status": e.status, "done": e.done.isoformat() if e.done else "",
             "reason": e.reason}
            for e in audit.plan
        ],
        **_agreed_from_document(audit),
    }


def _agreed_from_document(audit: Audit) -> dict[str, Any]:
    # Written only for an agreed audit, so every other file is as it was.
    if not audit.agreed_from:
        return {}
    return {"agreed_from": [{"audit_id": i, "rater": r} for i, r in audit.agreed_from]}


def _agreed_from(document: dict[str, Any], problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    entries = document.get("agreed_from", [])
    if not isinstance(entries, list):
        return ()  # the schema check reports it
    pairs = []
    for index, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            rater = _check_text(entry.get("rater", ""), f"The name of rater {index}", "name",
                                False, problems)
            pairs.append((entry.get("audit_id"), rater.strip()))
    return tuple(pairs)


def audit_to_json(audit: Audit) -> str:
    return json.dumps(audit_to_document(audit), ensure_ascii=False, indent=2)


def _no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"the name {duplicates[0]!r} appears twice in one place")
    return dict(pairs)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not allowed in a saved audit")


def _parse_date(value: Any, where: str, problems: list[Problem]) -> date | None:
    if not isinstance(value, str) or not _DATE.match(value):
        problems.append(Problem("date", f"{where} must be a date written as YYYY-MM-DD."))
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        problems.append(Problem("date", f"{where} ({value}) is not a real date."))
        return None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        problems.append(Problem("date", f"{where} ({value}) is outside {MIN_YEAR} to {MAX_YEAR}."))
        return None
    return parsed


def _check_text(value: Any, where: str, kind: str, multi_line: bool,
                problems: list[Problem]) -> str:
    if not isinstance(value, str):
        problems.append(Problem("structure", f"{where} must be text."))
        return ""
    reason = text_problem(value, kind=kind, multi_line=multi_line)
    if reason:
        problems.append(Problem("text", f"{where} {reason}. Edit it and save the file again."))
    return value


def _follow_up(entry: dict[str, Any], index: int, audit_date: date | None,
               today: date | None, problems: list[Problem]) -> tuple[str, date | None, str]:
    """An action plan entry's status, day done and reason, checked by follow_up's rules."""
    # Imported here: follow_up reads audits' dates through run_chart, which imports this module.
    from connecting_people.fidelity.follow_up import status_problems

    status = entry.get("status", "not_started")
    reason = entry.get("reason", "")
    if not isinstance(reason, str):
        problems.append(Problem("structure", f"The reason for action {index} must be text."))
        reason = ""
    done = None
    if entry.get("done", "") not in ("", None):
        done = _parse_date(entry["done"], f"The day action {index} was done", problems)
        if done is None:
            return str(status), None, reason  # the date problem is said; nothing more to check
    if isinstance(status, str):
        for message in status_problems(status, reason, done, audit_date=audit_date,
                                       today=today or date.today()):
            problems.append(Problem("action", f"Action {index}: {message}"))
    return str(status), done, reason


def _structure_problems(document: dict[str, Any]) -> list[Problem]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "the file"
        problems.append(Problem("structure", f"The file's layout is wrong at {where}: "
                                             f"{error.message}."))
    return problems


def parse_document(data: bytes | str) -> Any:
    """The JSON inside a file, or an AuditFileError saying why it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise AuditFileError([Problem("too_big", "The file is larger than 1 MB, far larger "
                                                 "than any saved self-audit.")])
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise AuditFileError([Problem("json", "The file is not text (it is not UTF-8), so it "
                                                  "is not a saved self-audit.")]) from error
    data = data.removeprefix("\ufeff")  # a byte-order mark some editors add
    try:
        return json.loads(data, object_pairs_hook=_no_duplicate_keys,
                          parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError, RecursionError) as error:
        raise AuditFileError([Problem("json", f"The file is not a saved self-audit: it could not "
                                              f"be read as JSON ({error}).")]) from error


def audit_from_document(document: Any, checklist: Checklist, *,
                        today: date | None = None) -> Audit:
    """Check every part of a loaded document; return the audit or raise with every problem.

    ``today`` (the machine's date unless given) is the latest day an action
    can have been done.
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise AuditFileError([Problem("format", "This is not a Connecting People self-audit file. "
                                                "Choose a file saved from the self-audit page.")])
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AuditFileError([Problem("version", f"The file's format version ({version!r}) is "
                                                 "not one this book knows.")])
    if version > VERSION:
        raise AuditFileError([Problem("version", f"The file was saved by a newer version of the "
                                                 f"book (format version {version}); this copy "
                                                 f"reads version {VERSION}. Update the book and "
                                                 "try again.")])
    problems: list[Problem] = []
    known = set(checklist.item_ids)

    answers_in = document.get("answers")
    answers: dict[str, int | None] = {}
    if isinstance(answers_in, dict):
        unknown = [key for key in answers_in if key not in known]
        if unknown:
            shown = ", ".join(repr(key[:40]) for key in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            problems.append(Problem("unknown_item", f"The file answers items this checklist does "
                                                    f"not have: {shown}{more}. It may come from a "
                                                    "different checklist."))
        for key, value in answers_in.items():
            if key not in known:
                continue
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # JSON has one number type: 3.0 and 3 are the same answer
            if value is None or is_score(value):
                answers[key] = value
            else:
                problems.append(Problem("score_range", f"The answer to {key!r} is {value!r}; "
                                                       "answers must be a whole number from 1 "
                                                       "to 5, or cannot rate."))

    team = document.get("team") if isinstance(document.get("team"), dict) else {}
    name = _check_text(team.get("name", ""), "The team name", "name", False, problems)
    if isinstance(team.get("name"), str) and not name.strip():
        problems.append(Problem("text", "The team name is empty. Add the team's name."))
    trust = _check_text(team.get("trust", ""), "The Trust", "name", False, problems)
    service = _check_text(team.get("service", ""), "The service", "name", False, problems)
    audit_date = _parse_date(document.get("date"), "The audit date", problems)

    participants_in = document.get("participants", [])
    participants: list[str] = []
    if isinstance(participants_in, list):
        if len(participants_in) > MAX_PARTICIPANTS:
            problems.append(Problem("text", f"The file lists {len(participants_in)} people who "
                                            f"took part; the limit is {MAX_PARTICIPANTS}."))
        for index, person in enumerate(participants_in[:MAX_PARTICIPANTS], start=1):
            participants.append(_check_text(person, f"Person {index} who took part", "name",
                                            False, problems))
    notes = _check_text(document.get("notes", ""), "The notes", "notes", True, problems)

    item_notes: dict[str, str] = {}
    notes_in = document.get("item_notes", {})
    if isinstance(notes_in, dict):
        for key, value in notes_in.items():
            if key not in known:
                problems.append(Problem("unknown_item", f"The file has a note for an item this "
                                                        f"checklist does not have: {key[:40]!r}."))
                continue
            item_notes[key] = _check_text(value, f"The note on {key!r}", "item_note", True,
                                          problems)

    plan: list[PlanEntry] = []
    plan_in = document.get("action_plan", [])
    if isinstance(plan_in, list):
        for index, entry in enumerate(plan_in, start=1):
            if not isinstance(entry, dict):
                continue  # the schema check below reports it
            item_id = entry.get("item_id")
            if isinstance(item_id, str) and item_id not in known:
                problems.append(Problem("unknown_item", f"Action {index} is for an item this "
                                                        f"checklist does not have: "
                                                        f"{item_id[:40]!r}."))
            owner = _check_text(entry.get("owner", ""), f"The owner of action {index}", "name",
                                False, problems)
            due_text = entry.get("due", "")
            due = None
            if due_text not in ("", None):
                due = _parse_date(due_text, f"The date of action {index}", problems)
            status, done, reason = _follow_up(entry, index, audit_date, today, problems)
            if isinstance(item_id, str):
                plan.append(PlanEntry(item_id, owner, due, status, done, reason))

    agreed_from = _agreed_from(document, problems)
    if not problems:
        # Hand checks give the clearest messages; the schema then catches any
        # other shape problem (extra fields, wrong types) they did not name.
        problems = _structure_problems(document)
    if problems:
        raise AuditFileError(problems)
    return Audit(
        team=Team(name.strip(), trust.strip(), service.strip()),
        date=audit_date,
        answers=answers,
        participants=tuple(p.strip() for p in participants if p.strip()),
        notes=notes,
        item_notes={k: v for k, v in item_notes.items() if v.strip()},
        plan=tuple(plan),
        checklist_version=document["checklist_version"],
        audit_id=document["audit_id"],
        agreed_from=agreed_from,
    )


def _version_key(text: str) -> tuple[int, ...]:
    """``"1.10"`` as (1, 10), so that 1.10 comes after 1.9."""
    def number(part: str) -> int:
        digits = re.match(r"\d*", part.strip()).group()
        return int(digits) if digits else 0

    return tuple(number(part) for part in str(text).split("."))


def compare_versions(a: str, b: str) -> int:
    """Negative, zero or positive as checklist version ``a`` is before, equal to or after ``b``."""
    x, y = _version_key(a), _version_key(b)
    width = max(len(x), len(y))
    x, y = x + (0,) * (width - len(x)), y + (0,) * (width - len(y))
    return (x > y) - (x < y)


@dataclass(frozen=True)
class QuestionChanges:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    reworded: tuple[str, ...]


def changes_since(checklist: Any, older: str) -> QuestionChanges:
    """Which questions were added, removed or reworded after version ``older`` (item ids).

    Reads the checklist's ``changes`` list: what changed on the way to each
    version. An item added and later reworded counts as added; added and later
    removed is not named; reworded and later removed counts as removed.
    """
    entries = sorted(
        (e for e in getattr(checklist, "changes", ())  # a checklist file may record none
         if compare_versions(e["version"], older) > 0
         and compare_versions(e["version"], checklist.version) <= 0),
        key=cmp_to_key(lambda a, b: compare_versions(a["version"], b["version"])))
    added: set[str] = set()
    removed: list[str] = []
    reworded: set[str] = set()
    for entry in entries:
        added.update(entry.get("added", []))
        reworded.update(i for i in entry.get("reworded", []) if i not in added)
        for item_id in entry.get("removed", []):
            reworded.discard(item_id)
            if item_id in added:
                added.discard(item_id)
            elif item_id not in removed:
                removed.append(item_id)
    order = [item.id for item in checklist.items]
    return QuestionChanges(tuple(i for i in order if i in added), tuple(removed),
                           tuple(i for i in order if i in reworded))


def version_warnings(document: Any, checklist: Any) -> list[str]:
    """Plain warnings when a readable file was made with another checklist or format version,
    naming the questions added, removed or reworded in between.

    The file still imports (its answers passed every check), but the person
    should know that the questions or the file layout may have differed.
    ``checklist_versions.js`` words the same warnings by the same rule
    (tests/js/fidelity_version_cases.json).
    """
    warnings = []
    is_document = isinstance(document, dict)
    made_with = document.get("checklist_version") if is_document else None
    if isinstance(made_with, str) and made_with != checklist.version:
        warnings.append(f"This audit was made with checklist version {made_with}; this book "
                        f"uses checklist version {checklist.version}. Check that the answers "
                        "still fit the questions before comparing them.")
        if compare_versions(made_with, checklist.version) < 0:
            warnings += _older_file_warnings(checklist, made_with)
        else:
            warnings += _newer_file_warnings(document, checklist, made_with)
    version = document.get("version") if is_document else None
    if isinstance(version, int) and not isinstance(version, bool) and version < VERSION:
        warnings.append(f"This file uses the older format version {version}; this book writes "
                        f"format version {VERSION}. It was read the old way.")
    return warnings


def _older_file_warnings(checklist: Any, made_with: str) -> list[str]:
    changes = changes_since(checklist, made_with)
    titles = {item.id: item.title for item in checklist.items}

    def listed(ids: tuple[str, ...]) -> str:
        return ", ".join(f"{titles[i]} ({i})" if i in titles else i for i in ids)

    warnings = []
    if changes.added:
        warnings.append(f"Questions added since version {made_with}, so the file has no answer "
                        f"to them: {listed(changes.added)}.")
    if changes.removed:
        warnings.append(f"Questions removed since version {made_with}, so the file's answers "
                        f"to them are not used: {listed(changes.removed)}.")
    if changes.reworded:
        warnings.append(f"Questions reworded since version {made_with}, so the file's answers "
                        f"were given to the old wording: {listed(changes.reworded)}.")
    if not warnings:
        warnings.append(f"This book's checklist records no added, removed or reworded questions "
                        f"since version {made_with}.")
    return warnings


def _newer_file_warnings(document: dict, checklist: Any, made_with: str) -> list[str]:
    warnings = [f"The file comes from a newer checklist (version {made_with}), so this page "
                "cannot tell which questions were added, removed or reworded. Update the book "
                "to see them."]
    known = {item.id for item in checklist.items}
    unknown: list[str] = []
    for part in (document.get("answers"), document.get("item_notes")):
        if isinstance(part, dict):
            unknown += [i for i in part if i not in known and i not in unknown]
    if unknown:
        warnings.append("The file answers questions this checklist does not have: "
                        + ", ".join(unknown) + ".")
    return warnings


def load_audit(data: bytes | str, checklist: Checklist) -> Audit:
    """Read a saved self-audit file; raise AuditFileError listing every problem."""
    return audit_from_document(parse_document(data), checklist)


# Audit ids made for files saved before audits carried one (uuid5 in this namespace).
LEGACY_ID_NAMESPACE = uuid.UUID("5f1d2c3b-8a4e-4f60-9b7d-2e6a1c0d9f38")


def stable_audit_id(document: dict[str, Any]) -> str:
    """The id an older file without ``audit_id`` gets: the same file always gets the same id.

    Made from the document's content in a canonical form (keys sorted, no
    spacing), so re-saving the same answers in another layout changes nothing.
    """
    content = {key: value for key, value in document.items() if key != "audit_id"}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(uuid.uuid5(LEGACY_ID_NAMESPACE, canonical))
