"""Fixtures for the training-room tier: the real ``connecting-people room`` command on loopback.

Each room here is small (the lightest dashboard, two places) and culls a
departed page's kernel after a few seconds, so the tests stay quick; they wait
on what the room reports, never on fixed sleeps.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message

import psutil
import pytest

from connecting_people.paths import REPO_ROOT
from connecting_people.serving.launch import STATUS_PATH
from tests.conftest import free_port

ROOM_DASHBOARD = "study_overview"
PLACES = 2
CULL_AFTER = 3
READY_WITHIN = 300  # seconds for a small room to warm up on a busy two-core machine


@dataclass
class Room:
    process: subprocess.Popen
    port: int
    lines: list[str] = field(default_factory=list)
    code: str = ""
    _queue: queue.Queue = field(default_factory=queue.Queue)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def read_until(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            if line is None:
                break
            self.lines.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"the room never printed {pattern!r}; it printed: {self.lines}")

    def drain(self) -> None:
        """Keep what the room has printed so far (for messages when a test fails)."""
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                return
            if line is None:
                return
            self.lines.append(line)

    def status(self) -> dict:
        request = urllib.request.Request(  # noqa: S310 - always our loopback room
            self.url + STATUS_PATH, headers={"Authorization": f"token {self.code}"})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return json.loads(response.read())

    def wait_for_status(self, check, timeout: float, what: str) -> dict:
        deadline = time.monotonic() + timeout
        status = self.status()
        while not check(status):
            if time.monotonic() > deadline:
                self.drain()
                log = "\n".join(self.lines[-80:])
                raise AssertionError(
                    f"the room never reached: {what}; last status {status}; its log ends:\n{log}")
            time.sleep(0.25)
            status = self.status()
        return status

    def kernel_processes(self) -> list[psutil.Process]:
        return [child for child in psutil.Process(self.process.pid).children(recursive=True)
                if "ipykernel" in " ".join(child.cmdline())]


def _pump(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)


def start_command(arguments: list[str], port: int) -> Room:
    """``connecting-people`` with these arguments, its output read line by line."""
    env = dict(os.environ)
    command = [sys.executable, "-m", "connecting_people.cli", *arguments, "--port", str(port)]
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    room = Room(process=process, port=port)
    threading.Thread(target=_pump, args=(process.stdout, room._queue), daemon=True).start()
    return room


def start_room(extra: list[str] | None = None) -> Room:
    port = free_port()
    room = start_command(["room", ROOM_DASHBOARD, "--people", str(PLACES),
                          "--cull-after", str(CULL_AFTER), *(extra or [])], port)
    room.code = room.read_until(r"^Room code: (\S+)$", READY_WITHIN).group(1)
    room.read_until(r"Press Ctrl\+C", 30)
    return room


def stop(room: Room) -> None:
    if room.process.poll() is None:
        room.process.terminate()
        try:
            room.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            room.process.kill()
            room.process.wait()
    room.process.stdout.close()


@pytest.fixture(scope="module")
def room():
    """A room of two places on the study dashboard, ready, with its code read from its output."""
    room = start_room()
    yield room
    stop(room)


def http_get(url: str, **headers) -> tuple[int, str, Message]:
    """Status, body and headers, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers
