"""The checklist data file: valid against its schema, complete, and linked to real pages."""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml

from connecting_people.fidelity.checklist import (
    CHECKLIST_PATH,
    SCHEMA_PATH,
    ChecklistError,
    build_checklist,
    load_checklist,
    read_checklist_file,
    validate_checklist_data,
)
from connecting_people.paths import BOOK_DIR

RAW = read_checklist_file(CHECKLIST_PATH)
CHECKLIST = load_checklist()
DOMAINS_OF_THE_MODEL = ["team", "practice", "materials", "supervision", "recording"]
IMPLEMENTATION_PAGES = {
    "implementation_manual/readiness",
    "implementation_manual/roles",
    "implementation_manual/plan_and_timeline",
    "implementation_manual/barrier_time_and_caseload",
    "implementation_manual/barrier_community_links",
    "implementation_manual/barrier_explaining_materials",
    "implementation_manual/barrier_turnover_and_induction",
    "implementation_manual/fidelity_cycle",
    "implementation_manual/measuring_outcomes",
    "implementation_manual/running_dashboards_for_a_trust",
}
# Issue 15: a low score on a practice item links to the matching practice page.
PRACTICE_PAGES = {
    "practice_guidance/the_model",
    "practice_guidance/the_person",
    "practice_guidance/the_practice",
    "training_manual/handouts/supervision_prompts",
}
SEE_ALSO_PAGES = {"practice_guidance/mapping_exercise", "practice_guidance/the_person",
                  *IMPLEMENTATION_PAGES}


def test_the_data_file_matches_its_schema():
    assert validate_checklist_data(RAW) == []
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$schema"].endswith("2020-12/schema")


def test_domains_follow_the_model_and_items_are_about_20_to_30():
    assert [d.id for d in CHECKLIST.domains] == DOMAINS_OF_THE_MODEL
    assert 20 <= len(CHECKLIST.items) <= 30
    assert all(len(d.item_ids) >= 4 for d in CHECKLIST.domains)


def test_practice_items_cover_each_part_of_the_practice():
    titles = " ".join(CHECKLIST.item(i).id for i in CHECKLIST.domain("practice").item_ids)
    for part in ["partnership", "strengths", "mapping", "goals", "first_steps", "barriers",
                 "review"]:
        assert part in titles


@pytest.mark.parametrize("item", CHECKLIST.items, ids=lambda item: item.id)
def test_each_item_is_complete(item):
    assert item.question.endswith("?")
    for score in (1, 3, 5):
        assert not item.anchor(score).startswith("Between"), f"anchor {score} must be written out"
        assert len(item.anchor(score)) > 20
    for score in (2, 4):
        anchor = item.anchor(score)
        assert anchor.startswith("Between") or len(anchor) > 20
    assert item.evidence
    assert item.action_page in IMPLEMENTATION_PAGES | PRACTICE_PAGES
    if item.domain == "practice":
        assert item.action_page.startswith("practice_guidance/"), item.id
    assert item.see_also is None or item.see_also in SEE_ALSO_PAGES


def test_every_linked_page_is_in_the_book():
    pages = {item.action_page for item in CHECKLIST.items}
    pages |= {item.see_also for item in CHECKLIST.items if item.see_also}
    toc = (BOOK_DIR / "_toc.yml").read_text()
    missing = sorted(p for p in pages if not any((BOOK_DIR / f"{p}{ext}").exists()
                                                 for ext in (".md", ".ipynb")))
    assert not missing, f"the checklist links to pages the book does not have yet: {missing}"
    not_in_toc = sorted(p for p in pages if not re.search(rf"file:\s*{re.escape(p)}\s*$", toc,
                                                          re.M))
    assert not not_in_toc, f"linked pages missing from _toc.yml: {not_in_toc}"


def test_bands_cover_one_to_five_without_gaps():
    bands = CHECKLIST.bands
    assert bands[0].from_tenths == 10 and bands[-1].to_tenths == 50
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert upper.from_tenths == lower.to_tenths + 1


def _broken(change) -> dict:
    data = copy.deepcopy(RAW)
    change(data)
    return data


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["items"][0].update(domain="nowhere"), "unknown domain"),
    (lambda d: d["items"][0].update(evidence=["gossip"]), "unknown evidence source"),
    (lambda d: d["items"][1].update(id=d["items"][0]["id"]), "used more than once"),
    (lambda d: d["items"][0]["anchors"].pop("3"), "'3' is a required property"),
    (lambda d: d["items"][0]["anchors"].update({"6": "Too high to exist."}), "'6' was unexpected"),
    (lambda d: d["bands"].reverse(), "first band must start at 1.0"),
    (lambda d: d["items"][0]["action"].update(page="https://example.org"), "does not match"),
    (lambda d: d.update(items=d["items"][:5]), "is too short"),
])
def test_a_broken_checklist_is_refused_with_a_reason(change, message):
    with pytest.raises(ChecklistError, match=re.escape(message)):
        build_checklist(_broken(change))


def test_the_yaml_keys_are_text_so_the_front_end_reads_the_same_data():
    assert set(yaml.safe_load(CHECKLIST_PATH.read_text())["items"][0]["anchors"]) == {
        "1", "2", "3", "4", "5"}
    first = json.loads(CHECKLIST.to_json())["items"][0]
    assert first["anchors"]["5"] == CHECKLIST.items[0].anchor(5)


def test_the_book_page_states_the_same_bands_and_cut_offs_as_the_data():
    page = (BOOK_DIR / "implementation_manual" / "self_audit_checklist.md").read_text()
    stated = re.findall(r"^- \*\*(.+?):\*\* (\d\.\d) to (\d\.\d)$", page, re.M)
    assert stated == [(b.label, *b.range_text.split(" to ")) for b in CHECKLIST.bands]
    assert "It is not a validated scale." in page
    for directive in ("{fidelity-checklist}", "{fidelity-bands}", "{fidelity-evidence}"):
        assert f"```{directive}" in page


def test_a_new_audit_is_made_with_the_books_checklist_version():
    # The audit model's default must follow checklist.yaml, or every new audit
    # would be warned about questions that did not change.
    from connecting_people.fidelity.model import Audit
    assert Audit.__dataclass_fields__["checklist_version"].default == load_checklist().version


def test_every_recorded_change_names_items_of_the_checklist_or_removed_ones():
    book = load_checklist()
    ids = {item.id for item in book.items}
    for entry in book.changes:
        assert set(entry.get("added", [])) | set(entry.get("reworded", [])) <= ids
        assert not set(entry.get("removed", [])) & ids
