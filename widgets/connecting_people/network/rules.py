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

Only answers given count: an entry whose contact frequency nobody gave is not
"in contact weekly", and a map type is named only when at least two thirds of
the person's own connections (not services) have a contact frequency
(``TYPE_MIN_ANSWERED``). The description says what is still unanswered.

Two voices: the worker's ("Leon's map", with the map type) for practice and
training, and the person's ("your map", no map type) for the service user's
guide, where the words are kept short enough to read easily (Flesch 80+).
"""

from __future__ import annotations

from connecting_people.common.numbers import percent
from connecting_people.network.model import GIVES, KINDS, TIES, NetworkMap, display_name

VOICES = ("worker", "person")

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
    "unnamed": (
        "Not named yet",
        "A map type is named only when at least two thirds of the person's own connections "
        "(not services) have an answer for how often they are in contact.",
    ),
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
# A type is named only when this share of the person's own connections has a contact
# frequency: a type read from a few answers would describe the answers, not the map.
TYPE_MIN_ANSWERED = (2, 3)
# The answers an entry can have, in the order the description lists what is missing.
ANSWER_KEYS = ("contact", "tie", "gives", "wish")
# Lists of names in a sentence stop after this many ("A, B, C, D, E and 3 others").
LIST_LIMIT = 5


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
    top, bottom = TYPE_MIN_ANSWERED
    if bottom * summary["own_with_contact"] < top * personal:
        return "unnamed"
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
    """The map's summary figures, as plain JSON-ready data. Only answers given count."""
    entries = network.entries
    by_kind = {kind: 0 for kind in KINDS}
    by_circle = [0, 0, 0]
    ties = {tie: 0 for tie in TIES}
    answered = {key: 0 for key in ANSWER_KEYS}
    covered: set[str] = set()
    regular = regular_own = own_with_contact = 0
    tried = {"yes": 0, "no": 0, "not_yet": 0}
    for entry in entries:
        by_kind[entry.kind] += 1
        by_circle[entry.circle - 1] += 1
        own = entry.kind != "professional_service"
        for key in ANSWER_KEYS:
            answered[key] += getattr(entry, key) is not None
        if entry.tie is not None:
            ties[entry.tie] += 1
        covered.update(entry.gives or ())
        in_touch = entry.contact in ("daily", "weekly")
        regular += in_touch
        regular_own += in_touch and own
        own_with_contact += entry.contact is not None and own
        if entry.suggestion is not None:
            tried[entry.suggestion.tried] += 1
    professionals = by_kind["professional_service"]
    size = len(entries)
    summary = {
        "size": size,
        "by_circle": by_circle,
        "by_kind": by_kind,
        "professionals": professionals,
        "professional_percent": percent(professionals, size),
        "kinds_present": sum(1 for count in by_kind.values() if count),
        "support_covered": [g for g in GIVES if g in covered],
        "support_missing": [g for g in GIVES if g not in covered],
        "ties": ties,
        # How many entries have each answer; the rest are still unanswered.
        "answered": answered,
        "unanswered": {key: size - answered[key] for key in ANSWER_KEYS},
        "regular_contact": regular,
        # The person's own connections (not services) in touch weekly or more.
        "regular_own": regular_own,
        "own_with_contact": own_with_contact,
        "want_more": [e.label for e in entries if e.wish == "more"],
        "want_less": [e.label for e in entries if e.wish == "less"],
        "stressful": [e.label for e in entries if e.tie == "stressful"],
        "suggestions": sum(tried.values()),
        "suggestions_tried": tried["yes"],
        "suggestions_not_tried": tried["no"],
        "suggestions_not_yet": tried["not_yet"],
        "recorded_by_earlier": sum(1 for e in entries if e.recorded_by is not None),
    }
    summary["network_type"] = network_type(summary)
    return summary


# What each unanswered question is called in the worker's description.
UNANSWERED_WORDS = {"contact": "how often in contact", "tie": "how the tie feels",
                    "gives": "what they give", "wish": "whether more or less contact is wanted"}
# The person's voice uses short, everyday words (the page must read at Flesch 80+).
PERSON_UNANSWERED = {"contact": "how often you see them", "tie": "how it feels",
                     "gives": "what they give you", "wish": "what you would like"}
PERSON_KIND_WORDS = {
    "family": ("from your family", "from your family"),
    "friend": ("friend", "friends"),
    "neighbour": ("neighbour", "neighbours"),
    "work_study": ("from work or study", "from work or study"),
    "group_activity": ("group or thing you do", "groups or things you do"),
    "place": ("place", "places"),
    "online": ("you meet online", "you meet online"),
    "professional_service": ("service", "services"),
}
PERSON_GIVES = {"practical": "help with tasks", "emotional": "someone to talk to",
                "advice": "advice", "company": "company"}


