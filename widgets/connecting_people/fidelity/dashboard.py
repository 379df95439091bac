"""The team progress dashboard: one team's audits over time, its open actions, a new audit.

A champion opens it in a team meeting: choose (or create) the team, see each
domain's score over time and the latest radar against the previous one, tick
off actions that are done, take the next audit in the same form the book's
static page uses (here it saves to the team's records), and download a
printable report. A thin view: the store keeps, ``scoring`` scores,
``figures`` draws.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets
from IPython.display import display
from sqlalchemy import Engine

from connecting_people import plotting
from connecting_people.dashboards import ui
from connecting_people.dashboards.frame import open_tool
from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import Checklist, format_tenths, load_checklist
from connecting_people.fidelity.compare import compare_audits
from connecting_people.fidelity.export import items_csv, summary_csv
from connecting_people.fidelity.figures import domain_trend_figure, radar_figure
from connecting_people.fidelity.model import Audit, Team, audit_to_json
from connecting_people.fidelity.report import audit_report_html
from connecting_people.fidelity.rules import score_audit
from connecting_people.fidelity.widget import SelfAuditWidget
from connecting_people.store import make_engine
from connecting_people.store.acting import session_user

WIDE = widgets.Layout(width="34rem")
LABELS = {"description_width": "11rem"}


TONES = {"ok": "done", "info": "info", "error": "error"}


class FidelityView:
    """What both self-audit dashboards start with: the checklist, the acting user, the store."""

    def __init__(self, engine: Engine | None, checklist: Checklist | None, user: str | None):
        self.checklist = checklist or load_checklist()
        # No catching here: a store that cannot be opened stops the whole build, and
        # ``open_dashboard`` shows the one store-down page instead of half a dashboard.
        self.user = user or session_user()
        self.engine = engine or make_engine()
        store.ensure_schema(self.engine)
        plotting.register_book_renderer()
        self.message = widgets.HTML()

    def show_message(self, kind: str, text: str, details: list[str] | None = None) -> None:
        """``kind`` is ok, info or error, as in the frame's messages."""
        self.message.value = ui.message_html([text, *(details or [])], tone=TONES[kind])

    def _show_markup(self, markup: str) -> None:
        self.message.value = markup


