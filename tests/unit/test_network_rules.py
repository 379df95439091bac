"""Summary figures, the book's own network types and the plain-words description."""

from __future__ import annotations

from pathlib import Path

import pytest

from connecting_people.common.numbers import percent
from connecting_people.network import describe, loads, parse_map, summarise
from connecting_people.network.rules import NETWORK_TYPES, join_words, network_type

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network" / "valid"


def fixture(name: str):
    return loads((FIXTURES / f"{name}.json").read_bytes())


def make(*entries, person="Aisha"):
    return parse_map({"format": "connecting-people/network-map", "version": 1, "person": person,
                      "date": "2026-03-01", "entries": [
                          {"id": f"e{i}", "label": label, "kind": kind, "circle": circle,
                           "contact": "weekly", "tie": tie, "gives": list(gives), "wish": wish}
                          for i, (label, kind, circle, tie, gives, wish) in enumerate(entries)]})


def test_summary_figures_of_leon_in_january():
    summary = summarise(fixture("leon_january"))
    assert summary["size"] == 7
    assert summary["by_circle"] == [2, 1, 4]
    assert summary["by_kind"]["professional_service"] == 3 and summary["by_kind"]["family"] == 2
    assert summary["professionals"] == 3 and summary["professional_percent"] == 43
    assert summary["kinds_present"] == 4
    assert summary["support_covered"] == ["practical", "emotional", "advice", "company"]
    assert summary["ties"] == {"strong": 2, "weak": 3, "stressful": 2}
    assert summary["regular_contact"] == 3
    assert summary["want_more"] == ["Darren (school friend)"]
    assert summary["want_less"] == ["Job centre"]
    assert summary["network_type"] == "small"


@pytest.mark.parametrize(("name", "kind"), [
    ("empty", "empty"), ("mostly_services", "mostly_services"), ("leon_january", "small"),
    ("family_centred", "family_centred"), ("wide_active", "wide_and_active"), ("mixed", "mixed"),
    ("leon_june", "wide_and_active"),
])
def test_each_fixture_gets_the_expected_book_type(name, kind):
    assert summarise(fixture(name))["network_type"] == kind


def test_type_rules_at_their_edges():
    person = ("Jo", "friend", 2, "weak", (), "same")
    service = ("CPN", "professional_service", 2, "weak", (), "same")
    group = ("Choir", "group_activity", 2, "weak", (), "same")
    family = ("Mum", "family", 1, "strong", (), "same")
    assert network_type(summarise(make(person, service))) == "mostly_services"  # half is enough
    assert network_type(summarise(make(person, person, service))) == "small"
    assert network_type(summarise(make(*[person] * 4))) == "small"
    assert network_type(summarise(make(*[family] * 3, person, group))) == "family_centred"
    assert network_type(summarise(make(*[family] * 3, person, group, group))) == "mixed"
    wide = make(family, person, group, ("Park", "place", 3, "weak", (), "same"),
                ("Neighbour", "neighbour", 3, "weak", (), "same"))
    assert network_type(summarise(wide)) == "wide_and_active"


def test_percent_rounds_halves_up_and_join_words_reads_naturally():
    assert [percent(1, 8), percent(1, 3), percent(2, 3), percent(0, 0)] == [13, 33, 67, 0]
    assert join_words([]) == "" and join_words(["a"]) == "a"
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert join_words(["Ruth, CPN", "b", "c"]) == "Ruth, CPN; b and c"
    assert join_words([str(i) for i in range(8)]) == "0, 1, 2, 3, 4 and 3 others"


def test_description_in_plain_words():
    words = describe(fixture("leon_january"))
    assert words["type"] == "small" and words["type_name"] == "Small"
    assert words["sentences"][0] == ("Leon's map has 7 connections: 2 in the inner circle, 1 in "
                                     "the middle circle and 4 in the outer circle.")
    assert "They are 2 family members, 1 friend, 1 place and 3 professionals or services." \
        in words["sentences"]
    assert "3 of the 7 (43%) are professionals or services." in words["sentences"]
    assert "2 ties feel stressful: Marcus (brother) and Job centre." in words["sentences"]
    assert "Leon would like more contact with Darren (school friend)." in words["sentences"]
    assert words["sentences"][-1].startswith("The book's own name for this shape of map is "
                                             "\"Small\".")
    assert words["text"] == " ".join(words["sentences"])


def test_description_of_an_empty_unnamed_map_and_of_gaps_in_support():
    empty = describe(fixture("empty"))
    assert empty["sentences"][0] == "The person's map has no one on it yet."
    one = describe(make(("CPN", "professional_service", 1, "weak", ("advice",), "same")))
    assert "It is a professional or service (100%)." in one["sentences"]
    assert "Between them, they give advice or information. Not marked yet: practical help, " \
           "emotional support and company." in one["sentences"]
    none = describe(make(("Jo", "friend", 1, "weak", (), "more")))
    assert "No one on the map is marked as giving support yet." in none["sentences"]


def test_every_type_has_a_name_and_a_plain_meaning():
    for name, meaning in NETWORK_TYPES.values():
        assert name and meaning.endswith(".")
        assert "diagnos" not in meaning
