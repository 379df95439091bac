"""The self-audit dashboards in Voila: create a team, save two audits, see the trend; imports."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from connecting_people.fidelity.audit import Audit, Team, audit_to_json
from connecting_people.fidelity.checklist import load_checklist

pytestmark = pytest.mark.browser

CHECKLIST = load_checklist()
LONG = 180_000  # the first Voila page starts a kernel


def answer_all(page, value: str) -> None:
    items = page.locator(".cp-audit .cp-item")
    for index in range(items.count()):
        items.nth(index).locator(f"input[value='{value}']").check()


def test_create_a_team_save_two_audits_and_see_the_trend(voila_url, page):
    team = f"Riverside CMHT {uuid.uuid4().hex[:6]}"
    page.goto(f"{voila_url}/voila/render/team_progress.ipynb", timeout=LONG,
              wait_until="domcontentloaded")
    page.get_by_text("Create a team").first.wait_for(timeout=LONG)
    assert "from connecting_people" not in page.content()  # code hidden
    page.get_by_text("Create a team").first.click()
    page.get_by_label("Team name").first.fill(team)
    page.get_by_label("NHS Trust").first.fill("Example NHS Trust")
    page.get_by_role("button", name="Create team").click()
    page.get_by_text(f"Created the team {team}").wait_for(timeout=60_000)

    form = page.locator(".cp-audit")
    form.locator(".cp-item").first.wait_for(timeout=60_000)
    assert form.locator("input[data-field=team-name]").input_value() == team
    form.locator("input[data-field=date]").fill("2026-01-15")
    answer_all(page, "2")
    page.get_by_role("button", name="Save to the team's records").click()
    page.get_by_text("Saved the audit of 2026-01-15").first.wait_for(timeout=60_000)

    page.get_by_role("button", name="Start a new audit").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.cp-audit input[type=radio]:checked').length === 0")
    form.locator("input[data-field=date]").fill("2026-07-15")
    answer_all(page, "4")
    page.get_by_role("button", name="Save to the team's records").click()
    page.get_by_text("Saved the audit of 2026-07-15").first.wait_for(timeout=60_000)

    page.get_by_text("2 audits saved").wait_for(timeout=60_000)
    assert "whole audit up 2.0" in page.locator(".cp-dashboard").inner_text()
    table = page.get_by_role("table", name="Scores by audit")
    assert "2026-01-15" in table.inner_text() and "2026-07-15" in table.inner_text()
    # The line chart has both audits on every line (five domains and the whole audit).
    lines = len(CHECKLIST.domains) + 1
    page.wait_for_function(
        """(lines) => Array.from(document.querySelectorAll('.js-plotly-plot')).some(
            plot => plot.data && plot.data.length === lines && plot.data.every(
                trace => trace.type === 'scatter' && trace.x.length === 2))""",
        arg=lines, timeout=60_000)
    assert "Traceback" not in page.content()


def test_lead_imports_saved_files_and_lists_the_refused_one(voila_url, page, tmp_path):
    name = f"Hillside CMHT {uuid.uuid4().hex[:6]}"
    good = tmp_path / "good.json"
    good.write_text(audit_to_json(Audit(team=Team(name, "West Trust", "Adult"),
                                        date=date(2026, 3, 1),
                                        answers={i: 3 for i in CHECKLIST.item_ids})))
    document = json.loads(good.read_text())
    document["version"] = 9
    bad = tmp_path / "newer.json"
    bad.write_text(json.dumps(document))

    page.goto(f"{voila_url}/voila/render/lead_overview.ipynb", timeout=LONG,
              wait_until="domcontentloaded")
    chooser_button = page.get_by_role("button", name="Choose audit files to import")
    chooser_button.wait_for(timeout=LONG)
    with page.expect_file_chooser() as chooser:
        chooser_button.click()
    chooser.value.set_files([str(good), str(bad)])
    report = page.locator(".cp-import-report")
    report.wait_for(timeout=60_000)
    assert "Refused: newer.json" in report.inner_text()
    assert "newer version of the book" in report.inner_text()
    assert f"Imported the audit of 2026-03-01 for {name}" in report.inner_text()
    page.get_by_role("rowheader", name=name).wait_for(timeout=60_000)
    assert "Traceback" not in page.content()
