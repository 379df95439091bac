"""How much heavier and slower are the exercise and figure pages than a text page?

A reader on a slow connection or an old laptop in a training room should find
an exercise page about as quick to use as a page of text. This loads five
pages of the built book in headless Chromium: a text page, the network-map
exercise, the self-audit, the capacity planner and a figure page. Each load
has a fresh browser context with the cache off. It records:

- time to interactive: from the start of navigation until the load event has
  fired and the page's working parts are drawn (the widget's controls, or every
  plotly figure's SVG), checked at each animation frame;
- bytes: everything the page transferred, as Chromium counted it, once the
  network has been idle for half a second.

One run is 7 rounds; each round loads every page once, and the order rotates
from round to round so no page always goes first. Medians are reported, with
each page's ratio to the text page, against the goals of issue 13: exercise
pages within 1.5 times the text page's time, and in bytes within 1.5 times
the text page or 600 KB more than it, whichever is larger; figure pages within
2 times the text page's time. Not a test: timings depend on the machine.

    python benchmarks/page_weight.py [--site DIR] [--label NAME] [--out FILE] [--rounds N]

By default it serves ``book/_build/html`` (build the book first) and writes
``benchmarks/results/page_weight.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from connecting_people.cli import start_site_server
from connecting_people.hub.launcher import free_port

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SITE = REPO / "book" / "_build" / "html"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "page_weight.md"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXERCISE_TIME, FIGURE_TIME, EXERCISE_BYTES, EXTRA_BYTES = 1.5, 2.0, 1.5, 600 * 1024


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    kind: str  # "text", "exercise" or "figure"
    ready: str  # a CSS selector that must be drawn; "" for none


PAGES = [
    Page("text page", "practice_guidance/the_model.html", "text", ""),
    Page("network map", "practice_guidance/mapping_exercise.html", "exercise",
         '.cpn [data-role="submit"]'),
    Page("self-audit", "implementation_manual/self_audit.html", "exercise", ".cp-audit .cp-item"),
    Page("capacity planner", "implementation_manual/capacity_planner.html", "exercise",
         ".cp-capacity input"),
    Page("figure page", "about/study_in_numbers.html", "figure", ""),
]

# True once the load event has fired, the page's working part is drawn and
# every plotly figure has its SVG; polled at each animation frame.
READY = """
(selector) => document.readyState === "complete"
  && (!selector || document.querySelector(selector) !== null)
  && [...document.querySelectorAll(".plotly-graph-div")]
    .every((div) => div.querySelector(".main-svg"))
"""



def load_once(browser, url: str, page_spec: Page) -> tuple[float, int]:
    """One cold load: (milliseconds to interactive, bytes transferred)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    transferred: dict[str, int] = {}
    cdp.on("Network.loadingFinished",
           lambda event: transferred.__setitem__(event["requestId"], event["encodedDataLength"]))
    outside: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY, arg=page_spec.ready, polling="raf", timeout=60_000)
    # Time from the navigation's start, by the page's own clock.
    elapsed = page.evaluate("performance.now()")
    page.wait_for_load_state("networkidle")
    context.close()
    if outside:
        raise RuntimeError(f"{page_spec.path} asked for outside files: {outside}")
    return elapsed, sum(transferred.values())


def run(site: Path, rounds: int) -> dict[str, dict[str, list[float]]]:
    server = start_site_server(free_port(), site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {page.name: {"ms": [], "bytes": []} for page in PAGES}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            # One untimed load of each page first, so no page pays for starting the browser.
            for page_spec in PAGES:
                load_once(browser, f"{base}/{page_spec.path}", page_spec)
            for round_number in range(rounds):
                shift = round_number % len(PAGES)
                for page_spec in PAGES[shift:] + PAGES[:shift]:
                    ms, size = load_once(browser, f"{base}/{page_spec.path}", page_spec)
                    results[page_spec.name]["ms"].append(ms)
                    results[page_spec.name]["bytes"].append(size)
            browser.close()
    finally:
        server.shutdown()
    return results


def site_size(site: Path) -> tuple[int, int]:
    """(bytes on disk as ``du -sb`` counts them, number of .map files)."""
    du = subprocess.run(["du", "-sb", str(site)], capture_output=True, text=True, check=True)
    return int(du.stdout.split()[0]), len(list(site.rglob("*.map")))


def report(results, site: Path, label: str, rounds: int, load: tuple[float, float]) -> str:
    medians = {name: (statistics.median(v["ms"]), statistics.median(v["bytes"]))
               for name, v in results.items()}
    text_ms, text_bytes = medians["text page"]
    size, maps = site_size(site)
    lines = [
        f"# Page weight: {label}",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({platform.machine()}, {platform.python_version()}), site `{site}`: "
        f"{rounds} rounds, page order rotated each round, fresh context and cache off "
        "for every load, headless Chromium. Medians. "
        f"Load average (1 min) {load[0]:.1f} before and {load[1]:.1f} after, on "
        f"{os.cpu_count()} cores: times from a busy machine are noisy, bytes are not.",
        "",
        "| Page | Time to interactive (ms) | x text | Bytes (KB) | x text | Goal | Met |",
        "|---|---|---|---|---|---|---|",
    ]
    for page_spec in PAGES:
        ms, size_bytes = medians[page_spec.name]
        time_ratio, byte_ratio = ms / text_ms, size_bytes / text_bytes
        if page_spec.kind == "exercise":
            byte_limit = max(EXERCISE_BYTES * text_bytes, text_bytes + EXTRA_BYTES)
            goal = f"time <= {EXERCISE_TIME}x; bytes <= {byte_limit / 1024:.0f} KB"
            met = "yes" if time_ratio <= EXERCISE_TIME and size_bytes <= byte_limit else "no"
        elif page_spec.kind == "figure":
            goal = f"time <= {FIGURE_TIME}x"
            met = "yes" if time_ratio <= FIGURE_TIME else "no"
        else:
            goal, met = "the baseline", ""
        lines.append(
            f"| {page_spec.name} (`{page_spec.path}`) | {ms:.0f} | {time_ratio:.2f} | "
            f"{size_bytes / 1024:.0f} | {byte_ratio:.2f} | {goal} | {met} |"
        )
    lines += [
        "",
        f"Built site: {size / 1024 / 1024:.1f} MB (`du -sb`), {maps} `.map` files.",
        "",
        "All timings (ms), in the order taken:",
        "",
    ]
    for name, values in results.items():
        lines.append(f"- {name}: " + ", ".join(f"{value:.0f}" for value in values["ms"]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=DEFAULT_SITE)
    parser.add_argument("--label", default="this build")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args(argv)
    if not (options.site / "index.html").is_file():
        parser.error(f"no built site at {options.site}: build the book first")
    load_before = os.getloadavg()[0]
    results = run(options.site, options.rounds)
    load = (load_before, os.getloadavg()[0])
    text = report(results, options.site, options.label, options.rounds, load)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
