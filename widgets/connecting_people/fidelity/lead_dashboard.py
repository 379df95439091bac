"""The lead's overview: every team's latest self-audit side by side, and imports of saved files.

An implementation lead uses it to decide where to offer help: a grid of
domain scores by team (with a table carrying the same numbers), filters for
Trust and service, the change since each team's previous audit, how much
each audit left unrated, when each team's next audit is due (the cycle of
``follow_up.next_review``) and how many of its actions are overdue. Teams
that used the static book page send their saved files; the lead imports them
here, and every file that is refused is listed with its reasons. Nothing is
ranked: teams are listed by Trust and name.

Below the grid, the run chart of each team's whole-audit score over time
(one small chart per team, on one figure with shared axes' settings), with
its table, what the run rules found, and CSV and PNG downloads.

Signed in on a Trust server, a lead sees only the teams they may read
(``access.readable_teams`` with the admin's teams registry); a team member
only their own.

The grid reads only each team's two newest audits (``store.load_audits`` with
``latest=2``); the run charts read every audit's score summed in the
database (``run_chart_data.team_runs``), a handful of queries whatever the
number of teams.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import ipywidgets as widgets
from IPython.display import display
from sqlalchemy import Engine

from connecting_people import access
from connecting_people.common.dates import uk_date
from connecting_people.dashboards import frame, ui
from connecting_people.dashboards.file_picker import FilePicker
from connecting_people.dashboards.frame import open_tool
from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.csv_import_panel import audit_csv_panel
from connecting_people.fidelity.dashboard import FidelityView, team_trusts
from connecting_people.fidelity.export import items_csv, summary_csv
from connecting_people.fidelity.figures import heatmap_figure
from connecting_people.fidelity.follow_up import ReviewDue, next_review
from connecting_people.fidelity.rules import AuditScore, score_audit
from connecting_people.fidelity.run_chart_data import team_runs
from connecting_people.fidelity.run_chart_figure import (
    TeamRun,
    lead_chart_rows,
    lead_run_charts,
)
from connecting_people.fidelity.run_chart_panel import RULES_TEXT, RunChartPanel
from connecting_people.hub.identity import mode_note

ALL = "All"
LATEST_COLUMN = 4  # in the table: team, Trust, service, audits, latest, ...
LABELS = {"description_width": "8rem"}


@dataclass(frozen=True)
class TeamLine:
    team: store.TeamRow
    audit_count: int
    newest: list[store.StoredAudit]  # the two newest audits at most, oldest first
    latest: AuditScore | None
    previous: AuditScore | None
    next_review: ReviewDue | None = None  # the cycle's next audit, as the team page says it
    overdue_actions: int = 0  # open actions due before today, from every audit


def readable(teams: list[store.TeamRow], person: access.User,
             trusts: dict[str, str]) -> list[store.TeamRow]:
    """Only the teams ``person`` may read (every team in single-user mode)."""
    if not person.signed_in:
        return teams
    allowed = set(access.readable_teams(person, {**dict.fromkeys(t.name for t in teams),
                                                 **trusts}))
    return [team for team in teams if team.name in allowed]


def team_lines(engine: Engine, checklist: Checklist, *, trust: str | None = None,
               service: str | None = None, shown: list[store.TeamRow] | None = None,
               today: date | None = None) -> list[TeamLine]:
    """Each team (filtered) with its number of audits and its two newest audits, scored,
    when its next audit is due and how many of its actions are overdue on ``today``.

    ``shown``: the teams this person may read, filtered already (default: every team).
    """
    teams = shown if shown is not None else store.list_teams(engine, trust=trust,
                                                            service=service)
    ids = [t.id for t in teams]
    newest = store.load_audits(engine, ids, latest=2) if teams else {}
    counts = store.audit_counts(engine, ids) if teams else {}
    late = store.overdue_counts(engine, ids, today or date.today())
    lines = []
    for team in teams:
        audits = newest.get(team.id, [])
        latest = score_audit(checklist, audits[-1].audit.answers) if audits else None
        previous = score_audit(checklist, audits[-2].audit.answers) if len(audits) > 1 else None
        # The newest audit decides the cycle; two on one day, the one saved last.
        review = next_review(checklist, audits[-1].audit.date, latest.total.band) if (
            audits) else None
        lines.append(TeamLine(team, counts.get(team.id, 0), audits, latest, previous,
                              review, late.get(team.id, 0)))
    return lines


def next_audit_text(review: ReviewDue | None, on: date) -> str:
    """The table's short form of ``follow_up.review_sentence``."""
    if review is None:
        return "no audit yet"
    if review.due < on:
        return f"overdue: due {uk_date(review.due)}"
    return f"due {uk_date(review.due)}"


