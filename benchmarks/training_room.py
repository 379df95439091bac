"""A training room under load: K participants open one dashboard at once, then press a button.

For each K (1, 10 and 30 by default) the script opens a room exactly as
``connecting-people room`` does (room mode, room code, K places on the
dashboard plus one on the one-button floor notebook), waits until the room
reports ready, then:

1. the floor: one participant opens the one-button notebook and presses it;
2. K participants (headless Chromium pages, one browser context each, so no
   cookies are shared) open the dashboard at the same moment; each waits for
   the main widget, then presses the dashboard's button and waits for its effect;
3. every page closes as a tab does; we time how long until no kernel is left
   beyond the warm pool.

Reported: median and 90th percentile time to the main widget and button
latency, the room's total memory (PSS of the server and all its kernels) when
ready and with everyone connected, and the kernels left after the pages close.
Every wait is bounded (PAGE_TIMEOUT_S per step, CLOSE_WAIT_S after closing);
a participant who times out counts as a failure and is reported as such.
Everything runs on loopback.

Run:  PYTHONPATH=widgets python benchmarks/training_room.py [--people 1 10 30]
Writes benchmarks/results/training_room.md and training_room.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from one_button import BUTTON_LABEL, ONE_BUTTON_NAME, PRESSED_TEXT, write_one_button  # noqa: E402

from connecting_people.paths import DASHBOARDS_DIR, REPO_ROOT  # noqa: E402
from connecting_people.serving import room as room_module  # noqa: E402
from connecting_people.serving.launch import voila_command, voila_environment  # noqa: E402
from connecting_people.serving.supervise import Children  # noqa: E402

RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
CHROMIUM = "/usr/bin/chromium"
PAGE_TIMEOUT_S = 90
CLOSE_WAIT_S = 150
READY_TIMEOUT_S = 900
MIB = 1024 * 1024

DASHBOARD = "network_map.ipynb"
DASHBOARD_WIDGET = ".cpn"
DASHBOARD_BUTTON = "Load the fictional example (Leon)"
DASHBOARD_EFFECT = "The map of Leon on 20 June 2026 has 9 connections."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(values: list[float]) -> dict:
    if not values:
        return {"median": None, "p90": None}
    return {"median": statistics.median(values), "p90": percentile(values, 0.9)}


def room_memory_mib(server_pid: int) -> float:
    """PSS of the room's server and every process under it (its kernels)."""
    root = psutil.Process(server_pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += process.memory_full_info().pss
    return total / MIB


def room_folder() -> Path:
    """The dashboards plus the floor notebook, in a folder of their own."""
    folder = Path(tempfile.mkdtemp(prefix="cp-room-bench-"))
    for notebook in DASHBOARDS_DIR.glob("*.ipynb"):
        (folder / notebook.name).symlink_to(notebook)
    write_one_button(folder)
    return folder


async def participant(browser, url: str, widget: str, button: str, effect: str) -> dict:
    context = await browser.new_context()
    page = await context.new_page()
    result = {"page": page, "context": context, "widget_s": None, "button_s": None}
    timeout = PAGE_TIMEOUT_S * 1000
    start = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit", timeout=timeout)
        await page.locator(widget).first.wait_for(timeout=timeout)
        result["widget_s"] = time.perf_counter() - start
        pressed = time.perf_counter()
        await page.get_by_role("button", name=button).first.click(timeout=timeout)
        await page.get_by_text(effect).first.wait_for(timeout=timeout)
        result["button_s"] = time.perf_counter() - pressed
    except Exception as error:  # noqa: BLE001 - a timed-out participant is a result
        result["error"] = type(error).__name__
    return result


async def close_all(results: list[dict]) -> None:
    for result in results:
        page = result["page"]
        with contextlib.suppress(Exception):  # a page that is already gone is closed
            async with page.expect_event("close"):
                await page.close(run_before_unload=True)
        await result["context"].close()


def wait_status(port: int, code: str, check, timeout: float) -> tuple[dict | None, float]:
    start = time.monotonic()
    status = room_module.read_status(port, code)
    while not (status and check(status)):
        if time.monotonic() - start > timeout:
            return status, time.monotonic() - start
        time.sleep(0.5)
        status = room_module.read_status(port, code)
    return status, time.monotonic() - start


async def run_room(people: int, browser) -> dict:
    folder = room_folder()
    port = free_port()
    code = room_module.new_room_code()
    places = {DASHBOARD: people, ONE_BUTTON_NAME: 1}
    children = Children()
    command = voila_command(port, room=places, warm=0, token=code, root=folder,
                            cull_idle_seconds=60)
    log = open(folder / "voila.log", "w")  # noqa: SIM115 - closed in finally
    server = children.start(command, env=voila_environment(), cwd=folder, stdout=log, stderr=log)
    try:
        started = time.monotonic()
        room_module.wait_until_ready(port, code, lambda: server.poll() is None,
                                     lambda line: print(f"  K={people}: {line}", flush=True))
        warmup_s = time.monotonic() - started
        memory_ready = room_memory_mib(server.pid)
        base = f"http://127.0.0.1:{port}/voila/render"

        floor = await participant(browser, f"{base}/{ONE_BUTTON_NAME}?token={code}",
                                  f"button:has-text('{BUTTON_LABEL}')", BUTTON_LABEL,
                                  PRESSED_TEXT)
        await close_all([floor])

        url = f"{base}/{DASHBOARD}?token={code}"
        everyone = await asyncio.gather(*[
            participant(browser, url, DASHBOARD_WIDGET, DASHBOARD_BUTTON, DASHBOARD_EFFECT)
            for _ in range(people)])
        memory_connected = room_memory_mib(server.pid)
        widget_times = [r["widget_s"] for r in everyone if r["widget_s"] is not None]
        button_times = [r["button_s"] for r in everyone if r["button_s"] is not None]
        failures = [r["error"] for r in everyone if "error" in r]

        await close_all(everyone)

        def only_the_pool(status):
            entries = status["dashboards"].values()
            return all(entry["in_use"] == 0 for entry in entries) and status["kernels"] == sum(
                min(entry["warm"], entry["cap"]) for entry in entries)

        status, close_s = wait_status(port, code, only_the_pool, CLOSE_WAIT_S)
        in_use_left = sum(entry["in_use"] for entry in status["dashboards"].values())
        return {
            "people": people,
            "warmup_s": warmup_s,
            "memory_ready_mib": memory_ready,
            "memory_connected_mib": memory_connected,
            "floor_widget_s": floor["widget_s"],
            "floor_button_s": floor["button_s"],
            "widget": summary(widget_times),
            "button": summary(button_times),
            "failures": failures,
            "kernels_in_use_after_close": in_use_left,
            "kernels_after_close": status["kernels"],
            "seconds_until_only_the_pool": close_s if only_the_pool(status) else None,
        }
    finally:
        children.stop()
        log.close()


def fmt(value, unit="s") -> str:
    return "n/a" if value is None else f"{value:.2f} {unit}"


def report(rows: list[dict]) -> str:
    floor = next(row["floor_widget_s"] for row in rows if row["people"] == min(
        r["people"] for r in rows))
    load = psutil.getloadavg()
    lines = [
        "# Training room benchmark",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/training_room.py` on "
        f"{platform.platform()}, {psutil.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total // MIB} MiB of memory.",
        f"The machine was shared with other work (load average {load[0]:.1f} at the end), "
        "and the participants' Chromium pages ran on the same two cores as the room.",
        f"Dashboard: `{DASHBOARD}` (main widget: the map; button: \"{DASHBOARD_BUTTON}\"). "
        "Floor: a one-button notebook opened by one participant in the same room.",
        "",
        "| K | warm-up | floor: widget / button | widget median | widget p90 | "
        "x floor (median) | button median | button p90 | failures | memory ready | "
        "memory connected | kernels in use after close | until only the pool |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = (row["widget"]["median"] / floor) if row["widget"]["median"] and floor else None
        lines.append(
            f"| {row['people']} | {fmt(row['warmup_s'])} "
            f"| {fmt(row['floor_widget_s'])} / {fmt(row['floor_button_s'])} "
            f"| {fmt(row['widget']['median'])} | {fmt(row['widget']['p90'])} "
            f"| {'n/a' if ratio is None else f'{ratio:.2f}'} "
            f"| {fmt(row['button']['median'])} | {fmt(row['button']['p90'])} "
            f"| {len(row['failures'])} | {row['memory_ready_mib']:.0f} MiB "
            f"| {row['memory_connected_mib']:.0f} MiB | {row['kernels_in_use_after_close']} "
            f"| {fmt(row['seconds_until_only_the_pool'])} |")
    lines += [
        "",
        f"The floor for the goals is the K={min(r['people'] for r in rows)} row's one-button "
        f"time to widget: {fmt(floor)}.",
    ]
    return "\n".join(lines) + "\n"


async def main_async(people_counts: list[int]) -> list[dict]:
    from playwright.async_api import async_playwright

    rows = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for people in people_counts:
                print(f"K={people}: opening the room", flush=True)
                rows.append(await run_room(people, browser))
                print(json.dumps(rows[-1], indent=1), flush=True)
        finally:
            await browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--name", default="training_room", help="results file name")
    args = parser.parse_args()
    # Saved maps and team data go to throw-away places, never the user's own.
    os.environ.setdefault("CONNECTING_PEOPLE_DATABASE_URL",
                          f"sqlite:///{tempfile.mkdtemp(prefix='cp-bench-')}/bench.sqlite3")
    os.environ.setdefault("CONNECTING_PEOPLE_MAPS_DIR", tempfile.mkdtemp(prefix="cp-maps-"))
    rows = asyncio.run(main_async(args.people))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{args.name}.json").write_text(json.dumps(rows, indent=1) + "\n")
    text = report(rows)
    (RESULTS_DIR / f"{args.name}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
