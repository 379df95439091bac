"""The browser and Python compute the same map rules: one set of fixtures, both sides.

Python's answers for every file in ``tests/fixtures/network`` (parsed map,
summary, description, layout, drawing, validation problems, comparisons) are
written to a JSON file; ``node --test`` then runs
``tests/js/network_parity.test.mjs``, which recomputes each answer with
``rules.js``/``draw.js`` and requires them equal. The node run also includes
the JavaScript-only checks in ``tests/js/network_rules.test.mjs``.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from connecting_people.network import compare, describe, summarise
from connecting_people.network.layout import layout
from connecting_people.network.svg import render_pair, render_svg
from connecting_people.network.validate import MapError, loads

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "network"
JS_TESTS = [REPO / "tests" / "js" / "network_parity.test.mjs",
            REPO / "tests" / "js" / "network_rules.test.mjs"]


def _layout(network, size):
    plan = layout(network, size)
    return {
        "circle_r": list(plan.circle_r),
        "sectors": [dataclasses.asdict(s) for s in plan.sectors],
        "placed": [dataclasses.asdict(p) for p in plan.placed],
    }


def python_answers() -> dict:
    valid = {}
    for path in sorted((FIXTURES / "valid").glob("*.json")):
        network = loads(path.read_bytes())
        valid[path.stem] = {
            "map": network.to_dict(),
            "summary": summarise(network),
            "description": describe(network),
            "layout": _layout(network, 640),
            "layout_phone": _layout(network, 360),
            "svg": render_svg(network, id_prefix="t"),
            "svg_phone": render_svg(network, size=360, id_prefix="t"),
        }
    invalid = {}
    for path in sorted((FIXTURES / "invalid").glob("*.json")):
        with pytest.raises(MapError) as caught:
            loads(path.read_bytes())
        invalid[path.name] = caught.value.problems
    pairs = []
    for first_name, second_name in json.loads((FIXTURES / "pairs.json").read_text()):
        first = loads((FIXTURES / "valid" / f"{first_name}.json").read_bytes())
        second = loads((FIXTURES / "valid" / f"{second_name}.json").read_bytes())
        comparison = compare(first, second)
        pairs.append({"first": first_name, "second": second_name, "comparison": comparison,
                      "svgs": list(render_pair(first, second, comparison, id_prefix="p"))})
    return {"valid": valid, "invalid": invalid, "pairs": pairs}


def test_fixtures_cover_every_rule():
    answers = python_answers()
    types = {case["summary"]["network_type"] for case in answers["valid"].values()}
    assert types == {"empty", "mostly_services", "small", "family_centred", "wide_and_active",
                     "mixed"}
    assert len(answers["invalid"]) >= 10
    sentences = " ".join(p["comparison"]["text"] for p in answers["pairs"])
    for phrase in ("New on the map", "No longer on the map", "Moved closer", "Moved further out",
                   "Ties that changed", "different names", "still", "changed from"):
        assert phrase in sentences


def test_javascript_gives_python_answers(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed, so the browser rules cannot be checked")
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps(python_answers(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [node, "--test", *map(str, JS_TESTS)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        env={"NETWORK_PARITY_EXPECTED": str(expected), "PATH": str(Path(node).parent)},
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-6000:]
    assert "# skipped 0" in report and "# fail 0" in report, report[-3000:]
