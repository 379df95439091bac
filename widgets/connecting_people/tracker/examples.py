"""A fictional caseload on the tracker, for the book page, training and tests.

Twelve invented people across three workers, with the steps done so far.
Identifiers follow the book's advice (a team code and a number). The record
for NG-209 is deliberately out of order, to show what the tracker flags.
"""

from __future__ import annotations

from datetime import date

from connecting_people.tracker.model import STEP_ORDER, PersonRecord, validate_person

TODAY = date(2026, 10, 1)
TEAM = "Northgate CMHT (fictional)"

# identifier, worker, on caseload from, then the five steps (None = not yet)
_ROWS = [
    (
        "NG-201",
        "JB",
        "2026-01-05",
        "2026-01-20",
        "2026-02-03",
        "2026-02-17",
        "2026-03-20",
        "2026-08-04",
    ),
    ("NG-202", "JB", "2026-01-12", "2026-02-02", "2026-02-16", "2026-03-09", None, None),
    ("NG-203", "JB", "2026-02-02", "2026-03-02", "2026-03-16", None, None, None),
    ("NG-204", "JB", "2026-04-06", None, None, None, None, None),
    (
        "NG-205",
        "AK",
        "2026-01-05",
        "2026-01-12",
        "2026-01-26",
        "2026-02-09",
        "2026-03-02",
        "2026-07-20",
    ),
    (
        "NG-206",
        "AK",
        "2026-02-09",
        "2026-02-23",
        "2026-03-09",
        "2026-03-23",
        "2026-05-04",
        "2026-09-07",
    ),
    ("NG-207", "AK", "2026-03-02", "2026-03-30", "2026-04-13", "2026-05-11", "2026-06-22", None),
    ("NG-208", "AK", "2026-05-04", "2026-06-01", None, None, None, None),
    ("NG-209", "RM", "2026-02-16", "2026-05-11", "2026-04-20", None, None, None),
    ("NG-210", "RM", "2026-03-09", None, None, None, None, None),
    ("NG-211", "RM", "2026-06-01", "2026-07-06", None, None, None, None),
    ("NG-212", "RM", "2026-07-13", None, None, None, None, None),
]


def records() -> list[PersonRecord]:
    out = []
    for identifier, worker, start, *steps in _ROWS:
        data = {"identifier": identifier, "worker": worker, "on_caseload_from": start}
        data.update(dict(zip(STEP_ORDER, steps, strict=True)))
        out.append(validate_person(data, today=TODAY))
    return out
