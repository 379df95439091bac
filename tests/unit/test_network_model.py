"""Validation of network-map files: every fault explained, older versions upgraded, limits held."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import pytest

from connecting_people.network import FORMAT_NAME, MapError, loads, parse_map
from connecting_people.network.model import MAX_ENTRIES, Entry, NetworkMap

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network"


def doc(entries=(), **extra) -> dict:
    base = {"format": FORMAT_NAME, "version": 2, "person": "Aisha", "date": "2026-03-01",
            "entries": list(entries), "links": [], "notes": ""}
    base.update(extra)
    return base


def entry(entry_id="e1", label="Mum", **extra) -> dict:
    base = {"id": entry_id, "label": label, "kind": "family", "circle": 1, "contact": "weekly",
            "gives": ["emotional"], "tie": "strong", "wish": "same", "note": ""}
    base.update(extra)
    return base


def problems_of(document) -> list[str]:
    with pytest.raises(MapError) as caught:
        parse_map(document) if not isinstance(document, str) else loads(document)
    return caught.value.problems


def test_a_good_map_loads_and_writes_back_the_same_document():
    document = doc([entry(), entry("e2", "Sam", kind="friend", circle=3, gives=[])],
                   links=[{"from": "e1", "to": "e2"}], notes="first map")
    network = parse_map(copy.deepcopy(document))
    assert isinstance(network, NetworkMap)
    assert network.entries[0] == Entry("e1", "Mum", "family", 1, "weekly", "strong",
                                       ("emotional",), "same", "")
    assert network.entries[1].gives == ()  # answered "none of these", not unanswered
    assert network.to_dict() == document
    assert parse_map(network.to_dict()) == network


def test_answers_left_out_stay_unanswered_and_are_not_written_back():
    minimal = {"id": "e1", "label": "Mum", "kind": "family", "circle": 1}
    network = parse_map({k: v for k, v in doc([minimal]).items() if k not in {"links", "notes"}})
    first = network.entries[0]
    assert (first.contact, first.tie, first.gives, first.wish) == (None, None, None, None)
    assert network.links == () and network.notes == ""
    assert network.to_dict()["entries"] == [{**minimal, "note": ""}]
    nulls = parse_map(doc([{**minimal, "contact": None, "tie": None, "gives": None,
                            "wish": None}]))
    assert nulls.entries == network.entries


def test_version_1_answers_are_kept_and_marked_as_recorded_by_it():
    old = {**doc([{k: v for k, v in entry().items() if k not in {"gives", "wish"}}]),
           "version": 1}
    first = parse_map(old).entries[0]
    assert (first.contact, first.tie, first.gives, first.wish) == ("weekly", "strong", (),
                                                                   "same")
    assert first.recorded_by == 1
    assert parse_map(old).to_dict()["entries"][0]["recorded_by"] == 1
    assert parse_map(old).to_dict()["version"] == 2


def test_a_suggestion_to_try_is_kept():
    suggestion = {"suggested": "2026-02-01", "tried": "no", "outcome": "Too far on the bus."}
    network = parse_map(doc([entry(suggestion=suggestion)]))
    assert network.entries[0].suggestion.tried == "no"
    assert network.to_dict()["entries"][0]["suggestion"] == suggestion
    default = parse_map(doc([entry(suggestion={"suggested": "2026-02-01"})]))
    assert default.entries[0].suggestion.tried == "not_yet"


def test_the_map_id_is_kept_and_checked():
    assert parse_map(doc(id="a1-b_2")).map_id == "a1-b_2"
    assert parse_map(doc(id="a1-b_2")).to_dict()["id"] == "a1-b_2"
    assert "id" not in parse_map(doc()).to_dict()
    assert problems_of(doc(id="../x")) == [
        "The map's id must be up to 64 letters, digits, '-' or '_', not '../x'."]


@pytest.mark.parametrize(("name", "expected"), [
    ("float_circle.json", ["Entry 1 (Mum): the circle must be 1, 2 or 3, not 2.0."]),
    ("float_version.json", ["The version must be a whole number, not 2.0."]),
    ("duplicate_key.json", ["The file is not a saved map: the key 'circle' appears twice in "
                            "one object."]),
    ("utf16.json", ["The file is not text (it may be a picture or a document)."]),
])
def test_files_the_browser_once_read_differently_are_refused_in_the_same_words(name, expected):
    assert problems_of_bytes((FIXTURES / "invalid" / name).read_bytes()) == expected


def test_gives_are_stored_in_one_order_so_equal_maps_give_equal_files():
    network = parse_map(doc([entry(gives=["company", "practical"])]))
    assert network.entries[0].gives == ("practical", "company")


@pytest.mark.parametrize(("name", "expected"), [
    ("not_json.json", "not valid JSON"),
    ("array.json", "should be one JSON object"),
    ("no_version.json", "no version number"),
    ("newer_version.json", "newer version of the exercise (format version 7)"),
    ("wrong_format.json", "its format is 'something-else'"),
    ("string_version.json", "version must be a whole number, not '1'"),
    ("missing_fields.json", "Entry 1 (Mum) is missing: kind, circle."),
    ("entries_not_list.json", "no list of entries"),
])
def test_each_bad_file_says_what_is_wrong(name, expected):
    problems = problems_of((FIXTURES / "invalid" / name).read_text())
    assert any(expected in problem for problem in problems), problems


def test_every_bad_value_is_reported_not_just_the_first():
    problems = problems_of((FIXTURES / "invalid" / "bad_values.json").read_text())
    text = "\n".join(problems)
    for phrase in ("2026-02-30 is not a real day", "the kind must be family, friend",
                   "not 'cousin'", "the circle must be 1, 2 or 3, not 5", "not 'hourly'",
                   "not 'great'", "gives must be a list of", "the wish must be more, same or less",
                   "the id 'a' is used twice", "the label is empty", "circle must be 1, 2 or 3, "
                   "not true", "Tab\there): the label contains a hidden control character (U+0009)",
                   "gives names the same kind of support twice", "... and at least 1 more"):
        assert phrase in text, (phrase, problems)


def test_bad_links_are_explained():
    problems = problems_of((FIXTURES / "invalid" / "bad_links.json").read_text())
    assert problems == [
        "Link 1 joins an entry to itself.",
        "Link 3 repeats a link that is already on the map.",
        "Link 4 needs 'from' and 'to', each the id of an entry.",
    ]


def test_lengths_and_control_characters_are_limited():
    long_problems = problems_of((FIXTURES / "invalid" / "too_long.json").read_text())
    assert "The person's name is 41 characters long; the most allowed is 40." in long_problems
    assert any("the label is 81 characters long" in p for p in long_problems)
    assert any("the note is 2001 characters long" in p for p in long_problems)
    assert any("year-month-day (2026-03-01), not '01/02/2026'" in p for p in long_problems)
    control = problems_of((FIXTURES / "invalid" / "control_chars.json").read_text())
    assert len(control) == 2 and all("control character" in p for p in control)


def test_a_hopeless_file_gives_a_short_list_not_a_wall_of_errors():
    problems = problems_of((FIXTURES / "invalid" / "many_problems.json").read_text())
    assert len(problems) == 13
    assert problems[-1].startswith("... and at least")


def test_notes_keep_line_breaks_but_windows_endings_become_plain():
    network = parse_map(doc([entry(note="one\r\ntwo\rthree")], notes="a\r\nb"))
    assert network.entries[0].note == "one\ntwo\nthree" and network.notes == "a\nb"


def test_version_0_drafts_still_load():
    network = loads((FIXTURES / "valid" / "version0.json").read_bytes())
    assert network.person == "Ola" and network.date == "2023-06-01"
    assert [(e.circle, e.tie) for e in network.entries] == [(1, "strong"), (2, "weak")]
    assert network.to_dict()["version"] == 2
    assert [e.recorded_by for e in network.entries] == [1, 1]


def test_bytes_with_a_byte_order_mark_and_non_text_files():
    text = json.dumps(doc([entry()]))
    assert loads(("\ufeff" + text).encode("utf-8")).person == "Aisha"
    assert problems_of_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe") == [
        "The file is not text (it may be a picture or a document)."]
    assert "not valid JSON" in problems_of('{"version": NaN}')[0]


def problems_of_bytes(data: bytes) -> list[str]:
    with pytest.raises(MapError) as caught:
        loads(data)
    return caught.value.problems


def test_a_10000_entry_map_loads_quickly_and_one_more_is_refused():
    entries = [entry(f"e{i}", f"Person {i}", circle=1 + i % 3) for i in range(MAX_ENTRIES)]
    text = json.dumps(doc(entries))
    started = time.perf_counter()
    network = loads(text)
    assert len(network.entries) == MAX_ENTRIES
    assert time.perf_counter() - started < 3
    entries.append(entry("extra", "One too many"))
    assert problems_of(doc(entries)) == [
        "The map has 10001 entries; the most a map can hold is 10000."]


def test_the_error_message_lists_every_problem_for_a_person_to_read():
    with pytest.raises(MapError) as caught:
        parse_map(doc([entry(circle=9)]))
    assert str(caught.value) == ("This file could not be opened as a network map:\n"
                                 "- Entry 1 (Mum): the circle must be 1, 2 or 3, not 9.")


def test_with_entries_drops_links_to_removed_entries():
    network = parse_map(doc([entry(), entry("e2", "Sam")], links=[{"from": "e1", "to": "e2"}]))
    smaller = network.with_entries(network.entries[:1])
    assert smaller.links == () and len(smaller.entries) == 1
