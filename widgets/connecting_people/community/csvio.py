"""Directory entries to and from CSV, with a row-by-row report of what was rejected.

Import is checked in full before anything is saved: the file's headings
first (unknown or missing columns stop it), then every row. Rows that fail
are listed with their spreadsheet row number and the reason; rows that pass
are added together in one transaction. Existing entries are never changed by
an import, so importing the same file twice only reports duplicates.
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
from connecting_people.community import store
from connecting_people.community.model import (
    FIELD_ORDER,
    LABELS,
    REQUIRED,
    Resource,
    StoredResource,
    validate_resource,
)
from connecting_people.community.rules import duplicate_key

# An export can be imported again: these columns are understood but not used
# (an import always adds new, active entries).
EXPORT_ONLY = ("id", "status", "retired_on", "retired_reason")
EXPORT_COLUMNS = ("id", *FIELD_ORDER, "status", "retired_on", "retired_reason")
TEMPLATE_COLUMNS = FIELD_ORDER


class ImportReport(csvtools.ImportReport):
    valid: list[tuple[int, Resource]]
    saved_line = "{saved} new entries were added."
    empty_line = "The file had no rows to import."


def check_csv(data: bytes, *, existing: list[StoredResource], today: date) -> ImportReport:
    """Validate an uploaded CSV against the rules and the entries already stored; save nothing."""
    report = ImportReport()
    try:
        rows = read_rows(
            decode_upload(data),
            allowed=FIELD_ORDER,
            required=REQUIRED,
            ignored=EXPORT_ONLY,
            aliases={label: name for name, label in LABELS.items()},
        )
    except FileProblem as problem:
        report.problem = str(problem)
        return report
    taken = {duplicate_key(e.resource.name, e.resource.area): e.id for e in existing if e.active}
    return check_rows(
        report,
        rows,
        validate=lambda values: validate_resource(values, today=today),
        key=lambda resource: duplicate_key(resource.name, resource.area),
        taken=lambda key, resource: (
            f"{resource.name!r} in {resource.area!r} is already in the directory "
            f"(entry {taken[key]})"
            if key in taken
            else None
        ),
        repeats=lambda number, resource: (
            f"repeats row {number} ({resource.name!r} in {resource.area!r})"
        ),
    )


def import_csv(
    engine, team: str, data: bytes, *, today: date, user: str | None = None
) -> ImportReport:
    """Check the file, then add every valid row together; rejected rows are reported, not saved."""
    report = check_csv(data, existing=store.list_resources(engine, team), today=today)
    return save_valid(report, lambda items: store.add_resources(engine, team, items, user=user))


def export_csv(entries: list[StoredResource]) -> str:
    """Every given entry as CSV that is safe to open in a spreadsheet."""
    rows = []
    for entry in entries:
        row = entry.resource.to_dict()
        row.update(
            id=entry.id,
            status=entry.status,
            retired_on=entry.retired_on.isoformat() if entry.retired_on else "",
            retired_reason=entry.retired_reason,
        )
        rows.append(row)
    return write_csv(EXPORT_COLUMNS, rows)


def template_csv() -> str:
    """An empty sheet with the right headings, for a team starting its list in a spreadsheet."""
    return write_csv(TEMPLATE_COLUMNS, [])
