"""The static page and Python score every audit the same way (and refuse the same files).

Python computes results for the shared hand-worked cases plus 300 seeded random
audits and 150 random pairs of audits; ``node --test`` then runs
tests/js/fidelity_parity.test.mjs, which recomputes each with scoring.js and
requires deep equality. One pytest run covers both languages.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import asdict
from pathlib import Path

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.compare import compare_audits
from connecting_people.fidelity.model import AuditFileError, audit_to_document, load_audit
from connecting_people.fidelity.rules import score_audit
from tests.parity.node import run_node_tests

JS_DIR = Path(__file__).parents[1] / "js"
CASES = json.loads((JS_DIR / "fidelity_cases.json").read_text())
CHECKLIST = load_checklist()


def random_answers(rng: random.Random) -> dict:
    # Skewed so that ties, "cannot rate" and half-empty audits all come up often.
    style = rng.choice(["full", "sparse", "mostly_unrated", "ties"])
    answers = {}
    for item_id in CHECKLIST.item_ids:
        roll = rng.random()
        if style == "ties":
            answers[item_id] = rng.choice([2, 3])
        elif style == "sparse" and roll < 0.5:
            continue
        elif style == "mostly_unrated" and roll < 0.7:
            answers[item_id] = None
        else:
            answers[item_id] = rng.choice([None, 1, 2, 3, 4, 5, 5, 4, 3])
    return answers


def python_file_result(text: str) -> tuple[list[str], dict | None]:
    try:
        audit = load_audit(text, CHECKLIST)
    except AuditFileError as error:
        return sorted({p.code for p in error.problems}), None
    document = audit_to_document(audit)
    for key in ("format", "version"):
        document.pop(key)
    document["team"] = asdict(audit.team)
    return [], document


@pytest.fixture(scope="module")
def parity_file(tmp_path_factory) -> Path:
    rng = random.Random(20261126)
    scoring = [{"name": c["name"], "answers": c["answers"]} for c in CASES["scoring"]]
    scoring += [{"name": f"random {n}", "answers": random_answers(rng)} for n in range(300)]
    for case in scoring:
        case["python"] = score_audit(CHECKLIST, case["answers"]).to_dict()
    comparisons = [{"name": c["name"], "previous": c["previous"], "current": c["current"]}
                   for c in CASES["comparisons"]]
    comparisons += [{"name": f"random pair {n}", "previous": random_answers(rng),
                     "current": random_answers(rng)} for n in range(150)]
    for case in comparisons:
        case["python"] = compare_audits(CHECKLIST, case["previous"], case["current"]).to_dict()
    files = []
    for case in CASES["files"]:
        codes, audit = python_file_result(case["text"])
        files.append({"name": case["name"], "text": case["text"], "python_codes": codes,
                      "python_audit": audit})
    path = tmp_path_factory.mktemp("parity") / "fidelity_parity.json"
    path.write_text(json.dumps({"checklist": CHECKLIST.data, "scoring": scoring,
                                "comparisons": comparisons, "files": files}))
    return path


@pytest.mark.parametrize("case", CASES["files"], ids=lambda case: case["name"])
def test_python_accepts_and_refuses_the_shared_files(case):
    codes, _ = python_file_result(case["text"])
    assert codes == case["expect_codes"]


def test_javascript_agrees_with_python(parity_file: Path):
    env = dict(os.environ, FIDELITY_PARITY_FILE=str(parity_file))
    run_node_tests(JS_DIR / "fidelity_parity.test.mjs", env=env)
