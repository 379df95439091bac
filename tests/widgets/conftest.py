"""Helpers for the widget tier: reading what a dashboard shows, and small fictional data.

The hand-worked figure tests (``test_figures_true_*.py``) read a dashboard the way a
person does: the cells of its tables, the file a download link carries, and the
data of each chart it draws. The self-audit store fixture and answer builders, and
Robin's two (fictional) network maps, are shared by several of those files. Each
builds its dashboard in Python (no browser), with dates fixed in the test, and
compares what it shows with literals worked out by hand, the sum beside each.

The self-audit sums rely on checklist 1.1: 26 items (team 5, practice 7, materials
4, supervision 5, recording 5); a scope's score is the mean of its rated items in
tenths, rounded half up; bands start at 1.0, 2.5, 3.5 and 4.5.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from connecting_people.fidelity import store as audit_store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import Audit, Team
from connecting_people.network.model import Entry, NetworkMap, Suggestion
from connecting_people.store import make_engine

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids
DOMAIN_IDS = {d.id: d.item_ids for d in CHECKLIST.domains}


class _Tables(HTMLParser):
    """Every table row's cell texts (th and td alike), in order."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(markup: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(markup)
    return parser.rows


def link_text(markup: str, filename: str) -> str:
    """The text of the file a download link named ``filename`` carries."""
    found = re.search(rf'download="{re.escape(filename)}" href="data:[^,]*base64,([^"]+)"',
                      markup)
    assert found, f"no download link for {filename}"
    return base64.b64decode(found.group(1)).decode("utf-8")


def link_csv(markup: str, filename: str) -> list[list[str]]:
    """The rows of the CSV file a download link named ``filename`` carries."""
    text = link_text(markup, filename).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def capture_figures(monkeypatch, module, *names: str) -> list:
    """Every figure ``module``'s chart functions ``names`` make, in order, while the test runs.

    A dashboard displays its charts into an Output widget, which keeps nothing
    without a kernel; this keeps each figure as it is made.
    """
    drawn: list = []
    for name in names:
        real = getattr(module, name)

        def keep(*args, _real=real, **kwargs):
            figure = _real(*args, **kwargs)
            drawn.append(figure)
            return figure

        monkeypatch.setattr(module, name, keep)
    return drawn


def robin_maps() -> tuple[NetworkMap, NetworkMap]:
    """Robin's (fictional) maps in January and July: Sam moves in, two things suggested."""
    before = NetworkMap("Robin", "2026-01-15", (
        Entry("e1", "Mum", "family", 1, "weekly", "strong", ("emotional", "practical"), "more"),
        Entry("e2", "GP", "professional_service", 3, "less_often"),
        Entry("e3", "Sam", "friend", 2, "monthly", "stressful", None, "more"),
        Entry("e4", "Care coordinator", "professional_service", 2, "weekly", None, ("advice",)),
    ), map_id="robin-jan")
    after = NetworkMap("Robin", "2026-07-15", (
        Entry("e1", "Mum", "family", 1, "daily", "strong", ("emotional", "practical"), "same"),
        Entry("e2", "GP", "professional_service", 3, "less_often"),
        Entry("e3", "Sam", "friend", 1, "weekly", "strong", None, "same"),
        Entry("e5", "Allotment group", "group_activity", 2, "weekly", None, ("company",),
              suggestion=Suggestion("2026-02-01", "yes")),
        Entry("e6", "Library", "place", 3, suggestion=Suggestion("2026-02-01", "not_yet")),
    ), map_id="robin-jul")
    return before, after


@pytest.fixture
def audit_engine(tmp_path):
    """An empty self-audit store in a throw-away SQLite file."""
    engine = make_engine(f"sqlite:///{tmp_path / 'audits.sqlite3'}")
    audit_store.ensure_schema(engine)
    yield engine
    engine.dispose()


def save_audit(engine, team: audit_store.TeamRow, day: date, answers: dict, plan=()) -> None:
    audit_store.save_audit(engine, team.id, Audit(team=Team(team.name, team.trust, team.service),
                                                  date=day, answers=answers, plan=tuple(plan)))


def by_domain(**scores) -> dict:
    """Every item of a domain gets that domain's score."""
    return {item_id: scores[domain] for domain, ids in DOMAIN_IDS.items() for item_id in ids}
