"""Audits back from a CSV file in the format the CSV export writes, with a row-by-row report.

A team may keep its audits in a spreadsheet, or a lead may export them from
one store and import them into another. The file is the long format of
``export.items_csv``: one row per item per audit. This module only reads and
checks (pure: no store, no widgets); ``store.import_audit_csv`` stores what it
finds.

How a file is read:

- The file as a whole is checked first (size, encoding, headings); a file
  that fails is refused with one reason and nothing else is looked at.
- Each row is checked on its own and a rejected row is reported with its
  spreadsheet row number (the headings are row 1) and the reason.
- Rows are grouped into audits by ``audit_id`` (or, when that is blank, by
  team, Trust and date). An audit with any rejected row is not imported at
  all, so the store never holds half an audit; the other audits still are.
- The quote mark the export puts before a cell a spreadsheet would run as a
  formula is taken off again, so an export imports exactly as it was.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from connecting_people.common.csvtools import (
    EXTRA_CELLS_REASON,
    FORMULA_START,
    FileProblem,
    ImportReport,
    Rejected,
    normalise_heading,
)
from connecting_people.common.dates import uk_date
from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.model import (
    MAX_YEAR,
    MIN_YEAR,
    Audit,
    AuditFileError,
    Team,
    audit_from_document,
    audit_to_document,
    stable_audit_id,
)
from connecting_people.fidelity.textsafety import text_problem

COLUMNS = ("team", "trust", "service", "audit_date", "audit_id", "domain", "item_id", "item",
           "score", "answer", "evidence_note")
REQUIRED = ("team", "audit_date", "item_id", "answer")
ANSWERS = ("rated", "cannot rate", "not answered")


@dataclass
class AuditCsvReport(ImportReport):
    """What a CSV of audits holds: ``valid`` is (first row number, Audit) for each whole audit."""

    saved_line: ClassVar[str] = "{saved} audits were imported."
    empty_line: ClassVar[str | None] = "The file has no audits to import."
    not_imported: list[str] = field(default_factory=list)  # one line per audit left out

    def lines(self) -> list[str]:
        lines = super().lines()
        if self.problem:
            return lines
        return lines + self.not_imported


@dataclass(frozen=True)
class _ItemRow:
    number: int
    key: tuple
    team: Team
    day: date
    audit_id: str
    item_id: str
    score: int | None
    answered: bool
    note: str


def unquote_cell(value: str) -> str:
    """Undo the export's guard: ``'=SUM(A1)`` comes back as ``=SUM(A1)``."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > UPLOAD_LIMIT_BYTES:
        raise FileProblem(f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
                          f"{UPLOAD_LIMIT_BYTES // 1024 // 1024} MB. Split it into smaller files.")
    if b"\x00" in data[:4096]:
        raise FileProblem("This does not look like a CSV file. Save the sheet as CSV and try "
                          "again.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on Windows


def _headings(first: list[str]) -> list[str]:
    headings = [normalise_heading(h) for h in first]
    unknown = [h or "(blank heading)" for h in headings if h not in COLUMNS]
    if unknown:
        raise FileProblem("Unknown columns: " + ", ".join(unknown) + ". This import reads the "
                          "audit CSV export, with the columns: " + ", ".join(COLUMNS) + ".")
    repeated = sorted({h for h in headings if headings.count(h) > 1})
    if repeated:
        raise FileProblem("These columns appear more than once: " + ", ".join(repeated) + ".")
    missing = [h for h in REQUIRED if h not in headings]
    if missing:
        raise FileProblem("Required columns are missing: " + ", ".join(missing) + ".")
    return headings


def _text(values: dict[str, str], column: str, kind: str, label: str, problems: list[str],
          multi_line: bool = False) -> str:
    value = values.get(column, "")
    reason = text_problem(value, kind=kind, multi_line=multi_line)
    if reason:
        problems.append(f"{label} {reason}")
    return value.strip() if not multi_line else value


def _key(values: dict[str, str]) -> tuple:
    """Which audit a row belongs to, from its cells as written (so a bad row still has one)."""
    audit_id = values.get("audit_id", "").strip().lower()
    if audit_id:
        return ("id", audit_id)
    return ("team", values.get("team", "").strip().casefold(),
            values.get("trust", "").strip().casefold(), values.get("audit_date", "").strip())


def _row(number: int, values: dict[str, str], known: set[str]) -> _ItemRow | str:
    """One checked row, or the reason it is rejected."""
    problems: list[str] = []
    name = _text(values, "team", "name", "the team name", problems)
    if not name and not problems:
        problems.append("the team name is empty")
    trust = _text(values, "trust", "name", "the Trust", problems)
    service = _text(values, "service", "name", "the service", problems)
    day = None
    raw_day = values.get("audit_date", "").strip()
    try:
        day = date.fromisoformat(raw_day) if len(raw_day) == 10 else None
    except ValueError:
        day = None
    if day is None:
        problems.append(f"the audit date ({raw_day or 'blank'}) must be a real date written "
                        "as YYYY-MM-DD")
    elif not MIN_YEAR <= day.year <= MAX_YEAR:
        problems.append(f"the audit date ({raw_day}) is outside {MIN_YEAR} to {MAX_YEAR}")
    audit_id = values.get("audit_id", "").strip().lower()
    if audit_id:
        try:
            if str(uuid.UUID(audit_id)) != audit_id:
                raise ValueError(audit_id)
        except ValueError:
            problems.append(f"the audit id ({audit_id[:40]}) is not an audit id")
    item_id = values.get("item_id", "").strip()
    if item_id not in known:
        problems.append(f"the item {item_id[:40] or '(blank)'} is not on this checklist")
    answer = values.get("answer", "").strip().lower()
    score_text = values.get("score", "").strip()
    score: int | None = None
    if answer not in ANSWERS:
        problems.append(f"the answer ({answer[:20] or 'blank'}) must be one of: "
                        + ", ".join(ANSWERS))
    elif answer == "rated":
        if score_text in {"1", "2", "3", "4", "5"}:
            score = int(score_text)
        else:
            problems.append(f"a rated item needs a score from 1 to 5 (it has "
                            f"{score_text[:10] or 'none'})")
    elif score_text:
        problems.append(f"an item that is {answer} has no score (it has {score_text[:10]})")
    note = _text(values, "evidence_note", "item_note", "the evidence note", problems,
                 multi_line=True)
    if problems:
        reason = "; ".join(problems)
        return reason[0].upper() + reason[1:] + "."
    team = Team(name, trust, service)
    return _ItemRow(number, _key(values), team, day, audit_id, item_id, score,
                    answer != "not answered", note)


def read_audit_csv(data: bytes | str, checklist: Checklist) -> AuditCsvReport:
    """Check a CSV of audits; every whole audit in ``valid``, every bad row in ``rejected``."""
    report = AuditCsvReport()
    try:
        text = _decode(data)
        try:
            lines = list(csv.reader(io.StringIO(text)))
        except csv.Error as error:
            raise FileProblem(f"The file could not be read as CSV ({error}).") from None
        if not lines or not any(cell.strip() for cell in lines[0]):
            raise FileProblem("The file is empty: it needs a row of headings and rows of "
                              "answers.")
        headings = _headings(lines[0])
    except FileProblem as problem:
        report.problem = str(problem)
        return report
    known = set(checklist.item_ids)
    groups: dict[tuple, list[_ItemRow]] = defaultdict(list)
    bad_groups: dict[tuple, list[int]] = defaultdict(list)
    order: list[tuple] = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(headings):
            report.rejected.append(Rejected(number, EXTRA_CELLS_REASON))
            continue
        values = {h: unquote_cell(cells[i]) if i < len(cells) else ""
                  for i, h in enumerate(headings)}
        checked = _row(number, values, known)
        if isinstance(checked, str):
            report.rejected.append(Rejected(number, checked))
            key = _key(values)
            if key not in groups:
                order.append(key)
                groups[key] = []
            bad_groups[key].append(number)
            continue
        if checked.key not in groups:
            order.append(checked.key)
        rows = groups[checked.key]
        clash = _clash(rows, checked)
        if clash:
            report.rejected.append(Rejected(number, clash))
            bad_groups[checked.key].append(number)
            continue
        rows.append(checked)
    for key in order:
        rows = groups[key]
        if not rows:
            report.not_imported.append(f"Rows {', '.join(map(str, bad_groups[key]))} make an "
                                       "audit with no good rows, so it was not imported.")
            continue
        label = f"The audit of {uk_date(rows[0].day)} for {rows[0].team.name}"
        if bad_groups.get(key):
            shown = ", ".join(str(n) for n in bad_groups[key])
            rows_word = "rows" if len(bad_groups[key]) > 1 else "row"
            report.not_imported.append(f"{label} was not imported: {rows_word} {shown} of it "
                                       "had problems, and an audit is imported whole or not "
                                       "at all.")
            continue
        audit = _audit(rows, checklist)
        if isinstance(audit, str):
            report.not_imported.append(f"{label} was not imported: {audit}")
            continue
        report.valid.append((rows[0].number, audit))
    return report


def _clash(rows: list[_ItemRow], row: _ItemRow) -> str | None:
    """Why a row does not fit the audit its id puts it in (None when it fits)."""
    for earlier in rows:
        if earlier.item_id == row.item_id:
            return f"Item {row.item_id} appears twice in one audit (row {earlier.number} too)."
    if rows and (rows[0].team, rows[0].day) != (row.team, row.day):
        first = rows[0]
        return (f"The row has the audit id of row {first.number} but a different team or date "
                f"({first.team.name}, {first.day.isoformat()} there).")
    return None


def _audit(rows: list[_ItemRow], checklist: Checklist) -> Audit | str:
    """The audit the rows describe, checked as a saved file is; or why it cannot be."""
    first = rows[0]
    answers = {r.item_id: r.score for r in rows if r.answered}
    notes = {r.item_id: r.note for r in rows if r.note.strip()}
    audit = Audit(team=first.team, date=first.day, answers=answers, item_notes=notes,
                  checklist_version=checklist.version,
                  audit_id=first.audit_id or str(uuid.UUID(int=0)))
    document = audit_to_document(audit)
    if not first.audit_id:
        # No id in the file: the same rows always make the same audit id.
        document.pop("audit_id")
        document["audit_id"] = stable_audit_id(document)
    try:
        return audit_from_document(document, checklist)
    except AuditFileError as error:
        return " ".join(p.message for p in error.problems)
