"""A training room under load: K participants open one dashboard at once, then press a button.

For each K (1, 10 and 30 by default) the script opens a room exactly as
``connecting-people room`` does (room mode, room code, K places on the
dashboard plus one on the one-button floor notebook), waits until the room
reports ready, then:

1. the floor: one participant opens the one-button notebook and presses it;
2. K participants open the dashboard at the same moment; each waits for the
   widget state, then presses the dashboard's button and waits for its effect;
3. every participant leaves: half close as a tab does (the closing beacon ends
   the kernel), half just vanish (the culler, set to CULL_AFTER_S here, ends
   it); we count the kernels still held by a participant CLOSE_WAIT_S later.

Participants are light clients (``room_participant.py``): each loads the page,
opens the kernel websocket, asks for the widget state as Voila's front end
does, and sends the click a button sends. A headless Chromium per participant
would put 30 browsers on the room's two cores and measure them instead of the
room; the last Chromium run is kept in ``results/training_room_chromium.md``.

Reported: median and 90th percentile time to the widget state and button
latency, the room's total memory (PSS of the server and all its kernels) when
ready and with everyone connected, and the kernels left after everyone left.
Every wait is bounded (STEP_TIMEOUT_S per step, CLOSE_WAIT_S after leaving,
READY_TIMEOUT_S for the warm-up); a participant who times out counts as a
failure, with the step named. Everything runs on loopback.

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
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from one_button import BUTTON_LABEL, ONE_BUTTON_NAME, PRESSED_TEXT, write_one_button  # noqa: E402
from room_browser import CHROMIUM, CHROMIUM_ARGS, browser_visit  # noqa: E402
from room_participant import Participant, Visit  # noqa: E402

from connecting_people.hub.launcher import free_port  # noqa: E402
from connecting_people.paths import DASHBOARDS_DIR, REPO_ROOT  # noqa: E402
from connecting_people.serving import room as room_module  # noqa: E402
from connecting_people.serving.launch import voila_command, voila_environment  # noqa: E402
from connecting_people.serving.supervise import Children  # noqa: E402

RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
STEP_TIMEOUT_S = 90
CULL_AFTER_S = 60  # shortened for the benchmark (the room's default is 120 s)
CLOSE_WAIT_S = 120
READY_TIMEOUT_S = 900
MIB = 1024 * 1024

DASHBOARD = "network_map.ipynb"
DASHBOARD_BUTTON = "Load the fictional example (Leon)"
DASHBOARD_EFFECT = "The map of Leon on 20 June 2026 has 9 connections."
# What a browser waits for: the map itself, and the floor's button.
DASHBOARD_WIDGET = ".cpn"
ONE_BUTTON_WIDGET = f"button:has-text('{BUTTON_LABEL}')"
REFILL_TIMEOUT_S = 300



def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` of the values at or below it."""
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


async def visit_all(base: str, code: str, notebook: str, button: str, effect: str,
                    people: int) -> tuple[list[Participant], list[Visit]]:
    """``people`` participants open the notebook at the same moment and press its button."""
    participants = [Participant(base, code, STEP_TIMEOUT_S) for _ in range(people)]
    visits = await asyncio.gather(*[p.visit(notebook, button, effect) for p in participants])
    return participants, list(visits)


async def leave_all(participants: list[Participant], visits: list[Visit]) -> None:
    """Half leave as a closing tab does (the beacon), half just vanish (left to the culler)."""
    await asyncio.gather(*[
        participant.leave(visit.kernel_id if index % 2 == 0 else None)
        for index, (participant, visit) in enumerate(zip(participants, visits, strict=True))])


def wait_status(port: int, code: str, check, timeout: float) -> tuple[dict | None, float]:
    start = time.monotonic()
    status = room_module.read_status(port, code)
    while not (status and check(status)):
        if time.monotonic() - start > timeout:
            return status, time.monotonic() - start
        time.sleep(0.5)
        status = room_module.read_status(port, code)
    return status, time.monotonic() - start


def pool_full(status: dict) -> bool:
    """Every place of every dashboard ready again, and nobody on one."""
    return all(entry["ready"] >= entry["warm"] and entry["in_use"] == 0
               for entry in status["dashboards"].values())


