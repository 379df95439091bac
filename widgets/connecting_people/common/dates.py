"""Dates as pages show them: "7 March 2025", the GOV.UK style, in English on any machine.

Files, CSV downloads and file names keep ISO dates (2025-03-07), which sort
and import cleanly; only what a person reads on a page or in a report uses
this. ``fidelity/audit_state.js`` and ``network/rules.js`` write the same form.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def uk_date(day: date) -> str:
    """7 March 2025: the UK form, in English whatever the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def uk_date_from_iso(iso: str) -> str:
    """'2026-03-01' -> '1 March 2026'."""
    return uk_date(date.fromisoformat(iso))


def uk_date_time(moment: datetime) -> str:
    """'1 March 2026, 14:05': a moment in the machine's own time zone, as a person reads it."""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{uk_date(local.date())}, {local:%H:%M}"
