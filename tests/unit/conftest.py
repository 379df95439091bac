"""The unit tier stays fast and pure: collection fails if a unit test reaches for a slow tool.

A unit test may not start a process, build the book, drive a browser, start a
server or sleep. Those belong in tests/build, tests/parity, tests/race or
tests/browser. The check reads each unit test module's source when the tier
is collected, so a misplaced test fails before anything runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

# Modules whose import means a test is not a unit test.
FORBIDDEN_MODULES = {
    "subprocess": "starts a process",
    "multiprocessing": "starts processes",
    "sphinx": "builds with Sphinx",
    "jupyter_book": "builds the book",
    "playwright": "drives a browser",
    "http.server": "starts a server",
    "socketserver": "starts a server",
}
# Fixtures from tests/conftest.py that start a build, a server or a browser.
FORBIDDEN_FIXTURES = {
    "built_book", "site_url", "voila_url", "playwright_browser", "page", "watched_page",
}
UNIT_DIR = Path(__file__).parent


def _only_yields(call: ast.Call) -> bool:
    """``asyncio.sleep(0)`` hands the event loop one turn; it never waits on the clock."""
    return (
        call.func.value.id == "asyncio"
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value == 0
    )


def slow_tools_used(source: str) -> list[str]:
    """Why a unit test module does not belong in the unit tier (empty when it does)."""
    reasons = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        for name in names:
            for module, what in FORBIDDEN_MODULES.items():
                if name == module or name.startswith(f"{module}."):
                    reasons.append(f"imports {name} ({what})")
            if name in {"time.sleep", "asyncio.sleep"}:
                reasons.append(f"imports {name} (sleeps)")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "sleep"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"time", "asyncio"}
            and not _only_yields(node)
        ):
            reasons.append(f"calls {node.func.value.id}.sleep (sleeps)")
    return sorted(set(reasons))


def pytest_collection_modifyitems(config, items):
    problems = {}
    for item in items:
        path = Path(str(item.path))
        if UNIT_DIR not in path.parents:
            continue
        reasons = list(slow_tools_used(path.read_text(encoding="utf-8")))
        reasons += [f"uses the {name} fixture" for name in item.fixturenames
                    if name in FORBIDDEN_FIXTURES]
        if reasons:
            problems[path.name] = sorted(set(problems.get(path.name, [])) | set(reasons))
    if problems:
        lines = [f"  {name}: {'; '.join(reasons)}" for name, reasons in sorted(problems.items())]
        raise pytest.UsageError(
            "These tests are in the unit tier but are not unit tests; move them to "
            "tests/build, tests/parity, tests/race or tests/browser:\n" + "\n".join(lines)
        )


def run_in_own_loop(coroutine):
    """Run ``coroutine`` to the end in a thread of its own, with an event loop of its own.

    A session fixture of another tier (Playwright's sync API) may hold a running loop on
    the main thread for the whole run, and ``asyncio.run`` refuses to start beside it.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
