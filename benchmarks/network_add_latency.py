"""Open, add and remove on a map of 0, 150 and 1,000 entries, on the static page.

A worker and a person may build a big map in one appointment, and a team may
open a map with hundreds of entries. This measures, in headless Chromium on the
built book's static page (no kernel), with 0, 150 and 1,000 entries (and as
many links as entries):

- open: from choosing the file until the map, list and figures are painted;
- add: from pressing "Add to the map" until the redrawn map is painted (and,
  in a second column, until the list and figures are painted too);
- remove: from pressing an entry's "Remove" until the map is painted.

Goals (issue 12): open at most 2 s and add and remove at most 200 ms each with
1,000 entries and 1,000 links, and the 150-entry add within 2x of an empty map.
Not a test: timings depend on the machine; compare medians.

    .venv/bin/python benchmarks/network_add_latency.py [--url URL | --site DIR] [--repeats N]
        [--runs N]

On a shared machine one run can land on a busy minute, so ``--runs`` repeats the
whole measurement; the table shows the median of the runs' medians, and each run
is listed below it with the load average (1, 5 and 15 minutes) it ran under.

By default it serves ``book/_build/html`` (build the book first). Results go to
``benchmarks/results/network_add_latency.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from connecting_people.network import FORMAT_NAME, FORMAT_VERSION
from connecting_people.network.model import CONTACT, GIVES, KINDS, TIES

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "network_add_latency.md"
PAGE = "practice_guidance/mapping_exercise.html"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

SIZES = (0, 150, 1000)
GOAL_OPEN_MS, GOAL_CHANGE_MS, GOAL_RATIO = 2000.0, 200.0, 2.0

# Shared in-page helpers: the view, and "just after the next paint" (a task queued from
# the next animation frame runs just after that frame is painted).
HELPERS = """
const root = document.querySelector('.cpn');
const view = [...document.querySelectorAll('*')].find((el) => el.cpnView).cpnView;
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const nextPaint = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
"""

# One timed open: the file's bytes as a File, through the widget's own open path.
OPEN = "async ([text]) => {" + HELPERS + """
  const file = new File([text], 'bench.json', { type: 'application/json' });
  await frame();
  const start = performance.now();
  await view.openFile({ files: [file], value: '' }, 'open');
  await nextPaint();
  return { open: performance.now() - start, size: view.map.entries.length };
}"""

# One timed add, then (untimed) its removal, so every add starts from the same map.
ADD = "async ([label]) => {" + HELPERS + """
  const input = root.querySelector('[data-role="label"]');
  input.value = label;
  await frame();
  const start = performance.now();
  // Asked for before the press, so it resolves just after the first paint that follows,
  // before any work the widget itself leaves until after that paint.
  const paint = nextPaint();
  root.querySelector('[data-role="submit"]').click();
  const script = performance.now() - start;
  const drawn = [...root.querySelectorAll('[data-role="picture"] g.cp-entry title')]
    .some((t) => t.textContent.startsWith(label + ':'));
  await paint;
  const painted = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await nextPaint();
  const complete = performance.now() - start;
  const added = view.map.entries.find((e) => e.label === label);
  view.act('remove', added.id);
  await frame();
  await frame();
  return { script, painted, complete, drawn, size: view.map.entries.length };
}"""

# One timed remove (pressing the row's Remove button), then Undo, untimed.
REMOVE = "async ([index]) => {" + HELPERS + """
  const entry = view.map.entries[index % view.map.entries.length];
  const button = root.querySelector(
    `[data-role="list"] li[data-id="${CSS.escape(entry.id)}"] button[data-act="remove"]`);
  await frame();
  const start = performance.now();
  const paint = nextPaint();
  button.click();
  const gone = !view.map.entries.some((e) => e.id === entry.id) &&
    !root.querySelector(`[data-role="picture"] g.cp-entry[data-id="${CSS.escape(entry.id)}"]`);
  await paint;
  const painted = performance.now() - start;
  // The list, the figures and the focus follow just after the paint; let them finish.
  await nextPaint();
  view.undoRemove();
  await frame();
  await frame();
  return { painted, gone, size: view.map.entries.length };
}"""


def full_map(size: int) -> dict:
    """A map of ``size`` entries with as many links (each entry knows the next ones)."""
    kinds, contacts, gives, ties = list(KINDS), list(CONTACT), list(GIVES), list(TIES)
    entries = [{
        "id": f"b{i}", "label": f"Person {i}", "kind": kinds[i % len(kinds)],
        "circle": 1 + i % 3, "contact": contacts[i % len(contacts)],
        "gives": gives[: i % 4], "tie": ties[i % len(ties)], "wish": "same", "note": "",
    } for i in range(size)]
    links, seen = [], set()
    step = 1
    while size > 1 and len(links) < size:
        for i in range(size):
            pair = frozenset((i, (i + step) % size))
            if len(pair) == 2 and pair not in seen and len(links) < size:
                seen.add(pair)
                links.append({"from": f"b{i}", "to": f"b{(i + step) % size}"})
        step += 1
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "id": f"bench{size}",
            "person": "Bench", "date": "2026-01-01", "entries": entries, "links": links,
            "notes": ""}


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _p90(runs: list[dict], key: str) -> float:
    values = sorted(run[key] for run in runs)
    return values[int(0.9 * (len(values) - 1))]


def measure(browser, url: str, size: int, repeats: int) -> dict:
    text = json.dumps(full_map(size))
    opens = []
    for _ in range(3):  # a fresh page each time, as a person opening their file
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/{PAGE}")
        page.locator(".cpn").first.wait_for(timeout=60_000)
        opens.append(page.evaluate(OPEN, [text]))
        if len(opens) < 3:
            page.close()
    assert all(run["size"] == size for run in opens)
    for warm in range(3):  # let the JIT settle
        page.evaluate(ADD, [f"Warm {warm}"])
    adds = [page.evaluate(ADD, [f"New person {i}"]) for i in range(repeats)]
    assert all(run["drawn"] for run in adds), "the new entry was not drawn"
    assert all(run["size"] == size for run in adds)
    removes = [page.evaluate(REMOVE, [i * 7]) for i in range(repeats)] if size else []
    assert all(run["gone"] and run["size"] == size for run in removes)
    page.close()
    result = {
        "size": size,
        "open_median": _median(opens, "open"),
        "add_median": _median(adds, "painted"),
        "add_p90": _p90(adds, "painted"),
        "script_median": _median(adds, "script"),
        "complete_median": _median(adds, "complete"),
    }
    if removes:
        result.update(remove_median=_median(removes, "painted"),
                      remove_p90=_p90(removes, "painted"))
    return result


FIGURES = ("open_median", "add_median", "add_p90", "script_median", "complete_median",
           "remove_median", "remove_p90")


def combine(runs: list[list[dict]]) -> list[dict]:
    """Per size, the median over the runs of each run's figure."""
    combined = []
    for index, size in enumerate(SIZES):
        per_size = [run[index] for run in runs]
        row = {"size": size}
        for key in FIGURES:
            if key in per_size[0]:
                row[key] = statistics.median(r[key] for r in per_size)
        combined.append(row)
    return combined


