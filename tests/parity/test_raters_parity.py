"""Two raters agree the same way on the static page and in Python.

tests/js/raters_cases.json holds hand-worked cases. Python's raters.py must
give exactly those results here; then ``node --test`` runs
tests/js/raters_parity.test.mjs, which checks raters.js (as the widget bundle
ships it) against the same cases with the real checklist passed in.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import audit_from_document, audit_to_document
from connecting_people.fidelity.raters import RatersError, agree, compare_raters
from tests.parity.node import run_node_tests

JS_DIR = Path(__file__).parents[1] / "js"
CASES = json.loads((JS_DIR / "raters_cases.json").read_text(encoding="utf-8"))["cases"]
CHECKLIST = load_checklist()
FIRST_SIX = CHECKLIST.item_ids[:6]


def _first_six(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if key in FIRST_SIX}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_python_meets_the_hand_worked_cases(case):
    first = audit_from_document(case["first"], CHECKLIST)
    second = audit_from_document(case["second"], CHECKLIST)
    if case["expect"]["problems"]:
        with pytest.raises(RatersError) as error:
            compare_raters(CHECKLIST, first, second)
        assert error.value.problems == case["expect"]["problems"]
    else:
        got = compare_raters(CHECKLIST, first, second)
        assert {
            "problems": [],
            "to_discuss": [{"item_id": d.item_id, "first": d.first, "second": d.second,
                            "first_note": d.first_note, "second_note": d.second_note}
                           for d in got.to_discuss],
            "both_rated": got.both_rated, "within_one": got.within_one,
            "one_rated": list(got.one_rated), "neither_rated": len(got.neither_rated),
            "agreement_percent": got.agreement_percent, "sentence": got.agreement_sentence(),
            "proposed": _first_six(got.proposed),
        } == case["expect"]
    first_name, second_name = case["names"]
    if case["agreed"]["problems"]:
        with pytest.raises(RatersError) as error:
            agree(CHECKLIST, first, second, case["decisions"], first_name=first_name,
                  second_name=second_name)
        assert error.value.problems == case["agreed"]["problems"]
        return
    result = agree(CHECKLIST, first, second, case["decisions"], first_name=first_name,
                   second_name=second_name)
    document = audit_to_document(result.agreed)
    assert {
        "problems": [], "answers": _first_six(document["answers"]),
        "item_notes": document["item_notes"], "date": document["date"],
        "participants": document["participants"], "notes": document["notes"],
        "agreed_from": document["agreed_from"], "settled": list(result.settled),
    } == case["agreed"]
    # The agreed file opens again with both originals named; the originals are unchanged.
    assert audit_from_document(document, CHECKLIST).agreed_from == result.agreed.agreed_from
    assert audit_to_document(result.first) == audit_to_document(first)


def test_an_audit_file_without_agreed_from_still_opens_and_saves_as_before():
    document = CASES[0]["first"]
    audit = audit_from_document(document, CHECKLIST)
    assert audit.agreed_from == ()
    assert "agreed_from" not in audit_to_document(audit)


def test_a_bad_agreed_from_is_refused_with_a_message():
    document = dict(CASES[0]["first"], agreed_from=[{"audit_id": "not-an-id", "rater": "A"}])
    with pytest.raises(ValueError, match="agreed_from"):
        audit_from_document(document, CHECKLIST)


def test_javascript_meets_the_same_cases():
    env = dict(os.environ, FIDELITY_CHECKLIST_JSON=json.dumps(CHECKLIST.data))
    run_node_tests(JS_DIR / "raters_parity.test.mjs", env=env)
