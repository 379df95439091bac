"""The capacity planner's two copies of its rules (Python and the browser's JS) agree exactly.

The shared cases in tests/js/capacity_cases.json, plus a few hundred random
plans, go through ``rules.plan``; the answers are handed to the JavaScript
tests under ``node --test``, which compute their own and compare every field,
message included. One pytest run covers both languages.
"""

from __future__ import annotations

import json
import os
import random
import subprocess

from connecting_people.capacity import rules
from connecting_people.paths import REPO_ROOT
from tests.parity.node import NODE_RUN_LIMIT_S, node_or_skip

JS_TEST = REPO_ROOT / "tests" / "js" / "capacity_planner.test.mjs"
CASES = REPO_ROOT / "tests" / "js" / "capacity_cases.json"


def shared_cases() -> list[dict]:
    data = json.loads(CASES.read_text(encoding="utf-8"))
    assert data["format"] == "connecting-people/capacity-parity-cases" and data["version"] == 1
    return data["cases"]


def random_cases(count: int, seed: int = 20261126) -> list[dict]:
    """Plans a team might type, and some it should not, drawn from every field's range."""
    rng = random.Random(seed)
    spec = rules.load_spec()["fields"]
    cases = []
    for index in range(count):
        inputs = {}
        for key, field in spec.items():
            if field["kind"] == "half":
                value = rng.randint(0, field["max"] * 2) / 2
                inputs[key] = value if rng.random() < 0.7 else str(value)
            else:
                inputs[key] = rng.randint(field["min"], field["max"] // (1 if index % 3 else 20))
        if index % 25 == 0:
            inputs[rng.choice(list(spec))] = rng.choice(["", "x", -1, 10_000, 1.25, "2.5"])
        cases.append({"name": f"random {index}", "inputs": inputs})
    return cases


def _run_node(node: str, payload: list[dict], tmp_path) -> subprocess.CompletedProcess:
    answers = tmp_path / "parity.json"
    answers.write_text(json.dumps(payload), encoding="utf-8")
    env = dict(os.environ, CP_CAPACITY_PARITY=str(answers))
    return subprocess.run(
        [node, "--test", str(JS_TEST)], capture_output=True, text=True, env=env,
        timeout=NODE_RUN_LIMIT_S,
    )


def test_browser_rules_match_python_on_shared_and_random_cases(tmp_path):
    node = node_or_skip()
    cases = shared_cases() + random_cases(400)
    payload = [{**case, "python": rules.plan(case["inputs"])} for case in cases]
    assert any(p["python"]["ok"] and p["python"]["fits"] for p in payload)
    assert any(p["python"]["ok"] and not p["python"]["fits"] for p in payload)
    assert any(not p["python"]["ok"] for p in payload)
    result = _run_node(node, payload, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# skipped 0" in result.stdout, result.stdout[-2000:]


def test_parity_check_fails_when_the_copies_differ(tmp_path):
    node = node_or_skip()
    case = shared_cases()[0]
    answer = rules.plan(case["inputs"])
    answer["capacity_minutes"] += 1  # what a drifted copy of the rules would look like
    result = _run_node(node, [{**case, "python": answer}] * 21, tmp_path)
    assert result.returncode != 0
    assert "capacity_minutes" in result.stdout
