"""Spreadsheet-safe CSV is the same rule in Python and on the static page.

common/csvtools.py (safe_cell, write_csv) must give tests/js/csv_cells_cases.json
exactly; then ``node --test`` checks fidelity/csv_cells.js on the same cases.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connecting_people.common.csvtools import safe_cell, write_csv
from tests.parity.node import run_node_tests

JS_DIR = Path(__file__).parents[1] / "js"
CASES = json.loads((JS_DIR / "csv_cells_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["cells"], ids=lambda case: repr(case["value"]))
def test_python_makes_each_cell_safe_as_the_cases_say(case):
    assert safe_cell(case["value"]) == case["safe"]


@pytest.mark.parametrize("case", CASES["documents"], ids=lambda case: ",".join(case["columns"]))
def test_python_writes_each_document_as_the_cases_say(case):
    assert write_csv(case["columns"], case["rows"]) == case["csv"]


def test_javascript_meets_the_same_cases():
    run_node_tests(JS_DIR / "csv_cells.test.mjs")
