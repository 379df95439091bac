"""``connecting-people hub``: the Trust configuration on loopback, for a local try-out.

Starts JupyterHub with ``deploy/jupyterhub/jupyterhub_config.py``, the demo
authenticator (fixed fictional users, one published password) and local
processes for each user's server. Its state (the Hub's database, cookie
secret, users' home folders) goes to a folder of its own.

A service manager stops a program with SIGTERM. Python's default for SIGTERM
is to die at once, which would leave the Hub, its proxy and every user's
server running; so SIGTERM is passed on to the Hub, which stops the servers
and the proxy itself (``cleanup_servers``), and this waits for it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from connecting_people.hub import demo
from connecting_people.hub.schema import migrate_database
from connecting_people.paths import REPO_ROOT

HUB_CONFIG_FILE = REPO_ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
LOOPBACK = "127.0.0.1"
STOP_GRACE_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def hub_environment(port: int, state_dir: Path, database_url: str | None) -> dict[str, str]:
    """Demo sign-in, local servers, loopback; the Hub's and proxy's APIs on free ports."""
    env = dict(os.environ)
    env.update(
        {
            "CP_HUB_AUTHENTICATOR": "demo",
            "CP_HUB_SPAWNER": "local",
            "CP_HUB_IP": LOOPBACK,
            "CP_HUB_PORT": str(port),
            "CP_HUB_STATE_DIR": str(state_dir),
            "CP_HUB_HUB_PORT": str(free_port()),
            "CP_HUB_PROXY_API_PORT": str(free_port()),
        }
    )
    if database_url:
        env["CONNECTING_PEOPLE_DATABASE_URL"] = database_url
    return env


def hub_command() -> list[str]:
    return [sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG_FILE)]


def run_hub(
    port: int,
    *,
    state_dir: str | None = None,
    database_url: str | None = None,
) -> int:
    """Run the Hub until it stops or this process gets SIGTERM or Ctrl+C; return its code."""
    folder = Path(state_dir) if state_dir else Path(tempfile.mkdtemp(prefix="cp-hub-"))
    folder.mkdir(parents=True, exist_ok=True)
    # In Hub mode the dashboards check the tables but never create them; on a
    # try-out the person running this owns the database, so create them here.
    for line in [*migrate_database(database_url), *demo.seed_demo_teams(database_url)]:
        print(line, flush=True)
    env = hub_environment(port, folder, database_url)
    hub = subprocess.Popen(hub_command(), env=env, cwd=folder)

    def stop(signum, frame):
        hub.send_signal(signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    print(f"The Hub: http://{LOOPBACK}:{port}/", flush=True)
    print(
        f"Sign in as one of {', '.join(demo.demo_users())} "
        f"with the password {demo.DEMO_PASSWORD!r}.",
        flush=True,
    )
    print(f"Hub state: {folder}. Press Ctrl+C to stop.", flush=True)
    try:
        return hub.wait()
    except KeyboardInterrupt:
        # The terminal sent SIGINT to the Hub too; give it time to clean up.
        hub.send_signal(signal.SIGTERM)
        return _wait_then_kill(hub)
    finally:
        if hub.poll() is None:
            hub.send_signal(signal.SIGTERM)
            _wait_then_kill(hub)
        signal.signal(signal.SIGTERM, previous)


def _wait_then_kill(process: subprocess.Popen) -> int:
    try:
        return process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()
