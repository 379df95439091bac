"""Signing in to the Hub and opening pages from a script: the deploy tests and the benchmark.

Both drive the Hub as a person's browser would (sign in with the demo
password, start the server, open a dashboard), so they share this one copy.
Every page GET here has an overall deadline: ``requests``' own timeout is per
read, and a Voila page that trickles out its cells could otherwise keep a
test waiting far longer than its timeout says.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import requests

from connecting_people.hub.demo import DEMO_PASSWORD

PAGE_SECONDS = 120  # a dashboard runs its notebook in a new kernel first
API_SECONDS = 30
POLL_SECONDS = 0.25


def hub_command(port: int, state_dir: Path) -> list[str]:
    """``connecting-people hub`` on loopback ``port``, keeping its state in ``state_dir``."""
    return [sys.executable, "-m", "connecting_people.cli", "hub",
            "--port", str(port), "--state-dir", str(state_dir)]


class HubTimeout(TimeoutError):
    """The Hub did not answer within the deadline."""


def get_within(session: requests.Session, url: str, seconds: float = PAGE_SECONDS,
               **kwargs) -> requests.Response:
    """GET ``url``, giving up (``HubTimeout``) once ``seconds`` have passed in all.

    The body is read in pieces and the clock checked after each, so the
    deadline can be overrun by at most one read (itself capped at ``seconds``).
    """
    deadline = time.monotonic() + seconds
    reply = session.get(url, stream=True, timeout=seconds, **kwargs)
    chunks = []
    try:
        for chunk in reply.iter_content(64 * 1024):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise HubTimeout(f"GET {url} took more than {seconds} s in all")
    finally:
        reply.close()
    reply._content = b"".join(chunks)  # what .text and .json() read
    if time.monotonic() > deadline:
        raise HubTimeout(f"GET {url} took more than {seconds} s in all")
    return reply


def sign_in(url: str, user: str, *, password: str = DEMO_PASSWORD,
            seconds: float = API_SECONDS) -> requests.Session:
    """A session signed in to the Hub at ``url`` as ``user``."""
    session = requests.Session()
    get_within(session, f"{url}/hub/login", seconds).raise_for_status()
    reply = session.post(
        f"{url}/hub/login",
        data={"username": user, "password": password, "_xsrf": session.cookies["_xsrf"]},
        allow_redirects=False,
        timeout=seconds,
    )
    if reply.status_code != 302:
        raise AssertionError(f"sign-in as {user} failed: {reply.status_code}")
    return session


def xsrf_header(session: requests.Session) -> dict[str, str]:
    return {"X-XSRFToken": session.cookies["_xsrf"]}


def request_server(session: requests.Session, url: str, user: str,
                   seconds: float = API_SECONDS) -> int:
    """Ask the Hub to start ``user``'s server; the status (201, 202, or 400 if running)."""
    reply = session.post(f"{url}/hub/api/users/{user}/server", headers=xsrf_header(session),
                         timeout=seconds)
    if reply.status_code not in (201, 202, 400):
        raise AssertionError(f"starting {user}'s server: {reply.status_code} {reply.text}")
    return reply.status_code


def wait_until_ready(session: requests.Session, url: str, seconds: float,
                     still_running=lambda: True) -> None:
    """Poll the Hub until the signed-in user's server is ready, within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = max(1.0, min(API_SECONDS, deadline - time.monotonic()))
        model = get_within(session, f"{url}/hub/api/user", left,
                           headers=xsrf_header(session)).json()
        if model["servers"].get("", {}).get("ready"):
            return
        if not still_running():
            raise AssertionError("the Hub stopped while a server was starting")
        time.sleep(POLL_SECONDS)
    raise HubTimeout(f"the server was not ready in {seconds} s")
