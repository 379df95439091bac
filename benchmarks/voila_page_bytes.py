"""How many bytes a Voila dashboard page sends, and what compressing them costs the laptop.

A trainer serves a room of about 30 from one laptop over the room's Wi-Fi, so
every byte a page loads is sent 30 times, and every second of CPU the server
spends compressing is spent 30 times on the one process that also runs every
participant's dashboard. This starts the project's Voila twice (as
``connecting-people dashboards`` does, without preheated kernels so no
background warm-up adds to the CPU counts): once with gzip on, as a room with
``--lan`` serves it, and once off, as on loopback
(``--ConnectingPeopleVoila.compress_responses=True`` or ``=False``, in place
of the one ``voila_command`` gives for loopback: a second one is refused).
For each it records:

- page loads: ``--rounds`` loads of one dashboard in headless Chromium, each in
  a fresh context, until the dashboard's heading shows and the network is idle;
  the bytes Chromium received (bodies as sent, so compressed when they were) and
  the Voila process's own CPU time (user + system) across the load;
- a second load in the same context: how many responses came back as 304,
  came from the browser's cache, or were sent again, and their bytes;
- assets only: the page's JavaScript and styles fetched ``--rounds`` times over
  plain HTTP with ``Accept-Encoding: gzip``: the server's CPU for exactly the
  part compression changes (the page load's count includes running the
  dashboard, which is the same either way);
- each response's ``Cache-Control``, grouped by address.

Medians, with the load average: the machine may be shared. Not a test.

    python benchmarks/voila_page_bytes.py [--rounds 5] [--out FILE]
        [--dashboard network_map.ipynb --ready .cpn]
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import statistics
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from connecting_people.hub.launcher import free_port
from connecting_people.paths import REPO_ROOT
from connecting_people.serving.launch import voila_command, voila_environment
from connecting_people.serving.supervise import Children

DASHBOARD = "study_overview.ipynb"
READY = "text=What the study found"  # a Playwright selector for the drawn dashboard
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update"]
PLAIN = "--ConnectingPeopleVoila.compress_responses=False"
GZIPPED = "--ConnectingPeopleVoila.compress_responses=True"
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "results" / "voila_page_bytes.md"
QUIET_SECONDS = 1.0  # the network counts as idle after this long with nothing in flight



def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback only
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


class Recorder:
    """Every finished request of a page: status, encoded body bytes, headers."""

    def __init__(self, page) -> None:
        self.rows: list[dict] = []
        self.in_flight = 0
        self.last_change = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _started(self, _request) -> None:
        self.in_flight += 1
        self.last_change = time.monotonic()

    def _failed(self, _request) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def _finished(self, request) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()
        response = request.response()
        if response is None or not request.url.startswith("http"):
            return
        headers = response.all_headers()
        # Chromium counts -1 for a body taken from its cache without asking the
        # server, and 0 for one it asked about and was told was unchanged (a 304,
        # which the page still sees as the cached 200).
        body = request.sizes()["responseBodySize"]
        self.rows.append({
            "url": request.url.split("?")[0],
            "status": response.status,
            "bytes": max(0, body),
            "cached": body < 0,
            "revalidated": body == 0 and response.status == 200,
            "encoding": headers.get("content-encoding", ""),
            "cache_control": headers.get("cache-control", ""),
        })

    def wait_idle(self, page) -> None:
        while self.in_flight > 0 or time.monotonic() - self.last_change < QUIET_SECONDS:
            page.wait_for_timeout(100)


def load(context, url: str, ready: str) -> list[dict]:
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(url, wait_until="commit", timeout=120_000)
    page.locator(ready).first.wait_for(timeout=120_000)
    recorder.wait_idle(page)
    with page.expect_event("close"):  # as a tab closes: its beacon ends the kernel
        page.close(run_before_unload=True)
    return recorder.rows


def kernels(server: psutil.Process) -> int:
    """Kernel processes under the server (Voila lists none of its kernels over HTTP)."""
    count = 0
    for child in server.children(recursive=True):
        try:
            count += "ipykernel" in " ".join(child.cmdline())
        except psutil.Error:  # gone, or a zombie not yet reaped: not a running kernel
            continue
    return count


def wait_no_kernels(server: psutil.Process, timeout: float = 60) -> None:
    """A closed page's kernel is ended by its beacon; wait so it never counts in the next load."""
    deadline = time.monotonic() + timeout
    while kernels(server) and time.monotonic() < deadline:
        time.sleep(0.2)


def asset_urls(rows: list[dict]) -> list[str]:
    return sorted({row["url"] for row in rows
                   if "/voila/static/" in row["url"] or "/voila/labextensions/" in row["url"]
                   or "/voila/templates/" in row["url"]})


def fetch_assets(urls: list[str]) -> int:
    received = 0
    for url in urls:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            received += len(response.read())
    return received


def level_costs(urls: list[str], rounds: int) -> dict[int, tuple[int, float]]:
    """Bytes and CPU seconds to gzip the page's assets in one go at each level (median)."""
    bodies = []
    for url in urls:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
            bodies.append(response.read())
    costs = {}
    for level in (1, 6, 9):
        times = []
        for _ in range(rounds):
            start = time.process_time()
            size = sum(len(gzip.compress(body, level)) for body in bodies)
            times.append(time.process_time() - start)
        costs[level] = (size, statistics.median(times))
    return costs


