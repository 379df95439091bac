"""Directory CSV: whole-file checks, reasons row by row, and exports a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from connecting_people.common.csvtools import safe_cell
from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.community import csvio, examples

TODAY = date(2026, 10, 1)
HEAD = "name,kind,offers,area,last_checked"


def check(text: str | bytes, existing=None):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return csvio.check_csv(data, existing=existing or [], today=TODAY)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        (HEAD + "\n", "no rows"),
        (HEAD + ",colour\nA,group,x,N,2026-01-01,red\n", "Unknown columns: colour"),
        ("name,kind,offers,area\nA,group,x,N\n", "Required columns are missing: last_checked"),
        (HEAD + ",name\nA,group,x,N,2026-01-01,B\n", "more than once: name"),
        (HEAD + ",\nA,group,x,N,2026-01-01,\n", "(blank heading)"),
    ],
)
def test_whole_file_problems_stop_the_import(text, words):
    report = check(text)
    assert words in report.problem
    assert not report.valid and not report.rejected
    assert report.lines()[0].startswith("Nothing was imported.")


def test_binary_and_huge_files_are_refused():
    assert "does not look like a CSV" in check(b"\x89PNG\x00\x00\x00").problem
    assert "limit" in check(b"a" * (UPLOAD_LIMIT_BYTES + 1)).problem


def test_rows_are_checked_one_by_one_with_spreadsheet_row_numbers():
    text = "\n".join([
        HEAD + ",cost",
        "Walking Friends,group,Walks,Northgate,2026-09-01,Free",
        ",group,No name,Northgate,2026-09-01,",
        "Cafe,pub,Coffee,Northgate,2026-09-01,",
        "Library,place,Books,Northgate,2031-01-01,",
        "walking friends,group,Again,NORTHGATE,2026-09-02,",
        "Choir,group,Songs,Riverside,2026-09-01,Free,extra",
        "",
        "Choir,group,Songs,Riverside,01/09/2026,Free",
    ])
    report = check(text)
    assert [n for n, _ in report.valid] == [2, 9]
    reasons = {r.number: r.reason for r in report.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "Name: this is required" in reasons[3]
    assert "'pub' is not a kind" in reasons[4]
    assert "in the future" in reasons[5]
    assert "repeats row 2" in reasons[6]
    assert "more cells than there are headings" in reasons[7]
    lines = report.lines()
    assert lines[0] == "2 rows are ready to add." and "Row 3: Name" in lines[2]


def test_rows_already_in_the_directory_are_rejected_not_changed():
    report = check(HEAD + "\nNorthgate Walking Friends,group,x,Northgate,2026-09-01\n",
                   existing=examples.entries())
    assert not report.valid
    assert "already in the directory (entry 1)" in report.rejected[0].reason


def test_headings_may_be_labels_and_windows_encoding_is_read():
    text = "Name,Kind,What it offers,Area,Last checked,Cost\n" \
           "Caf\xe9 Club,Group or club,Tea,Northgate,2026-09-01,\xa32\n"
    report = check(text.encode("cp1252"))
    assert report.problem == "" and not report.rejected
    assert report.valid[0][1].name == "Café Club" and report.valid[0][1].cost == "£2"


@pytest.mark.parametrize("value", ["=1+1", "+44 1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_are_quoted(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("plain") == "plain" and safe_cell(None) == ""


def test_export_is_safe_and_can_be_checked_again():
    entries = examples.entries()
    hostile = entries[0].resource.__class__(**{**entries[0].resource.__dict__,
                                              "notes": '=HYPERLINK("http://x")'})
    entries[0] = entries[0].__class__(**{**entries[0].__dict__, "resource": hostile})
    text = csvio.export_csv(entries)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(entries)
    assert rows[0]["notes"].startswith("'=")
    assert all(not v.startswith(("=", "+", "@")) for row in rows for v in row.values())
    # Importing an export back is understood (id and status are ignored), and every row is a
    # duplicate of what is there, so nothing would be added twice.
    again = csvio.check_csv(text.encode(), existing=entries, today=TODAY)
    assert again.problem == "" and not again.valid
    assert len(again.rejected) == len(entries)


def test_the_template_has_only_headings():
    rows = list(csv.reader(io.StringIO(csvio.template_csv())))
    assert rows == [["name", "kind", "offers", "suits", "area", "access", "cost", "contact",
                     "last_checked", "notes"]]
