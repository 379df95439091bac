"""The team progress dashboard: one team's audits over time, its actions, the next audit.

A champion opens it in a team meeting: choose (or create) the team, see the
run chart of the whole audit or one domain (bands, threshold, median, actions
done, and what the run rules say), when the next audit is due, which actions
are overdue, the latest radar against the previous one; follow up each
action (owner, due date, status, a reason when dropped), take the next audit
in the same form the book's static page uses (here it saves to the team's
records), and download a printable report.
A thin view on the shared frame: the store keeps, ``rules`` and
``run_chart`` compute, ``figures`` and ``run_chart_figure`` draw.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets
from IPython.display import display
from sqlalchemy import Engine

from connecting_people import access
from connecting_people.common.dates import uk_date
from connecting_people.dashboards import frame, ui
from connecting_people.dashboards.frame import open_tool
from connecting_people.fidelity import store
from connecting_people.fidelity.actions_panel import ActionForm, ActionsPanel
from connecting_people.fidelity.checklist import Checklist, format_tenths, load_checklist
from connecting_people.fidelity.compare import compare_audits
from connecting_people.fidelity.csv_import_panel import audit_csv_panel
from connecting_people.fidelity.export import items_csv, summary_csv
from connecting_people.fidelity.figures import radar_figure
from connecting_people.fidelity.follow_up import STATUSES, latest_review, review_sentence
from connecting_people.fidelity.model import Audit, Team, audit_to_json
from connecting_people.fidelity.report import audit_report_html
from connecting_people.fidelity.rules import score_audit
from connecting_people.fidelity.run_chart import team_series
from connecting_people.fidelity.run_chart_panel import RunChartPanel
from connecting_people.fidelity.widget import SelfAuditWidget
from connecting_people.hub.identity import mode_note
from connecting_people.store import make_engine
from connecting_people.store import teams as teams_registry
from connecting_people.store.acting import session_user
from connecting_people.store.errors import AccessRefused

WIDE = widgets.Layout(width="34rem")
LABELS = {"description_width": "11rem"}


TONES = {"ok": "done", "info": "info", "error": "error"}


class FidelityView:
    """What both self-audit dashboards start with: the checklist, the acting user, the store."""

    def __init__(self, engine: Engine | None, checklist: Checklist | None, user: str | None,
                 today: date | None = None):
        self.checklist = checklist or load_checklist()
        self._today = today  # fixed by tests and training examples; else the real day
        # No catching here: a store that cannot be opened stops the whole build, and
        # ``open_dashboard`` shows the one store-down page instead of half a dashboard.
        self.user = user or session_user()
        self.engine = engine or make_engine()
        store.ensure_schema(self.engine)
        self.message = widgets.HTML()

    today = frame.TeamTool.today  # the one rule every tool uses

    def show_message(self, kind: str, text: str, details: list[str] | None = None) -> None:
        """``kind`` is ok, info or error, as in the frame's messages."""
        self.message.value = ui.message_html([text, *(details or [])], tone=TONES[kind])

    def _show_markup(self, markup: str) -> None:
        self.message.value = markup


def team_trusts(engine: Engine) -> dict[str, str]:
    """Team name -> its Trust, for the access rules: the admin's teams registry.

    Not the Trust typed on a self-audit team (anyone who creates a team types
    that), so a lead sees only the teams an admin put in their Trust.
    """
    return teams_registry.team_trusts(engine)


