"""How long do people wait for a dashboard on the Trust Hub, and how much memory does each use?

Starts ``connecting-people hub`` (demo sign-in, local servers) on loopback,
then N simulated users (20 by default, team north) sign in, start their
server and open a dashboard, a few at a time. For each user it times sign-in
to the dashboard's page having been fully rendered by Voila (the notebook run
in a new kernel), and then reads the proportional memory (PSS) of each user's
server and of its kernels from /proc. The figures feed the capacity table on
the Trust page.

    .venv/bin/python benchmarks/hub_signin.py [--users 20] [--at-once 5]
        [--dashboard community_directory.ipynb]

Results go to ``benchmarks/results/hub_signin.md``. Not a test: timings depend
on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from connecting_people.hub import client
from connecting_people.hub.launcher import free_port

RESULTS = Path(__file__).parent / "results" / "hub_signin.md"



def descendants(root: int) -> dict[int, int]:
    """pid -> parent pid for every process under ``root``."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except OSError:
                continue
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid:
                found[child] = parent
                todo.append(child)
    return found


def pss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def one_user(url: str, user: str, dashboard: str) -> dict:
    started = time.perf_counter()
    session = client.sign_in(url, user, seconds=60)
    signed_in = time.perf_counter()
    assert client.request_server(session, url, user, seconds=120) in (201, 202), user
    client.wait_until_ready(session, url, 300)
    server_ready = time.perf_counter()
    page = client.get_within(session, f"{url}/user/{user}/voila/render/{dashboard}", 300)
    assert page.status_code == 200 and "Traceback" not in page.text, (user, page.status_code)
    done = time.perf_counter()
    return {
        "user": user,
        "sign_in": signed_in - started,
        "server": server_ready - signed_in,
        "dashboard": done - server_ready,
        "total": done - started,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--at-once", type=int, default=5)
    parser.add_argument("--dashboard", default="community_directory.ipynb")
    args = parser.parse_args()

    users = [f"bench-{n:02d}" for n in range(1, args.users + 1)]
    state = Path(tempfile.mkdtemp(prefix="cp-hub-bench-"))
    port = free_port()
    env = dict(os.environ, CP_HUB_DEMO_EXTRA_USERS=",".join(users))
    env.setdefault("CONNECTING_PEOPLE_DATABASE_URL", f"sqlite:///{state / 'store.sqlite3'}")
    env.setdefault("CONNECTING_PEOPLE_MAPS_DIR", str(state / "maps"))
    hub = subprocess.Popen(
        client.hub_command(port, state / "hub"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(state / "hub.log").open("wb"),
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if requests.get(f"{url}/hub/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.3)
        with concurrent.futures.ThreadPoolExecutor(args.at_once) as pool:
            rows = list(pool.map(lambda u: one_user(url, u, args.dashboard), users))
        tree = descendants(hub.pid)
        servers = [pid for pid in tree if "jupyterhub-singleuser" in cmdline(pid)]
        per_user, kernels, server_only, kernel_only = [], [], [], []
        for server in servers:
            own = [pid for pid, parent in tree.items() if parent == server]
            kernels.append(sum("ipykernel_launcher" in cmdline(pid) for pid in own))
            server_only.append(pss_mib(server))
            kernel_only.extend(pss_mib(pid) for pid in own)
            per_user.append(server_only[-1] + sum(pss_mib(pid) for pid in own))
        hub_mib = sum(
            pss_mib(pid)
            for pid in [hub.pid, *tree]
            if pid not in servers and tree.get(pid) not in servers
        )
    finally:
        hub.send_signal(signal.SIGTERM)
        hub.wait(timeout=120)

    totals = sorted(row["total"] for row in rows)

    def line(key):
        return (
            f"{statistics.median(r[key] for r in rows):.1f} s | {max(r[key] for r in rows):.1f} s"
        )

    RESULTS.write_text(
        "# Trust Hub: sign in and open a dashboard\n\n"
        f"Measured {dt.date.today()} by `benchmarks/hub_signin.py` on {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores (shared with other work), "
        f"load average {os.getloadavg()[0]:.1f} at the end. "
        f"{args.users} simulated users of team north, {args.at_once} at a time, each signing in, "
        f"starting their own server (local processes) and opening `{args.dashboard}`; "
        "store: SQLite.\n\n"
        "| Step | Median | Slowest |\n| --- | --- | --- |\n"
        f"| Sign in | {line('sign_in')} |\n"
        f"| Start the user's server | {line('server')} |\n"
        f"| Open the dashboard (new kernel, notebook run) | {line('dashboard')} |\n"
        f"| **Sign-in to dashboard** | **{statistics.median(totals):.1f} s** | "
        f"**{totals[-1]:.1f} s** |\n\n"
        "| Memory (proportional set size, PSS) | Median | Largest |\n| --- | --- | --- |\n"
        f"| One user's server plus its kernels | {statistics.median(per_user):.0f} MiB | "
        f"{max(per_user):.0f} MiB |\n"
        f"| The server alone | {statistics.median(server_only):.0f} MiB | "
        f"{max(server_only):.0f} MiB |\n"
        f"| One dashboard's kernel | {statistics.median(kernel_only):.0f} MiB | "
        f"{max(kernel_only):.0f} MiB |\n\n"
        f"Kernels per user after opening one dashboard: {min(kernels)} to {max(kernels)}. "
        f"The Hub, proxy and idle culler together: {hub_mib:.0f} MiB.\n"
    )
    print(RESULTS.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