def run_lines(runs: list[list[dict]], loads: list[tuple]) -> str:
    """One line per run: its load average and its 1,000-entry and ratio figures."""
    lines = []
    for number, (run, load) in enumerate(zip(runs, loads, strict=True), start=1):
        by_size = {r["size"]: r for r in run}
        big = by_size[1000]
        ratio = by_size[150]["add_median"] / by_size[0]["add_median"]
        lines.append(
            f"| {number} | {', '.join(f'{v:.1f}' for v in load[0])} "
            f"| {', '.join(f'{v:.1f}' for v in load[1])} | {big['open_median']:.0f} "
            f"| {big['add_median']:.1f} | {big['add_p90']:.1f} | {big['remove_median']:.1f} "
            f"| {big['remove_p90']:.1f} | {ratio:.2f} |")
    header = ("| Run | Load average before | Load average after | Open 1,000 (ms) "
              "| Add 1,000 median | Add p90 | Remove 1,000 median | Remove p90 "
              "| Add 150 / add empty |")
    return "\n".join([header, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |", *lines])


def write_results(results: list[dict], repeats: int, runs_table: str = "",
                  runs: int = 1) -> str:
    by_size = {r["size"]: r for r in results}
    ratio = by_size[150]["add_median"] / by_size[0]["add_median"]
    big = by_size[1000]
    checks = [
        (f"Open with 1,000 entries and 1,000 links: {big['open_median']:.0f} ms "
         f"(goal {GOAL_OPEN_MS:.0f} ms or less)", big["open_median"] <= GOAL_OPEN_MS),
        (f"Add with 1,000 entries, median: {big['add_median']:.0f} ms "
         f"(goal {GOAL_CHANGE_MS:.0f} ms or less)", big["add_median"] <= GOAL_CHANGE_MS),
        (f"Add with 1,000 entries, p90: {big['add_p90']:.0f} ms "
         f"(goal {GOAL_CHANGE_MS:.0f} ms or less)", big["add_p90"] <= GOAL_CHANGE_MS),
        (f"Remove with 1,000 entries, median: {big['remove_median']:.0f} ms "
         f"(goal {GOAL_CHANGE_MS:.0f} ms or less)", big["remove_median"] <= GOAL_CHANGE_MS),
        (f"Remove with 1,000 entries, p90: {big['remove_p90']:.0f} ms "
         f"(goal {GOAL_CHANGE_MS:.0f} ms or less)", big["remove_p90"] <= GOAL_CHANGE_MS),
        (f"Add with 150 entries / add on an empty map: {ratio:.2f} "
         f"(goal {GOAL_RATIO:.0f} or less)", ratio <= GOAL_RATIO),
    ]
    header = ("| Entries (and links) | Open, median (ms) | Add: press to map painted, median (ms) "
              "| p90 (ms) | Add: list and figures painted too, median (ms) "
              "| Remove: press to map painted, median (ms) | p90 (ms) |")
    rows = [header, "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        remove = (f"{r['remove_median']:.1f} | {r['remove_p90']:.1f}" if "remove_median" in r
                  else "(nothing to remove) | ")
        rows.append(f"| {r['size']:,} | {r['open_median']:.0f} | {r['add_median']:.1f} "
                    f"| {r['add_p90']:.1f} | {r['complete_median']:.1f} | {remove} |")
    table = "\n".join(rows)
    verdicts = "\n".join(f"- {words}: **{'meets' if ok else 'misses'} it**"
                          for words, ok in checks)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    across = (f"\nThe whole measurement ran {runs} times; the table gives the median of the "
              "runs' figures." if runs > 1 else "")
    runs_section = f"\nEach run, at 1,000 entries and 1,000 links:\n\n{runs_table}\n" \
        if runs_table else ""
    text = f"""# Open, add and remove on big maps: network_add_latency

Measured {dt.date.today().isoformat()} by `benchmarks/network_add_latency.py` on the static page
`{PAGE}` (no kernel), headless Chromium, {platform.machine()}, Python {platform.python_version()},
on a shared 2-core machine (load average {load} when it finished).
Each size has as many links as entries. Open: median of 3 fresh pages. Add and remove:
{repeats} timed runs each after 3 warm-up adds; each add is removed again and each removal
undone, untimed, so every run starts from the same map.{across}

{table}

{verdicts}
{runs_section}
"Press to map painted" runs from the button's click to just after the browser's next paint
(asked for before the click), so it includes the widget's work, the layout and the paint of
the redrawn map, but not what the widget leaves until after that paint. The widget redraws
only what changed (one entry and its tie, usually), builds a first drawing or list in one
insertion, and updates the list, figures and announcement just after the map is painted (the
"list and figures" column waits for those too). Syncing to Python waits until the page is idle.
The theme's Font Awesome script, which rescanned the page on every change, is no longer on
the page (the light-pages change); with more than 300 entries the picture leaves names off
(the list has them all).
"""
    RESULTS.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a served copy of the built book")
    parser.add_argument("--site", type=Path, default=REPO / "book" / "_build" / "html",
                        help="a built book's html folder to serve (default: book/_build/html)")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--runs", type=int, default=1,
                        help="repeat the whole measurement; report the median of the runs")
    args = parser.parse_args(argv)
    server = None
    url = args.url
    if not url:
        if not (args.site / PAGE).exists():
            print(f"No built page at {args.site / PAGE}: build the book first.", file=sys.stderr)
            return 1
        from connecting_people.cli import start_site_server
        from tests.conftest import free_port

        port = free_port()
        server = start_site_server(port, args.site)
        url = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            runs, loads = [], []
            for _ in range(args.runs):
                before = os.getloadavg()
                runs.append([measure(browser, url, size, args.repeats) for size in SIZES])
                loads.append((before, os.getloadavg()))
            browser.close()
    finally:
        if server is not None:
            server.shutdown()
    print(write_results(combine(runs), args.repeats, run_lines(runs, loads), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
