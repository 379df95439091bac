"""Cleaning and checking one typed value (text, date, number), with messages a person can act on.

The four team tools (directory, tracker, capacity planner, outcomes review)
all take text from forms and spreadsheets, so they share one set of rules
here: what counts as empty, how long a field may be, which characters are
refused, and which date spellings are understood. A rule broken gives a
``FieldError`` naming the field in plain words, never a traceback. Which
characters text may hold is decided by the one text rule in ``common/text.py``.

Text is stored as typed (after trimming); it is escaped where it is shown
(``html.escape``) and made safe where it is exported (``csvtools``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from connecting_people.common.dates import uk_date
from connecting_people.common.text import TextRefused, text_problem

# Earliest date any of the tools accepts: older dates are almost always typing mistakes.
EARLIEST_DATE = date(2000, 1, 1)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class FieldError(TextRefused):
    """One field's value broke one rule; ``message`` is written for the person who typed it."""


class ValidationError(Exception):
    """Several problems with one record, each a ``FieldError``; nothing was saved."""

    def __init__(self, problems: list[FieldError]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems

    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(
    value: object,
    label: str,
    *,
    max_length: int,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """Trimmed text, or a ``FieldError`` if it is missing, too long or holds control characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    text = value.strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if required and not text:
        raise FieldError(label, "this is required; please fill it in")
    problem = text_problem(text, multiline=multiline)
    if problem:
        raise FieldError(label, problem)
    text = unicodedata.normalize("NFC", text)
    if len(text) > max_length:
        raise FieldError(label, f"is {len(text)} characters long; the limit is {max_length}")
    return text


def parse_date(
    value: object,
    label: str,
    *,
    today: date,
    required: bool = True,
    allow_future: bool = False,
) -> date | None:
    """A date from ``date``, ISO ``2026-03-01`` or UK ``01/03/2026`` text, checked for sense."""
    if is_blank(value):
        if required:
            raise FieldError(label, "a date is required (YYYY-MM-DD or DD/MM/YYYY)")
        return None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    else:
        text = str(value).strip()
        parsed = _parse_date_text(text, label)
    if parsed < EARLIEST_DATE:
        raise FieldError(label, f"{uk_date(parsed)} is before 2000; please check the year")
    if not allow_future and parsed > today:
        raise FieldError(
            label, f"{uk_date(parsed)} is in the future; record a step only once it is done"
        )
    return parsed


def _parse_date_text(text: str, label: str) -> date:
    iso, uk = _ISO.match(text), _UK.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif uk:
        day, month, year = (int(g) for g in uk.groups())
    else:
        raise FieldError(
            label, f"{text[:40]!r} is not a date; write it as YYYY-MM-DD or DD/MM/YYYY"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise FieldError(label, f"{text[:40]!r} is not a real date") from None


def parse_int(value: object, label: str, *, minimum: int, maximum: int) -> int:
    """A whole number within limits, from a number or text; ``FieldError`` otherwise."""
    if is_blank(value):
        raise FieldError(label, "a number is required")
    if isinstance(value, bool):
        raise FieldError(label, "must be a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise FieldError(label, "must be a whole number")
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise FieldError(label, f"{text[:20]!r} is not a whole number")
        value = int(text)
    if not isinstance(value, int):
        raise FieldError(label, "must be a whole number")
    if not minimum <= value <= maximum:
        raise FieldError(label, f"must be between {minimum} and {maximum}, not {value}")
    return value
