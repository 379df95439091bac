"""The static page writes and reads audit CSV files as the dashboards' export writes them.

Python makes a few audits (every kind of answer, a note a spreadsheet would run
as a formula, a note with a comma and a line break) and writes them with
export.items_csv; ``node --test`` then runs tests/js/fidelity_csv.test.mjs,
which requires fidelity/audit_csv.js to write exactly the same text and read
it back as the same audits, and checks its row-by-row reject report.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.export import items_csv
from connecting_people.fidelity.model import Audit, Team, audit_to_document
from tests.parity.node import run_node_tests

JS_DIR = Path(__file__).parents[1] / "js"
CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


def _audits() -> list[Audit]:
    varied = {item_id: [1, 2, 3, 4, 5, None][n % 6] for n, item_id in enumerate(IDS)}
    del varied[IDS[4]]  # not answered
    return [
        Audit(team=Team("Riverside CMHT", "North Trust", "Adult community"),
              date=date(2026, 3, 1), answers=varied,
              item_notes={IDS[0]: "=SUM(A1) in the notes", IDS[1]: "Yes, mostly\nin two lines"},
              audit_id="0b7f3c1e-5d2a-4c6b-9a8e-1f2d3c4b5a69"),
        Audit(team=Team("Riverside CMHT"), date=date(2026, 9, 1), answers=dict.fromkeys(IDS, 4),
              audit_id="1c8f3c1e-5d2a-4c6b-9a8e-1f2d3c4b5a69"),
    ]


def test_python_and_the_page_write_and_read_the_same_csv(tmp_path):
    cases = []
    for n, audit in enumerate(_audits()):
        document = audit_to_document(audit)
        cases.append({"name": f"audit {n + 1}", "document": document,
                      "csv": items_csv([audit], CHECKLIST),
                      "read": {"audit_id": audit.audit_id,
                               "team": {"name": audit.team.name, "trust": audit.team.trust,
                                        "service": audit.team.service},
                               "date": audit.date.isoformat(), "answers": audit.answers,
                               "item_notes": audit.item_notes}})
    path = tmp_path / "csv_parity.json"
    path.write_text(json.dumps({"checklist": CHECKLIST.data, "audits": cases}), encoding="utf-8")
    env = dict(os.environ, FIDELITY_CSV_PARITY_FILE=str(path))
    run_node_tests(JS_DIR / "fidelity_csv.test.mjs", env=env)
