"""Rules for text that people type into an audit, and that files bring in.

Audit files travel: they are saved on one computer and opened on another, or
imported into a lead's store. Text in them is shown in dashboards, reports and
spreadsheets, so it is escaped wherever it is shown; on top of that, an import
refuses text that has no business in a team audit (markup tags, control
characters, direction-override characters that disguise what is written,
broken Unicode) rather than storing it. ``scoring.js`` applies the same rules
when a file is opened on the static page.
"""

from __future__ import annotations

import re

from connecting_people.common.csvtools import safe_cell

# Limits are generous for real use and stop a file from smuggling in megabytes.
LIMITS = {
    "name": 120,  # team, Trust, service, participant, action owner
    "notes": 4000,
    "item_note": 1000,
}
MAX_PARTICIPANTS = 40

_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str, *, kind: str = "name", multi_line: bool = False) -> str | None:
    """Why ``value`` is refused, as a phrase (``None`` when it is fine)."""
    limit = LIMITS[kind]
    if _LONE_SURROGATE.search(value):
        return "contains broken characters"
    if len(value) > limit:
        return f"is {len(value)} characters long; the limit is {limit}"
    control = _CONTROL_MULTI_LINE if multi_line else _CONTROL_SINGLE_LINE
    if control.search(value):
        return "contains control characters"
    if _BIDI.search(value):
        return "contains characters that reverse the direction of the text"
    if _MARKUP.search(value):
        return "contains something that looks like a web page tag (< followed by a letter)"
    return None


# Audits export CSV with the same rule as every other export in the package.
safe_csv_cell = safe_cell
