"""The one way the project starts Voila: the command line and the environment it needs.

``serve``, ``dashboards``, ``room``, the tests and the benchmarks all build the
command here, so they serve the same thing the same way.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.frontend import bundles
from connecting_people.paths import DASHBOARDS_DIR, JUPYTER_DATA_DIR
from connecting_people.store.engine import DATABASE_URL_ENV

LOOPBACK = "127.0.0.1"
EVERY_ADDRESS = "0.0.0.0"  # noqa: S104 - only with --lan, and then behind the room code
# Our Voila template (the lab template without CDN stylesheets).
VOILA_TEMPLATE = "connecting-people"
TEMPLATE_DIR = JUPYTER_DATA_DIR / "voila" / "templates" / VOILA_TEMPLATE
# Voila pages draw figures with the book's own plotly.js, which the template
# loads from its static folder (a link to the front-end build's output), not
# with this extension: it weighed 4.8 MB and drew each figure three times.
PLOTLY_EXTENSION = "jupyterlab-plotly"
PLOTLY_BUNDLE = "plotly-partial"
PLOTLY_SCRIPT_PATH = f"voila/templates/{VOILA_TEMPLATE}/static/{PLOTLY_BUNDLE}.js"
# A kernel whose page has gone (no connection, no activity) for this long is ended.
CULL_IDLE_SECONDS = 120
# Where the room reports its warm-up (behind the room code, like every address).
STATUS_PATH = "/connecting-people/room/status"
# JSON framing, the message header and the widget's other fields around a file.
MESSAGE_OVERHEAD_BYTES = 1024 * 1024
# ``serve`` and ``dashboards``: places per dashboard, and how many are kept warm.
SERVE_PLACES = 30
SERVE_WARM = 1
# The kernel client Voila runs dashboards with (also for the Hub's single-user servers).
RECHECKING_CLIENT = "connecting_people.serving.kernel_client.RecheckingKernelClient"


def websocket_limit_bytes(upload_limit: int = UPLOAD_LIMIT_BYTES) -> int:
    """The largest websocket message accepted: a file at the limit, base64-encoded, plus framing."""
    return 4 * math.ceil(upload_limit / 3) + MESSAGE_OVERHEAD_BYTES


def every_dashboard(places: int, root: Path = DASHBOARDS_DIR) -> dict[str, int]:
    """Each dashboard notebook in the folder, with this many places."""
    return {path.name: places for path in sorted(root.glob("*.ipynb"))}


def voila_command(
    port: int,
    *,
    pool_size: int = 1,
    room: dict[str, int] | None = None,
    warm: int = 0,
    total: int = 0,
    token: str | None = None,
    ip: str = LOOPBACK,
    cull_idle_seconds: int = CULL_IDLE_SECONDS,
    root: Path = DASHBOARDS_DIR,
) -> list[str]:
    """Voila over the dashboards folder, code hidden, kernels preheated for quick first loads.

    ``pool_size=0`` turns preheating off. ``room`` maps dashboard notebooks to
    their number of places (room mode: only those are preheated, each capped).
    ``warm`` keeps only that many of each dashboard's places warm (0: all);
    ``total`` caps the kernels of the whole room (0: no limit).
    ``token`` is the room code every request must carry. ``root`` is the
    folder served (the benchmark adds its one-button floor notebook beside the dashboards).
    """
    if room:
        preheat = [f"--ConnectingPeopleVoila.room={json.dumps(room, sort_keys=True)}",
                   f"--ConnectingPeopleVoila.room_warm={warm}",
                   f"--ConnectingPeopleVoila.room_total={total}"]
    elif pool_size:
        preheat = ["--preheat_kernel=True", f"--pool_size={pool_size}"]
    else:
        preheat = []
    cull_interval = max(1, min(30, cull_idle_seconds // 4))
    return [
        sys.executable,
        "-m",
        "connecting_people.serving.voila_app",
        str(root),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--Voila.token={token or ''}",
        *preheat,
        # nbclient waits for each cell's reply with no time limit; this client asks the
        # socket again every second, so a reply whose wake-up signal was lost is still
        # read (the cause of warm-ups and pages stuck under load: see kernel_client).
        f"--AsyncKernelManager.client_class={RECHECKING_CLIENT}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_seconds}",
        f"--MappingKernelManager.cull_interval={cull_interval}",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaConfiguration.template={VOILA_TEMPLATE}",
        f"--VoilaConfiguration.extension_denylist={PLOTLY_EXTENSION}",
        "--VoilaConfiguration.file_allowlist=.*\\.(png|svg|css|js)",
        # Gzip only for other machines' browsers (a room with --lan): on loopback the
        # bytes cost nothing to send and compressing them doubles the server's CPU for
        # a page load (benchmarks/results/voila_page_bytes.md).
        f"--ConnectingPeopleVoila.compress_responses={ip != LOOPBACK}",
    ]


def build_page_assets() -> None:
    """Build the plotly.js our template loads, if it is missing or stale, before any
    Voila serves a page (here, and in the Hub's config file for its users' servers)."""
    bundles.ensure_fresh(PLOTLY_BUNDLE)


def voila_environment(database_url: str | None = None) -> dict[str, str]:
    """The environment Voila needs: our template on the Jupyter path, and the store's URL.

    Also builds the plotly.js the template loads (``build_page_assets``).
    """
    build_page_assets()
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(JUPYTER_DATA_DIR), env.get("JUPYTER_PATH", "")])
    )
    if database_url:
        env[DATABASE_URL_ENV] = database_url
    return env
