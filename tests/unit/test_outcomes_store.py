"""Saved review pairs on SQLite and PostgreSQL: figures only, one pair per person, no names."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.outcomes import examples, rules, store
from connecting_people.outcomes.store import StoreConflict

TODAY = date(2026, 11, 1)


@pytest.fixture
def engine(fresh_engine):
    return store.open_store(fresh_engine)


def example_pair(identifier: str) -> rules.Pair:
    start, review = examples.ratings(identifier)
    return rules.pair_from_maps(identifier, examples.load_map(identifier, "before"),
                                examples.load_map(identifier, "after"), start_rating=start,
                                review_rating=review, today=TODAY).pair


def rows(engine):
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(sa.select(store.pairs))]


def test_pairs_round_trip_and_hold_no_names_or_labels(engine):
    for identifier in examples.PEOPLE:
        store.save_pair(engine, "Team", example_pair(identifier))
    saved = store.list_pairs(engine, "Team")
    assert saved == [example_pair(i) for i in sorted(examples.PEOPLE)]
    everything = json.dumps([list(map(str, r)) for r in rows(engine)])
    for name in ("Sam", "Priya", "Mum", "Allotment", "Cousin Dee"):
        assert name not in everything


def test_a_second_pair_for_the_same_person_is_refused(engine):
    store.save_pair(engine, "Team", example_pair("NG-101"))
    before = rows(engine)
    with pytest.raises(ValidationError, match="already has a saved review pair"):
        store.save_pair(engine, "Team", replace(example_pair("NG-101"), identifier="ng-101"))
    assert rows(engine) == before


def test_identifiers_that_could_name_someone_are_refused(engine):
    with pytest.raises(FieldError, match="letters in a row"):
        store.save_pair(engine, "Team", replace(example_pair("NG-101"), identifier="Priya1"))
    assert rows(engine) == []


def test_removing_needs_the_identifier_typed_again(engine):
    store.save_pair(engine, "Team", example_pair("NG-101"))
    with pytest.raises(ValidationError):
        store.remove_pair(engine, "Team", "NG-101", confirm="NG-102")
    store.remove_pair(engine, "Team", "ng-101", confirm="NG-101")
    assert store.list_pairs(engine, "Team") == []
    with pytest.raises(StoreConflict):
        store.remove_pair(engine, "Team", "NG-101", confirm="NG-101")
