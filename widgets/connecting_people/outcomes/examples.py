"""A fictional team's review, for the book page, the tests and training: six people, two maps each.

Everyone here is invented. The maps are written as format-1 documents and
read through ``connecting_people.network.parse_map``, so they are checked by
the same rules as any uploaded map. The changes are deliberately mixed (most
maps grew a little, one stayed the same, one shrank) because real reviews are.
"""

from __future__ import annotations

import json

from connecting_people.network import FORMAT_NAME, FORMAT_VERSION, NetworkMap, parse_map

# (id, label, kind, circle, contact, tie, wish)
_E = tuple[str, str, str, int, str, str, str]

PEOPLE: dict[str, dict] = {
    "NG-101": {
        "person": "Sam",  # the map's own name field: the review never stores it
        "dates": ("2026-01-12", "2026-07-09"),
        "before": [
            ("e1", "Mum", "family", 1, "weekly", "strong", "same"),
            ("e2", "Care coordinator", "professional_service", 2, "monthly", "weak", "same"),
            ("e3", "GP", "professional_service", 3, "less_often", "weak", "same"),
            ("e4", "Cousin Dee", "family", 2, "less_often", "weak", "more"),
        ],
        "after": [
            ("e1", "Mum", "family", 1, "weekly", "strong", "same"),
            ("e2", "Care coordinator", "professional_service", 2, "monthly", "weak", "same"),
            ("e3", "GP", "professional_service", 3, "less_often", "weak", "same"),
            ("e4", "Cousin Dee", "family", 2, "monthly", "strong", "same"),
            ("e5", "Allotment group", "group_activity", 2, "weekly", "weak", "more"),
            ("e6", "Library", "place", 3, "weekly", "weak", "same"),
        ],
        "ratings": ([2, 2, 1, 2, 2], [3, 3, 3, 3, 2]),
    },
    "NG-102": {
        "person": "Priya",
        "dates": ("2026-01-20", "2026-07-22"),
        "before": [
            ("e1", "Brother", "family", 1, "daily", "strong", "same"),
            ("e2", "Support worker", "professional_service", 1, "weekly", "strong", "same"),
            ("e3", "Neighbour Jo", "neighbour", 3, "monthly", "weak", "more"),
        ],
        "after": [
            ("e1", "Brother", "family", 1, "daily", "strong", "same"),
            ("e2", "Support worker", "professional_service", 2, "weekly", "strong", "same"),
            ("e3", "Neighbour Jo", "neighbour", 2, "weekly", "weak", "same"),
            ("e4", "Choir", "group_activity", 2, "weekly", "weak", "same"),
        ],
        "ratings": ([2, 1, 2, 2, 1], [3, 3, 3, 2, 3]),
    },
    "NG-103": {
        "person": "Tom",
        "dates": ("2026-02-02", "2026-08-04"),
        "before": [
            ("e1", "Partner", "family", 1, "daily", "strong", "same"),
            ("e2", "Friend from work", "friend", 2, "monthly", "weak", "more"),
            ("e3", "Psychiatrist", "professional_service", 3, "less_often", "weak", "same"),
            ("e4", "Gym", "place", 3, "less_often", "weak", "more"),
            ("e5", "Online game group", "online", 2, "weekly", "weak", "same"),
        ],
        "after": [
            ("e1", "Partner", "family", 1, "daily", "strong", "same"),
            ("e2", "Friend from work", "friend", 2, "monthly", "weak", "more"),
            ("e3", "Psychiatrist", "professional_service", 3, "less_often", "weak", "same"),
            ("e4", "Gym", "place", 3, "less_often", "weak", "more"),
            ("e5", "Online game group", "online", 2, "weekly", "weak", "same"),
        ],
        "ratings": ([3, 2, 3, 3, 3], [3, 2, 3, 3, 3]),
    },
    "NG-104": {
        "person": "Grace",
        "dates": ("2026-02-10", "2026-08-18"),
        "before": [
            ("e1", "Daughter", "family", 1, "weekly", "strong", "more"),
            ("e2", "Care coordinator", "professional_service", 1, "weekly", "strong", "same"),
            ("e3", "Day centre", "place", 2, "weekly", "weak", "same"),
            ("e4", "Church", "group_activity", 2, "weekly", "strong", "same"),
            ("e5", "Old friend Meg", "friend", 3, "less_often", "weak", "more"),
            ("e6", "Pharmacist", "professional_service", 3, "monthly", "weak", "same"),
        ],
        "after": [
            ("e1", "Daughter", "family", 1, "weekly", "strong", "more"),
            ("e2", "Care coordinator", "professional_service", 1, "weekly", "strong", "same"),
            ("e4", "Church", "group_activity", 2, "monthly", "weak", "more"),
            ("e6", "Pharmacist", "professional_service", 3, "monthly", "weak", "same"),
        ],
        "ratings": ([3, 3, 3, 2, 2], [2, 2, 3, 2, 2]),
    },
    "NG-105": {
        "person": "Ade",
        "dates": ("2026-03-03", "2026-09-01"),
        "before": [
            ("e1", "Aunt", "family", 2, "monthly", "stressful", "less"),
            ("e2", "Housing officer", "professional_service", 2, "monthly", "weak", "same"),
        ],
        "after": [
            ("e1", "Aunt", "family", 2, "less_often", "weak", "same"),
            ("e2", "Housing officer", "professional_service", 3, "less_often", "weak", "same"),
            ("e3", "Football team", "group_activity", 1, "weekly", "strong", "same"),
            ("e4", "Team mate Kofi", "friend", 2, "weekly", "weak", "more"),
            ("e5", "College course", "work_study", 2, "weekly", "weak", "same"),
        ],
        "ratings": None,
    },
    "NG-106": {
        "person": "Lin",
        "dates": ("2026-03-16", "2026-09-14"),
        "before": [
            ("e1", "Mother", "family", 1, "daily", "strong", "same"),
            ("e2", "Sister", "family", 1, "weekly", "strong", "same"),
            ("e3", "Care coordinator", "professional_service", 2, "monthly", "weak", "same"),
        ],
        "after": [
            ("e1", "Mother", "family", 1, "daily", "strong", "same"),
            ("e2", "Sister", "family", 1, "weekly", "strong", "same"),
            ("e3", "Care coordinator", "professional_service", 2, "monthly", "weak", "same"),
            ("e4", "Walking group", "group_activity", 3, "weekly", "weak", "more"),
        ],
        "ratings": ([3, 2, 2, 2, 3], [4, 3, 3, 3, 3]),
    },
}


def map_document(identifier: str, which: str) -> dict:
    """One fictional map as a format-1 document; ``which`` is 'before' or 'after'."""
    person = PEOPLE[identifier]
    date = person["dates"][0 if which == "before" else 1]
    entries = [
        {
            "id": i,
            "label": label,
            "kind": kind,
            "circle": circle,
            "contact": contact,
            "gives": ["company"] if kind != "professional_service" else ["advice"],
            "tie": tie,
            "wish": wish,
            "note": "",
        }
        for i, label, kind, circle, contact, tie, wish in person[which]
    ]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "person": person["person"],
        "date": date,
        "entries": entries,
        "links": [],
        "notes": "",
    }


def map_json(identifier: str, which: str) -> str:
    return json.dumps(map_document(identifier, which), indent=1)


def load_map(identifier: str, which: str) -> NetworkMap:
    return parse_map(map_document(identifier, which))


def ratings(identifier: str) -> tuple[dict | None, dict | None]:
    from connecting_people.outcomes.rating import item_ids

    given = PEOPLE[identifier]["ratings"]
    if given is None:
        return None, None
    ids = item_ids()
    return dict(zip(ids, given[0], strict=True)), dict(zip(ids, given[1], strict=True))
