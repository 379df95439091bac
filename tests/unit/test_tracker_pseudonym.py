"""The tracker refuses identifiers that could name a person, and accepts team codes."""

from __future__ import annotations

import pytest

from connecting_people.common.fields import FieldError
from connecting_people.tracker.pseudonym import check_identifier, nhs_check_digit_ok


@pytest.mark.parametrize(
    ("given", "stored"),
    [("NG-014", "NG-014"), ("ng-014", "NG-014"), (" CP/3 ", "CP/3"), ("AB12", "AB12"),
     ("X-1", "X-1"), ("NW_0042", "NW_0042"), ("T9", None)],
)
def test_team_codes_with_a_number_are_accepted_in_capitals(given, stored):
    if stored is None:
        with pytest.raises(FieldError, match="3 to 16 characters"):
            check_identifier(given)
    else:
        assert check_identifier(given) == stored


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("", "is required"),
        ("Aisha", "letters in a row"),
        ("Aisha1", "letters in a row"),
        ("JohnS-01", "letters in a row"),
        ("John Smith", "space"),
        ("Amy1", "could be a first name"),
        ("NG-SAM-1", "could be a first name"),
        ("a.person@nhs.net", "email"),
        ("943 476 5919", "NHS number"),
        ("943-476-5919", "NHS number"),
        ("9434765919", "NHS number"),
        ("07700 900123", "phone number"),
        ("+44 7700 900123", "phone number"),
        ("(0113) 496 0000", "phone number"),
        ("1234567890", "NHS number or another official number"),
        ("01021980", "six or more digits"),
        ("NG-123456", "six or more digits"),
        ("<script>", "only letters, digits"),
        ("NG-01;DROP", "only letters, digits"),
        ("NG", "number part"),
    ],
)
def test_things_that_could_identify_someone_are_refused_with_a_reason(given, words):
    with pytest.raises(FieldError) as caught:
        check_identifier(given)
    assert words in caught.value.message
    assert caught.value.field == "Identifier"


def test_nhs_check_digit():
    assert nhs_check_digit_ok("9434765919")
    assert not nhs_check_digit_ok("9434765918")
    assert not nhs_check_digit_ok("943476591")
