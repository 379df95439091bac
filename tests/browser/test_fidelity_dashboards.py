"""The self-audit dashboards in Voila: create a team, save two audits, see the run chart;
follow up actions (done on the chart, overdue shown, next audit date); imports."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from connecting_people.fidelity import store
from connecting_people.fidelity.audit import Audit, Team, audit_to_json
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import PlanEntry
from connecting_people.store import make_engine

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
    page.get_by_text("Saved the audit of 15 January 2026").first.wait_for(timeout=60_000)

    page.get_by_role("button", name="Start a new audit").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.cp-audit input[type=radio]:checked').length === 0")
    form.locator("input[data-field=date]").fill("2026-07-15")
    answer_all(page, "4")
    page.get_by_role("button", name="Save to the team's records").click()
    page.get_by_text("Saved the audit of 15 July 2026").first.wait_for(timeout=60_000)

    # Each part of the page is its own widget and renders when its message comes:
    # wait for every one rather than read the page once.
    for shown in ("2 audits saved", "whole audit up 2.0",
                  "The next audit is due on 15 July 2027.",
                  "Shift: 2 of 2 audits are off the median and a shift needs 6: too few "
                  "audits to tell yet.", "Perla RJ, Provost LP, Murray SK (2011)",
                  "choose the camera button"):
        page.get_by_text(shown).first.wait_for(timeout=60_000)
    table = page.get_by_role("table", name="Scores by audit")
    for day in ("15 January 2026", "15 July 2026"):
        table.get_by_role("rowheader", name=day).wait_for(timeout=60_000)
    beside = page.get_by_role("table", name="Whole audit by audit")
    for day in ("15 January 2026", "15 July 2026"):
        beside.get_by_role("cell", name=day).first.wait_for(timeout=60_000)
    # The run chart: both audits on the whole-audit line and on every domain's line.
    page.wait_for_function(
        """(domains) => Array.from(document.querySelectorAll('.js-plotly-plot')).some(
            plot => plot.data && plot.data.some(
                trace => trace.name === 'Whole audit' && trace.x.length === 2)
              && plot.data.filter(trace => trace.visible === 'legendonly'
                && trace.x.length === 2).length === domains)""",
        arg=len(CHECKLIST.domains), timeout=60_000)
    # Plotly's own PNG download is on screen, and the page says where.
    png = page.locator(".cp-run-chart .modebar-btn[data-title='Download plot as a PNG']")
    assert png.count() == 1
    assert "Traceback" not in page.content()


def test_an_action_done_is_on_the_chart_and_an_overdue_one_is_shown(voila_url, page):
    team_name = f"Brookside CMHT {uuid.uuid4().hex[:6]}"
    engine = make_engine()
    store.ensure_schema(engine)
    team = store.create_team(engine, team_name, "Example NHS Trust")
    first, second = CHECKLIST.item_ids[:2]
    store.save_audit(engine, team.id, Audit(
        team=Team(team_name, "Example NHS Trust"), date=date(2026, 1, 10),
        answers=dict.fromkeys(CHECKLIST.item_ids, 2),
        plan=(PlanEntry(first, "Sam", date(2026, 3, 1)),
              PlanEntry(second, "Ali", date(2099, 1, 1)))))
    engine.dispose()

    page.goto(f"{voila_url}/voila/render/team_progress.ipynb", timeout=LONG,
              wait_until="domcontentloaded")
    box = page.get_by_label("Team", exact=True)
    box.wait_for(timeout=LONG)
    box.fill(team_name)
    box.press("Enter")
    page.get_by_text(f"Showing the team progress of {team_name}").wait_for(timeout=60_000)
    page.get_by_text("1 action is overdue:").wait_for(timeout=60_000)
    late_text = CHECKLIST.item(first).action_text
    # New widgets render a moment after their message: wait for each, never assume.
    page.locator("tr.cp-overdue").filter(has_text=late_text).wait_for(timeout=60_000)
    assert page.locator("tr.cp-overdue").count() == 1
    page.get_by_text("The next audit was due on 10 July 2026").wait_for(timeout=60_000)

    form = page.locator(".cp-action-form").filter(has_text=late_text)
    form.get_by_label("Status").select_option(label="Done")
    form.get_by_role("button", name="Save this action").click()
    page.get_by_text("is now done.").wait_for(timeout=60_000)
    page.wait_for_function(
        """(text) => Array.from(document.querySelectorAll('.js-plotly-plot')).some(
            plot => plot.data && plot.data.some(trace => trace.name === 'Action done'
              && trace.text.some(line => line.includes(text))))""",
        arg=late_text, timeout=60_000)
    page.get_by_text("1 action is overdue:").wait_for(state="detached", timeout=60_000)
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
    assert f"Imported the audit of 1 March 2026 for {name}" in report.inner_text()
    page.get_by_role("rowheader", name=name).wait_for(timeout=60_000)
    # The run charts' table is redrawn in the same refresh, folded. Once the new
    # table is on the page (its rows are there, unseen), open it as a lead would,
    # by keyboard, and see the team's row.
    page.wait_for_function(
        """(name) => Array.from(document.querySelectorAll('details.cp-chart-table')).some(
            (folded) => folded.textContent.includes(name))""", arg=name, timeout=60_000)
    page.locator("details.cp-chart-table > summary").focus()
    page.keyboard.press("Enter")
    runs = page.get_by_role("table", name="Whole-audit score by team and audit")
    runs.get_by_role("cell", name=f"{name} (West Trust)").first.wait_for(timeout=60_000)
    assert "Traceback" not in page.content()
