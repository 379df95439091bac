"""The run chart as both self-audit dashboards show it: chart, findings, table beside, downloads.

A governance meeting needs more than a picture: the plain-words findings
under the chart, the rule and its source, the same numbers as a table (for
people who cannot see the chart and for the papers), the data as CSV through
the one download helper, and the chart as a PNG from plotly's own camera
button (made in the browser, nothing fetched from elsewhere). The team page
adds a picker for the whole audit or one domain. A thin view: the rules are
in ``run_chart``, the drawing in ``run_chart_figure``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
from IPython.display import display

from connecting_people.dashboards import ui
from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.follow_up import Action
from connecting_people.fidelity.run_chart import SHIFT_POINTS, SOURCE, TREND_POINTS, Series
from connecting_people.fidelity.run_chart_figure import (
    LEAD_COLUMNS,
    TABLE_COLUMNS,
    lead_key,
    rows_csv,
    team_chart_rows,
    team_run_chart,
)
from connecting_people.figure_spec import PNG_HINT, FigureSpec

RULES_TEXT = (f"The rules: a shift is {SHIFT_POINTS} or more audits in a row all above or all "
              f"below the median; a trend is {TREND_POINTS} or more audits in a row all going "
              "up or all going down; too few or too many runs is judged from 10 audits off the "
              f"median. Source: {SOURCE}")


def findings_html(series: Series) -> str:
    """What the rules found for one series, in plain words, then the rules and their source."""
    items = "".join(f"<li>{html.escape(f.sentence)}</li>" for f in series.analysis.findings)
    return (f"<h4>What the run rules say about {html.escape(series.label)}</h4>"
            f"<ul class='cp-findings'>{items}</ul>"
            f"<p class='cp-rule-source'>{html.escape(RULES_TEXT)}</p>")


def chart_table_html(columns: Sequence[str], rows: Sequence[dict[str, str]], caption: str) -> str:
    return ui.table_html(columns, ([row[c] for c in columns] for row in rows), caption=caption)


class RunChartPanel:
    """One run chart with its findings, table and downloads; ``.view`` is the widget."""

    def __init__(self, checklist: Checklist, *, with_picker: bool):
        self.checklist = checklist
        self.picker = widgets.Dropdown(description="Show", style={"description_width": "5rem"},
                                       layout=widgets.Layout(width="30rem"))
        self.picker.layout.display = None if with_picker else "none"
        self.chart = widgets.Output()
        self.findings = widgets.HTML()
        self.table = widgets.HTML()
        self.downloads = widgets.HTML()
        self.key = widgets.HTML(f"<p class='cp-chart-key'>{html.escape(lead_key(checklist))}</p>")
        self.figure: FigureSpec | None = None
        self.rows: list[dict[str, str]] = []
        self._team: tuple[str, str, list[Series], Sequence[Action]] | None = None
        self.view = widgets.VBox([self.picker, self.chart, self.key, self.findings, self.table,
                                  self.downloads])
        self.view.add_class("cp-run-chart")

    def connect(self, guard) -> None:
        self.picker.observe(guard(lambda _change: self._draw_team()), names="value")

    def clear(self, text: str = "") -> None:
        self._team = None
        self.figure, self.rows = None, []
        self.chart.clear_output()
        self.findings.value = f"<p>{html.escape(text)}</p>" if text else ""
        self.table.value = self.downloads.value = ""
        self.view.layout.display = "none" if not text else None

    # ------------------------------------------------------------ one team
    def show_team(self, team: str, slug: str, series: list[Series],
                  actions: Sequence[Action]) -> None:
        """``series``: the whole audit first, then each domain; ``actions``: the team's."""
        self.view.layout.display = None
        current = self.picker.value
        ids = [s.id for s in series]
        # Refilling the picker changes its value: draw once, after.
        self._team = None
        self.picker.options = [(s.label, s.id) for s in series]
        self.picker.value = current if current in ids else ids[0]
        self._team = (team, slug, series, actions)
        self._draw_team()

    def _draw_team(self) -> None:
        if self._team is None:
            return
        team, slug, series, actions = self._team
        chosen = next(s for s in series if s.id == self.picker.value)
        others = [s for s in series if s is not chosen]
        self.figure = team_run_chart(self.checklist, [chosen, *others], actions,
                                     title=f"{team}: {chosen.label} over time",
                                     filename=f"{slug}-run-chart")
        self.rows = team_chart_rows(team, [chosen], actions)
        self._put(self.figure, findings_html(chosen),
                  chart_table_html(TABLE_COLUMNS, self.rows,
                                   f"{chosen.label} by audit, and actions done (the same "
                                   "figures as the run chart)"))
        every = team_chart_rows(team, series, actions)
        self.downloads.value = ("<p>" + ui.download_link(
            f"{slug}-run-chart.csv", rows_csv(TABLE_COLUMNS, every),
            "The run chart's data, every series (CSV)") + "</p>"
            f"<p class='cp-png-hint'>{html.escape(PNG_HINT)}</p>")

    # ------------------------------------------------------------ by team
    def show_lead(self, figure: FigureSpec, rows: list[dict[str, str]], findings: str) -> None:
        self.view.layout.display = None
        self._team = None
        self.figure, self.rows = figure, rows
        table = chart_table_html(LEAD_COLUMNS, rows, "Whole-audit score by team and audit "
                                 "(the same figures as the run charts)")
        # A Trust's table has a row for every audit of every team (500 for 50 teams):
        # folded under the charts, one click away, so the page does not become a wall.
        self._put(figure, findings,
                  f"<details class='cp-chart-table'><summary>The run charts' figures as a "
                  f"table ({len(rows)} row{'' if len(rows) == 1 else 's'})</summary>{table}"
                  "</details>")
        self.downloads.value = ("<p>" + ui.download_link(
            "run-charts-by-team.csv", rows_csv(LEAD_COLUMNS, rows),
            "The run charts' data (CSV)") + "</p>"
            f"<p class='cp-png-hint'>{html.escape(PNG_HINT)}</p>")

    def _put(self, figure: FigureSpec, findings: str, table: str) -> None:
        self.chart.clear_output()
        with self.chart:
            display(figure)
        self.findings.value = findings
        self.table.value = table
