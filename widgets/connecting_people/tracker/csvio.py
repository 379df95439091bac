"""Tracker records to and from CSV, with a row-by-row report of what was rejected.

Teams often start from a spreadsheet. Import checks the headings first, then
every row (identifier rules, dates, duplicates in the file and on the
tracker). Valid rows are added together; people already on the tracker are
never changed by an import. The export carries pseudonyms and dates only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from connecting_people.common.csvtools import (
    EXTRA_CELLS_REASON,
    FileProblem,
    Rejected,
    decode_upload,
    read_rows,
    write_csv,
)
from connecting_people.common.fields import ValidationError
from connecting_people.tracker import store
from connecting_people.tracker.model import (
    STEP_ORDER,
    STEPS,
    PersonRecord,
    StoredPerson,
    validate_person,
)

COLUMNS = ("identifier", "worker", "on_caseload_from", *STEP_ORDER, "left_on")
REQUIRED = ("identifier", "worker", "on_caseload_from")
# The labels the dashboard shows are understood as headings too.
HEADING_ALIASES = {label: name for name, label in STEPS.items()} | {
    "Left the caseload on": "left_on",
    "Identifier (no names)": "identifier",
}


@dataclass
class ImportReport:
    valid: list[tuple[int, PersonRecord]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    problem: str = ""
    saved: int = 0

    def lines(self) -> list[str]:
        if self.problem:
            return [f"Nothing was imported. {self.problem}"]
        lines = []
        if self.saved:
            lines.append(f"{self.saved} people were added to the tracker.")
        elif self.valid:
            lines.append(f"{len(self.valid)} rows are ready to add.")
        if self.rejected:
            lines.append(
                f"{len(self.rejected)} rows were rejected (row numbers as in a spreadsheet, "
                "headings are row 1):"
            )
            lines += [f"Row {r.number}: {r.reason}" for r in self.rejected]
        return lines


def check_csv(data: bytes, *, existing: list[StoredPerson], today: date) -> ImportReport:
    """Validate an uploaded CSV against the rules and the people already stored; save nothing."""
    report = ImportReport()
    try:
        rows = read_rows(
            decode_upload(data), allowed=COLUMNS, required=REQUIRED, aliases=HEADING_ALIASES
        )
    except FileProblem as problem:
        report.problem = str(problem)
        return report
    taken = {p.record.identifier for p in existing}
    seen: dict[str, int] = {}
    for row in rows:
        if "__extra__" in row.values:
            report.rejected.append(Rejected(row.number, EXTRA_CELLS_REASON))
            continue
        try:
            record = validate_person(row.values, today=today)
        except ValidationError as error:
            report.rejected.append(Rejected(row.number, "; ".join(error.messages())))
            continue
        if record.identifier in taken:
            report.rejected.append(
                Rejected(row.number, f"{record.identifier} is already on the tracker")
            )
        elif record.identifier in seen:
            report.rejected.append(
                Rejected(row.number, f"{record.identifier} repeats row {seen[record.identifier]}")
            )
        else:
            seen[record.identifier] = row.number
            report.valid.append((row.number, record))
    return report


def import_csv(engine, team: str, data: bytes, *, today: date) -> ImportReport:
    """Check the file, then add every valid row together; rejected rows are reported only."""
    report = check_csv(data, existing=store.list_people(engine, team), today=today)
    if report.problem or not report.valid:
        return report
    try:
        saved = store.add_people(engine, team, [record for _, record in report.valid])
    except ValidationError as error:
        report.problem = "Another change arrived while importing: " + "; ".join(error.messages())
        return report
    report.saved = len(saved)
    return report


def export_csv(stored: list[StoredPerson]) -> str:
    rows = []
    for person in stored:
        r = person.record
        row = {
            "identifier": r.identifier,
            "worker": r.worker,
            "on_caseload_from": r.on_caseload_from.isoformat(),
            "left_on": r.left_on.isoformat() if r.left_on else "",
        }
        row.update({s: (r.step(s).isoformat() if r.step(s) else "") for s in STEP_ORDER})
        rows.append(row)
    return write_csv(COLUMNS, rows)
