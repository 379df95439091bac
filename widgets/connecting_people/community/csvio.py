"""Directory entries to and from CSV, with a row-by-row report of what was rejected.

Import is checked in full before anything is saved: the file's headings
first (unknown or missing columns stop it), then every row. Rows that fail
are listed with their spreadsheet row number and the reason; rows that pass
are added together in one transaction. Existing entries are never changed by
an import, so importing the same file twice only reports duplicates.
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


@dataclass
class ImportReport:
    valid: list[tuple[int, Resource]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    problem: str = ""  # set when the whole file was refused
    saved: int = 0

    def lines(self) -> list[str]:
        """The report in plain words, one line each, for the dashboard to show (escaped)."""
        if self.problem:
            return [f"Nothing was imported. {self.problem}"]
        lines = []
        if self.saved:
            lines.append(f"{self.saved} new entries were added.")
        elif self.valid:
            lines.append(f"{len(self.valid)} rows are ready to add.")
        if self.rejected:
            lines.append(
                f"{len(self.rejected)} rows were rejected (row numbers as in a spreadsheet, "
                "headings are row 1):"
            )
            lines += [f"Row {r.number}: {r.reason}" for r in self.rejected]
        if not self.valid and not self.rejected:
            lines.append("The file had no rows to import.")
        return lines


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
    in_file: dict[tuple[str, str], int] = {}
    for row in rows:
        if "__extra__" in row.values:
            report.rejected.append(Rejected(row.number, EXTRA_CELLS_REASON))
            continue
        try:
            resource = validate_resource(row.values, today=today)
        except ValidationError as error:
            report.rejected.append(Rejected(row.number, "; ".join(error.messages())))
            continue
        key = duplicate_key(resource.name, resource.area)
        if key in taken:
            report.rejected.append(
                Rejected(
                    row.number,
                    f"{resource.name!r} in {resource.area!r} is already in the directory "
                    f"(entry {taken[key]})",
                )
            )
        elif key in in_file:
            report.rejected.append(
                Rejected(
                    row.number,
                    f"repeats row {in_file[key]} ({resource.name!r} in {resource.area!r})",
                )
            )
        else:
            in_file[key] = row.number
            report.valid.append((row.number, resource))
    return report


def import_csv(engine, team: str, data: bytes, *, today: date) -> ImportReport:
    """Check the file, then add every valid row together; rejected rows are reported, not saved."""
    report = check_csv(data, existing=store.list_resources(engine, team), today=today)
    if report.problem or not report.valid:
        return report
    try:
        saved = store.add_resources(engine, team, [resource for _, resource in report.valid])
    except ValidationError as error:
        # Someone added the same entry while this file was being checked.
        report.problem = "Another change arrived while importing: " + "; ".join(error.messages())
        return report
    report.saved = len(saved)
    return report


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
