"""Facts about the Connecting People studies that the book's figures draw on.

Kept as data in one place so that text, figures and tests quote the same
numbers. Sources: the NIHR SSCR project summary (Webber, completed 2019) and
Webber et al. (2021), British Journal of Social Work 51(3):1080-1100.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    label: str
    count: int


PARTICIPANT_FLOW: tuple[Stage, ...] = (
    Stage("Recruited", 159),
    Stage("Interviewed at the start", 151),
    Stage("Interviewed at six months", 127),
)

TRUSTS: tuple[str, ...] = (
    "Tees, Esk and Wear Valleys",
    "Bradford District Care",
    "Essex Partnership",
    "Avon and Wiltshire",
    "Hertfordshire Partnership",
)
TRUST_COUNT = len(TRUSTS)


def retention_at_six_months() -> float:
    """Share of recruited service users interviewed again at six months."""
    return PARTICIPANT_FLOW[-1].count / PARTICIPANT_FLOW[0].count
