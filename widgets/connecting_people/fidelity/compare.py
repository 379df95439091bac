"""What changed since the team's previous audit: what improved, what slipped.

Only items rated both times can improve or slip. Items rated only once are
listed apart ("newly rated", "no longer rated"), so a team that stops finding
evidence for a weak item does not look as if it improved. Mirrored in
``scoring.js`` (``compareAudits``) and covered by the parity test.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.rules import Answers, is_score, score_audit


@dataclass(frozen=True)
class ItemChange:
    item_id: str
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class ScopeChange:
    id: str
    before_tenths: int | None
    after_tenths: int | None
    change_tenths: int | None
    before_band: str | None
    after_band: str | None


@dataclass(frozen=True)
class Comparison:
    total: ScopeChange
    domains: tuple[ScopeChange, ...]
    improved: tuple[ItemChange, ...]  # biggest rise first
    slipped: tuple[ItemChange, ...]  # biggest fall first
    unchanged: tuple[str, ...]
    newly_rated: tuple[str, ...]
    no_longer_rated: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        def change(c: ItemChange) -> dict[str, Any]:
            return {"item_id": c.item_id, "before": c.before, "after": c.after}

        return {
            "total": asdict(self.total),
            "domains": [asdict(scope) for scope in self.domains],
            "improved": [change(c) for c in self.improved],
            "slipped": [change(c) for c in self.slipped],
            "unchanged": list(self.unchanged),
            "newly_rated": list(self.newly_rated),
            "no_longer_rated": list(self.no_longer_rated),
        }


def _scope_change(scope_id, before, after) -> ScopeChange:
    delta = None
    if before.tenths is not None and after.tenths is not None:
        delta = after.tenths - before.tenths
    return ScopeChange(scope_id, before.tenths, after.tenths, delta, before.band, after.band)


def compare_audits(checklist: Checklist, previous: Answers, current: Answers) -> Comparison:
    before, after = score_audit(checklist, previous), score_audit(checklist, current)
    changes: list[tuple[int, ItemChange]] = []
    unchanged, newly, lost = [], [], []
    for item in checklist.items:
        old = previous.get(item.id) if is_score(previous.get(item.id)) else None
        new = current.get(item.id) if is_score(current.get(item.id)) else None
        if old is not None and new is not None:
            if old == new:
                unchanged.append(item.id)
            else:
                changes.append((item.order, ItemChange(item.id, old, new)))
        elif new is not None:
            newly.append(item.id)
        elif old is not None:
            lost.append(item.id)
    improved = sorted(
        (c for c in changes if c[1].change > 0), key=lambda c: (-c[1].change, c[0])
    )
    slipped = sorted((c for c in changes if c[1].change < 0), key=lambda c: (c[1].change, c[0]))
    return Comparison(
        total=_scope_change("total", before.total, after.total),
        domains=tuple(
            _scope_change(b.id, b, a) for b, a in zip(before.domains, after.domains, strict=True)
        ),
        improved=tuple(c for _, c in improved),
        slipped=tuple(c for _, c in slipped),
        unchanged=tuple(unchanged),
        newly_rated=tuple(newly),
        no_longer_rated=tuple(lost),
    )


# ----------------------------------------------------- between two versions
_PARTS = (("team", "the team"), ("date", "the audit date"),
          ("checklist_version", "the checklist version"), ("participants", "who took part"),
          ("notes", "the notes"))


def _plan_by_item(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {entry["item_id"]: (entry.get("owner", ""), entry.get("due", ""))
            for entry in document.get("action_plan", [])}


def document_changes(before: dict[str, Any],
                     after: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What differs between two saved versions of one audit (both saved-file documents).

    Returns the item ids whose answer, evidence note or action differs (in id
    order), and the other parts that differ, in words, so a person can see what
    a re-imported file changed.
    """
    items: set[str] = set()
    for key in ("answers", "item_notes"):
        old, new = before.get(key, {}), after.get(key, {})
        items |= {item for item in set(old) | set(new)
                  if (item in old) != (item in new) or old.get(item) != new.get(item)}
    old_plan, new_plan = _plan_by_item(before), _plan_by_item(after)
    items |= {item for item in set(old_plan) | set(new_plan)
              if old_plan.get(item) != new_plan.get(item)}
    parts = tuple(words for key, words in _PARTS if before.get(key) != after.get(key))
    return tuple(sorted(items)), parts
