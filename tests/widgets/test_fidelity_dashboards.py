"""The team progress and lead overview dashboards, driven through their widgets (no browser)."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.dashboard import TeamProgressDashboard
from connecting_people.fidelity.lead_dashboard import LeadOverviewDashboard, import_report_html
from connecting_people.fidelity.model import Audit, PlanEntry, Team, audit_to_json
from connecting_people.store import make_engine

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'dash.sqlite3'}")
    store.ensure_schema(engine)
    yield engine
    engine.dispose()


def answers(level: int) -> dict:
    return {item_id: max(1, min(5, level + (n % 3) - 1)) for n, item_id in enumerate(IDS)}


def fill_form(dashboard: TeamProgressDashboard, when: date, level: int) -> None:
    """What a person does in the form: the widget's model gets a new audit, then save."""
    audit = dashboard.form.current_audit()
    dashboard.form.audit = json.loads(audit_to_json(Audit(
        team=audit.team, date=when, answers=answers(level),
        plan=(PlanEntry(IDS[0], "Sam", date(2026, 6, 1)),), audit_id=str(uuid.uuid4()))))
    dashboard.form.save()


def test_create_a_team_save_two_audits_and_see_the_trend(engine):
    dashboard = TeamProgressDashboard(engine, today=date(2026, 8, 1))
    assert "No teams yet" in dashboard.message.value
    dashboard.new_name.value = "Riverside CMHT"
    dashboard.new_trust.value = "Example NHS Trust"
    dashboard.new_service.value = "Adult community"
    dashboard.create_button.click()
    assert "Created the team" in dashboard.message.value
    assert dashboard.team == "Riverside CMHT"
    assert dashboard.team_row.trust == "Example NHS Trust"
    assert dashboard.team_box.value == "Riverside CMHT"
    assert dashboard.form.team_locked and dashboard.form.mode == "store"

    fill_form(dashboard, date(2026, 1, 10), 2)
    assert dashboard.form.status["kind"] == "ok", dashboard.form.status
    dashboard.form.show_audit(None)  # "Start a new audit"
    dashboard._fresh_form(dashboard.team_row)
    fill_form(dashboard, date(2026, 7, 10), 4)

    assert "2 audits saved" in dashboard.summary.value
    assert "Since 10 January 2026: whole audit up" in dashboard.summary.value
    chart = dashboard.run_chart.figure.to_dict()
    whole = next(trace for trace in chart["data"] if trace["name"] == "Whole audit")
    assert whole["x"] == ["2026-01-10", "2026-07-10"] and whole["y"][1] > whole["y"][0]
    domains = [t for t in chart["data"] if t.get("visible") == "legendonly"]
    assert [len(t["x"]) for t in domains] == [2] * len(CHECKLIST.domains)
    assert "too few audits to tell yet" in dashboard.run_chart.findings.value
    assert len(dashboard.radar_figure.data) == 2  # latest against previous
    assert "10 July 2026" in dashboard.scores_table
    assert "10 July 2026" in dashboard.run_chart.table.value
    assert dashboard.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit is due on 10 July 2027. The last "
        "audit reached &quot;Mostly implemented&quot;, so the next one is due a year later."
        "</strong></p>")
    assert dashboard.actions_box.children  # the open action from the latest plan
    assert "Printable report" in dashboard.downloads.value


def test_marking_an_action_done_removes_it_from_open_actions(engine):
    team = store.create_team(engine, "Riverside CMHT")
    store.save_audit(engine, team.id, Audit(team=Team("Riverside CMHT"), date=date(2026, 1, 1),
                                            answers=answers(2),
                                            plan=(PlanEntry(IDS[0], "Sam", None),)))
    dashboard = TeamProgressDashboard(engine, today=date(2026, 2, 3))
    [form] = dashboard.actions.forms
    form.status.value = "done"
    form.button.click()
    assert "is now done." in dashboard.message.value
    assert dashboard.actions.forms == []
    shown = [c.value for c in dashboard.actions_box.children]
    assert shown[-1] == "<p>No open actions. Actions come from the plan of each audit.</p>"
    assert "Done on 3 February 2026" in shown[0]  # the action done stays in the table


def test_refusals_are_friendly_messages(engine):
    dashboard = TeamProgressDashboard(engine)
    dashboard.new_name.value = "<b>Team</b>"
    dashboard.create_button.click()
    assert "web page tag" in dashboard.message.value and "Traceback" not in dashboard.message.value
    dashboard.new_name.value = "Riverside"
    dashboard.create_button.click()
    dashboard.new_name.value = "riverside"
    dashboard.create_button.click()
    assert "already a team called" in dashboard.message.value
    dashboard.delete_button.click()
    assert "Choose a saved audit first" in dashboard.message.value