async def browser_rounds(browser, base: str, code: str, port: int, people: int,
                         rounds: int) -> dict:
    """Rounds of: one Chromium page alone on the floor notebook, then one Chromium page
    on the dashboard while K-1 light participants open it at the same moment.

    Between steps the room refills to every place ready, so no one waits for a
    kernel to start; everyone leaves with the closing beacon.
    """
    loop = asyncio.get_running_loop()

    async def refilled() -> None:
        status, _ = await loop.run_in_executor(
            None, lambda: wait_status(port, code, pool_full, REFILL_TIMEOUT_S))
        if not (status and pool_full(status)):
            raise TimeoutError(f"the room did not refill within {REFILL_TIMEOUT_S} s")

    floors, crowd, light_widgets, failures = [], [], [], []
    for _ in range(rounds):
        await refilled()
        floor = await browser_visit(browser, f"{base}/voila/render/{ONE_BUTTON_NAME}?token={code}",
                                    ONE_BUTTON_WIDGET, BUTTON_LABEL, PRESSED_TEXT, STEP_TIMEOUT_S)
        await refilled()
        light = [Participant(base, code, STEP_TIMEOUT_S) for _ in range(people - 1)]
        seen, *visits = await asyncio.gather(
            browser_visit(browser, f"{base}/voila/render/{DASHBOARD}?token={code}",
                          DASHBOARD_WIDGET, DASHBOARD_BUTTON, DASHBOARD_EFFECT, STEP_TIMEOUT_S),
            *[p.visit(DASHBOARD, DASHBOARD_BUTTON, DASHBOARD_EFFECT) for p in light])
        await asyncio.gather(*[p.leave(v.kernel_id) for p, v in zip(light, visits, strict=True)])
        floors.append(floor)
        crowd.append(seen)
        light_widgets += [v.widget_s for v in visits if v.widget_s is not None]
        failures += [v.error for v in [floor, seen, *visits] if v.error]
    return {
        "rounds": rounds,
        "floor_widget": summary([v.widget_s for v in floors if v.widget_s is not None]),
        "floor_button": summary([v.button_s for v in floors if v.button_s is not None]),
        "widget": summary([v.widget_s for v in crowd if v.widget_s is not None]),
        "button": summary([v.button_s for v in crowd if v.button_s is not None]),
        "each_floor_widget_s": [v.widget_s for v in floors],
        "each_widget_s": [v.widget_s for v in crowd],
        "light_widget": summary(light_widgets),
        "failures": failures,
    }


def cpu_seconds(processes: list[psutil.Process]) -> float:
    """User and system CPU time of these processes so far (those that have ended count 0)."""
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


