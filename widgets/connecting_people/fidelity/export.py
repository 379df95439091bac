"""Audits out of the store: CSV for spreadsheets and JSON that the book can open again.

CSV cells that a spreadsheet would run as a formula (starting with = + - @,
a tab or a carriage return) are written with a leading apostrophe, so a team
name typed as ``=HYPERLINK(...)`` stays text. JSON exports are the same
versioned audit files the static page saves, so an exported audit can be
opened on the self-audit page or imported into another store.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.model import FORMAT, VERSION, Audit, audit_to_document
from connecting_people.fidelity.rules import score_audit
from connecting_people.fidelity.textsafety import safe_csv_cell

BUNDLE_FORMAT = "connecting-people/fidelity-audit-bundle"


def _csv(rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def _answer_text(audit: Audit, item_id: str) -> tuple[str, str]:
    if item_id not in audit.answers:
        return "", "not answered"
    score = audit.answers[item_id]
    return ("", "cannot rate") if score is None else (str(score), "rated")


def items_csv(audits: Iterable[Audit], checklist: Checklist) -> str:
    """One row per item per audit: the long format most analysis tools want."""
    header = ["team", "trust", "service", "audit_date", "audit_id", "domain", "item_id",
              "item", "score", "answer", "evidence_note"]
    rows: list[list[object]] = [header]
    for audit in audits:
        for item in checklist.items:
            score, answer = _answer_text(audit, item.id)
            rows.append([audit.team.name, audit.team.trust, audit.team.service,
                         audit.date.isoformat(), audit.audit_id,
                         checklist.domain(item.domain).label, item.id, item.title, score, answer,
                         audit.item_notes.get(item.id, "")])
    return _csv(rows)


def summary_csv(audits: Iterable[Audit], checklist: Checklist) -> str:
    """One row per audit: total and domain scores with their bands and how much was rated."""
    header = ["team", "trust", "service", "audit_date", "audit_id", "total", "total_band",
              "items_rated", "percent_not_rated", "caution"]
    for domain in checklist.domains:
        header += [f"{domain.id}_score", f"{domain.id}_band"]
    rows: list[list[object]] = [header]

    def band_label(band_id: str | None) -> str:
        return checklist.band(band_id).label if band_id else ""

    for audit in audits:
        result = score_audit(checklist, audit.answers)
        total = result.total
        row: list[object] = [
            audit.team.name, audit.team.trust, audit.team.service, audit.date.isoformat(),
            audit.audit_id, format_tenths(total.tenths) if total.tenths is not None else "",
            band_label(total.band), total.rated, total.unrated_percent,
            "yes" if total.warning else "no",
        ]
        for scope in result.domains:
            row += [format_tenths(scope.tenths) if scope.tenths is not None else "",
                    band_label(scope.band)]
        rows.append(row)
    return _csv(rows)


def audits_json(audits: Iterable[Audit]) -> str:
    """Several audits in one JSON file; each entry is a complete saved-audit document."""
    bundle = {
        "format": BUNDLE_FORMAT,
        "version": VERSION,
        "audit_format": FORMAT,
        "audits": [audit_to_document(audit) for audit in audits],
    }
    return json.dumps(bundle, ensure_ascii=False, indent=2)
