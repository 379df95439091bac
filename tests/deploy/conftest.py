"""The deploy tier's fixtures: ONE JupyterHub for the whole test run, on loopback.

The Hub is started the way a person starts it, with ``connecting-people hub``
(demo sign-in, local processes), once per session, because a Hub and its
users' servers take seconds to start on a two-core machine. The SIGTERM test
stops it, so it runs last (see ``pytest_collection_modifyitems``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from connecting_people.paths import NODE_MODULES_DIR, REPO_ROOT
from tests.conftest import free_port

SPAWN_TIMEOUT = 120  # the Spawner's own start_timeout in the local configuration
PAGE_SECONDS = 120  # in all, for one page (a dashboard runs its notebook in a new kernel)
LAST_MODULE = "test_hub_sigterm.py"


def pytest_collection_modifyitems(session, config, items):
    # The SIGTERM test stops the shared Hub: run it after every other test.
    last = [item for item in items if item.path.name == LAST_MODULE]
    items[:] = [item for item in items if item.path.name != LAST_MODULE] + last


@pytest.fixture(autouse=True)
def _no_team_scope_left_behind():
    """A dashboard built here sets the kernel-wide team scope; later tests must not inherit it."""
    from connecting_people.store import row_security

    yield
    row_security.reset_team_scope()


def _need(module: str) -> None:
    try:
        __import__(module)
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is missing: the `hub` extra must be installed in CI")
        pytest.skip(f"{module} is not installed (pip install -e '.[hub,hub-choices]')")


def _ensure_proxy() -> Path:
    proxy = NODE_MODULES_DIR / ".bin" / "configurable-http-proxy"
    if not proxy.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install configurable-http-proxy (package.json)")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=REPO_ROOT, check=True
        )
    return proxy


def process_tree(root: int) -> dict[int, str]:
    """Every live descendant of ``root`` (pid -> start time), read from /proc."""
    children: dict[int, list[int]] = {}
    starts: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] == "Z":
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        starts[int(entry.name)] = fields[19]
    found: dict[int, str] = {}
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found[child] = starts[child]
            todo.append(child)
    return found


def still_running(processes: dict[int, str]) -> list[int]:
    """The pids in ``processes`` that are alive and not zombies (same start time)."""
    alive = []
    for pid, start in processes.items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and fields[19] == start:
            alive.append(pid)
    return alive


@dataclass
class RunningHub:
    url: str
    process: subprocess.Popen
    state_dir: Path
    log: Path
    database_url: str
    started_servers: set[str] = field(default_factory=set)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def log_messages(self) -> list[str]:
        """The message of every log line: JSON lines (common/logs.py) read, others as they are."""
        messages = []
        for line in self.log_text().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                messages.append(line)
                continue
            messages.append(record.get("message", "") if isinstance(record, dict) else line)
        return messages

    def session(self, user: str):
        """A requests session signed in as ``user`` (demo password)."""
        from connecting_people.hub import client  # needs requests, checked by the fixture

        return client.sign_in(self.url, user)

    def get(self, session, path: str, seconds: float = PAGE_SECONDS, **kwargs):
        """GET a Hub page with an overall deadline (``requests``' timeout is per read)."""
        from connecting_people.hub import client

        return client.get_within(session, f"{self.url}{path}", seconds, **kwargs)

    def start_server(self, user: str):
        """Sign in as ``user``, start their server, wait until it is ready; return the session."""
        from connecting_people.hub import client

        session = self.session(user)
        if user not in self.started_servers:
            client.request_server(session, self.url, user)
        client.wait_until_ready(session, self.url, SPAWN_TIMEOUT,
                                still_running=lambda: self.process.poll() is None)
        self.started_servers.add(user)
        return session

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                return self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="session")
def hub(tmp_path_factory) -> RunningHub:
    """``connecting-people hub`` on a free loopback port, for the whole session."""
    _need("jupyterhub")
    _need("requests")
    _ensure_proxy()
    state = tmp_path_factory.mktemp("hub")
    log = state / "hub.log"
    port = free_port()
    # tests/conftest.py points every test run at a throw-away SQLite store.
    database_url = os.environ["CONNECTING_PEOPLE_DATABASE_URL"]
    from connecting_people.hub.client import hub_command

    command = hub_command(port, state / "state")
    with log.open("wb") as out:
        # A session of its own, so a failed test can still kill everything it left.
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = RunningHub(f"http://127.0.0.1:{port}", process, state, log, database_url)
    import requests

    from connecting_people.hub.client import get_within

    deadline = time.monotonic() + 90
    while True:
        try:
            if get_within(requests.Session(), f"{running.url}/hub/api/", 5).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            running.stop()
            pytest.fail(f"The Hub did not start:\n{running.log_text()[-3000:]}")
        time.sleep(0.3)
    yield running
    tree = process_tree(process.pid)
    running.stop()
    for pid in still_running(tree):
        os.kill(pid, signal.SIGKILL)
