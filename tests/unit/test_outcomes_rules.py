"""The outcomes review: figures from two maps, honest team summaries, the book's own self-rating."""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.common.fields import ValidationError
from connecting_people.network import parse_map
from connecting_people.outcomes import examples, rating, rules

TODAY = date(2026, 11, 1)


def pair(identifier: str, **kwargs) -> rules.MapPair:
    start, review = examples.ratings(identifier)
    return rules.pair_from_maps(identifier, examples.load_map(identifier, "before"),
                                examples.load_map(identifier, "after"), start_rating=start,
                                review_rating=review, today=TODAY, **kwargs)


def test_figures_from_one_map_use_the_network_rules():
    figures = rules.map_figures(examples.load_map("NG-101", "before"))
    assert figures == {"size": 4, "kinds": 2, "professional_percent": 50,
                       "wishes_met_percent": 75, "suggestions": 0, "suggestions_tried": 0,
                       "suggestions_not_tried": 0, "suggestions_not_yet": 0}


def test_an_empty_map_has_no_shares():
    empty = parse_map({"format": "connecting-people/network-map", "version": 1, "person": "",
                       "date": "2026-01-01", "entries": []})
    assert rules.map_figures(empty) == {"size": 0, "kinds": 0, "professional_percent": None,
                                        "wishes_met_percent": None, "suggestions": 0,
                                        "suggestions_tried": 0, "suggestions_not_tried": 0,
                                        "suggestions_not_yet": 0}


def _map(entries: list[dict], day: str) -> object:
    return parse_map({"format": "connecting-people/network-map", "version": 2, "person": "A",
                      "date": day, "entries": entries})


def test_wishes_met_count_only_wishes_given_and_suggestions_are_counted():
    entries = [
        {"id": "a", "label": "Mum", "kind": "family", "circle": 1, "wish": "same"},
        {"id": "b", "label": "Sam", "kind": "friend", "circle": 2, "wish": "more"},
        {"id": "c", "label": "Walk", "kind": "group_activity", "circle": 3,
         "suggestion": {"suggested": "2026-01-10", "tried": "yes"}},
        {"id": "d", "label": "Library", "kind": "place", "circle": 3,
         "suggestion": {"suggested": "2026-01-10", "tried": "no"}},
    ]
    figures = rules.map_figures(_map(entries, "2026-07-01"))
    assert figures["wishes_met_percent"] == 50  # 1 of the 2 wishes given, not 1 of 4
    assert (figures["suggestions"], figures["suggestions_tried"]) == (2, 1)
    start = _map(entries[:2], "2026-01-10")
    review = _map(entries, "2026-07-01")
    made = rules.pair_from_maps("NG-900", start, review, today=TODAY)
    assert rules.suggestions_followed_up([made.pair]) == {
        "people_with_suggestions": 1, "made": 2, "tried": 1, "not_tried": 1, "not_yet": 0,
        "not_followed": 1}
    assert rules.followed_up_sentence([made.pair]) == (
        "Suggested to try: 2 things on 1 person's review maps. Tried: yes 1, no 1, not yet 0.")


def test_a_pair_saved_without_the_split_of_untried_suggestions_is_not_guessed():
    old = rules.Pair("NG-900", date(2026, 1, 1), date(2026, 7, 1), {},
                     {"suggestions": 3, "suggestions_tried": 1})
    counts = rules.suggestions_followed_up([old])
    assert (counts["not_tried"], counts["not_yet"], counts["not_followed"]) == (None, None, 2)
    assert rules.tried_words(counts) == "yes 1, no or not yet 2"


def test_maps_are_paired_in_date_order_whatever_order_they_are_loaded():
    before, after = examples.load_map("NG-105", "before"), examples.load_map("NG-105", "after")
    forwards = rules.pair_from_maps("NG-105", before, after, today=TODAY)
    backwards = rules.pair_from_maps("NG-105", after, before, today=TODAY)
    assert forwards.pair == backwards.pair
    assert forwards.pair.start_date == date(2026, 3, 3)
    assert forwards.pair.change("size") == 3
    assert forwards.comparison["sentences"][0].startswith("Between 3 March 2026 and 1 September")


