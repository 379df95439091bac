"""SIGTERM (what a service manager sends) to serve, dashboards or room leaves nothing running."""

from __future__ import annotations

import signal
import time

import psutil
import pytest

from tests.conftest import free_port
from tests.room.conftest import start_command, stop

pytestmark = pytest.mark.room

KERNELS_WITHIN = 300  # seconds for the first kernel to start on a busy machine


def wait_for_a_kernel(process: psutil.Process) -> list[psutil.Process]:
    deadline = time.monotonic() + KERNELS_WITHIN
    while time.monotonic() < deadline:
        descendants = process.children(recursive=True)
        if any("ipykernel" in " ".join(child.cmdline()) for child in descendants):
            return descendants
        time.sleep(0.5)
    raise AssertionError(f"no kernel started within {KERNELS_WITHIN} s")


def assert_sigterm_leaves_nothing(arguments: list[str]) -> None:
    running = start_command(arguments, free_port())
    try:
        parent = psutil.Process(running.process.pid)
        descendants = wait_for_a_kernel(parent)
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=60) == 0
        _, alive = psutil.wait_procs(descendants, timeout=30)
        assert alive == []
    finally:
        stop(running)


@pytest.mark.parametrize("arguments", [
    ["dashboards"],
    ["room", "study_overview", "--people", "1"],
], ids=["dashboards", "room"])
def test_sigterm_ends_every_child_process(arguments):
    assert_sigterm_leaves_nothing(arguments)


def test_sigterm_to_serve_ends_every_child_process(built_book):
    assert_sigterm_leaves_nothing(["serve", "--dashboard-port", str(free_port())])
