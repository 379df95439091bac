"""Load the book's self-audit checklist from its one data file, and check it.

The checklist (domains, items, anchors, evidence sources, bands, scoring
thresholds) lives in ``checklist.yaml`` so that the book page, the widget and
the reports cannot disagree. This module turns it into small frozen objects
and refuses a file that breaks the schema or refers to something that is not
there (an item in an unknown domain, an unknown evidence source), because a
quietly wrong checklist would mis-score every audit made with it.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from connecting_people.common.data_files import read_schema, read_yaml, schema_problems

HERE = Path(__file__).resolve().parent
CHECKLIST_PATH = HERE / "checklist.yaml"
SCHEMA_PATH = HERE / "checklist.schema.json"
SCORES = (1, 2, 3, 4, 5)


class ChecklistError(ValueError):
    """The checklist data file is not usable; the message lists every problem."""


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    from_tenths: int  # the lowest shown score (in tenths) that earns this band
    to_tenths: int  # the highest
    meaning: str

    @property
    def range_text(self) -> str:
        return f"{format_tenths(self.from_tenths)} to {format_tenths(self.to_tenths)}"


@dataclass(frozen=True)
class EvidenceSource:
    id: str
    label: str
    how: str


@dataclass(frozen=True)
class Domain:
    id: str
    label: str
    short: str
    description: str
    item_ids: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    order: int  # position in the checklist: the tie-break wherever items are ranked
    domain: str
    title: str
    question: str
    anchors: tuple[str, str, str, str, str]  # anchors[0] describes a score of 1
    evidence: tuple[str, ...]
    action_text: str
    action_page: str
    see_also: str | None

    def anchor(self, score: int) -> str:
        return self.anchors[score - 1]


@dataclass(frozen=True)
class ScoringRules:
    unrated_warning_percent: int
    band_min_rated_percent: int
    plan_min_items: int
    plan_max_items: int
    plan_always_include_at_or_below: int
    plan_never_include_at_or_above: int


@dataclass(frozen=True)
class Checklist:
    version: str
    title: str
    rules: ScoringRules
    bands: tuple[Band, ...]
    evidence_sources: tuple[EvidenceSource, ...]
    domains: tuple[Domain, ...]
    items: tuple[Item, ...]
    data: dict[str, Any]  # the validated file as plain data, for the widget's front end
    # What changed on the way to each version (added, removed, reworded item ids),
    # so an audit made with an older version is warned about the questions that differ.
    changes: tuple[dict[str, Any], ...] = ()

    def item(self, item_id: str) -> Item:
        return self._items_by_id[item_id]

    def domain(self, domain_id: str) -> Domain:
        return self._domains_by_id[domain_id]

    def evidence(self, source_id: str) -> EvidenceSource:
        return next(source for source in self.evidence_sources if source.id == source_id)

    def band(self, band_id: str) -> Band:
        return next(band for band in self.bands if band.id == band_id)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    @functools.cached_property
    def _items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    @functools.cached_property
    def _domains_by_id(self) -> dict[str, Domain]:
        return {domain.id: domain for domain in self.domains}

    def band_for_tenths(self, tenths: int) -> Band:
        """The band whose range holds a shown score of ``tenths`` (10 to 50)."""
        chosen = self.bands[0]
        for band in self.bands:
            if tenths >= band.from_tenths:
                chosen = band
        return chosen

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True)


def format_tenths(tenths: int) -> str:
    """3.4 from 34: scores are kept as whole tenths so Python and JavaScript agree exactly."""
    return f"{tenths // 10}.{tenths % 10}"


def _schema() -> dict[str, Any]:
    return read_schema(SCHEMA_PATH)


def _unique(kind: str, ids: list[str], problems: list[str]) -> None:
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            problems.append(f"{kind} id {identifier!r} is used more than once")
        seen.add(identifier)


def _cross_check(data: dict[str, Any]) -> list[str]:
    """Rules JSON Schema cannot state: references between parts of the file."""
    problems: list[str] = []
    domain_ids = [domain["id"] for domain in data["domains"]]
    source_ids = [source["id"] for source in data["evidence_sources"]]
    item_ids = [item["id"] for item in data["items"]]
    _unique("domain", domain_ids, problems)
    _unique("evidence source", source_ids, problems)
    _unique("item", item_ids, problems)
    _unique("band", [band["id"] for band in data["bands"]], problems)
    for item in data["items"]:
        if item["domain"] not in domain_ids:
            problems.append(f"item {item['id']!r} names unknown domain {item['domain']!r}")
        if not item["id"].startswith(item["domain"] + "."):
            problems.append(f"item {item['id']!r} should start with its domain {item['domain']!r}")
        for source in item["evidence"]:
            if source not in source_ids:
                problems.append(f"item {item['id']!r} names unknown evidence source {source!r}")
    for domain_id in domain_ids:
        if not any(item["domain"] == domain_id for item in data["items"]):
            problems.append(f"domain {domain_id!r} has no items")
    starts = [round(band["from"] * 10) for band in data["bands"]]
    if starts and starts[0] != 10:
        problems.append("the first band must start at 1.0, so every score has a band")
    if starts != sorted(set(starts)):
        problems.append("bands must be listed from lowest to highest, with different cut-offs")
    rules = data["scoring"]
    if rules["plan_min_items"] > rules["plan_max_items"]:
        problems.append("plan_min_items is larger than plan_max_items")
    return problems


def validate_checklist_data(data: Any) -> list[str]:
    """Every problem with a checklist document, as sentences; an empty list means it is fine."""
    problems = schema_problems(data, _schema())
    if problems:
        return problems
    return _cross_check(data)


def build_checklist(data: dict[str, Any]) -> Checklist:
    problems = validate_checklist_data(data)
    if problems:
        listed = "\n- ".join(problems)
        raise ChecklistError(f"The self-audit checklist file has problems:\n- {listed}")
    starts = [round(band["from"] * 10) for band in data["bands"]]
    ends = [start - 1 for start in starts[1:]] + [50]
    bands = tuple(
        Band(band["id"], band["label"], start, end, band["meaning"])
        for band, start, end in zip(data["bands"], starts, ends, strict=True)
    )
    items = tuple(
        Item(
            id=raw["id"],
            order=index,
            domain=raw["domain"],
            title=raw["title"],
            question=raw["question"],
            anchors=tuple(raw["anchors"][str(score)] for score in SCORES),
            evidence=tuple(raw["evidence"]),
            action_text=raw["action"]["text"],
            action_page=raw["action"]["page"],
            see_also=raw["action"].get("see_also"),
        )
        for index, raw in enumerate(data["items"])
    )
    domains = tuple(
        Domain(
            id=raw["id"],
            label=raw["label"],
            short=raw["short"],
            description=raw["description"],
            item_ids=tuple(item.id for item in items if item.domain == raw["id"]),
        )
        for raw in data["domains"]
    )
    return Checklist(
        version=data["version"],
        title=data["title"],
        rules=ScoringRules(**data["scoring"]),
        bands=bands,
        evidence_sources=tuple(EvidenceSource(**raw) for raw in data["evidence_sources"]),
        domains=domains,
        items=items,
        data=copy.deepcopy(data),
        changes=tuple(copy.deepcopy(data.get("changes", []))),
    )


def read_checklist_file(path: Path) -> dict[str, Any]:
    return read_yaml(path, ChecklistError)


@functools.lru_cache(maxsize=1)
def load_checklist() -> Checklist:
    """The book's checklist, read and checked once per process."""
    return build_checklist(read_checklist_file(CHECKLIST_PATH))
