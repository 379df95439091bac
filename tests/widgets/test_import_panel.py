"""The one import panel and its file picker: the size limit, a file at the limit, row reports."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from connecting_people.common.files import size_problem, write_private
from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.community.dashboard import DirectoryDashboard
from connecting_people.dashboards.file_picker import FilePicker

HEADER = b"name,kind,offers,area,last_checked\n"
ROW = b"Choir,group,Singing,Riverside,2026-09-01\n"
LIMIT_MESSAGE = ("big.csv is 5.0 MB; the largest file you can import is 5.0 MB. "
                 "It was not imported.")


@pytest.fixture
def board(fresh_engine):
    return DirectoryDashboard(fresh_engine, team="Team", today=date(2026, 10, 1))


def padded_to(size: int) -> bytes:
    """A valid CSV of exactly ``size`` bytes: one row, then a long notes cell."""
    header = b"name,kind,offers,area,last_checked,notes\n"
    row = b"Choir,group,Singing,Riverside,2026-09-01,"
    return header + row + b"x" * (size - len(header) - len(row))


def test_the_browser_gets_the_limit_and_its_script_checks_it_before_sending():
    picker = FilePicker()
    assert picker.limit_bytes == UPLOAD_LIMIT_BYTES == 5 * 1024 * 1024
    assert "file.size > limit" in picker._esm
    assert "the largest file you can import is" in picker._esm


def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_message(board):
    board.upload.receive([], refused=[("big.csv", UPLOAD_LIMIT_BYTES + 1)])
    assert board.import_report.value == (
        f'<div class="cp-message cp-error" role="alert">{LIMIT_MESSAGE}</div>'
    )
    assert board.import_button.disabled


def test_a_file_sent_over_the_limit_anyway_is_refused_by_python_too(board):
    board.upload.receive([("big.csv", padded_to(UPLOAD_LIMIT_BYTES + 1))])
    assert LIMIT_MESSAGE in board.import_report.value
    assert board.import_button.disabled


def test_a_file_exactly_at_the_limit_is_accepted_and_passed_on():
    assert size_problem("big.csv", UPLOAD_LIMIT_BYTES) is None
    picker = FilePicker()
    seen = []
    picker.on_files(lambda files, refused: seen.append(([n for n, _ in files], refused)))
    picker.receive([("big.csv", padded_to(UPLOAD_LIMIT_BYTES))])
    assert seen == [(["big.csv"], [])]


def test_the_report_is_row_by_row(board):
    board.upload.receive([("f.csv", HEADER + ROW + b"Cafe,pub,Coffee,Riverside,2026-09-01\n")])
    assert "Row 3" in board.import_report.value
    assert board.import_button.description == "Add the 1 valid rows"


def test_exported_files_are_private_to_their_owner(tmp_path):
    path = write_private(tmp_path / "out" / "export.csv", "a,b\n")
    assert path.read_text(encoding="utf-8") == "a,b\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
