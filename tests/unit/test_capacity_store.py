"""Saved capacity plans on SQLite and PostgreSQL: versioned, checked, never changed after saving."""

from __future__ import annotations

import json

import pytest

from connecting_people.capacity import rules, store
from connecting_people.common.fields import ValidationError


@pytest.fixture
def engine(fresh_engine):
    return store.open_store(fresh_engine)


def test_plans_are_saved_in_order_and_read_back_with_their_answer(engine):
    store.save_plan(engine, "Team", "April plan", rules.default_inputs())
    store.save_plan(engine, "Team", "Winter <plan>", {**rules.default_inputs(),
                                                      "protected_hours": "2.5"})
    store.save_plan(engine, "Other team", "Theirs", rules.default_inputs())
    saved = store.list_plans(engine, "Team")
    assert [p.label for p in saved] == ["April plan", "Winter <plan>"]
    assert saved[0].result["fits"] and not saved[1].result["fits"]


def test_a_plan_the_rules_refuse_is_not_saved(engine):
    with pytest.raises(ValidationError) as caught:
        store.save_plan(engine, "Team", "Bad", {**rules.default_inputs(), "caseload": "lots"})
    assert caught.value.messages() == ["People on the team's caseload: please enter a number"]
    with pytest.raises(Exception, match="required"):
        store.save_plan(engine, "Team", "  ", rules.default_inputs())
    assert store.list_plans(engine, "Team") == []


def test_the_saved_document_is_versioned():
    document = json.loads(store.plan_document(rules.default_inputs()))
    assert document["format"] == "connecting-people/capacity-plan" and document["version"] == 1
    with pytest.raises(ValueError, match="unknown format or version"):
        store.read_document(json.dumps({**document, "version": 99}))