async def run_room(people: int, dashboard: str = DASHBOARD, button: str = DASHBOARD_BUTTON,
                   effect: str = DASHBOARD_EFFECT, browser=None, rounds: int = 0) -> dict:
    folder = room_folder()
    port = free_port()
    code = room_module.new_room_code()
    # The floor's own place, beside the K places of the dashboard measured.
    places = {dashboard: people, ONE_BUTTON_NAME: 1}
    if dashboard == ONE_BUTTON_NAME:
        places = {ONE_BUTTON_NAME: people + 1}
    children = Children()
    command = voila_command(port, room=places, warm=0, token=code, root=folder,
                            cull_idle_seconds=CULL_AFTER_S)
    log = open(folder / "voila.log", "w")  # noqa: SIM115 - closed in finally
    server = children.start(command, env=voila_environment(), cwd=folder, stdout=log, stderr=log)
    try:
        started = time.monotonic()
        ready = asyncio.get_running_loop().run_in_executor(None, lambda: (
            room_module.wait_until_ready(port, code, lambda: server.poll() is None,
                                         lambda line: print(f"  K={people}: {line}", flush=True))))
        await asyncio.wait_for(ready, READY_TIMEOUT_S)
        warmup_s = time.monotonic() - started
        memory_ready = room_memory_mib(server.pid)
        base = f"http://127.0.0.1:{port}"

        floor_people, floor = await visit_all(base, code, ONE_BUTTON_NAME, BUTTON_LABEL,
                                              PRESSED_TEXT, 1)
        await leave_all(floor_people, floor)

        # Where the CPU goes while everyone opens the page and presses the button: the
        # server, the kernels, and these participants (on the same two cores here; in a
        # real room their browsers run on their own machines).
        root = psutil.Process(server.pid)
        kernels = root.children(recursive=True)
        cpu_before = (cpu_seconds([root]), cpu_seconds(kernels), time.process_time())
        participants, visits = await visit_all(base, code, dashboard, button, effect, people)
        cpu_during = {"server_s": cpu_seconds([root]) - cpu_before[0],
                      "kernels_s": cpu_seconds(kernels) - cpu_before[1],
                      "participants_s": time.process_time() - cpu_before[2]}
        memory_connected = room_memory_mib(server.pid)
        kernels_connected = room_module.read_status(port, code)["kernels"]
        load_during = os.getloadavg()[0]
        await leave_all(participants, visits)
        left_at = time.monotonic()

        def nobody_holds_a_kernel(status):
            return all(entry["in_use"] == 0 for entry in status["dashboards"].values())

        status, close_s = wait_status(port, code, nobody_holds_a_kernel, CLOSE_WAIT_S)
        # The goal is counted CLOSE_WAIT_S after everyone left, whatever happened first.
        time.sleep(max(0.0, CLOSE_WAIT_S - (time.monotonic() - left_at)))
        final = room_module.read_status(port, code)
        caps = sum(entry["cap"] for entry in final["dashboards"].values())
        seen_by_browser = None
        if browser is not None and rounds:
            print(f"  K={people}: {rounds} rounds with a browser among the participants",
                  flush=True)
            seen_by_browser = await browser_rounds(browser, base, code, port, people, rounds)
        return {
            "browser": seen_by_browser,
            "people": people,
            "dashboard": dashboard,
            "cpu_during": cpu_during,
            "warmup_s": warmup_s,
            "memory_ready_mib": memory_ready,
            "memory_connected_mib": memory_connected,
            "kernels_connected": kernels_connected,
            "load_average_during": load_during,
            "floor_widget_s": floor[0].widget_s,
            "floor_button_s": floor[0].button_s,
            "page": summary([v.page_s for v in visits if v.page_s is not None]),
            "widget": summary([v.widget_s for v in visits if v.widget_s is not None]),
            "button": summary([v.button_s for v in visits if v.button_s is not None]),
            "failures": [v.error for v in [*floor, *visits] if v.error],
            "seconds_until_no_kernel_held": close_s if nobody_holds_a_kernel(status) else None,
            "kernels_held_after_wait": sum(e["in_use"] for e in final["dashboards"].values()),
            "kernels_after_wait": final["kernels"],
            "room_cap": caps,
        }
    finally:
        children.stop()
        log.close()


def fmt(value, unit="s") -> str:
    return "n/a" if value is None else f"{value:.2f} {unit}"


def goals(rows: list[dict], floor: float | None) -> list[str]:
    """Each of the issue's goals, met or not, from the largest room measured."""
    big = max(rows, key=lambda row: row["people"])
    k = big["people"]
    median, p90 = big["widget"]["median"], big["widget"]["p90"]
    button = big["button"]["median"]
    held = [row["kernels_held_after_wait"] for row in rows]

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    memory = max(big["memory_ready_mib"], big["memory_connected_mib"])
    within = median is not None and floor is not None and median <= 1.5 * floor
    return [
        f"- K={k} median time to widget within 1.5x the floor ({fmt(floor)}): "
        f"{fmt(median)}, {verdict(within)}.",
        f"- K={k} 90th percentile under 10 s: {fmt(p90)}, "
        f"{verdict(p90 is not None and p90 < 10)}.",
        f"- K={k} button latency under 1 s at the median: {fmt(button)}, "
        f"{verdict(button is not None and button < 1)}.",
        f"- Memory with {k} people preheated on one dashboard under 4 GiB: "
        f"{big['memory_ready_mib']:.0f} MiB ready, {big['memory_connected_mib']:.0f} MiB with "
        f"everyone connected, {verdict(memory < 4096)}.",
        f"- Kernels held by a participant {CLOSE_WAIT_S} s after everyone left: "
        f"{', '.join(str(h) for h in held)} (K = {', '.join(str(r['people']) for r in rows)}), "
        f"{verdict(all(h == 0 for h in held))}.",
        f"- Failures: {sum(len(row['failures']) for row in rows)}"
        + "".join(f"; K={row['people']}: {row['failures'][:3]}" for row in rows
                  if row["failures"]) + ".",
    ]


