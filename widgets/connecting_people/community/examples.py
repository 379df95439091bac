"""A fictional team's directory, for the book page, training and tests.

Northgate, its groups and its places are invented. The entries go through
``validate_resource`` like any typed entry, so the example cannot drift from
the rules. ``TODAY`` is fixed so the page reads the same on every build.
"""

from __future__ import annotations

from datetime import date

from connecting_people.community.model import FIELD_ORDER, StoredResource, validate_resource

TODAY = date(2026, 10, 1)
TEAM = "Northgate CMHT (fictional)"

_ROWS = [
    (
        "Northgate Walking Friends",
        "group",
        "Free led walks of about an hour, with a cafe stop.",
        "Anyone who wants gentle exercise and company; slow pace.",
        "Northgate",
        "Meets at the library; step-free route; bus 12 stops outside.",
        "Free",
        "walks@example.org",
        "2026-08-14",
        "Walk leader is happy to meet someone before the first walk.",
    ),
    (
        "Riverside Allotment Project",
        "activity",
        "Shared growing plots and tea on Tuesdays.",
        "People who like being outdoors; no experience needed.",
        "Riverside",
        "Uneven paths; one raised bed for wheelchair users.",
        "Free",
        "07700 900001",
        "2026-03-02",
        "",
    ),
    (
        "Northgate Library",
        "place",
        "Quiet space, computers, book groups and free events.",
        "Anyone; a good first step for someone anxious about groups.",
        "Northgate",
        "Step-free; hearing loop at the desk.",
        "Free",
        "Front desk",
        "2026-09-20",
        "",
    ),
    (
        "Money and Debt Advice Drop-in",
        "service",
        "Help with benefits, debts and bills.",
        "Anyone worried about money.",
        "Town centre",
        "Ground floor; near the bus station.",
        "Free",
        "advice@example.org",
        "2025-11-30",
        "Check opening hours: they changed last year.",
    ),
    (
        "Volunteer Centre",
        "opportunity",
        "Matches people with volunteering roles.",
        "People who want a role and a routine.",
        "Town centre",
        "Lift to first floor.",
        "Free",
        "www.example.org/volunteer",
        "2026-07-01",
        "",
    ),
    (
        "Community Choir",
        "group",
        "Singing for fun; no auditions.",
        "Anyone who likes music.",
        "Riverside",
        "Church hall, step-free side door.",
        "GBP 2 a week",
        "choir@example.org",
        "2026-02-10",
        "",
    ),
    (
        "Adult Learning: Cooking on a Budget",
        "opportunity",
        "Six-week course with a certificate.",
        "People who want to learn a skill with others.",
        "Northgate",
        "Accessible kitchen.",
        "Free for people on benefits",
        "College reception",
        "2026-06-05",
        "",
    ),
    (
        "Peer Support Online Forum",
        "online",
        "Moderated forum run by people with lived experience.",
        "People who find meeting in person hard at first.",
        "Online",
        "Needs internet access.",
        "Free",
        "www.example.org/forum",
        "2026-05-18",
        "",
    ),
]


def entries() -> list[StoredResource]:
    """The fictional directory as stored entries (ids 1, 2, 3 ...)."""
    out = []
    for number, row in enumerate(_ROWS, start=1):
        resource = validate_resource(dict(zip(FIELD_ORDER, row, strict=True)), today=TODAY)
        out.append(
            StoredResource(id=number, team=TEAM, resource=resource, status="active", version=1)
        )
    return out
