"""The map's summary figures and its plain-words description, as rules.

A worker and a person look at the map together; these rules put into words
what the picture shows (how big the network is, who is close, what support is
covered, which ties the person wants to grow) so the conversation can turn to
goals. The same rules run in the browser (``rules.js``) for the static page;
the parity test on ``tests/fixtures/network`` keeps the two copies equal,
sentence for sentence. Change one, change both.

The network types are the book's own, rule-based and deliberately simple.
They are informed by published typologies, not copies of them: the well-being
network types found in people with severe mental illness ("formal and sparse",
"family and stable", "diverse and active"; Sweet and colleagues, 2018) and the
network types of Vassilev and colleagues used with GENIE (restricted, minimal
family, family, weak ties, diverse). They describe a map; they do not
diagnose or score a person.
"""

from __future__ import annotations

from connecting_people.network.model import GIVES, KINDS, NetworkMap, display_name

COMMUNITY_KINDS = ("neighbour", "work_study", "group_activity", "place", "online")
CIRCLE_SHORT = {1: "inner", 2: "middle", 3: "outer"}
# How a count of each kind reads in a sentence: (one, many).
KIND_COUNT_WORDS = {
    "family": ("family member", "family members"),
    "friend": ("friend", "friends"),
    "neighbour": ("neighbour", "neighbours"),
    "work_study": ("work or study link", "work or study links"),
    "group_activity": ("group or activity", "groups or activities"),
    "place": ("place", "places"),
    "online": ("online contact", "online contacts"),
    "professional_service": ("professional or service", "professionals or services"),
}
# The book's own network types: id -> (name, what it means in plain words).
NETWORK_TYPES = {
    "empty": ("Not started", "Start with whoever feels closest."),
    "mostly_services": (
        "Mostly services",
        "At least half of the connections are with professionals and services. "
        "That can mean there are few people to turn to outside services, so one or two "
        "connections of the person's own could make a real difference.",
    ),
    "small": (
        "Small",
        "There are only a few people, groups or places on the map. "
        "Each one matters a lot, and one more connection would be a big step.",
    ),
    "family_centred": (
        "Family-centred",
        "Most connections are with family, with few links to groups, places or people outside "
        "the family. Family can be a strong base; a link outside the family adds something "
        "different.",
    ),
    "wide_and_active": (
        "Wide and active",
        "The map has many kinds of connection, including groups, places or people in the "
        "community, and several are in touch every week. A wide map gives more ways to find "
        "support and things to do.",
    ),
    "mixed": (
        "Mixed",
        "The map has a mix of connections, with room to add more links in the community.",
    ),
}
# How many of the person's own connections in touch weekly or more make a
# wide map "active" (services do not count: they are paid to be in touch).
ACTIVE_MIN_REGULAR = 3
# Lists of names in a sentence stop after this many ("A, B, C, D, E and 3 others").
LIST_LIMIT = 5


def percent(part: int, whole: int) -> int:
    """A whole-number percentage, rounding halves up (the same in JavaScript)."""
    return 0 if whole == 0 else (200 * part + whole) // (2 * whole)


def join_words(items: list[str], limit: int = LIST_LIMIT) -> str:
    """'A', 'A and B', 'A, B and C'; long lists end '... and 3 others'."""
    items = list(items)
    if len(items) > limit:
        rest = len(items) - limit
        items = items[:limit] + [f"{rest} other" if rest == 1 else f"{rest} others"]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    # Labels may hold commas ("Ruth, care coordinator"): then semicolons keep items apart.
    separator = "; " if any("," in item for item in items) else ", "
    return separator.join(items[:-1]) + " and " + items[-1]


