"""The run chart, follow-up and access on the self-audit dashboards, through their widgets."""

from __future__ import annotations

import json
from datetime import date

import ipywidgets as widgets
import pytest

from connecting_people.access import User
from connecting_people.dashboards import frame
from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.dashboard import TeamProgressDashboard
from connecting_people.fidelity.export import items_csv
from connecting_people.fidelity.lead_dashboard import LeadOverviewDashboard
from connecting_people.fidelity.model import Audit, PlanEntry, Team, audit_to_json
from connecting_people.store import make_engine, row_security, teams
from connecting_people.store.errors import AccessRefused

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids
TODAY = date(2026, 9, 1)
ADMIN = User.single_user("local:it")


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'runs.sqlite3'}")
    store.ensure_schema(engine)
    yield engine
    engine.dispose()
    row_security.reset_team_scope()


def flat(score: int) -> dict:
    return dict.fromkeys(IDS, score)


def save(engine, team, day: date, score: int, plan=()) -> None:
    store.save_audit(engine, team.id, Audit(team=Team(team.name, team.trust), date=day,
                                            answers=flat(score), plan=tuple(plan)))


def signed_in(monkeypatch, name, groups):
    monkeypatch.setattr(frame, "current_user", lambda: User.from_groups(name, groups))


def test_six_audits_above_the_median_are_a_shift_in_plain_words(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    scores = [2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4]
    for month, score in enumerate(scores):
        save(engine, team, date(2025, 1 + month, 1), score)
    dashboard = TeamProgressDashboard(engine, today=TODAY)
    findings = dashboard.run_chart.findings.value
    assert ("Shift: audits 1 to 6 (1 January 2025 to 1 June 2025) are all below the median, "
            "6 in a row. Six or more in a row on one side is more than chance.") in findings
    assert "Perla RJ, Provost LP, Murray SK (2011)" in findings
    names = [t["name"] for t in dashboard.run_chart.figure.data]
    assert "Part of a signal" in names and "Median (3.0)" in names
    # The domain picker draws one domain instead, with its own findings.
    dashboard.run_chart.picker.value = CHECKLIST.domains[0].id
    assert dashboard.run_chart.figure.layout["title"]["text"] == (
        f"Riverside CMHT (Example NHS Trust): {CHECKLIST.domains[0].short} over time")
    assert f"What the run rules say about {CHECKLIST.domains[0].short}" in (
        dashboard.run_chart.findings.value)


def test_an_action_done_is_marked_on_the_chart_and_an_overdue_one_is_flagged(engine):
    team = store.create_team(engine, "Riverside CMHT")
    save(engine, team, date(2026, 1, 10), 2,
         [PlanEntry(IDS[0], "Sam", date(2026, 3, 1)), PlanEntry(IDS[1], "Ali", date(2026, 12, 1))])
    dashboard = TeamProgressDashboard(engine, today=TODAY)
    [late] = [c for c in dashboard.actions_box.children if isinstance(c, widgets.HTML)
              and "overdue:" in c.value]
    item = CHECKLIST.item(IDS[0])
    assert "1 action is overdue:" in late.value
    assert "was due on 1 March 2026: 184 days overdue." in late.value
    assert "<tr class='cp-overdue'>" in dashboard.actions_box.children[1].value
    assert dashboard.next_audit.value == (
        "<p class='cp-next-audit'><strong>The next audit was due on 10 July 2026: 53 days ago. "
        "The last audit was &quot;Not yet implemented&quot;, so the next one is due six months "
        "later, until the team reaches &quot;Mostly implemented&quot;.</strong></p>")

    late_form = next(f for f in dashboard.actions.forms if f.row.item_id == IDS[0])
    late_form.status.value = "done"
    late_form.button.click()
    marks = [t for t in dashboard.run_chart.figure.data if t["name"] == "Action done"]
    [mark] = marks
    assert mark["text"][0].endswith(f"{item.action_text} (Sam)")
    assert "Action done" in dashboard.run_chart.table.value
    assert "overdue:" not in dashboard.actions_box.children[0].value
    assert "Done on 1 September 2026" in dashboard.actions_box.children[0].value


def test_a_losing_action_edit_says_so_and_keeps_what_was_typed(engine):
    team = store.create_team(engine, "Riverside CMHT")
    save(engine, team, date(2026, 1, 10), 2, [PlanEntry(IDS[0], "Sam", date(2026, 12, 1))])
    first = TeamProgressDashboard(engine, today=TODAY)
    second = TeamProgressDashboard(engine, today=TODAY)
    [mine] = first.actions.forms
    mine.status.value = "in_progress"
    mine.button.click()
    assert "is now in progress." in first.message.value
    [theirs] = second.actions.forms
    theirs.status.value = "dropped"
    theirs.reason.value = "The team lead left; we will plan again in March."
    theirs.button.click()
    assert "The action was changed by someone else" in second.message.value
    assert "reload to see it" in second.message.value
    assert "Traceback" not in second.message.value
    assert second.actions.forms[0] is theirs  # nothing redrawn: what was typed is kept
    assert (theirs.status.value, theirs.reason.value) == (
        "dropped", "The team lead left; we will plan again in March.")
    [row] = store.team_actions(engine, team.id)
    assert row.status == "in_progress"


def test_a_dropped_action_needs_a_reason(engine):
    team = store.create_team(engine, "Riverside CMHT")
    save(engine, team, date(2026, 1, 10), 2, [PlanEntry(IDS[0], "Sam", date(2026, 12, 1))])
    dashboard = TeamProgressDashboard(engine, today=TODAY)
    [form] = dashboard.actions.forms
    form.status.value = "dropped"
    form.button.click()
    assert "Say why the action was dropped." in dashboard.message.value
    form.reason.value = "Covered by the new induction."
    form.button.click()
    assert "is now dropped." in dashboard.message.value
    assert "Dropped: Covered by the new induction." in dashboard.actions_box.children[0].value


def test_a_member_is_offered_only_their_team_and_cannot_create_one_in_another_trust(
        engine, monkeypatch):
    teams.open_registry(engine)
    for name, trust in {"north": "trust-a", "east": "trust-b"}.items():
        teams.set_team(engine, name, trust, user=ADMIN)
    store.create_team(engine, "north", "trust-a")
    store.create_team(engine, "east", "trust-b")
    signed_in(monkeypatch, "north-worker", ["cp-team:north", "cp-team:west"])
    dashboard = TeamProgressDashboard(engine, today=TODAY)
    assert dashboard.team_box.options == ("north", "west")
    dashboard.new_name.value = "west"
    dashboard.new_trust.value = "trust-b"
    dashboard.create_button.click()
    assert ("The team was not created: you can create teams only in your own Trust (trust-a)."
            in dashboard.message.value)
    dashboard.new_name.value = "east"
    dashboard.create_button.click()
    assert "You are not a member of team east" in dashboard.message.value
    assert [t.name for t in store.list_teams(engine)] == ["north", "east"]
    dashboard.new_name.value = "west"
    dashboard.new_trust.value = "trust-a"
    dashboard.create_button.click()
    assert "Created the team west (trust-a)." in dashboard.message.value


def test_a_lead_sees_only_their_trusts_teams_in_the_overview(engine, monkeypatch):
    teams.open_registry(engine)
    for name, trust in {"north": "trust-a", "south": "trust-a", "east": "trust-b"}.items():
        teams.set_team(engine, name, trust, user=ADMIN)
        save(engine, store.create_team(engine, name, trust), date(2026, 1, 1), 3)
    signed_in(monkeypatch, "trust-a-lead", ["cp-lead:trust-a"])
    dashboard = LeadOverviewDashboard(engine)
    assert [line.team.name for line in dashboard.lines] == ["north", "south"]
    assert [run.label for run in dashboard.runs] == ["north (trust-a)", "south (trust-a)"]
    assert "east" not in dashboard.table.value
    assert dashboard.trust_filter.options == ("All", "trust-a")


def test_an_edited_file_imported_again_shows_as_a_new_version(engine):
    audit = Audit(team=Team("Hillside CMHT", "West Trust"), date=date(2026, 2, 1),
                  answers=flat(3))
    first = store.import_audit_file(engine, "audit.json", audit_to_json(audit))
    assert first.accepted, first.problems
    edited = json.loads(audit_to_json(audit))
    edited["answers"][IDS[0]] = 5
    again = store.import_audit_file(engine, "audit-edited.json", json.dumps(edited))
    assert again.accepted, again.problems
    dashboard = TeamProgressDashboard(engine, today=TODAY)
    history = dashboard.history.value
    assert "<caption>Versions of the audit of 1 February 2026</caption>" in history
    assert history.count("<tr>") == 1 + 2
    assert "First saved." in history
    assert f"Changed: {CHECKLIST.item(IDS[0]).title}." in history


def test_a_csv_of_audits_is_checked_row_by_row_then_imported(engine):
    good = Audit(team=Team("Hillside CMHT", "West Trust"), date=date(2026, 2, 1),
                 answers=flat(3))
    bad = Audit(team=Team("Hillside CMHT", "West Trust"), date=date(2026, 8, 1),
                answers=flat(4))
    lines = items_csv([good, bad], CHECKLIST).splitlines()
    row = next(n for n, line in enumerate(lines) if "2026-08-01" in line)
    lines[row] = lines[row].replace(",4,rated,", ",9,rated,")
    data = ("\r\n".join(lines) + "\r\n").encode()
    dashboard = LeadOverviewDashboard(engine)
    dashboard.csv_import.upload.receive([("answers.csv", data)])
    report = dashboard.csv_import.report.value
    assert (f"<li>Row {row + 1}: A rated item needs a score from 1 to 5 (it has 9).</li>"
            f"<li>The audit of 1 August 2026 for Hillside CMHT was not imported: row {row + 1} of "
            "it had problems, and an audit is imported whole or not at all.</li>") in report
    assert dashboard.csv_import.button.disabled is False
    dashboard.csv_import.button.click()
    report = dashboard.csv_import.report.value
    assert "Imported 1 of the 2 audits in the CSV file." in report
    assert [line.team.name for line in dashboard.lines] == ["Hillside CMHT"]
    assert [s.audit.date for s in store.team_audits(engine, dashboard.lines[0].team.id)] == [
        date(2026, 2, 1)]


def test_an_action_from_an_older_plan_with_no_owner_can_be_marked_done(engine):
    team = store.create_team(engine, "Riverside CMHT")
    save(engine, team, date(2026, 1, 10), 2, [PlanEntry(IDS[0], "", None)])
    dashboard = TeamProgressDashboard(engine, today=TODAY)
    [form] = dashboard.actions.forms
    form.status.value = "done"
    form.button.click()
    assert "is now done." in dashboard.message.value
    assert dashboard.actions.forms == []
    [row] = store.team_actions(engine, team.id)
    assert (row.status, row.done_on, row.owner) == ("done", TODAY, "")


def test_someone_signed_in_with_no_team_gets_the_refusal_page(engine, monkeypatch):
    signed_in(monkeypatch, "new-lead", ["cp-lead:trust-z"])
    with pytest.raises(AccessRefused, match="You are signed in as new-lead, but no team's"):
        TeamProgressDashboard(engine, today=TODAY)
