"""The book page prints the checklist from the data file, with working links.

Builds a tiny Sphinx project that uses only the fidelity directives (about
two seconds), so the whole book need not be built to check them.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from connecting_people.fidelity.checklist import load_checklist
from tests.build.tiny_project import build_strict

CHECKLIST = load_checklist()
LINKED = sorted({i.action_page for i in CHECKLIST.items} | {i.see_also for i in CHECKLIST.items
                                                             if i.see_also})
INDEX = """Self-audit
==========

.. toctree::

{pages}

The checklist
-------------

.. fidelity-bands::

.. fidelity-evidence::

.. fidelity-checklist::
"""


def build(tmp_path: Path, pages: list[str]):
    return build_strict(tmp_path, "connecting_people.sphinxext.fidelity_checklist",
                        INDEX.format(pages="\n".join(f"   {p}" for p in pages)), pages)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    tmp_path = tmp_path_factory.mktemp("directive")
    result = build(tmp_path, LINKED)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    # Sphinx turns straight quotes into curly ones; compare with the data's.
    return text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


def test_every_item_is_printed_with_its_anchors_evidence_and_action(page):
    for item in CHECKLIST.items:
        assert html.escape(item.question, quote=False) in page, item.id
        for score in (1, 3, 5):
            assert html.escape(item.anchor(score), quote=False) in page, (item.id, score)
        assert html.escape(item.action_text, quote=False) in page, item.id
        assert f'id="item-{item.id.replace(".", "-").replace("_", "-")}"' in page
    assert page.count("Cannot rate") == len(CHECKLIST.items)


def test_actions_link_to_their_implementation_manual_pages(page):
    for link in LINKED:
        assert f'href="{link}.html"' in page, link


def test_bands_and_rules_come_from_the_data(page):
    for band in CHECKLIST.bands:
        assert band.label in page and band.range_text in page
    assert f"more than {CHECKLIST.rules.unrated_warning_percent}% of the items" in page
    assert "Case notes" in page and "Pick 10 people at random" in page


def test_a_missing_linked_page_fails_the_build(tmp_path):
    result = build(tmp_path, [p for p in LINKED if not p.endswith("fidelity_cycle")])
    assert result.returncode != 0
    assert "fidelity_cycle" in result.stderr