class LeadOverviewDashboard(FidelityView):
    """Build with an engine (default: the configured store) and display ``.view``."""

    def __init__(self, engine: Engine | None = None, checklist: Checklist | None = None, *,
                 user: str | None = None, today: date | None = None):
        super().__init__(engine, checklist, user, today)
        self.team_trusts = team_trusts(self.engine)
        self.person = frame.person_in_scope(self.team_trusts)
        teams = self._readable_teams()
        self.trust_filter = widgets.Dropdown(description="NHS Trust", style=LABELS,
                                             layout=widgets.Layout(width="30rem"))
        self.service_filter = widgets.Dropdown(description="Service", style=LABELS,
                                               layout=widgets.Layout(width="30rem"))
        self.table = widgets.HTML()
        self.chart = widgets.Output()
        self.run_chart = RunChartPanel(self.checklist, with_picker=False)
        self.downloads = widgets.HTML()
        self.csv_button = widgets.Button(description="Make CSV files of these teams' audits",
                                         layout=widgets.Layout(width="auto"))
        self.upload = FilePicker(label="Choose audit files to import",
                                 accept=".json,application/json", multiple=True)
        self.import_report = widgets.HTML()
        self.csv_import = audit_csv_panel(self.engine, self.checklist, user=self.user,
                                          may_import=lambda: None,
                                          after_save=self._after_import)
        self._set_filter_options(teams)
        safe = ui.guarded(self._show_markup, user=self.user, tool="lead overview")
        self.trust_filter.observe(safe(lambda _c: self.refresh()), names="value")
        self.service_filter.observe(safe(lambda _c: self.refresh()), names="value")
        self.upload.on_files(safe(lambda _files, _refused: self.import_uploaded()))
        self.csv_button.on_click(safe(lambda _b: self.make_downloads()))
        self.csv_import.connect(safe)
        who = widgets.HTML(f'<p class="cp-who">{html.escape(mode_note(self.person))}</p>')
        # The notebook's own first cell gives the page its title.
        self.view = frame.tool_view(
            "Each team's latest audit, by domain, and each team's run chart. The book's own "
            "checklist, not a validated scale: use it to offer help, not to rank teams.",
            who,
            widgets.HBox([self.trust_filter, self.service_filter]),
            self.message,
            self.table,
            self.chart,
            widgets.HTML("<h3>Run charts by team: whole-audit score over time</h3>"),
            self.run_chart.view,
            self.csv_button,
            self.downloads,
            widgets.HTML("<h3>Import audits saved on the book's self-audit page</h3><p>Choose "
                         "one or more files. Each file is checked; a file with any problem is "
                         "not imported, and the reasons are listed.</p>"),
            self.upload,
            self.import_report,
            widgets.HTML("<h3>Import audits from a CSV file</h3><p>The file is in the same "
                         "format as <strong>Every answer (CSV)</strong>. It is checked first "
                         "and every problem is listed row by row; then choose the button to "
                         "import the audits that passed.</p>"),
            *self.csv_import.children,
        )
        self.refresh()

    def _after_import(self) -> None:
        self._set_filter_options(self._readable_teams())
        self.refresh()

    def _readable_teams(self, trust: str | None = None,
                        service: str | None = None) -> list[store.TeamRow]:
        return readable(store.list_teams(self.engine, trust=trust, service=service),
                        self.person, self.team_trusts)

    def _set_filter_options(self, teams: list[store.TeamRow]) -> None:
        for dropdown, values in ((self.trust_filter, {t.trust for t in teams if t.trust}),
                                 (self.service_filter, {t.service for t in teams if t.service})):
            current = dropdown.value
            options = [ALL, *sorted(values)]
            dropdown.options = options
            dropdown.value = current if current in options else ALL

    def _filters(self) -> tuple[str | None, str | None]:
        trust = None if self.trust_filter.value in (ALL, None) else self.trust_filter.value
        service = None if self.service_filter.value in (ALL, None) else self.service_filter.value
        return trust, service

    # ---------------------------------------------------------------- view
    def refresh(self) -> None:
        trust, service = self._filters()
        shown = self._readable_teams(trust, service)
        lines = team_lines(self.engine, self.checklist, shown=shown, today=self.today())
        self.lines = lines
        self.table.value = self._table_html(lines)
        self._show_run_charts(lines)
        self.chart.clear_output()
        audited = [line for line in lines if line.latest is not None]
        self.heatmap = None
        if audited:
            self.heatmap = heatmap_figure(
                self.checklist, [line.team.label for line in audited],
                [line.latest for line in audited],
                title="Latest audit by team and domain (darker is higher)")
            with self.chart:
                display(self.heatmap)
        # The CSV files are made only when asked for: with 50 teams they hold
        # thousands of rows, and most visits never download them.
        self.downloads.value = ""
        self.csv_button.layout.display = None if any(line.audit_count for line in lines) else "none"

    def _show_run_charts(self, lines: list[TeamLine]) -> None:
        audited = [line.team.id for line in lines if line.audit_count]
        self.runs: list[TeamRun] = []
        if not audited:
            self.run_chart.clear()
            return
        self.runs = team_runs(self.engine, self.checklist, audited)
        figure = lead_run_charts(self.checklist, self.runs,
                                 title="Whole-audit score over time, by team")
        self.run_chart.show_lead(figure, lead_chart_rows(self.runs), lead_findings(self.runs))

    def make_downloads(self) -> None:
        everything = store.load_audits(self.engine, [line.team.id for line in self.lines])
        every = [s.audit for line in self.lines for s in everything.get(line.team.id, [])]
        if not every:
            self.downloads.value = ""
            return
        self.downloads.value = "<p>" + ui.download_link(
            "self-audit-scores.csv", summary_csv(every, self.checklist),
            "Scores of these teams' audits (CSV)") + ui.download_link(
            "self-audit-answers.csv", items_csv(every, self.checklist),
            "Every answer (CSV)") + "</p>"

    def _band(self, band_id: str | None) -> str:
        return self.checklist.band(band_id).label if band_id else "no band"

    def _table_html(self, lines: list[TeamLine]) -> str:
        if not lines:
            if any(self._filters()) and self._readable_teams():
                return "<p>No team matches these filters. Choose All to see every team.</p>"
            return ("<p>No teams yet. Import audit files below, or create teams in the team "
                    "progress dashboard.</p>")
        head = ["Team", "NHS Trust", "Service", "Audits", "Latest", "Whole audit", "Band",
                "Change since previous", "Not rated", "Next audit", "Overdue actions"]
        rows = []
        for line in lines:
            team = line.team
            cells = [team.name, team.trust, team.service, str(line.audit_count)]
            if line.latest is None:
                cells += ["none yet", "", "", "", ""]
            else:
                total = line.latest.total
                change = "first audit"
                if line.previous is not None:
                    if line.previous.total.tenths is None or total.tenths is None:
                        change = "cannot compare"
                    else:
                        delta = total.tenths - line.previous.total.tenths
                        change = ("no change" if delta == 0 else
                                  f"{'up' if delta > 0 else 'down'} {format_tenths(abs(delta))}")
                caution = " (caution)" if total.warning else ""
                cells += [uk_date(line.newest[-1].audit.date), total.score_text,
                          self._band(total.band), change, f"{total.unrated_percent}%{caution}"]
            cells += [next_audit_text(line.next_review, self.today()), str(line.overdue_actions)]
            # The latest audit's day kept on one line: with eleven columns the
            # table would otherwise wrap it, and every row grow a line taller.
            rows.append("<tr>" + f"<th scope='row'>{html.escape(cells[0])}</th>" + "".join(
                f"<td class='cp-nowrap'>{html.escape(cell)}</td>" if index == LATEST_COLUMN
                else f"<td>{html.escape(cell)}</td>"
                for index, cell in enumerate(cells) if index) + "</tr>")
        header = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in head)
        return (f"<table class='cp-table cp-lead-table'><caption>{len(lines)} team"
                f"{'s' if len(lines) != 1 else ''}: latest audits (the same figures as the "
                f"grid)</caption><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}"
                "</tbody></table>")

    # ------------------------------------------------------------- imports
    def import_uploaded(self) -> None:
        files, refused = self.upload.chosen, self.upload.refused
        if not files and not refused:
            return
        outcomes = [store.ImportOutcome(name, False, "Not imported: the file is too big.",
                                        [message]) for name, message in refused]
        outcomes += store.import_audit_files(self.engine, files, self.checklist, user=self.user)
        self.import_report.value = import_report_html(outcomes)
        self.upload.clear()
        self._set_filter_options(self._readable_teams())
        self.refresh()
        accepted = sum(o.accepted for o in outcomes)
        refused = len(outcomes) - accepted
        kind = "ok" if not refused else "error"
        self.show_message(kind, f"Imported {accepted} of {len(outcomes)} file"
                                f"{'s' if len(outcomes) != 1 else ''}."
                                + (f" {refused} refused: see the list below." if refused else ""))


