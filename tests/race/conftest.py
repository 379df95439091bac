"""The race harness: six processes make twenty edits each to one record, all at once.

Real processes (forked), each with its own engine, started together by one
event. Each reports the markers of the edits its store call said were saved;
the test then checks those against what the database holds and its history.
A conflict is an honest answer (the process reloads and tries its next edit);
an edit reported saved that is not in the database is the bug these tests catch.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass

from connecting_people.store import StoreConflict, make_engine

PROCESSES = 6
EDITS_EACH = 20


@dataclass(frozen=True)
class RaceResult:
    saved: list[str]  # markers of every edit a store call reported saved
    conflicts: int
    exit_codes: list[int]


def _editor(url: str, worker: int, edit: Callable, start, results) -> None:
    engine = make_engine(url)
    saved, conflicts = [], 0
    start.wait(60)
    for n in range(EDITS_EACH):
        marker = f"p{worker}e{n}"
        try:
            edit(engine, marker)
        except StoreConflict:
            conflicts += 1
        else:
            saved.append(marker)
    engine.dispose()
    results.put((saved, conflicts))


def race(url: str, edit: Callable) -> RaceResult:
    """Run ``edit(engine, marker)`` 20 times in each of 6 processes at once."""
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    processes = [
        context.Process(target=_editor, args=(url, worker, edit, start, results))
        for worker in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    start.set()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    saved = [marker for markers, _ in outcomes for marker in markers]
    return RaceResult(saved, sum(c for _, c in outcomes), [p.exitcode for p in processes])
