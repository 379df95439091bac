"""The book's own short self-rating: five statements, each rated 1 to 5, read from one data file.

This is deliberately not a validated questionnaire (the book reproduces
none): the statements were written for the book, so the page that prints
them, the dashboard that records them and the summary that reports them all
read ``self_rating.json`` and cannot disagree. A total is shown only when all
five are answered; there are no cut-offs or norms.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from connecting_people.common.fields import FieldError, ValidationError

PATH = Path(__file__).with_name("self_rating.json")


@cache
def load() -> dict:
    data = json.loads(PATH.read_text(encoding="utf-8"))
    if data.get("format") != "connecting-people/self-rating" or data.get("version") != 1:
        raise ValueError("self_rating.json has an unknown format or version")
    return data


def item_ids() -> list[str]:
    return [item["id"] for item in load()["items"]]


def validate_ratings(values: dict, *, label: str) -> dict[str, int] | None:
    """Ratings 1-5 keyed by item id; ``None`` if all are blank; else ``ValidationError``."""
    items = load()["items"]
    given = {item["id"]: values.get(item["id"]) for item in items}
    if all(v in (None, "", 0) for v in given.values()):
        return None
    problems = []
    clean: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        value = given[item["id"]]
        if value in (None, "", 0):
            problems.append(FieldError(f"{label}, statement {number}", "please choose 1 to 5"))
            continue
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = None
        if rating is None or str(value).strip() not in {str(rating)} or not 1 <= rating <= 5:
            problems.append(FieldError(f"{label}, statement {number}", "must be 1 to 5"))
            continue
        clean[item["id"]] = rating
    if problems:
        raise ValidationError(problems)
    return clean


def total(ratings: dict[str, int] | None) -> int | None:
    """The sum of the five ratings (5 to 25), or ``None`` when not recorded."""
    if not ratings:
        return None
    return sum(ratings[i] for i in item_ids())
