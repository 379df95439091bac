"""How the book says a length of time, in one place.

The practice timings (``timings``) and the training agendas (``training``)
both print minutes as people say them. They had a copy each; a fix to one
would not have reached the other. Pure: no Sphinx, no widgets.
"""

from __future__ import annotations

# Above ten hours the minutes stop mattering, so they are rounded to whole hours.
ROUND_TO_HOURS_FROM = 600


def format_minutes(minutes: int, exact: bool = False) -> str:
    """'45 minutes', '1 hour 15 minutes', '2 hours', '100 hours'.

    ``exact`` keeps the minutes of a long time too, as an agenda that adds up
    its sessions must ('10 hours 15 minutes'); an estimate is rounded.
    """
    if minutes >= ROUND_TO_HOURS_FROM and not exact:
        return f"{round(minutes / 60):,} hours"
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours != 1 else ""))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("s" if rest != 1 else ""))
    return " ".join(parts)
