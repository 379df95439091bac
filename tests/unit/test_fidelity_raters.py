"""Two raters: differences of 2 or more with both notes, agreement within 1, the agreed audit."""

from __future__ import annotations

from datetime import date

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import Audit, Team
from connecting_people.fidelity.raters import RatersError, agree, compare_raters

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


def _audit(scores: dict[str, int | None], notes: dict[str, str] | None = None, *,
           day: date = date(2026, 2, 1), who: tuple[str, ...] = (), team: str = "Riverside CMHT",
           version: str | None = None) -> Audit:
    answers = {item: 3 for item in IDS}
    answers.update(scores)
    return Audit(team=Team(team), date=day, answers=answers, item_notes=notes or {},
                 participants=who, checklist_version=version or CHECKLIST.version)


FIRST = _audit({IDS[0]: 1, IDS[1]: 5, IDS[2]: 4, IDS[3]: None, IDS[4]: None},
               {IDS[0]: "No friends recorded in 8 of 10 notes", IDS[1]: "Map in every file"},
               who=("Asha Patel",))
SECOND = _audit({IDS[0]: 4, IDS[1]: 5, IDS[2]: 3, IDS[3]: 2, IDS[4]: None},
                {IDS[0]: "The group list shows friends for most"}, day=date(2026, 2, 3),
                who=("Ben Lewis",))


def test_items_two_or_more_apart_come_with_both_notes():
    comparison = compare_raters(CHECKLIST, FIRST, SECOND)
    assert [(d.item_id, d.first, d.second, d.gap) for d in comparison.to_discuss] == [
        (IDS[0], 1, 4, 3)]
    assert comparison.to_discuss[0].first_note == "No friends recorded in 8 of 10 notes"
    assert comparison.to_discuss[0].second_note == "The group list shows friends for most"


def test_agreement_is_the_share_within_one_point_over_items_both_rated():
    comparison = compare_raters(CHECKLIST, FIRST, SECOND)
    assert comparison.both_rated == len(IDS) - 2
    assert comparison.within_one == len(IDS) - 3
    assert comparison.one_rated == (IDS[3],)
    assert comparison.neither_rated == (IDS[4],)
    assert comparison.agreement_percent == 96  # 23 of 24
    assert comparison.agreement_sentence() == (
        "The two raters agree within 1 point on 23 of the 24 items both rated (96%). "
        "2 items rated by one or neither are left out of that share.")


def test_no_item_rated_by_both():
    nothing = _audit({item: None for item in IDS})
    comparison = compare_raters(CHECKLIST, nothing, nothing)
    assert comparison.agreement_percent is None
    assert comparison.agreement_sentence() == (
        "No item was rated by both, so agreement cannot be given.")


def test_proposals_same_lower_or_the_only_score():
    proposed = compare_raters(CHECKLIST, FIRST, SECOND).proposed
    assert IDS[0] not in proposed  # to discuss: the team decides
    assert (proposed[IDS[1]], proposed[IDS[2]], proposed[IDS[3]], proposed[IDS[4]]) == (
        5, 3, 2, None)


def test_agreed_audit_needs_every_difference_settled():
    with pytest.raises(RatersError) as caught:
        agree(CHECKLIST, FIRST, SECOND, {})
    assert caught.value.problems == [
        f"Agree a score for every item the raters differ on by 2 or more: {IDS[0]}."]
    with pytest.raises(RatersError) as caught:
        agree(CHECKLIST, FIRST, SECOND, {IDS[0]: 7, "nope": 2})
    assert caught.value.problems == [
        "These are not items on the checklist: nope.",
        f'An agreed score is a whole number from 1 to 5, or "cannot rate": {IDS[0]}.']


def test_agreed_audit_keeps_both_originals_and_both_notes():
    result = agree(CHECKLIST, FIRST, SECOND, {IDS[0]: 2, IDS[2]: 4},
                   first_name="Asha", second_name="Ben")
    assert result.first is FIRST and result.second is SECOND
    assert result.settled == (IDS[0],)
    agreed = result.agreed
    assert (agreed.answers[IDS[0]], agreed.answers[IDS[2]], agreed.answers[IDS[3]]) == (2, 4, 2)
    assert agreed.item_notes[IDS[0]] == ("Asha: No friends recorded in 8 of 10 notes\n"
                                         "Ben: The group list shows friends for most")
    assert agreed.item_notes[IDS[1]] == "Asha: Map in every file"
    assert agreed.participants == ("Asha Patel", "Ben Lewis")
    assert agreed.date == date(2026, 2, 3)
    assert agreed.audit_id not in (FIRST.audit_id, SECOND.audit_id)


def test_refuses_different_teams_or_checklist_versions():
    with pytest.raises(RatersError) as caught:
        compare_raters(CHECKLIST, FIRST, _audit({}, team="Hillside CMHT", version="9.9"))
    assert caught.value.problems == [
        f"The second rater's audit uses checklist version 9.9; this is version "
        f"{CHECKLIST.version}.",
        "The two audits are for different teams: Riverside CMHT and Hillside CMHT."]
