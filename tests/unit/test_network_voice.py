"""The widget's two voices: the person's own page says "you" and reads easily.

In the service user's guide the person reads the description of their own map,
so it says "you" and "your map", names no map type (a worker's shorthand) and
reads at Flesch 80 or above. The reading ease is measured as the book's prose
tests measure it (textstat, tests/build/prose.py), on every fixture map, with
the description taken as a whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat

from connecting_people.network import compare, describe, loads

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network" / "valid"
NAMES = sorted(path.stem for path in FIXTURES.glob("*.json"))
WORKER_WORDS = ("The person", "person's", "map type", "book's own", "shape of map")


def fixture(name: str):
    return loads((FIXTURES / f"{name}.json").read_bytes())


@pytest.mark.parametrize("name", NAMES)
def test_the_persons_voice_reads_at_flesch_80_or_above(name):
    text = describe(fixture(name), voice="person")["text"]
    assert textstat.flesch_reading_ease(text) >= 80, text


@pytest.mark.parametrize("name", NAMES)
def test_the_persons_voice_says_you_and_names_no_map_type(name):
    words = describe(fixture(name), voice="person")
    assert words["type"] is None and words["type_name"] is None
    assert words["text"].startswith(("You have", "Your map"))
    for phrase in WORKER_WORDS:
        assert phrase not in words["text"], phrase


def test_the_workers_voice_stays_as_it_was():
    words = describe(fixture("leon_january"))
    assert words["text"].startswith("Leon's map has 7 connections")
    assert words["type_name"] == "Small"
    assert 'The book\'s own name for this shape of map is "Small".' in words["text"]


def test_a_comparison_in_the_persons_voice_says_your_map_and_names_no_type():
    result = compare(fixture("leon_january"), fixture("leon_june"), "person")
    assert ", your map grew from 7 to 9 connections." in result["sentences"][0]
    assert "map types" not in result["text"]


def test_an_unknown_voice_is_refused():
    with pytest.raises(ValueError, match="voice must be one of worker, person"):
        describe(fixture("empty"), voice="everyone")