class TeamProgressDashboard(FidelityView):
    """Build with an engine (default: the configured store) and display ``.view``."""

    def __init__(self, engine: Engine | None = None, checklist: Checklist | None = None, *,
                 user: str | None = None):
        super().__init__(engine, checklist, user)
        teams = store.list_teams(self.engine)
        self.stored: list[store.StoredAudit] = []
        # The version each audit in the form was opened at, so a save can lose honestly.
        self.versions: dict[str, int] = {}
        self._quiet = False

        self.team_picker = widgets.Dropdown(description="Team", style=LABELS, layout=WIDE)
        self.new_name = widgets.Text(description="Team name", style=LABELS, layout=WIDE)
        self.new_trust = widgets.Text(description="NHS Trust", style=LABELS, layout=WIDE)
        self.new_service = widgets.Text(description="Service", style=LABELS, layout=WIDE)
        self.create_button = widgets.Button(description="Create team", button_style="primary",
                                            icon="")
        self.summary = widgets.HTML()
        self.charts = widgets.Output()
        self.actions_box = widgets.VBox()
        self.audit_picker = widgets.Dropdown(description="Saved audit", style=LABELS,
                                             layout=WIDE)
        self.edit_button = widgets.Button(description="Open this audit in the form")
        self.confirm_delete = widgets.Checkbox(description="Yes, delete the chosen audit",
                                               indent=False)
        self.delete_button = widgets.Button(description="Delete audit", button_style="danger")
        self.downloads = widgets.HTML()
        self.form = SelfAuditWidget(self.checklist, mode="store", link_base=ui.book_url())
        self.form.on_save(self._save_from_form)

        self.create_section = widgets.Accordion(children=[widgets.VBox([
            self.new_name, self.new_trust, self.new_service, self.create_button])],
            titles=("Create a team",))
        self._wire()
        self.team_section = widgets.VBox([
            self.summary,
            widgets.HTML("<h3>Scores over time</h3>"), self.charts,
            widgets.HTML("<h3>Open actions</h3>"), self.actions_box,
            widgets.HTML("<h3>Take an audit</h3><p>Fill in the form and choose "
                         "<strong>Save to the team's records</strong>. Saving again updates "
                         "the same audit; <strong>Start a new audit</strong> begins the "
                         "next one.</p>"),
            self.form,
            widgets.HTML("<h3>Saved audits</h3>"),
            self.audit_picker,
            widgets.HBox([self.edit_button]),
            widgets.HBox([self.confirm_delete, self.delete_button]),
            self.downloads,
        ])
        self.view = widgets.VBox([
            # The notebook's own first cell gives the page its title.
            widgets.HTML(ui.STYLE + "<p>The book's own checklist, not a validated scale. Choose "
                         "your team, or create it.</p>"),
            self.team_picker,
            self.create_section,
            self.message,
            self.team_section,
        ])
        self.view.add_class("cp-dashboard")
        self._set_team_options(teams)
        self._show_team()

    # ------------------------------------------------------------ messages
    def _wire(self) -> None:
        safe = ui.guarded(self._show_markup, user=self.user, tool="team progress")
        self.create_button.on_click(safe(lambda _b: self.create_team()))
        self.team_picker.observe(safe(self._on_team_change), names="value")
        self.audit_picker.observe(safe(lambda _c: self._show_downloads()), names="value")
        self.edit_button.on_click(safe(lambda _b: self.edit_chosen_audit()))
        self.delete_button.on_click(safe(lambda _b: self.delete_chosen_audit()))

    # --------------------------------------------------------------- teams
    def _on_team_change(self, _change) -> None:
        if not self._quiet:
            self._show_team()

    def _set_team_options(self, teams: list[store.TeamRow], chosen: int | None = None) -> None:
        # Filling the list changes its value; the caller shows the team once, after.
        self._quiet = True
        try:
            options = [(team.label, team.id) for team in teams]
            self.team_picker.options = options
            if options:
                self.team_picker.value = chosen if chosen is not None else options[0][1]
        finally:
            self._quiet = False

    def create_team(self) -> None:
        team = store.create_team(self.engine, self.new_name.value, self.new_trust.value,
                                 self.new_service.value)
        self.new_name.value = self.new_trust.value = self.new_service.value = ""
        self.create_section.selected_index = None
        self._set_team_options(store.list_teams(self.engine), chosen=team.id)
        self._show_team()
        self.show_message("ok", f"Created the team {team.label}. Take its first audit below.")

    @property
    def team(self) -> store.TeamRow | None:
        if self.team_picker.value is None:
            return None
        return store.get_team(self.engine, self.team_picker.value)

    # --------------------------------------------------------------- saves
    def _save_from_form(self, audit: Audit) -> str:
        team = self.team
        if team is None:
            raise store.StoreError("Choose or create a team first.")
        # The form's team fields are locked to the chosen team; the store keeps
        # the team's own record either way.
        result = store.save_audit(self.engine, team.id, audit, checklist=self.checklist,
                                  expected_version=self.versions.get(audit.audit_id),
                                  user=self.user)
        self.versions[audit.audit_id] = result.version
        self._refresh(keep_form=True)
        verb = "Saved" if result.created else "Updated"
        text = f"{verb} the audit of {audit.date.isoformat()} for {team.label}."
        self.show_message("ok", text)
        return text

    def edit_chosen_audit(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            raise store.StoreError("Choose a saved audit first.")
        index = self.stored.index(chosen)
        self.versions[chosen.audit.audit_id] = chosen.version
        self.form.show_audit(chosen.audit, lock_team=True)
        self.form.show_previous(self.stored[index - 1].audit if index > 0 else None)
        self.show_message("info", f"The audit of {chosen.audit.date.isoformat()} is in the form. "
                                  "Saving it updates that audit.")

    def delete_chosen_audit(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            raise store.StoreError("Choose a saved audit first.")
        if not self.confirm_delete.value:
            raise store.StoreError("Tick the box to confirm, then choose Delete audit again.")
        store.delete_audit(self.engine, chosen.audit.audit_id)
        self.confirm_delete.value = False
        self._refresh()
        self.show_message("ok", f"Deleted the audit of {chosen.audit.date.isoformat()}.")

    # ------------------------------------------------------------- showing
    def _show_team(self) -> None:
        self.message.value = ""
        self._refresh()

    def _fresh_form(self, team: store.TeamRow) -> None:
        self.form.show_audit(Audit(team=Team(team.name, team.trust, team.service),
                                   date=date.today(), answers={},
                                   checklist_version=self.checklist.version), lock_team=True)
        self.form.show_previous(self.stored[-1].audit if self.stored else None)

    def _refresh(self, keep_form: bool = False) -> None:
        team = self.team
        self.team_section.layout.display = None if team else "none"
        if team is None:
            self.summary.value = ""
            self.show_message("info", "No teams yet. Open Create a team to add the first one.")
            return
        self.stored = store.team_audits(self.engine, team.id)
        if not keep_form:
            self._fresh_form(team)
        self._show_summary(team)
        self._show_charts(team)
        self._show_actions(team)
        self.audit_picker.options = [
            (f"{s.audit.date.isoformat()} ({self._total_text(s.audit)})", s.id)
            for s in reversed(self.stored)
        ]
        # The latest audit is chosen to begin with, so its report is one click away.
        self.audit_picker.value = self.stored[-1].id if self.stored else None
        self._show_downloads()

    def _total_text(self, audit: Audit) -> str:
        total = score_audit(self.checklist, audit.answers).total
        band = self.checklist.band(total.band).label if total.band else "no band"
        return f"{total.score_text}, {band}"

    def _show_summary(self, team: store.TeamRow) -> None:
        count = len(self.stored)
        name = html.escape(team.label)
        if not count:
            self.summary.value = (f"<h3>{name}</h3><p>No audits saved yet. Take the first one "
                                  "below.</p>")
            return
        latest = self.stored[-1].audit
        total = score_audit(self.checklist, latest.answers).total
        parts = [f"<h3>{name}</h3>",
                 f"<p class='cp-audit-count'>{count} audit{'s' if count != 1 else ''} saved. "
                 f"Latest: {latest.date.isoformat()}, {html.escape(self._total_text(latest))}; "
                 f"{total.rated} of {total.items} items rated.</p>"]
        if total.warning:
            parts.append(ui.message_html("Treat the latest scores with caution: more than "
                                      f"{self.checklist.rules.unrated_warning_percent}% of the "
                                      "items were not rated."))
        if count > 1:
            cmp = compare_audits(self.checklist, self.stored[-2].audit.answers, latest.answers)
            if cmp.total.change_tenths is not None:
                change = cmp.total.change_tenths
                word = "up" if change > 0 else "down" if change < 0 else "unchanged at"
                amount = format_tenths(abs(change)) if change else format_tenths(
                    cmp.total.after_tenths)
                parts.append(f"<p>Since {self.stored[-2].audit.date.isoformat()}: whole audit "
                             f"{word} {amount}.</p>")
            for heading, changes in (("Improved", cmp.improved), ("Slipped", cmp.slipped)):
                listed = ", ".join(
                    f"{html.escape(self.checklist.item(c.item_id).title)} ({c.before} to "
                    f"{c.after})" for c in changes) or "nothing"
                parts.append(f"<p><strong>{heading}:</strong> {listed}.</p>")
        self.summary.value = "".join(parts)

    def _show_charts(self, team: store.TeamRow) -> None:
        self.charts.clear_output()
        self.trend_figure = self.radar_figure = None
        self.scores_table = ""
        if not self.stored:
            return
        results = [score_audit(self.checklist, s.audit.answers) for s in self.stored]
        dates = [s.audit.date for s in self.stored]
        rows = "".join(
            f"<tr><th scope='row'>{d.isoformat()}</th>"
            + "".join(f"<td>{s.score_text}</td>" for s in r.domains)
            + f"<td>{r.total.score_text}</td></tr>"
            for d, r in zip(dates, results, strict=True))
        headers = "".join(f"<th scope='col'>{html.escape(d.short)}</th>"
                          for d in self.checklist.domains)
        table = (f"<table class='cp-table'><caption>Scores by audit (the same figures as the "
                 f"charts)</caption><thead><tr><th scope='col'>Audit</th>{headers}"
                 f"<th scope='col'>Whole audit</th></tr></thead><tbody>{rows}</tbody></table>")
        previous = results[-2] if len(results) > 1 else None
        # Kept on the instance so tests (and notebooks) can look at what is drawn.
        self.trend_figure = domain_trend_figure(self.checklist, dates, results,
                                                title=f"{team.name}: domain scores over time")
        self.radar_figure = radar_figure(
            self.checklist, results[-1], previous,
            current_label=f"Latest ({dates[-1].isoformat()})",
            previous_label=f"Previous ({dates[-2].isoformat()})" if previous else "",
            title="Latest audit against the previous one")
        self.scores_table = table
        with self.charts:
            display(self.trend_figure)
            display(self.radar_figure)
            display(widgets.HTML(table))

    def _show_actions(self, team: store.TeamRow) -> None:
        actions = store.open_actions(self.engine, team.id)
        if not actions:
            self.actions_box.children = [widgets.HTML(
                "<p>No open actions. Actions come from the plan of the latest audit.</p>")]
            return
        boxes = []
        safe = ui.guarded(self._show_markup, user=self.user, tool="team progress")
        for action in actions:
            item = self.checklist.item(action.item_id)
            due = action.due.isoformat() if action.due else "no date set"
            owner = action.owner or "no one named yet"
            box = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto"),
                                   description=f"Done: {item.title}. {item.action_text} "
                                               f"(Who: {owner}. By: {due}.)")
            box.observe(safe(lambda change, action_id=action.id: self._mark_done(
                action_id, change["new"])), names="value")
            boxes.append(box)
        self.actions_box.children = boxes

    def _mark_done(self, action_id: int, done: bool) -> None:
        if done:
            store.set_action_done(self.engine, action_id, user=self.user)
            self._refresh(keep_form=True)
            self.show_message("ok", "Marked the action as done.")

    def _chosen(self) -> store.StoredAudit | None:
        return next((s for s in self.stored if s.id == self.audit_picker.value), None)

    def _show_downloads(self) -> None:
        chosen = self._chosen()
        team = self.team
        if chosen is None or team is None:
            self.downloads.value = ""
            return
        index = self.stored.index(chosen)
        previous = self.stored[index - 1].audit if index > 0 else None
        stem = f"self-audit-{ui.file_slug(team.name)}-{chosen.audit.date.isoformat()}"
        audits = [s.audit for s in self.stored]
        slug = ui.file_slug(team.name)
        report = audit_report_html(chosen.audit, self.checklist, previous=previous,
                                   link_base=ui.book_url())
        links = [
            ui.download_link(f"{stem}-report.html", report, "Printable report (HTML)",
                             mime="text/html"),
            ui.download_link(f"{stem}.json", audit_to_json(chosen.audit),
                             "This audit as a file (JSON)", mime="application/json"),
            ui.download_link(f"{slug}-scores.csv", summary_csv(audits, self.checklist),
                             "All this team's scores (CSV)"),
            ui.download_link(f"{slug}-answers.csv", items_csv(audits, self.checklist),
                             "All this team's answers (CSV)"),
        ]
        self.downloads.value = "<p>" + "".join(links) + "</p>"


def open_dashboard(url: str | None = None):
    """What the team progress notebook shows: the whole dashboard, or the store-down page."""
    return open_tool(lambda engine: TeamProgressDashboard(engine), url, "team progress dashboard")