def lead_findings(runs: list[TeamRun]) -> str:
    """Which teams' run charts show more than noise, in plain words, then the rules' source."""
    signals = [(run.label, finding.sentence) for run in runs
               for finding in run.series.analysis.signals]
    too_few = [run.label for run in runs
               if any(f.status == "too_few" and f.rule == "shift"
                      for f in run.series.analysis.findings)]
    parts = ["<h4>What the run rules say</h4>"]
    if signals:
        parts.append("<ul class='cp-findings'>" + "".join(
            f"<li><strong>{html.escape(label)}</strong>: {html.escape(sentence)}</li>"
            for label, sentence in signals) + "</ul>")
    elif len(too_few) < len(runs):
        parts.append("<p class='cp-findings'>No team's run chart shows a shift, a trend or "
                     "an unusual number of runs.</p>")
    if too_few:
        parts.append(f"<p>Too few audits to tell yet for a shift: "
                     f"{html.escape(', '.join(too_few))}.</p>")
    parts.append(f"<p class='cp-rule-source'>{html.escape(RULES_TEXT)}</p>")
    return "".join(parts)


def import_report_html(outcomes: list[store.ImportOutcome]) -> str:
    """Each file's outcome, refused files first, every reason listed (all text escaped)."""
    ordered = sorted(outcomes, key=lambda o: o.accepted)
    items = []
    for outcome in ordered:
        reasons = "".join(f"<li>{html.escape(p)}</li>" for p in outcome.problems)
        reasons += "".join(f"<li class='cp-warning'>Warning: {html.escape(w)}</li>"
                           for w in outcome.warnings)
        status = "Imported" if outcome.accepted else "Refused"
        items.append(f"<li><strong>{status}: {html.escape(outcome.file_name)}</strong>. "
                     f"{html.escape(outcome.message)}"
                     + (f"<ul>{reasons}</ul>" if reasons else "") + "</li>")
    return "<h3>Import report</h3><ul class='cp-import-report'>" + "".join(items) + "</ul>"


def open_dashboard(url: str | None = None):
    """What the lead overview notebook shows: the whole dashboard, or the store-down page."""
    return open_tool(lambda engine: LeadOverviewDashboard(engine), url, "lead overview")
