"""The one text rule (common/text.py) on the shared cases the map's JavaScript also uses."""

import json
from pathlib import Path

import pytest

from connecting_people.common.fields import FieldError, clean_text
from connecting_people.common.text import TextRefused, normalise_text, text_problem

CASES = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "text_cases.json").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_case(case):
    if case["ok"]:
        assert text_problem(case["text"], multiline=case["multiline"]) is None
        assert normalise_text(case["text"], "Note", multiline=case["multiline"]) == case["stored"]
    else:
        assert text_problem(case["text"], multiline=case["multiline"]) == case["problem"]
        with pytest.raises(TextRefused) as refused:
            normalise_text(case["text"], "Note", multiline=case["multiline"])
        assert str(refused.value) == f"Note: {case['problem']}"


def test_lone_surrogate_is_refused():
    assert text_problem("a\ud800") == (
        "contains broken characters (damaged Unicode); please retype it"
    )


def test_field_rule_uses_the_text_rule_and_names_the_field():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert clean_text(f"  {family} group ", "Name", max_length=40) == f"{family} group"
    assert clean_text("Zoe\u0301", "Name", max_length=40) == "Zo\u00e9"
    with pytest.raises(FieldError) as refused:
        clean_text("a\u202eb", "Name", max_length=40)
    assert str(refused.value) == (
        "Name: contains a character that changes the direction of the text (U+202E)"
        " at position 2; please remove it"
    )
