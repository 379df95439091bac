"""Finding entries, flagging the out-of-date ones and counting what the team knows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from connecting_people.community import examples, rules
from connecting_people.community.model import StoredResource, validate_resource

TODAY = date(2026, 10, 1)


def entry(number: int, *, name: str, kind: str = "group", area: str = "Northgate",
          checked: str = "2026-09-01", status: str = "active", **extra) -> StoredResource:
    resource = validate_resource(
        {"name": name, "kind": kind, "offers": extra.pop("offers", "Something good"),
         "area": area, "last_checked": checked, **extra},
        today=TODAY,
    )
    return StoredResource(number, "Team", resource, status, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(date(2026, 10, 1), 6, date(2026, 4, 1)), (date(2026, 8, 31), 6, date(2026, 2, 28)),
     (date(2026, 3, 15), 6, date(2025, 9, 15)), (date(2028, 8, 29), 6, date(2028, 2, 29)),
     (date(2026, 1, 31), -1, date(2026, 2, 28))],
)
def test_months_before_keeps_the_day_or_the_month_end(day, months, expected):
    assert rules.months_before(day, months) == expected


def test_an_entry_is_stale_from_six_months_after_its_check():
    on_the_day = entry(1, name="A", checked="2026-04-01")
    day_before = entry(2, name="B", checked="2026-03-31")
    assert not rules.is_stale(on_the_day, TODAY)
    assert rules.is_stale(day_before, TODAY)
    retired = replace(day_before, status="retired")
    assert not rules.is_stale(retired, TODAY)


def test_search_needs_every_word_in_any_field_and_any_case():
    items = [
        entry(1, name="Walking Friends", offers="Gentle walks", area="Northgate"),
        entry(2, name="Choir", offers="Singing", suits="People who like music", area="Riverside"),
        entry(3, name="Library", kind="place", access="Step-free, bus 12"),
    ]
    assert [e.id for e in rules.search(items, "WALK")] == [1]
    assert [e.id for e in rules.search(items, "music riverside")] == [2]
    assert rules.search(items, "music northgate") == []
    assert [e.id for e in rules.search(items, "bus 12")] == [3]
    assert [e.id for e in rules.search(items, "")] == [2, 3, 1]  # alphabetical by name


def test_filters_by_kind_area_retired_and_stale():
    items = [
        entry(1, name="Walkers", area="Northgate"),
        entry(2, name="Library", kind="place", area="northgate ", checked="2025-01-01"),
        entry(3, name="Old group", status="retired"),
    ]
    assert [e.id for e in rules.search(items, kind="place")] == [2]
    assert [e.id for e in rules.search(items, area="Northgate")] == [2, 1]
    assert [e.id for e in rules.search(items)] == [2, 1]
    assert [e.id for e in rules.search(items, include_retired=True)] == [2, 3, 1]
    assert [e.id for e in rules.search(items, only_stale_on=TODAY)] == [2]


def test_areas_are_listed_once_each_ignoring_case_and_spaces():
    items = [entry(1, name="A", area="Northgate"), entry(2, name="B", area="northgate"),
             entry(3, name="C", area="Riverside")]
    assert rules.areas(items) == ["Northgate", "Riverside"]


def test_counts_by_kind_split_checked_and_stale():
    counts = {c.kind: c for c in rules.counts_by_kind(examples.entries(), examples.TODAY)}
    assert counts["group"].checked == 1 and counts["group"].stale == 1
    assert counts["service"].stale == 1 and counts["activity"].stale == 1
    assert sum(c.total for c in counts.values()) == len(examples.entries())


def test_summary_sentence_reads_out_gaps_and_checks():
    assert "empty" in rules.summary_sentence(rules.counts_by_kind([], TODAY))
    one = rules.counts_by_kind([entry(1, name="A", kind="online")], TODAY)
    sentence = rules.summary_sentence(one)
    assert sentence.startswith("The team knows 1 entry across 1 kind.")
    assert "Every entry has been checked" in sentence
    assert "Nothing yet under: group or club" in sentence


def test_duplicate_key_ignores_case_and_spacing():
    assert rules.duplicate_key(" Walking  Friends", "NORTHGATE") == (
        rules.duplicate_key("walking friends", "Northgate"))
