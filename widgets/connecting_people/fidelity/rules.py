"""Score a self-audit honestly: over rated items only, saying how much was not rated.

The rules (mirrored line for line in ``scoring.js`` so the static page shows
the same numbers; ``tests/parity/test_fidelity_js_parity.py`` proves it):

- An answer is a whole score from 1 to 5, or ``None`` for "cannot rate: no
  evidence". An item with no answer yet counts as unrated too.
- A scope (the whole audit, or one domain) scores the mean of its rated
  items, kept as whole tenths and rounded half up, so both languages agree to
  the digit. Unrated items are left out, never counted as 1 or 0.
- A warning is raised when more than ``unrated_warning_percent`` of a scope's
  items are unrated; a band is given only when at least
  ``band_min_rated_percent`` are rated, because a band earned on two items out
  of 26 would mislead.
- Weakest items: the rated items below 5, lowest first, ties broken by their
  order in the checklist. The action plan takes the first three of them, and
  goes on (to at most five) while the next item ties with the third or scores
  2 or less.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from connecting_people.common.numbers import percent
from connecting_people.fidelity.checklist import Checklist, format_tenths

Answers = Mapping[str, int | None]


def round_half_up_tenths(total: int, count: int) -> int:
    """10 * total / count rounded half up, in whole numbers only (no float drift)."""
    return (20 * total + count) // (2 * count)


def is_score(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5


@dataclass(frozen=True)
class ScopeScore:
    id: str  # "total" or a domain id
    items: int
    rated: int
    cannot_rate: int
    unanswered: int
    sum: int
    tenths: int | None  # None when nothing is rated
    band: str | None  # None when nothing is rated or too little is rated
    band_withheld: bool  # something is rated, but too little for a band
    warning: bool  # too much is unrated to trust the score
    unrated_percent: int

    @property
    def unrated(self) -> int:
        return self.cannot_rate + self.unanswered

    @property
    def score_text(self) -> str:
        return format_tenths(self.tenths) if self.tenths is not None else "no score"


@dataclass(frozen=True)
class AuditScore:
    total: ScopeScore
    domains: tuple[ScopeScore, ...]
    scores: dict[str, int]  # rated items only
    weakest: tuple[str, ...]
    plan: tuple[str, ...]

    def domain(self, domain_id: str) -> ScopeScore:
        return next(scope for scope in self.domains if scope.id == domain_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the shape ``scoring.js`` returns, for parity tests and exports."""
        return {
            "total": asdict(self.total),
            "domains": [asdict(scope) for scope in self.domains],
            "weakest": list(self.weakest),
            "plan": list(self.plan),
        }


def _scope(
    checklist: Checklist, scope_id: str, item_ids: tuple[str, ...], answers: Answers
) -> ScopeScore:
    rules = checklist.rules
    rated = [answers[i] for i in item_ids if is_score(answers.get(i))]
    cannot_rate = sum(1 for i in item_ids if i in answers and answers[i] is None)
    unanswered = len(item_ids) - len(rated) - cannot_rate
    unrated = cannot_rate + unanswered
    total = sum(rated)
    tenths = round_half_up_tenths(total, len(rated)) if rated else None
    enough = len(rated) * 100 >= rules.band_min_rated_percent * len(item_ids)
    band = checklist.band_for_tenths(tenths).id if tenths is not None and enough else None
    return ScopeScore(
        id=scope_id,
        items=len(item_ids),
        rated=len(rated),
        cannot_rate=cannot_rate,
        unanswered=unanswered,
        sum=total,
        tenths=tenths,
        band=band,
        band_withheld=bool(rated) and not enough,
        warning=unrated * 100 > rules.unrated_warning_percent * len(item_ids),
        unrated_percent=percent(unrated, len(item_ids)),
    )


def check_answers(checklist: Checklist, answers: Answers) -> None:
    """Refuse answers the scoring cannot interpret (imports are validated before this)."""
    known = set(checklist.item_ids)
    for item_id, value in answers.items():
        if item_id not in known:
            raise ValueError(f"{item_id!r} is not an item of checklist {checklist.version}")
        if value is not None and not is_score(value):
            raise ValueError(f"{item_id!r}: {value!r} is not a score from 1 to 5 or 'cannot rate'")


def rank_weakest(checklist: Checklist, answers: Answers) -> list[str]:
    ceiling = checklist.rules.plan_never_include_at_or_above
    rated = [item for item in checklist.items if is_score(answers.get(item.id))]
    below = [item for item in rated if answers[item.id] < ceiling]
    below.sort(key=lambda item: (answers[item.id], item.order))
    return [item.id for item in below]


def choose_plan(checklist: Checklist, answers: Answers, ranked: list[str]) -> list[str]:
    rules = checklist.rules
    plan = ranked[: rules.plan_min_items]
    if len(plan) < rules.plan_min_items:
        return plan
    third = answers[plan[-1]]
    for item_id in ranked[rules.plan_min_items : rules.plan_max_items]:
        score = answers[item_id]
        if score <= third or score <= rules.plan_always_include_at_or_below:
            plan.append(item_id)
        else:
            break  # ranked is in rising order, so no later item qualifies either
    return plan


def score_audit(checklist: Checklist, answers: Answers) -> AuditScore:
    """Scores for the whole audit and each domain, the weakest items and the action plan."""
    check_answers(checklist, answers)
    ranked = rank_weakest(checklist, answers)
    return AuditScore(
        total=_scope(checklist, "total", checklist.item_ids, answers),
        domains=tuple(_scope(checklist, d.id, d.item_ids, answers) for d in checklist.domains),
        scores={i: answers[i] for i in checklist.item_ids if is_score(answers.get(i))},
        weakest=tuple(ranked[: checklist.rules.plan_max_items]),
        plan=tuple(choose_plan(checklist, answers, ranked)),
    )
