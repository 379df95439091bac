"""Tracker records to and from CSV, with a row-by-row report of what was rejected.

Teams often start from a spreadsheet. Import checks the headings first, then
every row (identifier rules, dates, duplicates in the file and on the
tracker). Valid rows are added together; people already on the tracker are
never changed by an import. The export carries pseudonyms and dates only.
"""

from __future__ import annotations

from datetime import date

from connecting_people.common import csvtools
from connecting_people.common.csvtools import (
    FileProblem,
    check_rows,
    decode_upload,
    read_rows,
    save_valid,
    write_csv,
)
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


class ImportReport(csvtools.ImportReport):
    valid: list[tuple[int, PersonRecord]]
    saved_line = "{saved} people were added to the tracker."


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
    return check_rows(
        report,
        rows,
        validate=lambda values: validate_person(values, today=today),
        key=lambda record: record.identifier,
        taken=lambda identifier, _: (
            f"{identifier} is already on the tracker" if identifier in taken else None
        ),
        repeats=lambda number, record: f"{record.identifier} repeats row {number}",
    )


def import_csv(
    engine, team: str, data: bytes, *, today: date, user: str | None = None
) -> ImportReport:
    """Check the file, then add every valid row together; rejected rows are reported only."""
    report = check_csv(data, existing=store.list_people(engine, team), today=today)
    return save_valid(report, lambda records: store.add_people(engine, team, records, user=user))


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
