"""The browser's own tests that need nothing from Python: each runs under Node, in CI too.

Most files in tests/js are run by the parity test of their rule, which hands
them Python's answers. These check the browser's copy against shared case
files by themselves (follow-up, version warnings, run rules) or test a
browser-only piece (the page's widget host, the capacity announcement). The
last test keeps every file in tests/js run by some test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.parity.node import run_node_tests

JS_DIR = Path(__file__).resolve().parents[1] / "js"
SELF_CONTAINED = ["capacity_announcement", "fidelity_versions", "follow_up", "run_chart_parity",
                  "widget_host"]


@pytest.mark.parametrize("name", SELF_CONTAINED)
def test_the_browser_copy_passes_its_own_cases(name):
    run_node_tests(JS_DIR / f"{name}.test.mjs")


def _strings_in_code(path: Path) -> set[str]:
    """The string constants a module's code uses: docstrings and other bare strings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in bare}


def test_every_javascript_test_file_is_run_by_a_test():
    named = set().union(*(_strings_in_code(path) for path in Path(__file__).parent.glob("test_*.py")
                          if path.name != Path(__file__).name))
    unrun = [path.name for path in sorted(JS_DIR.glob("*.test.mjs"))
             if path.name.removesuffix(".test.mjs") not in SELF_CONTAINED
             and path.name not in named]
    assert unrun == []