def test_deleting_needs_the_confirmation_box(engine):
    team = store.create_team(engine, "Riverside CMHT")
    store.save_audit(engine, team.id, Audit(team=Team("Riverside CMHT"), date=date(2026, 1, 1),
                                            answers=answers(3)))
    dashboard = TeamProgressDashboard(engine)
    dashboard.delete_button.click()
    assert "Tick the box" in dashboard.message.value
    assert store.count_audits(engine) == 1
    dashboard.confirm_delete.value = True
    dashboard.delete_button.click()
    assert store.count_audits(engine) == 0


def seed(engine, teams: int, audits_each: int) -> None:
    for t in range(teams):
        trust = ["North Trust", "South Trust"][t % 2]
        team = store.create_team(engine, f"Team {t:02d}", trust, ["Adult", "Older adult"][t % 2])
        for a in range(audits_each):
            store.save_audit(engine, team.id, Audit(
                team=Team(team.name, trust), date=date(2024 + a // 4, 1 + 3 * (a % 4), 1),
                answers=answers(1 + (t + a) % 5)), source="file")


def test_lead_overview_shows_every_team_and_filters_by_trust(engine):
    seed(engine, 4, 2)
    store.create_team(engine, "New Team", "North Trust")
    dashboard = LeadOverviewDashboard(engine)
    assert dashboard.table.value.count("<tr>") == 1 + 5
    assert "none yet" in dashboard.table.value
    assert dashboard.heatmap.data[0]["y"] == [
        "Team 00 (North Trust)", "Team 02 (North Trust)", "Team 01 (South Trust)",
        "Team 03 (South Trust)"]
    assert len(dashboard.heatmap.data[0]["x"]) == len(CHECKLIST.domains) + 1
    # The run charts, split by team: one small chart for each team with audits.
    charted = [t["name"] for t in dashboard.run_chart.figure.data if t["mode"] == "lines+markers"]
    assert charted == ["Team 00 (North Trust)", "Team 01 (South Trust)",
                       "Team 02 (North Trust)", "Team 03 (South Trust)"]
    assert dashboard.run_chart.table.value.count("<tr>") == 1 + 4 * 2
    assert ("<p>Too few audits to tell yet for a shift: Team 00 (North Trust), Team 01 (South "
            "Trust), Team 02 (North Trust), Team 03 (South Trust).</p>"
            in dashboard.run_chart.findings.value)
    assert "Perla RJ, Provost LP, Murray SK (2011)" in dashboard.run_chart.findings.value
    assert "run-charts-by-team.csv" in dashboard.run_chart.downloads.value
    dashboard.trust_filter.value = "South Trust"
    assert dashboard.table.value.count("<tr>") == 1 + 2
    assert "North Trust" not in dashboard.table.value
    dashboard.service_filter.value = "Adult"
    assert dashboard.table.value == ("<p>No team matches these filters. Choose All to see "
                                     "every team.</p>")
    assert dashboard.csv_button.layout.display == "none"  # nothing to download
    assert dashboard.run_chart.figure is None
    assert dashboard.run_chart.view.layout.display == "none"
    dashboard.trust_filter.value = "All"
    dashboard.service_filter.value = "All"
    dashboard.csv_button.click()
    assert "self-audit-scores.csv" in dashboard.downloads.value
    assert "self-audit-answers.csv" in dashboard.downloads.value


def test_lead_imports_files_and_lists_every_refusal(engine):
    good = audit_to_json(Audit(team=Team("Hillside CMHT", "West Trust", "Adult"),
                               date=date(2026, 2, 1), answers=answers(3)))
    bad = json.loads(good)
    bad["answers"] = {"team.unicorns": 3}
    bad["audit_id"] = str(uuid.uuid4())
    dashboard = LeadOverviewDashboard(engine)
    dashboard.upload.receive([("good.json", good.encode()),
                              ("<img src=x>.json", json.dumps(bad).encode())],
                             refused=[("huge.json", 6 * 1024 * 1024)])
    report = dashboard.import_report.value
    assert "Refused: &lt;img src=x&gt;.json" in report and "team.unicorns" in report
    assert "Imported: good.json" in report
    assert ("Refused: huge.json</strong>. Not imported: the file is too big.<ul><li>huge.json is "
            "6.0 MB; the largest file you can import is 5.0 MB. It was not imported.") in report
    assert "Imported 1 of 3 files" in dashboard.message.value
    assert "Hillside CMHT" in dashboard.table.value
    assert "West Trust" in dashboard.trust_filter.options
    assert dashboard.upload.chosen == []


def test_import_report_escapes_everything():
    outcome = store.ImportOutcome("<x>.json", False, "Not imported: <b>", ["<script>"])
    report = import_report_html([outcome])
    assert "<script>" not in report and "&lt;script&gt;" in report
