"""How long does a lead wait for the overview's run charts, split by team, with 50 teams?

``fidelity_run_charts.py`` times what the Voila kernel builds; this times what
the lead sees: from opening the lead overview page in a browser until the run
charts of every team are drawn. The kernel's part is a few tens of
milliseconds; the browser's part (plotly drawing one small chart per team,
several times over, see ``run_chart_figure.lead_run_charts``) is most of the
wait once a Trust has many teams.

For 1 and 50 teams (10 audits each, seeded as ``fidelity_lead_dashboard.seed``
does, every action done), it serves the dashboards as ``connecting-people
dashboards`` does (one Voila, preheated kernels) on a throw-away SQLite store,
and opens the page ``--rounds`` times, each in a fresh browser context. It
records the time to the first control on the page, the time until the run
charts are drawn (every team's small chart has its traces), and how long the
page's main thread was busy, from Chromium's own counters (less sensitive to
a busy machine than wall time). Medians, and 50 teams as a ratio to one.

    .venv/bin/python benchmarks/lead_overview_browser.py [--rounds N]

``fidelity_lead_dashboard.py --browser`` times the same page until its heat map
is drawn, on stock Voila with a kernel started for each load; this one uses
the project's Voila as ``serve`` does, waits for the run charts, and reads
Chromium's counters. Results go to ``benchmarks/results/lead_overview_browser.md``. Not a test:
timings depend on the machine; run it when the machine is quiet.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fidelity_lead_dashboard import seed  # noqa: E402
from fidelity_run_charts import mark_actions_done  # noqa: E402
from voila_page_bytes import wait_for  # noqa: E402

from connecting_people.hub.launcher import free_port  # noqa: E402
from connecting_people.serving.launch import voila_command, voila_environment  # noqa: E402
from connecting_people.serving.supervise import Children  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "lead_overview_browser.md"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE = "voila/render/lead_overview.ipynb"
FIRST_CONTROL = ".widget-dropdown select"
TEAM_SIZES = (1, 50)


def charts_drawn(teams: int) -> str:
    """True once one figure has a small chart for every team, each with its traces drawn."""
    return (f"Array.from(document.querySelectorAll('.js-plotly-plot')).some(p => "
            f"p.querySelectorAll('.subplot').length >= {teams} && "
            f"p.querySelectorAll('.subplot .scatterlayer .trace').length >= {teams})")


async def one_load(browser, url: str, teams: int) -> dict[str, float]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    start = time.perf_counter()
    await page.goto(url, wait_until="commit")
    await page.locator(FIRST_CONTROL).first.wait_for(timeout=120_000)
    control = time.perf_counter() - start
    await page.wait_for_function(charts_drawn(teams), timeout=120_000, polling="raf")
    drawn = time.perf_counter() - start
    metrics = {m["name"]: m["value"]
               for m in (await cdp.send("Performance.getMetrics"))["metrics"]}
    await context.close()
    return {"control": control, "drawn": drawn, "busy": metrics["TaskDuration"],
            "script": metrics["ScriptDuration"], "layout": metrics["LayoutDuration"]}


async def measure(teams: int, rounds: int, work: Path) -> dict[str, float]:
    url = f"sqlite:///{work / f'{teams}.sqlite3'}"
    seed(url, teams)
    mark_actions_done(url)
    port = free_port()
    children = Children()
    base = f"http://127.0.0.1:{port}/"
    loads = []
    with open(work / f"voila-{teams}.log", "w") as log:
        children.start(voila_command(port, pool_size=1), env=voila_environment(url),
                       stdout=log, stderr=log)
        try:
            await serve_loads(base, teams, rounds, loads)
        finally:
            children.stop()
    return {key: statistics.median(load[key] for load in loads) for key in loads[0]}


async def serve_loads(base: str, teams: int, rounds: int, loads: list) -> None:
    """Warm up once, then ``rounds`` loads of the page, each appended to ``loads``."""
    wait_for(base + "voila/static/voila.js")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            await one_load(browser, base + PAGE, teams)  # warm: caches, first kernel
            for _ in range(rounds):
                loads.append(await one_load(browser, base + PAGE, teams))
        finally:
            await browser.close()


def report(results: dict[int, dict[str, float]], rounds: int, load_before, load_after) -> str:
    one, many = results[TEAM_SIZES[0]], results[TEAM_SIZES[1]]
    rows = [("First control on the page", "control"),
            ("Run charts drawn (every team's small chart)", "drawn"),
            ("Browser main thread busy, until drawn (Chromium's TaskDuration)", "busy"),
            ("of which script (ScriptDuration)", "script"),
            ("of which layout (LayoutDuration)", "layout")]
    lines = [
        "# Lead overview in the browser: run charts split by team, 50 teams against 1",
        "",
        f"Measured {dt.date.today().isoformat()} by `benchmarks/lead_overview_browser.py` on "
        f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"headless Chromium, one Voila with preheated kernels, store: SQLite. Load average "
        f"(1, 5, 15 minutes) {', '.join(f'{v:.1f}' for v in load_before)} at the start and "
        f"{', '.join(f'{v:.1f}' for v in load_after)} at the end.",
        f"Each team has 10 audits, each with one action done. Medians of {rounds} loads, "
        "each in a fresh browser context, after one warm-up load.",
        "",
        "| What | 1 team | 50 teams | Ratio |",
        "| --- | --- | --- | --- |",
    ]
    for label, key in rows:
        lines.append(f"| {label} | {one[key]:.2f} s | {many[key]:.2f} s | "
                     f"{many[key] / one[key]:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cp-bench-lead-browser-"))
    load_before = os.getloadavg()
    try:
        results = {}
        for teams in TEAM_SIZES:
            results[teams] = asyncio.run(measure(teams, args.rounds, work))
            print(f"{teams:>3} teams: " + ", ".join(
                f"{key} {value:.2f} s" for key, value in results[teams].items()), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(results, args.rounds, load_before, os.getloadavg())
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