def cpu_lines(rows: list[dict]) -> list[str]:
    """Where the CPU went while the participants opened the page and pressed the button."""
    lines = ["", "## Where the CPU goes while everyone opens and presses", "",
             "CPU seconds used from the moment the K participants open the page until the "
             "last button's effect shows, and per participant.", "",
             "| notebook | K | server | kernels | participants (this process) | "
             "per participant: server / kernels |",
             "|---|---:|---:|---:|---:|---:|"]
    for row in rows:
        cpu, k = row["cpu_during"], row["people"]
        lines.append(
            f"| `{row['dashboard']}` | {k} | {cpu['server_s']:.2f} s | {cpu['kernels_s']:.2f} s "
            f"| {cpu['participants_s']:.2f} s | {1000 * cpu['server_s'] / k:.0f} ms / "
            f"{1000 * cpu['kernels_s'] / k:.0f} ms |")
    return lines


def browser_lines(rows: list[dict]) -> list[str]:
    """The goals as one participant's own browser sees them, if the run had browser rounds."""
    row = max(rows, key=lambda r: r["people"])
    seen = row.get("browser")
    if not seen:
        return []
    k, floor = row["people"], seen["floor_widget"]["median"]
    median, button = seen["widget"]["median"], seen["button"]["median"]
    ratio = median / floor if median and floor else None
    within = ratio is not None and ratio <= 1.5
    each = ", ".join(fmt(v) for v in seen["each_widget_s"])
    each_floor = ", ".join(fmt(v) for v in seen["each_floor_widget_s"])
    return [
        "", f"## What one participant's browser sees, {k} people at once", "",
        f"{seen['rounds']} rounds. In each, one headless Chromium page (a fresh profile, "
        "nothing cached) opens the one-button notebook alone: the floor as a browser sees "
        f"it. Then one Chromium page opens `{DASHBOARD}` while {k - 1} light participants "
        "open it at the same moment. The room refills every place between steps. The "
        "browser's time includes fetching and running Voila's JavaScript and drawing the "
        "widgets, which a real participant's own device does.", "",
        "| | median | p90 | each round |", "|---|---:|---:|---|",
        f"| floor: one-button notebook, one person, time to widget | {fmt(floor)} "
        f"| {fmt(seen['floor_widget']['p90'])} | {each_floor} |",
        f"| `{DASHBOARD}`, {k} at once, time to widget | {fmt(median)} "
        f"| {fmt(seen['widget']['p90'])} | {each} |",
        f"| `{DASHBOARD}`, {k} at once, button latency | {fmt(button)} "
        f"| {fmt(seen['button']['p90'])} | |",
        f"| the {k - 1} light participants in the same rounds, time to widget "
        f"| {fmt(seen['light_widget']['median'])} | {fmt(seen['light_widget']['p90'])} | |",
        "",
        f"- In the browser: K={k} median time to widget within 1.5x the browser's floor "
        f"({fmt(floor)}): {fmt(median)} "
        f"({'n/a' if ratio is None else f'{ratio:.2f}x'}), {'met' if within else 'NOT met'}.",
        f"- In the browser: button latency under 1 s at the median: {fmt(button)}, "
        f"{'met' if button is not None and button < 1 else 'NOT met'}.",
        f"- Failures in these rounds: {len(seen['failures'])}"
        + (f" ({seen['failures'][:3]})" if seen["failures"] else "") + ".",
    ]


def crowd_lines(crowd: dict, floor: float | None) -> list[str]:
    """The floor notebook itself opened by K people at once, against its own K=1 time."""
    k, median = crowd["people"], crowd["widget"]["median"]
    ratio = f"{median / floor:.1f}x" if median and floor else "n/a"
    return [
        "", f"## The floor notebook itself, {k} people at once", "",
        f"The same room, but all {k} participants open the one-button notebook. Its own "
        f"floor (one participant, same run): {fmt(crowd['floor_widget_s'])}; {k} at once: "
        f"median {fmt(median)}, p90 {fmt(crowd['widget']['p90'])} ({ratio} the floor of "
        f"the main table); button median {fmt(crowd['button']['median'])}; "
        f"failures {len(crowd['failures'])}.",
        "Every participant's page, websocket and widget state pass through one server "
        "process and two cores, so the K-th arrival waits for the work of those before it "
        "even when the notebook is as light as a notebook can be.",
    ]


