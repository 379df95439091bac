"""``connecting-people room``: a training room's dashboards, warmed up before people arrive.

The trainer runs one command. It starts Voila in room mode with a place for
each participant on each dashboard, prints how far the warm-up has got, then
"Ready", the address and the room code, as text and as a QR code. The room
code is the Jupyter server's own token: every request must carry it (the
address includes it, and the browser keeps it in a cookie after the first
page). Without ``--lan`` the room listens on this computer only.
"""

from __future__ import annotations

import json
import secrets
import socket
import sys
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from connecting_people.paths import DASHBOARDS_DIR
from connecting_people.serving.launch import STATUS_PATH

# Letters and digits that cannot be mistaken for one another when read off a screen.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 10
# What one warm dashboard kernel holds, measured (benchmarks/results/kernel_weight.md).
KERNEL_MIB_ESTIMATE = 100


class RoomError(Exception):
    """Something the trainer can act on, said in plain words."""


def default_dashboards() -> list[str]:
    """The dashboards the training sessions use, in session order, from the session plans."""
    from connecting_people.training.loader import load_sessions

    names: list[str] = []
    for session in load_sessions():
        for activity in session.activities:
            for dashboard in activity.dashboards:
                if dashboard not in names:
                    names.append(dashboard)
    return names


def resolve_dashboards(names: Iterable[str], folder: Path = DASHBOARDS_DIR) -> list[str]:
    """Notebook file names for the names given ("network_map" or "network_map.ipynb")."""
    resolved = []
    for name in names:
        notebook = name if name.endswith(".ipynb") else f"{name}.ipynb"
        if not (folder / notebook).is_file():
            known = ", ".join(sorted(path.stem for path in folder.glob("*.ipynb")))
            raise RoomError(f"There is no dashboard called '{name}'. The dashboards are: {known}.")
        if notebook not in resolved:
            resolved.append(notebook)
    return resolved


def new_room_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def lan_address() -> str:
    """This computer's address on the room's network (no packet is sent to find it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def room_address(host: str, port: int, code: str) -> str:
    return f"http://{host}:{port}/?token={code}"


# Kernels may use this share of the memory free when the room opens; the rest is
# for the system, the server and a browser on the same computer.
MEMORY_SHARE = 0.75


@dataclass(frozen=True)
class RoomPlan:
    """Places on each dashboard, how many of them are kept warm, and the room's kernel cap."""

    places: dict[str, int]
    warm: int
    total: int


def plan_room(notebooks: list[str], people: int, available_bytes: int,
              warm: int | None = None) -> RoomPlan:
    """Fit the room to this computer's memory: every dashboard warm for as many as fit."""
    if people < 1:
        raise RoomError("The room needs at least one person: use --people 1 or more.")
    budget = int(available_bytes / (1024 * 1024) * MEMORY_SHARE / KERNEL_MIB_ESTIMATE)
    if budget < len(notebooks):
        raise RoomError(
            f"This computer has too little memory free for {len(notebooks)} dashboards "
            f"(each needs about {KERNEL_MIB_ESTIMATE} MiB for every person using it). "
            "Close other programs, or name only the dashboards of today's session.")
    total = min(budget, people * len(notebooks))
    kept_warm = warm if warm else min(people, max(1, total // len(notebooks)))
    return RoomPlan({notebook: people for notebook in notebooks}, min(kept_warm, people), total)


def qr_text(address: str) -> str:
    """The address as a QR code drawn with text characters, for the terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(address, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def read_status(port: int, code: str, timeout: float = 5.0) -> dict | None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{STATUS_PATH}", headers={"Authorization": f"token {code}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
            return json.loads(response.read())
    except OSError:
        return None


def progress_line(status: dict) -> str:
    dashboards = status["dashboards"].values()
    ready = sum(entry["ready"] for entry in dashboards)
    places = sum(entry["warm"] for entry in dashboards)
    return f"Warming up: {ready} of {places} places ready"


def is_ready(status: dict | None) -> bool:
    """Every dashboard has as many kernels warm as it should keep warm."""
    if not status or not status["dashboards"]:
        return False
    return all(entry["ready"] >= min(entry["warm"], entry["cap"] - entry["in_use"])
               for entry in status["dashboards"].values())


def wait_until_ready(
    port: int,
    code: str,
    server_alive: Callable[[], bool],
    say: Callable[[str], None],
    poll_seconds: float = 0.5,
) -> dict:
    """Print progress as it changes; return the status once every place is warm."""
    last = None
    while True:
        if not server_alive():
            raise RoomError("The room's server stopped while warming up (see the messages above).")
        status = read_status(port, code)
        if status is not None:
            line = progress_line(status)
            if line != last:
                say(line)
                last = line
            if is_ready(status):
                return status
        time.sleep(poll_seconds)


def announce(address: str, code: str, lan: bool, say: Callable[[str], None] = print,
             throwaway: bool = False) -> None:
    say("Ready.")
    say(f"Room address: {address}")
    say(f"Room code: {code}")
    if lan:
        say("People on this room's network can open the address, or scan this code:")
    else:
        say("This room is open on this computer only (add --lan for the room's network).")
    say(qr_text(address))
    if throwaway:
        say("What people save is kept only until the room closes.")
    say("Press Ctrl+C to close the room.")
    sys.stdout.flush()
