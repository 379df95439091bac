"""The book's one set of practice timings, team size and course length.

Pages print them through the ``{timing}`` role and the ``timings-table`` and
``person-budget`` directives (``connecting_people.sphinxext.timings``); the
capacity planner's starting minutes are checked against them. See
``timings.yaml`` for the data and how to change it.
"""

from connecting_people.timings.loader import (
    TIMINGS_PATH,
    TimingsError,
    check,
    load_timings,
    load_timings_from,
)
from connecting_people.timings.model import (
    Budget,
    Task,
    TimingKeyError,
    Timings,
    format_minutes,
    format_range,
    number_words,
)

__all__ = [
    "TIMINGS_PATH",
    "Budget",
    "Task",
    "TimingKeyError",
    "Timings",
    "TimingsError",
    "check",
    "format_minutes",
    "format_range",
    "load_timings",
    "load_timings_from",
    "number_words",
]
