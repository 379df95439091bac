"""A directory CSV exactly at the upload limit (5 MiB) imports into the store, on both engines.

The browser and the import panel let a file of exactly UPLOAD_LIMIT_BYTES
through (common/limits.py), so the CSV reader and the store must take it too;
one byte more is refused with the limit named.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.community import csvio, store

TODAY = date(2026, 10, 1)
HEADINGS = ["name", "kind", "offers", "suits", "area", "access", "cost", "contact",
            "last_checked", "notes"]
ROWS = 1_900  # few rows (each near its fields' limits), so the store's part stays quick


def sheet(notes_total: int) -> bytes:
    """ROWS fictional entries whose notes add up to ``notes_total`` characters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADINGS)
    for number in range(ROWS):
        notes = notes_total // ROWS + (1 if number < notes_total % ROWS else 0)
        writer.writerow([f"Group {number:04d} " + "g" * 100, "group", "o" * 600, "s" * 400,
                         f"Area {number % 50}", "a" * 400, "c" * 80, "t" * 200, "2026-09-01",
                         "n" * notes])
    return buffer.getvalue().encode("ascii")


def exactly_at_the_limit() -> bytes:
    data = sheet(0)
    data = sheet(UPLOAD_LIMIT_BYTES - len(data))
    assert len(data) == UPLOAD_LIMIT_BYTES
    return data


def test_a_directory_file_at_the_limit_imports_every_row(fresh_engine):
    # On both engines: the rows go in as one statement and their history as a few
    # (store/versioned.insert_many). One statement and savepoint a row took 7 s on
    # PostgreSQL on a quiet machine and 45 s on a busy one; now about 1 s.
    engine = store.open_store(fresh_engine)
    report = csvio.import_csv(engine, "north", exactly_at_the_limit(), today=TODAY, user="nora")
    assert (report.problem, report.rejected, report.saved) == ("", [], ROWS)
    stored = store.list_resources(engine, "north")
    assert len(stored) == ROWS
    # Every entry has its one "added" version in the history, by the importer.
    history = store.entry_history(engine, stored[-1].id)
    assert [(item.version, item.action, item.changed_by) for item in history] == [
        (1, "added", "nora")]


def test_one_byte_over_the_limit_is_refused_whole():
    report = csvio.check_csv(exactly_at_the_limit() + b"n", existing=[], today=TODAY)
    assert report.problem == (
        f"The file is {(UPLOAD_LIMIT_BYTES + 1) // 1000} kB; the limit is "
        f"{UPLOAD_LIMIT_BYTES // 1000} kB. Split it into smaller files."
    )
    assert report.valid == []