def report(rows: list[dict], crowd: dict | None = None) -> str:
    floor = next(row["floor_widget_s"] for row in rows if row["people"] == min(
        r["people"] for r in rows))
    load = psutil.getloadavg()
    lines = [
        "# Training room benchmark",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/training_room.py` on "
        f"{platform.platform()}, {psutil.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total // MIB} MiB of memory.",
        f"Load average {load[0]:.1f} at the end; each row gives it with everyone connected.",
        "Participants are light clients (`benchmarks/room_participant.py`): page, kernel "
        "websocket, widget state, one click; no browser. At the largest K, rounds with one "
        "headless Chromium page among them follow (`benchmarks/room_browser.py`).",
        f"Dashboard: `{DASHBOARD}` (button: \"{DASHBOARD_BUTTON}\"). "
        "Floor: the one-button notebook opened by one participant in the same room.",
        f"Idle culling was shortened to {CULL_AFTER_S} s for the benchmark; half the "
        "participants leave with the closing beacon, half just vanish.",
        "",
        "| K | load | warm-up | floor: widget / button | page median | widget median | "
        "widget p90 | x floor | button median | button p90 | failures | memory ready | "
        "memory connected | kernels connected / cap | held after "
        f"{CLOSE_WAIT_S} s | until none held |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = (row["widget"]["median"] / floor) if row["widget"]["median"] and floor else None
        lines.append(
            f"| {row['people']} | {row['load_average_during']:.1f} | {fmt(row['warmup_s'])} "
            f"| {fmt(row['floor_widget_s'])} / {fmt(row['floor_button_s'])} "
            f"| {fmt(row['page']['median'])} "
            f"| {fmt(row['widget']['median'])} | {fmt(row['widget']['p90'])} "
            f"| {'n/a' if ratio is None else f'{ratio:.2f}'} "
            f"| {fmt(row['button']['median'])} | {fmt(row['button']['p90'])} "
            f"| {len(row['failures'])} | {row['memory_ready_mib']:.0f} MiB "
            f"| {row['memory_connected_mib']:.0f} MiB "
            f"| {row['kernels_connected']} / {row['room_cap']} "
            f"| {row['kernels_held_after_wait']} "
            f"| {fmt(row['seconds_until_no_kernel_held'])} |")
    lines += [
        "",
        f"The floor for the goals is the K={min(r['people'] for r in rows)} row's one-button "
        f"time to widget: {fmt(floor)}.",
        "",
        "## Against the issue's goals",
        "",
        *goals(rows, floor),
        *browser_lines(rows),
        *cpu_lines(rows + ([crowd] if crowd else [])),
        *(crowd_lines(crowd, floor) if crowd else []),
    ]
    return "\n".join(lines) + "\n"


async def main_async(people_counts: list[int], floor_crowd: bool,
                     rounds: int) -> tuple[list[dict], dict | None]:
    from playwright.async_api import async_playwright

    AsyncHTTPClient.configure(None, max_clients=max(people_counts) + 4)
    rows = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for people in people_counts:
                print(f"K={people}: opening the room", flush=True)
                # The browser rounds answer the goal, so they run at the largest K only.
                rows.append(await run_room(people, browser=browser, rounds=(
                    rounds if people == max(people_counts) else 0)))
                print(json.dumps(rows[-1], indent=1), flush=True)
        finally:
            await browser.close()
    crowd = None
    if floor_crowd:
        people = max(people_counts)
        print(f"K={people} on the one-button notebook: opening the room", flush=True)
        crowd = await run_room(people, ONE_BUTTON_NAME, BUTTON_LABEL, PRESSED_TEXT)
        print(json.dumps(crowd, indent=1), flush=True)
    return rows, crowd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--name", default="training_room", help="results file name")
    parser.add_argument("--no-floor-crowd", dest="floor_crowd", action="store_false",
                        help="skip the extra room where everyone opens the one-button notebook")
    parser.add_argument("--browser-rounds", type=int, default=5,
                        help="rounds at the largest K with one Chromium page among them")
    args = parser.parse_args()
    # Saved maps and team data go to throw-away places, never the user's own.
    os.environ.setdefault("CONNECTING_PEOPLE_DATABASE_URL",
                          f"sqlite:///{tempfile.mkdtemp(prefix='cp-bench-')}/bench.sqlite3")
    os.environ.setdefault("CONNECTING_PEOPLE_MAPS_DIR", tempfile.mkdtemp(prefix="cp-maps-"))
    rows, crowd = asyncio.run(main_async(args.people, args.floor_crowd, args.browser_rounds))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{args.name}.json").write_text(
        json.dumps({"rows": rows, "floor_crowd": crowd}, indent=1) + "\n")
    text = report(rows, crowd)
    (RESULTS_DIR / f"{args.name}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