def count_words(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def possessive(person: str) -> str:
    return f"{display_name(person)}'s"


def network_type(summary: dict) -> str:
    """The book's own type for a map, from its summary figures (rules applied in order)."""
    size = summary["size"]
    if size == 0:
        return "empty"
    professionals = summary["professionals"]
    personal = size - professionals
    if professionals >= personal:
        return "mostly_services"
    if personal <= 4:
        return "small"
    by_kind = summary["by_kind"]
    community = sum(by_kind[k] for k in COMMUNITY_KINDS)
    if 2 * by_kind["family"] >= personal and community <= 1:
        return "family_centred"
    personal_kinds = sum(1 for k in KINDS if k != "professional_service" and by_kind[k] > 0)
    # "Active" means the person is in touch: a wide map of people they rarely
    # see is not the same shape, however many kinds it holds.
    active = summary["regular_own"] >= ACTIVE_MIN_REGULAR
    if personal_kinds >= 4 and community >= 2 and active:
        return "wide_and_active"
    return "mixed"


def summarise(network: NetworkMap) -> dict:
    """The map's summary figures, as plain JSON-ready data."""
    entries = network.entries
    by_kind = {kind: 0 for kind in KINDS}
    by_circle = [0, 0, 0]
    ties = {"strong": 0, "weak": 0, "stressful": 0}
    covered: set[str] = set()
    regular = regular_own = 0
    for entry in entries:
        by_kind[entry.kind] += 1
        by_circle[entry.circle - 1] += 1
        ties[entry.tie] += 1
        covered.update(entry.gives)
        in_touch = entry.contact in ("daily", "weekly")
        regular += in_touch
        regular_own += in_touch and entry.kind != "professional_service"
    professionals = by_kind["professional_service"]
    summary = {
        "size": len(entries),
        "by_circle": by_circle,
        "by_kind": by_kind,
        "professionals": professionals,
        "professional_percent": percent(professionals, len(entries)),
        "kinds_present": sum(1 for count in by_kind.values() if count),
        "support_covered": [g for g in GIVES if g in covered],
        "support_missing": [g for g in GIVES if g not in covered],
        "ties": ties,
        "regular_contact": regular,
        # The person's own connections (not services) in touch weekly or more.
        "regular_own": regular_own,
        "want_more": [e.label for e in entries if e.wish == "more"],
        "want_less": [e.label for e in entries if e.wish == "less"],
        "stressful": [e.label for e in entries if e.tie == "stressful"],
    }
    summary["network_type"] = network_type(summary)
    return summary


def describe(network: NetworkMap, summary: dict | None = None) -> dict:
    """The map in plain words: its type (the book's own) and a few short sentences."""
    summary = summary or summarise(network)
    owner = possessive(network.person)
    name = display_name(network.person)
    kind = summary["network_type"]
    type_name, meaning = NETWORK_TYPES[kind]
    size = summary["size"]
    sentences: list[str] = []
    if size == 0:
        sentences.append(f"{owner} map has no one on it yet.")
    else:
        inner, middle, outer = summary["by_circle"]
        sentences.append(
            f"{owner} map has {count_words(size, 'connection', 'connections')}: {inner} in the "
            f"inner circle, {middle} in the middle circle and {outer} in the outer circle."
        )
        parts = [count_words(n, *KIND_COUNT_WORDS[k]) for k, n in summary["by_kind"].items() if n]
        sentences.append(f"They are {join_words(parts, limit=len(parts))}.")
        professionals = summary["professionals"]
        if professionals:
            verb = "is a professional or service" if professionals == 1 \
                else "are professionals or services"
            if professionals == size:
                verb = "is a professional or service" if size == 1 \
                    else "are all professionals or services"
                sentences.append(f"{'It' if size == 1 else 'They'} {verb} (100%).")
            else:
                sentences.append(
                    f"{professionals} of the {size} ({summary['professional_percent']}%) {verb}."
                )
        covered = [GIVES[g] for g in summary["support_covered"]]
        missing = [GIVES[g] for g in summary["support_missing"]]
        if not covered:
            sentences.append("No one on the map is marked as giving support yet.")
        elif not missing:
            sentences.append(f"Between them, they give all four kinds of support: "
                             f"{join_words(covered)}.")
        else:
            sentences.append(f"Between them, they give {join_words(covered)}. "
                             f"Not covered yet: {join_words(missing)}.")
        stressful = summary["stressful"]
        if stressful:
            ties = "tie feels" if len(stressful) == 1 else "ties feel"
            sentences.append(f"{len(stressful)} {ties} stressful: {join_words(stressful)}.")
        if summary["want_more"]:
            more = join_words(summary["want_more"])
            sentences.append(f"{name} would like more contact with {more}.")
        if summary["want_less"]:
            less = join_words(summary["want_less"])
            sentences.append(f"{name} would like less contact with {less}.")
    sentences.append(f"The book's own name for this shape of map is \"{type_name}\". {meaning}")
    return {"type": kind, "type_name": type_name, "sentences": sentences,
            "text": " ".join(sentences)}
