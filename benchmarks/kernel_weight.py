"""How heavy each dashboard's kernel is: start-up CPU time and memory (PSS), against the floor.

Each dashboard notebook's code cells run in a fresh kernel, as Voila runs
them. We then read the kernel process's CPU time (user + system, start-up
included) and its proportional set size (PSS: shared pages divided among the
processes sharing them, so kernels can be added up). Which heavy libraries the
first screen pulled in is listed too, to show where lazy imports would help.
The floor is a notebook with one button and one label; "bare" is a kernel that
ran nothing.

Run:  PYTHONPATH=widgets python benchmarks/kernel_weight.py
Writes benchmarks/results/kernel_weight.md.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import psutil
from jupyter_client.manager import start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from one_button import ONE_BUTTON_SOURCE  # noqa: E402

from connecting_people.paths import DASHBOARDS_DIR, REPO_ROOT  # noqa: E402

RESULTS = REPO_ROOT / "benchmarks" / "results" / "kernel_weight.md"
HEAVY = ["pandas", "plotly", "plotly.graph_objects", "networkx", "sqlalchemy", "jsonschema",
         "rfc3987_syntax", "yaml", "numpy"]
REPEATS = 3
MIB = 1024 * 1024


def code_cells(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def run_in_fresh_kernel(cells: list[str], workdir: Path) -> dict:
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(workdir))
    try:
        for source in cells:
            reply = client.execute_interactive(source, timeout=300, output_hook=lambda _m: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"a cell failed: {reply['content'].get('evalue')}")
        # A module kept out on purpose is in sys.modules as None: not loaded.
        probe = ("import sys, json; print(json.dumps("
                 f"[m for m in {HEAVY!r} if sys.modules.get(m) is not None]))")
        loaded: list[str] = []

        def keep(message):
            if message["msg_type"] == "stream":
                loaded.extend(json.loads(message["content"]["text"]))

        client.execute_interactive(probe, timeout=60, output_hook=keep)
        process = psutil.Process(manager.provisioner.process.pid)
        times = process.cpu_times()
        return {
            "cpu_s": times.user + times.system,
            "pss_mib": process.memory_full_info().pss / MIB,
            "loaded": loaded,
        }
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def measure(name: str, cells: list[str], workdir: Path) -> dict:
    runs = [run_in_fresh_kernel(cells, workdir) for _ in range(REPEATS)]
    return {
        "name": name,
        "cpu_s": statistics.median(run["cpu_s"] for run in runs),
        "pss_mib": statistics.median(run["pss_mib"] for run in runs),
        "loaded": runs[-1]["loaded"],
    }


def main() -> None:
    os.environ.setdefault("CONNECTING_PEOPLE_DATABASE_URL",
                          f"sqlite:///{tempfile.mkdtemp(prefix='cp-bench-')}/bench.sqlite3")
    os.environ.setdefault("CONNECTING_PEOPLE_MAPS_DIR", tempfile.mkdtemp(prefix="cp-maps-"))
    rows = [measure("bare kernel (nothing run)", [], DASHBOARDS_DIR),
            measure("one-button notebook (the floor)", [ONE_BUTTON_SOURCE], DASHBOARDS_DIR)]
    for notebook in sorted(DASHBOARDS_DIR.glob("*.ipynb")):
        rows.append(measure(notebook.stem, code_cells(notebook), DASHBOARDS_DIR))
    floor = rows[1]
    lines = [
        "# Dashboard kernels: start-up CPU time and memory",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/kernel_weight.py` on "
        f"{platform.platform()}, {psutil.cpu_count()} CPUs, Python {platform.python_version()}.",
        "The machine was shared with other work, so CPU times are upper bounds.",
        f"Each figure is the median of {REPEATS} fresh kernels. CPU time is the kernel "
        "process's user plus system time from its start until the dashboard's cells have run; "
        "PSS counts shared pages divided among the processes that share them.",
        "",
        "| Kernel | CPU time (s) | x floor | PSS (MiB) | x floor | Heavy libraries loaded |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['cpu_s']:.2f} | {row['cpu_s'] / floor['cpu_s']:.1f} "
            f"| {row['pss_mib']:.0f} | {row['pss_mib'] / floor['pss_mib']:.1f} "
            f"| {', '.join(row['loaded']) or 'none'} |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
