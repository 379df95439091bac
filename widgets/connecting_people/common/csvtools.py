"""Reading spreadsheets people upload and writing ones that are safe to open.

Shared by the team tools. Reading checks the file as a whole first (size,
encoding, headings: unknown or missing columns stop the import before any row
is looked at) and then hands each row on with its spreadsheet row number, so
a report can say "row 7: the date is in the future". Writing puts a quote mark
before any cell a spreadsheet would treat as a formula (= + - @, tab, carriage
return), so hostile text typed into a form cannot run when the export is opened.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from connecting_people.common.fields import ValidationError
from connecting_people.common.limits import UPLOAD_LIMIT_BYTES

# The same limit as the upload itself: a file the browser lets through must import.
MAX_UPLOAD_BYTES = UPLOAD_LIMIT_BYTES
MAX_ROWS = 5_000
# A cell starting with one of these is run as a formula by spreadsheets. The
# one list for every export in the package (team tools, audits, network maps).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FileProblem(Exception):
    """The whole file cannot be used (not a CSV, wrong headings, too big); nothing was saved."""


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the headings are row 1
    values: dict[str, str]


@dataclass(frozen=True)
class Rejected:
    number: int
    reason: str


def safe_cell(value: object) -> str:
    """Text for one CSV cell that a spreadsheet will show, never run."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(columns: Sequence[str], rows: Iterable[dict]) -> str:
    """A CSV document with the given headings; every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column, "")) for column in columns])
    return buffer.getvalue()


def normalise_heading(heading: str) -> str:
    """'Last checked' and 'last_checked' name the same column."""
    return re.sub(r"[\s\-]+", "_", heading.strip().lower())


def decode_upload(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileProblem(
            f"The file is {len(data) // 1000} kB; the limit is {MAX_UPLOAD_BYTES // 1000} kB. "
            "Split it into smaller files."
        )
    if b"\x00" in data[:4096]:
        raise FileProblem(
            "This does not look like a CSV file. Save the sheet as CSV and try again."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows often saves CSV in this older encoding.
        return data.decode("cp1252", errors="replace")


def read_rows(
    text: str,
    *,
    allowed: Sequence[str],
    required: Sequence[str],
    ignored: Sequence[str] = (),
    aliases: dict[str, str] | None = None,
) -> list[Row]:
    """Rows of a CSV document whose headings are all known and include every required one.

    ``aliases`` maps other spellings of a heading (the label a person sees, such as
    "What it offers") to the column name; both are normalised first.
    """
    try:
        reader = csv.reader(io.StringIO(text))
        lines = list(reader)
    except csv.Error as error:
        raise FileProblem(f"The file could not be read as CSV ({error}).") from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise FileProblem("The file is empty: it needs a row of headings and at least one row.")
    names = {normalise_heading(k): v for k, v in (aliases or {}).items()}
    headings = [names.get(normalise_heading(h), normalise_heading(h)) for h in lines[0]]
    known = set(allowed) | set(ignored)
    unknown = [h or "(blank heading)" for h in headings if h not in known]
    if unknown:
        raise FileProblem(
            "Unknown columns: " + ", ".join(unknown) + ". "
            "The columns this import understands are: " + ", ".join(allowed) + "."
        )
    repeated = sorted({h for h in headings if headings.count(h) > 1})
    if repeated:
        raise FileProblem("These columns appear more than once: " + ", ".join(repeated) + ".")
    missing = [h for h in required if h not in headings]
    if missing:
        raise FileProblem("Required columns are missing: " + ", ".join(missing) + ".")
    body = lines[1:]
    if len(body) > MAX_ROWS:
        raise FileProblem(f"The file has {len(body)} rows; the limit is {MAX_ROWS}.")
    rows: list[Row] = []
    for offset, cells in enumerate(body, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of a sheet are common and harmless
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headings)}
        if len(cells) > len(headings):
            values["__extra__"] = "yes"
        rows.append(
            Row(
                number=offset,
                values={k: v for k, v in values.items() if k in allowed or k == "__extra__"},
            )
        )
    if not rows:
        raise FileProblem("The file has headings but no rows to import.")
    return rows


EXTRA_CELLS_REASON = "has more cells than there are headings (a stray comma?)"


@dataclass
class ImportReport:
    """What an import found: rows ready to add, rows rejected and why, or why the file was refused.

    Each tool subclasses it only to say, in its own words, what was added.
    """

    valid: list[tuple[int, Any]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    problem: str = ""  # set when the whole file was refused
    saved: int = 0

    saved_line: ClassVar[str] = "{saved} rows were added."
    # Said when a file had rows but none was valid or rejected; None says nothing.
    empty_line: ClassVar[str | None] = None

    def lines(self) -> list[str]:
        """The report in plain words, one line each, for the dashboard to show (escaped)."""
        if self.problem:
            return [f"Nothing was imported. {self.problem}"]
        lines = []
        if self.saved:
            lines.append(self.saved_line.format(saved=self.saved))
        elif self.valid:
            lines.append(f"{len(self.valid)} rows are ready to add.")
        if self.rejected:
            lines.append(
                f"{len(self.rejected)} rows were rejected (row numbers as in a spreadsheet, "
                "headings are row 1):"
            )
            lines += [f"Row {r.number}: {r.reason}" for r in self.rejected]
        if self.empty_line and not self.valid and not self.rejected:
            lines.append(self.empty_line)
        return lines


def check_rows(
    report: ImportReport,
    rows: Iterable[Row],
    *,
    validate: Callable[[dict[str, str]], Any],
    key: Callable[[Any], Hashable],
    taken: Callable[[Hashable, Any], str | None],
    repeats: Callable[[int, Any], str],
) -> ImportReport:
    """Sort rows into valid and rejected: checks, then duplicates of stored items, then repeats.

    ``taken`` gives the reason an item clashes with one already stored (None if
    it does not); ``repeats`` the reason it repeats an earlier row of the file.
    """
    seen: dict[Hashable, int] = {}
    for row in rows:
        if "__extra__" in row.values:
            report.rejected.append(Rejected(row.number, EXTRA_CELLS_REASON))
            continue
        try:
            item = validate(row.values)
        except ValidationError as error:
            report.rejected.append(Rejected(row.number, "; ".join(error.messages())))
            continue
        k = key(item)
        clash = taken(k, item)
        if clash is not None:
            report.rejected.append(Rejected(row.number, clash))
        elif k in seen:
            report.rejected.append(Rejected(row.number, repeats(seen[k], item)))
        else:
            seen[k] = row.number
            report.valid.append((row.number, item))
    return report


def save_valid(report: ImportReport, add: Callable[[list], Sequence]) -> ImportReport:
    """Add every valid row together with ``add``; if someone else got there first, say so."""
    if report.problem or not report.valid:
        return report
    try:
        saved = add([item for _, item in report.valid])
    except ValidationError as error:
        # Someone added the same item while this file was being checked.
        report.problem = "Another change arrived while importing: " + "; ".join(error.messages())
        return report
    report.saved = len(saved)
    return report
