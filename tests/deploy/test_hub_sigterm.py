"""SIGTERM to ``connecting-people hub`` leaves no process behind. Runs last: it stops the Hub."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.deploy.conftest import process_tree, still_running

pytestmark = pytest.mark.deploy


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:  # it ended between the listing and now
        return ""


def test_sigterm_stops_the_hub_the_proxy_every_server_and_kernel(hub):
    session = hub.start_server("south-worker")
    page = hub.get(session, "/user/south-worker/voila/render/study_overview.ipynb")
    assert page.status_code == 200
    tree = process_tree(hub.process.pid)
    commands = " ".join(command_line(pid) for pid in tree)
    for part in [
        "jupyterhub",
        "configurable-http-proxy",
        "jupyterhub-singleuser",
        "ipykernel_launcher",
        "jupyterhub_idle_culler",
    ]:
        assert part in commands

    hub.process.send_signal(signal.SIGTERM)
    assert hub.process.wait(timeout=90) == 0
    deadline = time.monotonic() + 30
    while still_running(tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert still_running(tree) == []