def measure(compressed: bool, rounds: int, dashboard: str, ready: str) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    switch = PLAIN.split("=")[0]
    command = [arg for arg in voila_command(port, pool_size=0) if not arg.startswith(switch)]
    command.append(GZIPPED if compressed else PLAIN)
    children = Children()
    scratch = Path(tempfile.mkdtemp(prefix="voila_page_bytes_"))  # kept: the log may be wanted
    log = (scratch / "voila.log").open("w")
    server = children.start(command, env=voila_environment(
        f"sqlite:///{scratch / 'store.sqlite3'}"), stdout=log, stderr=log)
    result: dict = {"page_cpu": [], "page_bytes": [], "asset_cpu": [], "requests": []}
    try:
        wait_for(f"{base}/voila/static/voila.js")
        process = psutil.Process(server.pid)
        url = f"{base}/voila/render/{dashboard}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            load(browser.new_context(), url, ready)  # a first load fills the server's own caches
            wait_no_kernels(process)
            for _ in range(rounds):
                context = browser.new_context()
                before = cpu_seconds(process)
                rows = load(context, url, ready)
                result["page_cpu"].append(cpu_seconds(process) - before)
                result["page_bytes"].append(sum(row["bytes"] for row in rows))
                result["requests"].append(len(rows))
                again = load(context, url, ready)
                context.close()
                wait_no_kernels(process)
            result["first_rows"], result["again_rows"] = rows, again
            browser.close()
        urls = asset_urls(rows)
        result["assets"] = len(urls)
        for _ in range(rounds):
            before = cpu_seconds(process)
            result["asset_bytes"] = fetch_assets(urls)
            result["asset_cpu"].append(cpu_seconds(process) - before)
        if not compressed:
            result["levels"] = level_costs(urls, rounds)
    finally:
        children.stop()
        log.close()
    return result


def cache_summary(rows: list[dict]) -> list[tuple[str, str, int, int]]:
    groups: Counter = Counter()
    sizes: Counter = Counter()
    for row in rows:
        url = row["url"]
        where = ("labextensions" if "/labextensions/" in url else "voila/static"
                 if "/voila/static/" in url else "template static" if "/templates/" in url
                 else "page" if "/voila/render/" in url else "api and other")
        key = (where, row["cache_control"] or "(none)")
        groups[key] += 1
        sizes[key] += row["bytes"]
    return [(where, cc, groups[(where, cc)], sizes[(where, cc)]) for where, cc in sorted(groups)]


def second_load(rows: list[dict]) -> str:
    sent = [row for row in rows if row["bytes"]]
    return (f"{len(rows)} requests: {sum(row['cached'] for row in rows)} taken from the "
            "browser's cache without asking, "
            f"{sum(row['revalidated'] for row in rows)} asked and answered 304 (not modified), "
            f"{len(sent)} sent again ({sum(row['bytes'] for row in sent) / 1e6:.3f} MB: "
            f"{', '.join(sorted(row['url'].split('/')[-2] for row in sent))})")


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(results: dict[str, dict], rounds: int, dashboard: str, load_before,
           load_after) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Voila page bytes, with and without gzip",
        "",
        f"Measured {when} on {platform.node()} ({platform.machine()}, "
        f"{psutil.cpu_count()} cores, Python {platform.python_version()}) by "
        f"`benchmarks/voila_page_bytes.py --rounds {rounds}`: the `{dashboard}` dashboard, "
        "headless Chromium, fresh context per load, no preheated kernels. Load average "
        f"(1, 5, 15 min) {', '.join(f'{x:.2f}' for x in load_before)} before and "
        f"{', '.join(f'{x:.2f}' for x in load_after)} after. Medians of {rounds}.",
        "",
        "| Server | Requests | Bytes per page (MB) | x 30 people (MB) "
        "| Voila CPU per page load (s) | Voila CPU for the page's assets only (s) |",
        "|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        page_bytes = median(result["page_bytes"])
        lines.append(
            f"| {name} | {median(result['requests']):.0f} | {page_bytes / 1e6:.2f} "
            f"| {30 * page_bytes / 1e6:.0f} | {median(result['page_cpu']):.2f} "
            f"| {median(result['asset_cpu']):.2f} |")
    lines += ["", "Every value, in the order taken:", ""]
    for name, result in results.items():
        lines.append(f"- {name}: bytes {result['page_bytes']}; page CPU "
                     f"{[round(x, 3) for x in result['page_cpu']]}; assets CPU "
                     f"{[round(x, 3) for x in result['asset_cpu']]} "
                     f"({result['assets']} files, {result['asset_bytes']} bytes received)")
    levels = results["gzip off"]["levels"]
    lines += ["", "The same assets gzipped in one go by `gzip.compress` in the benchmark's own "
              "process (tornado uses level 6):",
              "", "| Level | Bytes per page (MB) | CPU (s) |", "|---|---|---|"]
    lines += [f"| {level} | {size / 1e6:.2f} | {cpu:.3f} |"
              for level, (size, cpu) in levels.items()]
    lines += ["", "A second load of the page in the same browser context:", ""]
    for name, result in results.items():
        lines.append(f"- {name}: {second_load(result['again_rows'])}")
    lines += ["", "`Cache-Control` of the first load's responses (gzip on):", "",
              "| Responses | Cache-Control | Count | Bytes |", "|---|---|---|---|"]
    first = next(iter(results.values()))["first_rows"]
    lines += [f"| {where} | `{cc}` | {count} | {size} |"
              for where, cc, count, size in cache_summary(first)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--dashboard", default=DASHBOARD)
    parser.add_argument("--ready", default=READY, help="selector of the drawn dashboard")
    args = parser.parse_args()
    load_before = os.getloadavg()
    results = {
        "gzip on (room with --lan)": measure(True, args.rounds, args.dashboard, args.ready),
        "gzip off": measure(False, args.rounds, args.dashboard, args.ready),
    }
    text = report(results, args.rounds, args.dashboard, load_before, os.getloadavg())
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