def _suggestion_sentence(summary: dict, voice: str) -> str | None:
    count = summary["suggestions"]
    if not count:
        return None
    parts = [f"{summary[key]} {words}" for key, words in (
        ("suggestions_tried", "tried"), ("suggestions_not_tried", "not tried"),
        ("suggestions_not_yet", "not yet")) if summary[key]]
    things = "thing" if count == 1 else "things"
    if voice == "person":
        return f"{count} {things} to try: {join_words(parts)}."
    return f"{count} {things} suggested to try: {join_words(parts)}."


def describe(network: NetworkMap, summary: dict | None = None, voice: str = "worker") -> dict:
    """The map in plain words: a few short sentences, and (worker's voice) its type."""
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {', '.join(VOICES)}, not {voice!r}")
    summary = summary or summarise(network)
    if voice == "person":
        sentences = _person_sentences(summary)
        # The person's page names no map type: the type is a worker's shorthand.
        return {"type": None, "type_name": None, "sentences": sentences,
                "text": " ".join(sentences)}
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
                             f"Not marked yet: {join_words(missing)}.")
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
        suggestion = _suggestion_sentence(summary, "worker")
        if suggestion:
            sentences.append(suggestion)
        unanswered = [f"{UNANSWERED_WORDS[key]} ({summary['unanswered'][key]} of {size})"
                      for key in ANSWER_KEYS if summary["unanswered"][key]]
        if unanswered:
            sentences.append(f"Not answered yet: {join_words(unanswered, limit=4)}.")
        earlier = summary["recorded_by_earlier"]
        if earlier:
            sentences.append(
                f"The answers for {count_words(earlier, 'entry', 'entries')} were recorded "
                "by the earlier version of this exercise, which filled in skipped answers "
                f"with defaults: check them with {name}.")
    if kind == "unnamed":
        sentences.append(
            f"No map type is named yet: {meaning[0].lower()}{meaning[1:]} "
            f"So far {summary['own_with_contact']} of {size - summary['professionals']} "
            "have one.")
    else:
        sentences.append(f"The book's own name for this shape of map is \"{type_name}\". "
                         f"{meaning}")
    return {"type": kind, "type_name": type_name, "sentences": sentences,
            "text": " ".join(sentences)}


def _person_sentences(summary: dict) -> list[str]:
    """The map described to the person, as "you", in short everyday words."""
    size = summary["size"]
    if size == 0:
        return ["Your map has no one on it yet."]
    inner, middle, outer = summary["by_circle"]
    sentences = [f"You have {size} on your map.",
                 f"{inner} {'is' if inner == 1 else 'are'} in the inner circle, {middle} in "
                 f"the middle one and {outer} in the outer one."]
    parts = [f"{n} {PERSON_KIND_WORDS[k][0 if n == 1 else 1]}"
             for k, n in summary["by_kind"].items() if n]
    sentences.append(f"They are {join_words(parts, limit=len(parts))}.")
    professionals = summary["professionals"]
    if professionals and professionals < size:
        sentences.append(f"{professionals} of the {size} "
                         f"{'is a service' if professionals == 1 else 'are services'}.")
    covered = [PERSON_GIVES[g] for g in summary["support_covered"]]
    missing = [PERSON_GIVES[g] for g in summary["support_missing"]]
    if not covered:
        sentences.append("You have not marked what anyone gives you yet.")
    else:
        sentences.append(f"They give you {join_words(covered)}.")
        if missing:
            sentences.append(f"No one is marked yet for {join_words(missing)}.")
    stressful = summary["stressful"]
    if stressful:
        sentences.append(f"You find {len(stressful)} of them hard: {join_words(stressful)}.")
    if summary["want_more"]:
        sentences.append(f"You would like to see more of {join_words(summary['want_more'])}.")
    if summary["want_less"]:
        sentences.append(f"You would like to see less of {join_words(summary['want_less'])}.")
    suggestion = _suggestion_sentence(summary, "person")
    if suggestion:
        sentences.append(suggestion)
    unanswered = [f"{PERSON_UNANSWERED[key]} ({summary['unanswered'][key]})"
                  for key in ANSWER_KEYS if summary["unanswered"][key]]
    if unanswered:
        sentences.append(f"Still to say for some: {join_words(unanswered, limit=4)}.")
    if summary["recorded_by_earlier"]:
        sentences.append("Some answers came from an old copy of this page. It filled in any "
                         "you left out, so check them.")
    return sentences
