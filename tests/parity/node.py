"""Node for the parity tests: found, or the test is skipped on a machine without it (never in CI).

Every rule the browser and Python both compute is checked by running the
browser's copy under Node on shared cases. CI installs Node, so there a
missing Node fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# A bound on a hung Node process, not a wait: each of these runs takes about a second.
NODE_RUN_LIMIT_S = 120


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: the JavaScript parity tests must run in CI")
        pytest.skip("node is not installed, so the JavaScript side cannot be checked here")
    return node


def run_node_tests(test_file: Path, env: dict[str, str] | None = None) -> None:
    """Run one ``node --test`` file; it must pass with nothing failed or skipped."""
    result = subprocess.run([node_or_skip(), "--test", str(test_file)], capture_output=True,
                            text=True, env=env, timeout=NODE_RUN_LIMIT_S)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# skipped 0" in result.stdout and "# fail 0" in result.stdout, result.stdout[-3000:]
