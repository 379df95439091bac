"""What changed between two dated maps of the same person, in figures and plain words.

Re-mapping months later is how a person and a worker see whether the plan
worked: who is new, who has gone, who came closer or drifted, and whether the
map's shape changed. Paper ecomaps and the published tools leave that
comparison to memory; here it is a rule, mirrored in ``rules.js`` and held
equal by the parity test.

Entries are matched by ``id`` (stable across re-maps made in the exercise),
then, for entries left over, by label ignoring case and spaces at the ends, so
two maps drawn separately on paper and typed in still line up.
The earlier-dated map is always "before".

A tie counts as changed only when both maps have an answer for it: a tie
nobody rated is not a change. Suggestions made and tried are counted, so a
review can see whether the things to try were followed up.
"""

from __future__ import annotations

import datetime as dt

# long_date: "2026-03-01" -> "1 March 2026", the one date rule every page uses.
from connecting_people.common.dates import uk_date_from_iso as long_date
from connecting_people.network.model import GIVES, NetworkMap, display_name
from connecting_people.network.rules import (
    CIRCLE_SHORT,
    NETWORK_TYPES,
    describe,
    join_words,
    possessive,
    summarise,
)

# The figures a comparison reports, in order: (key, plain name, how to read it from a summary).
FIGURES = (
    ("size", "Connections on the map", lambda s: s["size"]),
    ("inner", "In the inner circle", lambda s: s["by_circle"][0]),
    ("middle", "In the middle circle", lambda s: s["by_circle"][1]),
    ("outer", "In the outer circle", lambda s: s["by_circle"][2]),
    ("professional_percent", "Professionals and services (%)",
     lambda s: s["professional_percent"]),
    ("kinds_present", "Kinds of connection", lambda s: s["kinds_present"]),
    ("support_types", "Kinds of support covered (of 4)", lambda s: len(s["support_covered"])),
    ("regular_contact", "In contact weekly or more", lambda s: s["regular_contact"]),
    ("stressful", "Stressful ties", lambda s: s["ties"]["stressful"]),
    ("want_more", "Wants more contact with", lambda s: len(s["want_more"])),
    ("suggestions", "Things suggested to try", lambda s: s["suggestions"]),
    ("suggestions_tried", "Suggestions tried", lambda s: s["suggestions_tried"]),
)


def _key(label: str) -> str:
    return label.strip().lower()


def match_entries(before: NetworkMap, after: NetworkMap) -> list[tuple[int, int]]:
    """Pairs of (index in before, index in after) for entries that are the same connection."""
    pairs: list[tuple[int, int]] = []
    after_index = {e.id: i for i, e in enumerate(after.entries)}
    used_before: set[int] = set()
    used_after: set[int] = set()
    for i, entry in enumerate(before.entries):
        j = after_index.get(entry.id)
        if j is not None:
            pairs.append((i, j))
            used_before.add(i)
            used_after.add(j)
    by_label: dict[str, list[int]] = {}
    for j, entry in enumerate(after.entries):
        if j not in used_after:
            by_label.setdefault(_key(entry.label), []).append(j)
    for i, entry in enumerate(before.entries):
        if i in used_before:
            continue
        candidates = by_label.get(_key(entry.label))
        if candidates:
            pairs.append((i, candidates.pop(0)))
    return sorted(pairs)


def compare(first: NetworkMap, second: NetworkMap, voice: str = "worker") -> dict:
    """Compare two maps; the one with the earlier date is treated as 'before'."""
    before, after = (second, first) if second.date < first.date else (first, second)
    pairs = match_entries(before, after)
    matched_before = {i for i, _ in pairs}
    matched_after = {j for _, j in pairs}
    added = [e.label for j, e in enumerate(after.entries) if j not in matched_after]
    removed = [e.label for i, e in enumerate(before.entries) if i not in matched_before]
    closer, further, tie_changed = [], [], []
    for i, j in pairs:
        old, new = before.entries[i], after.entries[j]
        move = {"id": new.id, "label": new.label, "from": old.circle, "to": new.circle}
        if new.circle < old.circle:
            closer.append(move)
        elif new.circle > old.circle:
            further.append(move)
        if new.tie != old.tie and new.tie is not None and old.tie is not None:
            tie_changed.append({"id": new.id, "label": new.label, "from": old.tie, "to": new.tie})
    s_before, s_after = summarise(before), summarise(after)
    figures = [
        {"key": key, "name": name, "before": read(s_before), "after": read(s_after)}
        for key, name, read in FIGURES
    ]
    result = {
        "before_date": before.date,
        "after_date": after.date,
        "days": (dt.date.fromisoformat(after.date) - dt.date.fromisoformat(before.date)).days,
        "added": added,
        "removed": removed,
        "closer": closer,
        "further": further,
        "tie_changed": tie_changed,
        "matched": [[before.entries[i].id, after.entries[j].id] for i, j in pairs],
        "figures": figures,
        "type_before": s_before["network_type"],
        "type_after": s_after["network_type"],
        "support_gained": [g for g in s_after["support_covered"]
                           if g not in s_before["support_covered"]],
        "support_lost": [g for g in s_before["support_covered"]
                         if g not in s_after["support_covered"]],
    }
    result["sentences"] = _sentences(before, after, result, s_before, s_after, voice)
    result["text"] = " ".join(result["sentences"])
    return result