def test_same_day_and_future_maps_are_refused_and_odd_gaps_flagged():
    start = examples.map_document("NG-101", "before")
    with pytest.raises(ValidationError, match="same date"):
        rules.pair_from_maps("NG-101", parse_map(start), parse_map(start), today=TODAY)
    future = parse_map({**start, "date": "2027-01-01"})
    with pytest.raises(ValidationError, match="in the future"):
        rules.pair_from_maps("NG-101", parse_map(start), future, today=TODAY)
    soon = parse_map({**start, "date": "2026-02-12"})
    assert "31 days apart" in rules.pair_from_maps("NG-101", parse_map(start), soon,
                                                   today=TODAY).flags[0]
    other = parse_map({**examples.map_document("NG-101", "after"), "person": "Somebody"})
    flags = rules.pair_from_maps("NG-101", parse_map(start), other, today=TODAY).flags
    assert any("different names" in f for f in flags)


def test_the_team_summary_counts_up_same_down_and_gives_medians():
    pairs = [pair(i).pair for i in examples.PEOPLE]
    summary = rules.team_summary(pairs)
    size = next(f for f in summary.figures if f.key == "size")
    assert (size.people, size.up, size.same, size.down) == (6, 4, 1, 1)
    assert size.median_change == 1 and size.median_before == 3.5
    rated = next(f for f in summary.figures if f.key == rules.RATING_KEY)
    assert rated.people == 5  # NG-105 has no self-rating
    assert summary.sentences[0] == "6 people have a map at the start and at about six months."
    assert "4 went up, 1 stayed the same and 1 went down" in summary.sentences[1]
    assert "points" in summary.sentences[3]


def test_the_summary_never_claims_an_effect_and_always_says_so():
    pairs = [pair(i).pair for i in examples.PEOPLE]
    text = " ".join(rules.team_summary(pairs).sentences + rules.team_summary(pairs).cautions)
    for claim in ("p =", "p<", "p-value", "significant", "effect size", "proves", "caused by",
                  "improved because"):
        assert claim not in text.lower()
    cautions = rules.team_summary(pairs).cautions
    assert any("no comparison group" in c.lower() for c in cautions)
    assert any("With 6 people" in c for c in cautions)
    assert any("No statistical test" in c for c in cautions)


def test_an_empty_review_says_so():
    summary = rules.team_summary([])
    assert summary.people == 0 and "No one has" in summary.sentences[0]


def test_the_self_rating_is_the_books_own_and_read_from_its_file():
    check = rating.load()
    assert "book's own" in check["title"] and "not a validated questionnaire" in check["about"]
    assert len(check["items"]) == 5 and set(check["scale"]) == {"1", "2", "3", "4", "5"}


def test_ratings_are_all_or_nothing_and_whole_numbers_one_to_five():
    ids = rating.item_ids()
    assert rating.validate_ratings({}, label="Start") is None
    full = dict.fromkeys(ids, 3)
    assert rating.total(rating.validate_ratings(full, label="Start")) == 15
    with pytest.raises(ValidationError, match="statement 2: please choose"):
        rating.validate_ratings({ids[0]: 3}, label="Start")
    for bad in (6, "2.5", True, "<b>"):
        with pytest.raises(ValidationError, match="must be 1 to 5"):
            rating.validate_ratings({**full, ids[0]: bad}, label="Start")


def test_number_words_for_medians():
    assert rules.number(4.0) == "4" and rules.number(4.5) == "4.5" and rules.number(None) == (
        "not known")
    assert rules.signed(2) == "+2" and rules.signed(-1.5) == "-1.5" and rules.signed(0) == "0"


def test_one_or_two_people_get_their_values_not_a_median():
    one = [rules.Pair("NG-1", TODAY, TODAY, {"size": 4}, {"size": 7})]
    two = one + [rules.Pair("NG-2", TODAY, TODAY, {"size": 6}, {"size": 6})]
    assert rules.team_summary(one).sentences[1] == (
        "Connections on the map: of 1 person, 1 went up, 0 stayed the same and 0 went down. "
        "The change was +3: from 4 at the start to 7 at about six months.")
    assert rules.team_summary(two).sentences[1] == (
        "Connections on the map: of 2 people, 1 went up, 1 stayed the same and 0 went down. "
        "The two changes were +3 and 0: from 4 and 6 at the start to 7 and 6 at about six "
        "months.")
