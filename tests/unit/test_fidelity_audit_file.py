"""Saved audit files, CSV and JSON exports, and the printable report.

The shared accept/refuse cases are in tests/js/fidelity_cases.json (checked
from both languages by test_fidelity_js_parity.py); these are the Python-only
rules and the outputs only Python makes.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html.parser import HTMLParser

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.export import audits_json, items_csv, summary_csv
from connecting_people.fidelity.model import Audit as AuditDoc
from connecting_people.fidelity.model import (
    AuditFileError,
    PlanEntry,
    Team,
    audit_to_json,
    load_audit,
)
from connecting_people.fidelity.report import audit_report_html
from connecting_people.fidelity.textsafety import safe_csv_cell

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids
HOSTILE = '<script>alert("x")</script>'


def sample(**changes) -> AuditDoc:
    values = dict(team=Team("Riverside CMHT", "Example NHS Trust", "Adult"), date=date(2026, 3, 1),
                  answers={i: 1 + n % 5 for n, i in enumerate(IDS)} | {IDS[4]: None},
                  participants=("Manager", "Champion"), notes="Line one\nLine two",
                  item_notes={IDS[0]: "Checked the directory"},
                  plan=(PlanEntry(IDS[0], "Sam", date(2026, 4, 1)),))
    values.update(changes)
    return AuditDoc(**values)


def test_a_saved_file_opens_to_the_same_audit():
    audit = sample()
    assert load_audit(audit_to_json(audit), CHECKLIST) == audit
    assert load_audit(audit_to_json(audit).encode("utf-8"), CHECKLIST) == audit


def test_a_byte_order_mark_is_tolerated():
    text = audit_to_json(sample())
    assert load_audit("\ufeff" + text, CHECKLIST) == load_audit(text, CHECKLIST)
    assert load_audit(b"\xef\xbb\xbf" + text.encode(), CHECKLIST) == sample(
        audit_id=json.loads(text)["audit_id"])


@pytest.mark.parametrize(("text", "words"), [
    ('{"format": "connecting-people/fidelity-audit", "format": "x"}', "appears twice"),
    ('{"format": "connecting-people/fidelity-audit", "version": NaN}', "NaN is not allowed"),
    ("[" * 100_000, "could not be read"),
])
def test_ambiguous_or_hostile_json_is_refused(text, words):
    with pytest.raises(AuditFileError, match=words):
        load_audit(text, CHECKLIST)


def test_a_huge_file_is_refused_before_it_is_read():
    with pytest.raises(AuditFileError, match="larger than 1 MB"):
        load_audit(b" " * 1_000_001, CHECKLIST)


def test_every_problem_is_listed_not_just_the_first():
    document = json.loads(audit_to_json(sample()))
    document["answers"] = {"team.unicorns": 2, IDS[0]: 8}
    document["team"]["name"] = HOSTILE
    document["date"] = "2026-13-01"
    with pytest.raises(AuditFileError) as caught:
        load_audit(json.dumps(document), CHECKLIST)
    codes = sorted(p.code for p in caught.value.problems)
    assert codes == ["date", "score_range", "text", "unknown_item"]


@pytest.mark.parametrize(("value", "expected"), [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+44 20", "'+44 20"), ("-1", "'-1"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Riverside", "Riverside"), (3, "3"), (None, ""),
])
def test_csv_cells_never_start_a_formula(value, expected):
    assert safe_csv_cell(value) == expected


def test_items_csv_has_a_row_per_item_and_is_formula_safe():
    audit = sample(team=Team("=HYPERLINK(\"http://x\")", "Trust", "Adult"))
    rows = list(csv.reader(io.StringIO(items_csv([audit], CHECKLIST))))
    assert rows[0][:3] == ["team", "trust", "service"]
    assert len(rows) == 1 + len(IDS)
    assert all(row[0].startswith("'=") for row in rows[1:])
    answers = {row[6]: (row[8], row[9]) for row in rows[1:]}
    assert answers[IDS[4]] == ("", "cannot rate") and answers[IDS[1]] == ("2", "rated")


def test_summary_csv_gives_scores_bands_and_caution():
    partial = sample(answers={IDS[0]: 2})
    rows = list(csv.DictReader(io.StringIO(summary_csv([sample(), partial], CHECKLIST))))
    # 71 over 25 rated items.
    assert rows[0]["total"] == "2.8" and rows[0]["total_band"] == "Partly implemented"
    assert rows[1]["total"] == "2.0" and rows[1]["total_band"] == "" and rows[1]["caution"] == "yes"
    assert rows[1]["percent_not_rated"] == "96"


def test_json_export_holds_documents_the_book_can_open_again():
    bundle = json.loads(audits_json([sample(), sample(date=date(2026, 9, 1))]))
    assert bundle["format"] == "connecting-people/fidelity-audit-bundle"
    reopened = [load_audit(json.dumps(doc), CHECKLIST) for doc in bundle["audits"]]
    assert reopened[1].date == date(2026, 9, 1)


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_the_report_escapes_typed_text_and_prints_well():
    # Stored text is already checked, but the report must be safe on its own.
    audit = sample(team=Team(HOSTILE, "Trust & Co", ""), notes=HOSTILE,
                   item_notes={IDS[0]: HOSTILE}, participants=(HOSTILE,),
                   plan=(PlanEntry(IDS[0], HOSTILE, None),))
    previous = sample(answers={i: 3 for i in IDS}, date=date(2025, 9, 1))
    page = audit_report_html(audit, CHECKLIST, previous=previous, generated=date(2026, 3, 2))
    parser = _TextOnly()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "&lt;script&gt;" in page and "Trust &amp; Co" in page
    assert "@media print" in page and "@page" in page
    assert "Since the audit of 1 September 2025" in page and "What slipped" in page
    assert "<svg" in page and "<desc" in page  # the chart with its text alternative
    assert "Partly implemented" in page
    assert "../implementation_manual/barrier_community_links.html" in page


def test_the_report_of_an_audit_with_nothing_rated_says_so():
    page = audit_report_html(sample(answers={}, plan=()), CHECKLIST)
    assert "no score" in page and "Treat these scores with caution" in page
    assert "there is no suggested plan" in page
