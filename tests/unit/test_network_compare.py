"""Comparing two dated maps of the same person: matching, changes and the plain-words summary."""

from __future__ import annotations

from pathlib import Path

from connecting_people.network import compare, loads
from connecting_people.network.compare import long_date, match_entries

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network" / "valid"


def fixture(name: str):
    return loads((FIXTURES / f"{name}.json").read_bytes())


def test_leon_between_january_and_june():
    result = compare(fixture("leon_january"), fixture("leon_june"))
    assert result["days"] == 156
    assert result["added"] == ["Bike repair group", "Jess from bike group", "Library"]
    assert result["removed"] == ["Job centre"]
    assert [m["label"] for m in result["closer"]] == ["Darren (school friend)"]
    assert [(m["label"], m["from"], m["to"]) for m in result["further"]] == [
        ("Ruth (care coordinator)", 1, 2)]
    assert [(t["label"], t["from"], t["to"]) for t in result["tie_changed"]] == [
        ("Marcus (brother)", "stressful", "weak"), ("Darren (school friend)", "weak", "strong")]
    figures = {f["key"]: (f["before"], f["after"]) for f in result["figures"]}
    assert figures["size"] == (7, 9) and figures["professional_percent"] == (43, 22)
    assert figures["stressful"] == (2, 0)
    assert (result["type_before"], result["type_after"]) == ("small", "wide_and_active")
    assert result["sentences"][0] == ("Between 15 January 2026 and 20 June 2026, Leon's map grew "
                                      "from 7 to 9 connections.")
    assert "Professionals and services went from 43% to 22% of the map." in result["sentences"]
    assert result["sentences"][-1] == ("The shape of the map changed from \"Small\" to \"Wide and "
                                       "active\" (the book's own map types).")


def test_the_earlier_map_is_always_before():
    forwards = compare(fixture("leon_january"), fixture("leon_june"))
    backwards = compare(fixture("leon_june"), fixture("leon_january"))
    assert forwards == backwards


def test_entries_match_by_id_then_by_label():
    before, after = fixture("crowded"), fixture("crowded_later")
    pairs = match_entries(before, after)
    by_label = [(before.entries[i].id, after.entries[j].id) for i, j in pairs
                if before.entries[i].id != after.entries[j].id]
    assert len(by_label) == 5 and all(b == f"new-{a}" for a, b in by_label)
    result = compare(before, after)
    assert result["added"] == ["New neighbour"]
    assert len(result["removed"]) == 5


def test_same_map_twice_and_different_people():
    same = compare(fixture("family_centred"), fixture("family_centred"))
    assert same["sentences"][0] == "On 30 November 2025, Grace's map stayed at 7 connections."
    assert same["sentences"][-1] == "No one was added, removed or moved."
    other = compare(fixture("mostly_services"), fixture("other_person"))
    assert other["sentences"][0].startswith("These maps have different names on them (Dev Two "
                                            "and Dev)")


def test_support_gained_and_lost_and_long_dates():
    result = compare(fixture("empty"), fixture("mostly_services"))
    assert result["support_gained"] == ["practical", "emotional", "advice"]
    assert result["text"].startswith("Between 2 February 2026 and 10 March 2026, Dev's map grew")
    assert "the person's" not in result["text"].lower()
    assert long_date("2024-02-29") == "29 February 2024"
