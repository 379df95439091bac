"""The unit tier's collection check catches each kind of slow tool, and lets pure tests through."""

import pytest

from tests.unit.conftest import slow_tools_used


@pytest.mark.parametrize(("source", "reason"), [
    ("import subprocess", "imports subprocess (starts a process)"),
    ("from multiprocessing import Process", "imports multiprocessing (starts processes)"),
    ("from sphinx.application import Sphinx", "imports sphinx.application (builds with Sphinx)"),
    ("from playwright.sync_api import sync_playwright",
     "imports playwright.sync_api (drives a browser)"),
    ("import time\ntime.sleep(1)", "calls time.sleep (sleeps)"),
    ("from time import sleep", "imports time.sleep (sleeps)"),
])
def test_each_slow_tool_is_named(source, reason):
    assert reason in slow_tools_used(source)


def test_a_pure_test_passes():
    source = "import json\nfrom datetime import date\nimport time\ntime.monotonic()"
    assert slow_tools_used(source) == []
