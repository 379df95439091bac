"""A directory entry is valid only with the fields a team needs, and hostile text is kept inert."""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.common.fields import ValidationError, parse_date
from connecting_people.community.model import KINDS, validate_resource

TODAY = date(2026, 10, 1)
GOOD = {
    "name": "Northgate Walking Friends",
    "kind": "group",
    "offers": "Led walks with a cafe stop.",
    "area": "Northgate",
    "last_checked": "2026-09-01",
}


def problems(**changes) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_resource({**GOOD, **changes}, today=TODAY)
    return caught.value.messages()


def test_a_complete_entry_is_accepted_and_trimmed():
    resource = validate_resource({**GOOD, "name": "  Walking Friends  ", "cost": "Free"},
                                 today=TODAY)
    assert resource.name == "Walking Friends"
    assert resource.last_checked == date(2026, 9, 1)
    assert resource.kind == "group" and resource.cost == "Free"


@pytest.mark.parametrize("field", ["name", "kind", "offers", "area", "last_checked"])
def test_each_required_field_is_required(field):
    found = problems(**{field: "  "})
    assert len(found) == 1 and "required" in found[0]


def test_every_problem_is_reported_at_once():
    found = problems(name="", area="", last_checked="2030-01-01")
    assert len(found) == 3
    assert any("future" in p for p in found)


def test_kind_may_be_its_label_in_any_case():
    assert validate_resource({**GOOD, "kind": "place to go"}, today=TODAY).kind == "place"
    assert validate_resource({**GOOD, "kind": "ONLINE"}, today=TODAY).kind == "online"
    assert "is not a kind" in problems(kind="pub quiz")[0]
    assert set(KINDS) >= {"group", "service", "place", "opportunity", "online"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03-01", date(2026, 3, 1)), ("01/03/2026", date(2026, 3, 1)), ("1/3/2026",
                                                                         date(2026, 3, 1))],
)
def test_dates_in_iso_or_uk_order(text, expected):
    assert parse_date(text, "Date", today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [("2026-10-02", "future"), ("1999-12-31", "before 2000"), ("31/02/2026", "not a real date"),
     ("next week", "not a date"), ("03/01/26", "not a date")],
)
def test_bad_dates_say_what_is_wrong(text, words):
    assert words in problems(last_checked=text)[0]


def test_control_characters_and_overlong_text_are_refused():
    assert problems(name="Walk\x00ers") == [
        "Name: contains a hidden control character (U+0000) at position 5; please retype it"
    ]
    assert problems(name="Walk\u202eers") == [
        "Name: contains a character that changes the direction of the text (U+202E)"
        " at position 5; please remove it"
    ]
    assert problems(name="x" * 121) == ["Name: is 121 characters long; the limit is 120"]
    assert problems(area="North\ngate") == [
        "Area: contains a hidden control character (U+000A) at position 6; please retype it"
    ]


def test_joiners_and_emoji_sequences_are_kept():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467 walks"
    assert validate_resource({**GOOD, "name": family}, today=TODAY).name == family


def test_newlines_are_allowed_in_notes_and_normalised():
    resource = validate_resource({**GOOD, "notes": "line one\r\nline two"}, today=TODAY)
    assert resource.notes == "line one\nline two"


HOSTILE = [
    "<script>alert('x')</script>",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "'; DROP TABLE community_resources; --",
    "<img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("field", ["name", "offers", "suits", "area", "access", "cost",
                                   "contact", "notes"])
def test_hostile_text_is_kept_as_plain_text(field, text):
    # Stored exactly as typed: escaping happens where it is shown and exported (tested there).
    resource = validate_resource({**GOOD, field: text}, today=TODAY)
    assert getattr(resource, field) == text
