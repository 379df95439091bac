"""Python names the questions that differ between checklist versions exactly as the page does.

tests/js/fidelity_version_cases.json holds hand-worked cases (small checklists
with a ``changes`` list, and saved-file documents) and the exact warnings;
``checklist_versions.js`` is checked against it by ``node --test``
(tests/js/fidelity_versions.test.mjs) and ``model.version_warnings`` here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import compare_versions, version_warnings

CASES = json.loads((Path(__file__).parents[1] / "js" / "fidelity_version_cases.json").read_text())


@dataclass(frozen=True)
class Item:
    id: str
    title: str


@dataclass(frozen=True)
class SmallChecklist:
    """A checklist in the shape the cases give: version, items, and what changed."""

    version: str
    items: tuple[Item, ...]
    changes: tuple[dict, ...] = ()


def checklist(name: str) -> SmallChecklist:
    data = CASES["checklists"][name]
    return SmallChecklist(data["version"], tuple(Item(i["id"], i["title"]) for i in data["items"]),
                          tuple(data.get("changes", ())))


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_warnings_match_the_shared_cases(case):
    assert version_warnings(case["document"], checklist(case["checklist"])) == case["warnings"]


def test_versions_compare_as_numbers():
    assert [compare_versions(a, b) for a, b in [("1.9", "1.10"), ("1.10", "1.9"), ("1.0", "1")]] \
        == [-1, 1, 0]


def test_the_books_own_checklist_names_the_question_reworded_in_1_1():
    # checklist.yaml records one change: version 1.1 gave the monthly team-meeting
    # slot the book's 15 minutes (it said ten). A 1.0 audit is warned about that one
    # question, by title and id; a file older than any recorded change gets the same.
    book = load_checklist()
    reworded = ("Questions reworded since version 1.0, so the file's answers were given to "
                "the old wording: Learning together (supervision.peer_learning).")
    assert version_warnings({"version": 2, "checklist_version": "1.0"}, book)[1:] == [reworded]
    assert version_warnings({"version": 2, "checklist_version": "0.9"}, book)[1:] == [
        reworded.replace("version 1.0", "version 0.9")]
    assert version_warnings({"version": 2, "checklist_version": book.version}, book) == []