class TeamProgressDashboard(FidelityView, frame.TeamTool):
    """Build with an engine (default: the configured store) and display ``.view``.

    On the shared frame: the one team picker (a signed-in person is offered
    only the teams they may read), the message line and the error wrapper.
    ``self.team`` is the chosen team's name, as in every team tool; ``team_row``
    is its self-audit record, or None before the team is created.
    """

    what = "team progress"

    def __init__(self, engine: Engine | None = None, checklist: Checklist | None = None, *,
                 user: str | None = None, today: date | None = None):
        super().__init__(engine, checklist, user, today)
        self.team_trusts = team_trusts(self.engine)
        self.person = frame.person_in_scope(self.team_trusts)
        self._rows: dict[str, store.TeamRow] = {}
        offered = self._load_teams()
        if self.person.signed_in and not self.person.admin and not offered:
            # The frame's refusal page, rather than a page with nothing this person may use.
            raise AccessRefused(
                f"You are signed in as {self.person.name}, but no team's self-audits are "
                "yours to see or take, so there is nothing to show. Ask your admin to add "
                "you to your team.")
        self.team = offered[0] if offered else ""
        self.stored: list[store.StoredAudit] = []
        # The version each audit in the form was opened at, so a save can lose honestly.
        self.versions: dict[str, int] = {}

        self.team_box = frame.team_combobox(self.team, offered, style=LABELS, layout=WIDE)
        self.new_name = widgets.Text(description="Team name", style=LABELS, layout=WIDE)
        self.new_trust = widgets.Text(description="NHS Trust", style=LABELS, layout=WIDE)
        self.new_service = widgets.Text(description="Service", style=LABELS, layout=WIDE)
        self.create_button = widgets.Button(description="Create team", button_style="primary",
                                            icon="")
        self.summary = widgets.HTML()
        self.next_audit = widgets.HTML()
        self.run_chart = RunChartPanel(self.checklist, with_picker=True)
        self.charts = widgets.Output()
        self.actions = ActionsPanel(self.save_action)
        self.actions_box = self.actions.view
        self.audit_picker = widgets.Dropdown(description="Saved audit", style=LABELS,
                                             layout=WIDE)
        self.edit_button = widgets.Button(description="Open this audit in the form")
        self.confirm_delete = widgets.Checkbox(description="Yes, delete the chosen audit",
                                               indent=False)
        self.delete_button = widgets.Button(description="Delete audit", button_style="danger")
        self.downloads = widgets.HTML()
        self.history = widgets.HTML()
        self.csv_import = audit_csv_panel(self.engine, self.checklist, user=self.user,
                                          may_import=self.require_change,
                                          after_save=self._after_import)
        self.form = SelfAuditWidget(self.checklist, mode="store", link_base=ui.book_url())
        self.form.on_save(self._save_from_form)

        self.create_section = widgets.Accordion(children=[widgets.VBox([
            self.new_name, self.new_trust, self.new_service, self.create_button])],
            titles=("Create a team",))
        self.team_section = widgets.VBox([
            self.summary,
            self.next_audit,
            widgets.HTML("<h3>Run chart: scores over time</h3>"), self.run_chart.view,
            widgets.HTML("<h3>Latest audit against the previous one</h3>"), self.charts,
            widgets.HTML("<h3>Actions</h3>"), self.actions_box,
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
            self.history,
            widgets.HTML("<h3>Import audits from a CSV file</h3><p>The file is in the same "
                         "format as <strong>All this team's answers (CSV)</strong>. It is "
                         "checked first and every problem is listed row by row; then choose "
                         "the button to import the audits that passed. An audit already in "
                         "the records is kept as its next version.</p>"),
            *self.csv_import.children,
        ])
        who = widgets.HTML(f'<p class="cp-who">{html.escape(mode_note(self.person))}</p>')
        # The notebook's own first cell gives the page its title.
        self.view = frame.tool_view(
            "The book's own checklist, not a validated scale. Choose your team, or create it.",
            who, self.team_box, self.create_section, self.message, self.team_section)
        self._wire()
        self._show_team()

    # ------------------------------------------------------------ messages
    def _wire(self) -> None:
        safe = ui.guarded(self._show_markup, user=self.user, tool="team progress")
        self._guard = safe
        self.create_button.on_click(safe(lambda _b: self.create_team()))
        self.team_box.observe(safe(self._change_team), names="value")
        self.audit_picker.observe(safe(lambda _c: self._show_downloads()), names="value")
        self.edit_button.on_click(safe(lambda _b: self.edit_chosen_audit()))
        self.delete_button.on_click(safe(lambda _b: self.delete_chosen_audit()))
        self.run_chart.connect(safe)
        self.csv_import.connect(safe)

    def _show_message(self, markup: str) -> None:
        self.message.value = markup

    # --------------------------------------------------------------- teams
    def _load_teams(self) -> list[str]:
        """Read the teams again; the names this person may be offered in the picker."""
        self._rows = {}
        for row in store.list_teams(self.engine):
            self._rows.setdefault(row.name, row)
        return self._offered_teams(list(self._rows))

    def _reload(self) -> None:
        self._show_team()

    def _after_import(self) -> None:
        offered = self._load_teams()
        self.team_box.options = offered or [self.team]
        self._refresh()

    def check_may_create(self, name: str, trust: str) -> None:
        """Signed in, a member creates only their own team, and only in their own Trust."""
        person = self.person
        if not person.signed_in or person.admin:
            return
        decision = access.decide(person, access.Action.CHANGE, name.strip() or "?")
        if not decision.allowed:
            raise AccessRefused(f"The team was not created. {decision.reason}")
        own = {self.team_trusts[t] for t in person.teams if self.team_trusts.get(t)}
        if own and trust.strip() not in own:
            raise AccessRefused(
                f"The team was not created: you can create teams only in your own Trust "
                f"({', '.join(sorted(own))}).")

    def create_team(self) -> None:
        self.check_may_create(self.new_name.value, self.new_trust.value)
        team = store.create_team(self.engine, self.new_name.value, self.new_trust.value,
                                 self.new_service.value, user=self.user)
        self.new_name.value = self.new_trust.value = self.new_service.value = ""
        self.create_section.selected_index = None
        offered = self._load_teams()
        self.team = team.name
        self.team_box.options = offered or [team.name]
        self.team_box.value = team.name  # the picker's observer sees the same team: no reload
        self._show_team()
        self.show_message("ok", f"Created the team {team.label}. Take its first audit below.")

    @property
    def team_row(self) -> store.TeamRow | None:
        return self._rows.get(self.team) if self.team else None

    # --------------------------------------------------------------- saves
    def _save_from_form(self, audit: Audit) -> str:
        team = self.team_row
        if team is None:
            raise store.StoreError("Choose or create a team first.")
        self.require_change()
        # The form's team fields are locked to the chosen team; the store keeps
        # the team's own record either way.
        result = store.save_audit(self.engine, team.id, audit, checklist=self.checklist,
                                  expected_version=self.versions.get(audit.audit_id),
                                  user=self.user)
        self.versions[audit.audit_id] = result.version
        self._refresh(keep_form=True)
        verb = "Saved" if result.created else "Updated"
        text = f"{verb} the audit of {uk_date(audit.date)} for {team.label}."
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
        self.show_message("info", f"The audit of {uk_date(chosen.audit.date)} is in the form. "
                                  "Saving it updates that audit.")

    def delete_chosen_audit(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            raise store.StoreError("Choose a saved audit first.")
        if not self.confirm_delete.value:
            raise store.StoreError("Tick the box to confirm, then choose Delete audit again.")
        self.require_change()
        store.delete_audit(self.engine, chosen.audit.audit_id)
        self.confirm_delete.value = False
        self._refresh()
        self.show_message("ok", f"Deleted the audit of {uk_date(chosen.audit.date)}.")

    # ------------------------------------------------------------- showing
    def _show_team(self) -> None:
        self.message.value = ""
        self._refresh()

    def _fresh_form(self, team: store.TeamRow) -> None:
        self.form.show_audit(Audit(team=Team(team.name, team.trust, team.service),
                                   date=self.today(), answers={},
                                   checklist_version=self.checklist.version), lock_team=True)
        self.form.show_previous(self.stored[-1].audit if self.stored else None)

    def _refresh(self, keep_form: bool = False) -> None:
        if self.team and self.team not in self._rows:
            self._load_teams()  # created elsewhere since this page opened
        team = self.team_row
        self.team_section.layout.display = None if team else "none"
        if team is None:
            self.summary.value = self.next_audit.value = ""
            self.stored = []
            if self.team:
                self.show_message("info", f"There is no team called {self.team} yet. Open "
                                          "Create a team to add it.")
            else:
                self.show_message("info", "No teams yet. Open Create a team to add the first "
                                          "one.")
            return
        self.stored = store.team_audits(self.engine, team.id)
        if not keep_form:
            self._fresh_form(team)
        self._show_summary(team)
        self._show_next_audit()
        actions = store.team_actions(self.engine, team.id)
        self._show_run_chart(team, actions)
        self._show_charts(team)
        self.actions.show(actions, self.today(), self._guard)
        self.audit_picker.options = [
            (f"{uk_date(s.audit.date)} ({self._total_text(s.audit)})", s.id)
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
                 f"Latest: {uk_date(latest.date)}, {html.escape(self._total_text(latest))}; "
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
                parts.append(f"<p>Since {uk_date(self.stored[-2].audit.date)}: whole audit "
                             f"{word} {amount}.</p>")
            for heading, changes in (("Improved", cmp.improved), ("Slipped", cmp.slipped)):
                listed = ", ".join(
                    f"{html.escape(self.checklist.item(c.item_id).title)} ({c.before} to "
                    f"{c.after})" for c in changes) or "nothing"
                parts.append(f"<p><strong>{heading}:</strong> {listed}.</p>")
            # Rated only once: said apart (as ``compare`` keeps them), so an item the team
            # stopped rating cannot pass unseen behind a whole-audit rise.
            for heading, item_ids in (("Newly rated", cmp.newly_rated),
                                      ("No longer rated", cmp.no_longer_rated)):
                if item_ids:
                    listed = ", ".join(html.escape(self.checklist.item(i).title)
                                       for i in item_ids)
                    parts.append(f"<p><strong>{heading}:</strong> {listed}.</p>")
        self.summary.value = "".join(parts)

    def _show_next_audit(self) -> None:
        if not self.stored:
            self.next_audit.value = ""
            return
        pairs = [(s.audit.date, score_audit(self.checklist, s.audit.answers).total.band)
                 for s in self.stored]
        review = latest_review(self.checklist, pairs)
        self.next_review = review
        self.next_audit.value = (f"<p class='cp-next-audit'><strong>"
                                 f"{html.escape(review_sentence(review, self.today()))}"
                                 "</strong></p>")

    def _show_run_chart(self, team: store.TeamRow, actions: list[store.ActionRow]) -> None:
        if not self.stored:
            self.run_chart.clear("No audits saved yet, so there is no run chart.")
            return
        series = team_series(self.checklist, [s.audit for s in self.stored])
        self.run_chart.show_team(team.label, ui.file_slug(team.name), series,
                                 [store.as_follow_up(row) for row in actions])

    def _show_charts(self, team: store.TeamRow) -> None:
        self.charts.clear_output()
        self.radar_figure = None
        self.scores_table = ""
        if not self.stored:
            return
        results = [score_audit(self.checklist, s.audit.answers) for s in self.stored]
        dates = [s.audit.date for s in self.stored]
        rows = "".join(
            f"<tr><th scope='row'>{uk_date(d)}</th>"
            + "".join(f"<td>{s.score_text}</td>" for s in r.domains)
            + f"<td>{r.total.score_text}</td></tr>"
            for d, r in zip(dates, results, strict=True))
        headers = "".join(f"<th scope='col'>{html.escape(d.short)}</th>"
                          for d in self.checklist.domains)
        table = (f"<table class='cp-table'><caption>Scores by audit, every domain (the same "
                 f"figures as the charts)</caption><thead><tr><th scope='col'>Audit</th>"
                 f"{headers}<th scope='col'>Whole audit</th></tr></thead><tbody>{rows}"
                 "</tbody></table>")
        previous = results[-2] if len(results) > 1 else None
        # Kept on the instance so tests (and notebooks) can look at what is drawn.
        self.radar_figure = radar_figure(
            self.checklist, results[-1], previous,
            current_label=f"Latest ({uk_date(dates[-1])})",
            previous_label=f"Previous ({uk_date(dates[-2])})" if previous else "",
            title="Latest audit against the previous one")
        self.scores_table = table
        with self.charts:
            display(self.radar_figure)
            display(widgets.HTML(table))

    def save_action(self, form: ActionForm) -> None:
        """Save one action's follow-up from the version its form was opened at.

        A losing edit raises the store's conflict (the frame shows it) before
        anything is redrawn, so the form keeps what the person typed.
        """
        self.require_change()
        status = form.status.value
        row = form.row
        # An owner or date left as it was is not sent, so an action from an older
        # plan with neither can still be marked done or dropped.
        saved = store.update_action(
            self.engine, row.id, status=status,
            reason=form.reason.value if status == "dropped" else "",
            owner=None if form.owner.value == row.owner else form.owner.value,
            due=None if form.due.value == row.due else form.due.value,
            done_on=self.today() if status == "done" else None,
            expected_version=row.version, user=self.user)
        self._refresh(keep_form=True)
        self.show_message("ok", f"Saved: {saved.text or saved.item_id} is now "
                                f"{STATUSES[saved.status].lower()}.")

    def _chosen(self) -> store.StoredAudit | None:
        return next((s for s in self.stored if s.id == self.audit_picker.value), None)

    def _show_downloads(self) -> None:
        chosen = self._chosen()
        team = self.team_row
        if chosen is None or team is None:
            self.downloads.value = self.history.value = ""
            return
        self.history.value = history_html(self.checklist, chosen.audit.date,
                                          store.audit_versions(self.engine, chosen.audit.audit_id))
        index = self.stored.index(chosen)
        previous = self.stored[index - 1].audit if index > 0 else None
        stem = f"self-audit-{ui.file_slug(team.name)}-{chosen.audit.date.isoformat()}"
        audits = [s.audit for s in self.stored]
        slug = ui.file_slug(team.name)
        report = audit_report_html(chosen.audit, self.checklist, previous=previous,
                                   link_base=ui.book_url(), generated=self.today())
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


def history_html(checklist: Checklist, audit_date: date,
                 versions: list[store.AuditVersion]) -> str:
    """The chosen audit's saved versions, oldest first, each with what changed since the last."""
    if not versions:
        return ""
    known = set(checklist.item_ids)
    rows = []
    for version in versions:
        items = [checklist.item(i).title if i in known else i for i in version.changed_items]
        changed = [*items, *version.changed_parts]
        if version.version == versions[0].version:
            what = "First saved."
        elif changed:
            what = "Changed: " + ", ".join(changed) + "."
        else:
            what = "Saved again with no change."
        rows.append([str(version.version), version.changed_by or "not recorded",
                     f"{uk_date(version.changed_at.date())} {version.changed_at:%H:%M}", what])
    return ui.table_html(["Version", "Saved by", "When", "What changed"], rows,
                         caption=f"Versions of the audit of {uk_date(audit_date)}")


def open_dashboard(url: str | None = None):
    """What the team progress notebook shows: the whole dashboard, or the store-down page."""
    return open_tool(lambda engine: TeamProgressDashboard(engine), url, "team progress dashboard")