def _moves(moves: list[dict]) -> str:
    return join_words([
        f"{m['label']} ({CIRCLE_SHORT[m['from']]} to {CIRCLE_SHORT[m['to']]} circle)"
        for m in moves
    ])


def _sentences(before, after, result, s_before, s_after, voice) -> list[str]:
    sentences: list[str] = []
    a, b = before.person.strip(), after.person.strip()
    if a and b and a.lower() != b.lower():
        sentences.append(f"These maps have different names on them ({a} and {b}): "
                         "check that they belong to the same person.")
    owner = "your" if voice == "person" else possessive(after.person or before.person)
    n1, n2 = s_before["size"], s_after["size"]
    when = f"Between {long_date(before.date)} and {long_date(after.date)}"
    if before.date == after.date:
        when = f"On {long_date(after.date)}"
    if n1 == n2:
        sentences.append(f"{when}, {owner.lower() if owner.startswith('The ') else owner} map "
                         f"stayed at {n2} connection{'' if n2 == 1 else 's'}.")
    else:
        verb = "grew" if n2 > n1 else "shrank"
        sentences.append(f"{when}, {owner.lower() if owner.startswith('The ') else owner} map "
                         f"{verb} from {n1} to {n2} connection{'' if n2 == 1 else 's'}.")
    if result["added"]:
        sentences.append(f"New on the map: {join_words(result['added'])}.")
    if result["removed"]:
        sentences.append(f"No longer on the map: {join_words(result['removed'])}.")
    if result["closer"]:
        sentences.append(f"Moved closer: {_moves(result['closer'])}.")
    if result["further"]:
        sentences.append(f"Moved further out: {_moves(result['further'])}.")
    if result["tie_changed"]:
        changes = [f"{t['label']} ({t['from']} to {t['to']})" for t in result["tie_changed"]]
        sentences.append(f"Ties that changed: {join_words(changes)}.")
    p1, p2 = s_before["professional_percent"], s_after["professional_percent"]
    if p1 != p2 and n1 and n2:
        sentences.append(f"Professionals and services went from {p1}% to {p2}% of the map.")
    if result["support_gained"]:
        sentences.append("Support covered now that was not before: "
                         f"{join_words([GIVES[g] for g in result['support_gained']])}.")
    if result["support_lost"]:
        sentences.append("Support no longer covered: "
                         f"{join_words([GIVES[g] for g in result['support_lost']])}.")
    made, tried = s_after["suggestions"], s_after["suggestions_tried"]
    if made or s_before["suggestions"]:
        sentences.append(f"Things suggested to try: {s_before['suggestions']} before and {made} "
                         f"now, of which {tried} tried.")
    t1, t2 = NETWORK_TYPES[s_before["network_type"]][0], NETWORK_TYPES[s_after["network_type"]][0]
    if voice == "person":
        pass  # the person's page names no map type
    elif t1 != t2:
        sentences.append(f"The shape of the map changed from \"{t1}\" to \"{t2}\" "
                         "(the book's own map types).")
    else:
        sentences.append(f"The shape of the map is still \"{t2}\" (the book's own map types).")
    changed = (result["added"] or result["removed"] or result["closer"] or result["further"]
               or result["tie_changed"])
    if not changed:
        sentences.append("No one was added, removed or moved.")
    return sentences


def describe_pair(first: NetworkMap, second: NetworkMap,
                  voice: str = "worker") -> tuple[dict, dict, dict]:
    """Descriptions of both maps and their comparison, for views that show all three."""
    return (describe(first, voice=voice), describe(second, voice=voice),
            compare(first, second, voice))


__all__ = ["FIGURES", "compare", "describe_pair", "display_name", "long_date", "match_entries"]
