"""Rules for text that people type into an audit, and that files bring in.

Audit files travel: they are saved on one computer and opened on another, or
imported into a lead's store. Text in them is shown in dashboards, reports and
spreadsheets, so it is escaped wherever it is shown; on top of that, an import
refuses text that has no business in a team audit (markup tags, control
characters, direction-override characters that disguise what is written,
broken Unicode) rather than storing it. Characters follow the one text rule
of every tool (``common/text.py``); ``scoring.js`` applies the same rules
when a file is opened on the static page.
"""

from __future__ import annotations

import re

from connecting_people.common.csvtools import safe_cell
from connecting_people.common.text import text_problem as shared_text_problem

# Limits are generous for real use and stop a file from smuggling in megabytes.
LIMITS = {
    "name": 120,  # team, Trust, service, participant, action owner
    "notes": 4000,
    "item_note": 1000,
}
MAX_PARTICIPANTS = 40

_MARKUP = re.compile(r"<\s*[A-Za-z/!?]")


def text_problem(value: str, *, kind: str = "name", multi_line: bool = False) -> str | None:
    """Why ``value`` is refused, as a phrase (``None`` when it is fine)."""
    limit = LIMITS[kind]
    problem = shared_text_problem(value, multiline=multi_line)
    if problem:
        return problem
    if len(value) > limit:
        return f"is {len(value)} characters long; the limit is {limit}"
    if _MARKUP.search(value):
        return "contains something that looks like a web page tag (< followed by a letter)"
    return None


# Audits export CSV with the same rule as every other export in the package.
safe_csv_cell = safe_cell
