"""Two raters, one checklist: where they differ, how often they agree, and the agreed audit.

Mature fidelity practice has two people rate independently and then compare
notes before agreeing a score. This module does the comparing:

- **Differences to discuss**: every item where the two scores are 2 or more
  apart, with both raters' evidence notes side by side.
- **Agreement**: the share of items the two scores are within 1 point on,
  over the items both rated. An item one or both could not rate is left out
  of the share and counted separately, because a "cannot rate" is neither
  agreement nor disagreement.
- **The agreed audit**: the team settles each item that differs by 2 or
  more; the rest are proposed (the same score where they match, the lower
  where they are 1 apart, since an audit should not claim more than both
  raters saw evidence for, and the one score given where only one rated),
  and the team may change any of them. The agreed audit keeps both
  originals, so nothing either rater wrote is lost: both sets of notes, each
  marked with its rater's name, and ``agreed_from`` naming the two original
  audits (their ids and raters), which stay the raters' own files.

``raters.js`` runs the same rules on the static page; both meet
tests/js/raters_cases.json.

Pure: no store, no widgets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from connecting_people.common.numbers import percent
from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.model import Audit, new_audit_id
from connecting_people.fidelity.rules import is_score

DISCUSS_AT = 2  # scores this far apart or more are talked through
AGREE_WITHIN = 1  # scores this close count as agreeing


class RatersError(ValueError):
    """The two audits cannot be compared or agreed; ``problems`` says why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Difference:
    item_id: str
    first: int | None
    second: int | None
    first_note: str
    second_note: str

    @property
    def gap(self) -> int | None:
        return abs(self.first - self.second) if is_score(self.first) and is_score(
            self.second) else None


@dataclass(frozen=True)
class Comparison:
    to_discuss: tuple[Difference, ...]  # 2 or more apart, in checklist order
    both_rated: int
    within_one: int
    one_rated: tuple[str, ...]  # item ids only one rater scored
    neither_rated: tuple[str, ...]
    proposed: dict[str, int | None]  # the score proposed for each item not to discuss

    @property
    def agreement_percent(self) -> int | None:
        """Share of items both rated that are within 1 point (None when none were both rated)."""
        return percent(self.within_one, self.both_rated) if self.both_rated else None

    def agreement_sentence(self) -> str:
        if not self.both_rated:
            return "No item was rated by both, so agreement cannot be given."
        text = (f"The two raters agree within 1 point on {self.within_one} of the "
                f"{self.both_rated} items both rated ({self.agreement_percent}%).")
        left_out = len(self.one_rated) + len(self.neither_rated)
        if left_out:
            text += (f" {left_out} item{'s' if left_out != 1 else ''} rated by one or neither "
                     f"{'are' if left_out != 1 else 'is'} left out of that share.")
        return text


def _same_checklist(checklist: Checklist, first: Audit, second: Audit) -> list[str]:
    problems = []
    for which, audit in (("first", first), ("second", second)):
        if audit.checklist_version != checklist.version:
            problems.append(f"The {which} rater's audit uses checklist version "
                            f"{audit.checklist_version}; this is version {checklist.version}.")
        unknown = sorted(set(audit.answers) - set(checklist.item_ids))
        if unknown:
            problems.append(f"The {which} rater's audit has items this checklist does not "
                            f"have: {', '.join(unknown)}.")
    if first.team.name.casefold().strip() != second.team.name.casefold().strip():
        problems.append(f"The two audits are for different teams: {first.team.name} and "
                        f"{second.team.name}.")
    return problems


def compare_raters(checklist: Checklist, first: Audit, second: Audit) -> Comparison:
    """Compare two independent audits of one team on one checklist version."""
    problems = _same_checklist(checklist, first, second)
    if problems:
        raise RatersError(problems)
    to_discuss, one, neither = [], [], []
    proposed: dict[str, int | None] = {}
    both = within = 0
    for item_id in checklist.item_ids:
        a, b = first.answers.get(item_id), second.answers.get(item_id)
        rated_a, rated_b = is_score(a), is_score(b)
        if rated_a and rated_b:
            both += 1
            if abs(a - b) <= AGREE_WITHIN:
                within += 1
            if abs(a - b) >= DISCUSS_AT:
                to_discuss.append(Difference(item_id, a, b, first.item_notes.get(item_id, ""),
                                             second.item_notes.get(item_id, "")))
            else:
                proposed[item_id] = min(a, b)
        elif rated_a or rated_b:
            one.append(item_id)
            proposed[item_id] = a if rated_a else b
        else:
            neither.append(item_id)
            proposed[item_id] = None
    return Comparison(tuple(to_discuss), both, within, tuple(one), tuple(neither), proposed)


def _combined_note(first: str, second: str, first_name: str, second_name: str) -> str:
    if first.strip() == second.strip():
        return first
    parts = [f"{name}: {note}" for name, note in ((first_name, first), (second_name, second))
             if note.strip()]
    return "\n".join(parts)


@dataclass(frozen=True)
class AgreedAudit:
    agreed: Audit
    first: Audit  # both originals, unchanged
    second: Audit
    settled: tuple[str, ...]  # items the team settled after discussing them


def agree(checklist: Checklist, first: Audit, second: Audit,
          decisions: Mapping[str, int | None], *, first_name: str = "First rater",
          second_name: str = "Second rater") -> AgreedAudit:
    """The agreed audit: ``decisions`` settles every item to discuss and may change others.

    A decision is a score from 1 to 5, or None for "cannot rate". Evidence
    notes are kept from both raters, each marked with its rater's name.
    """
    comparison = compare_raters(checklist, first, second)
    problems = []
    missing = [d.item_id for d in comparison.to_discuss if d.item_id not in decisions]
    if missing:
        problems.append("Agree a score for every item the raters differ on by 2 or more: "
                        + ", ".join(missing) + ".")
    unknown = sorted(set(decisions) - set(checklist.item_ids))
    if unknown:
        problems.append("These are not items on the checklist: " + ", ".join(unknown) + ".")
    bad = sorted(i for i, s in decisions.items() if s is not None and not is_score(s))
    if bad:
        problems.append("An agreed score is a whole number from 1 to 5, or \"cannot rate\": "
                        + ", ".join(bad) + ".")
    if problems:
        raise RatersError(problems)
    answers = {item_id: decisions.get(item_id, comparison.proposed.get(item_id))
               for item_id in checklist.item_ids}
    notes = {}
    for item_id in checklist.item_ids:
        note = _combined_note(first.item_notes.get(item_id, ""),
                              second.item_notes.get(item_id, ""), first_name, second_name)
        if note:
            notes[item_id] = note
    participants = tuple(dict.fromkeys(first.participants + second.participants))
    agreed = replace(
        first, date=max(first.date, second.date), answers=answers, item_notes=notes,
        participants=participants,
        notes=_combined_note(first.notes, second.notes, first_name, second_name),
        audit_id=new_audit_id(),
        agreed_from=((first.audit_id, first_name), (second.audit_id, second_name)))
    settled = tuple(d.item_id for d in comparison.to_discuss)
    return AgreedAudit(agreed, first, second, settled)
