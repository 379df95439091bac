"""Run charts as figures and tables: one team's scores over time, and every team's for the lead.

The rules live in ``run_chart`` and the follow-up in ``follow_up``; this
module only draws what they found. Every chart comes with its data as plain
rows (the table beside the chart, for people who cannot see it and for
governance papers) and as CSV through the shared formula-safe writer.

Figures are built as plain plotly data (``figure_spec.FigureSpec``) and sent
to the page as they are, without building a ``plotly.graph_objects.Figure``:
for a lead's overview of 50 teams, plotly's checks of every trace, axis and
shape cost more than everything else together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from connecting_people.common.csvtools import write_csv
from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.follow_up import Action, done_actions
from connecting_people.fidelity.run_chart import (
    SOURCE,
    Series,
    median_text,
    threshold_tenths,
    uk_date,
)
from connecting_people.figure_spec import FONT_FAMILY, PALETTE, FigureSpec

# Pale fills, lightest for the top band, so the lines stay readable and the
# zones still differ in greyscale print.
ZONE_FILLS = ["#f6e3dc", "#f7efd9", "#e3eef7", "#e2f1e3"]
THRESHOLD_COLOUR = "#2e7d32"
MEDIAN_COLOUR = "#6a3d9a"
ACTION_COLOUR = "#b5451b"
Y_RANGE = [0.8, 5.2]
TABLE_COLUMNS = ["Team", "Series", "Audit date", "Score", "Median", "In a shift or trend",
                 "Action done"]
LEAD_COLUMNS = ["Team", "Audit date", "Score", "Median", "In a shift or trend", "Findings"]


def _day(day: date) -> str:
    return day.isoformat()


def _days(days: Sequence[date]) -> list[str]:
    return [day.isoformat() for day in days]


def _value(tenths: float) -> float:
    return tenths / 10


def _zones(checklist: Checklist, xref: str, yref: str) -> list[dict[str, Any]]:
    """The bands as shaded zones behind the lines, and the threshold line."""
    shapes = []
    bands = checklist.bands
    for index, band in enumerate(bands):
        # The lowest and highest zones run to the axis ends, so no white strip shows.
        bottom = band.from_tenths / 10 if index else Y_RANGE[0]
        top = bands[index + 1].from_tenths / 10 if index + 1 < len(bands) else Y_RANGE[1]
        shapes.append({"type": "rect", "xref": xref, "yref": yref, "x0": 0, "x1": 1,
                       "y0": bottom, "y1": top,
                       "fillcolor": ZONE_FILLS[index % len(ZONE_FILLS)], "line": {"width": 0},
                       "layer": "below"})
    line = threshold_tenths(checklist) / 10
    shapes.append({"type": "line", "xref": xref, "yref": yref, "x0": 0, "x1": 1, "y0": line,
                   "y1": line, "line": {"color": THRESHOLD_COLOUR, "width": 2, "dash": "dash"}})
    return shapes


def _signal_positions(series: Series) -> set[int]:
    positions: set[int] = set()
    for finding in series.analysis.signals:
        if finding.start is not None:
            positions.update(range(finding.start, finding.end + 1))
    return positions


def _layout(title: str, height: int) -> dict[str, Any]:
    return {"title": {"text": title, "x": 0, "xanchor": "left"},
            "font": {"family": FONT_FAMILY, "size": 15, "color": "#1b1b1b"},
            "colorway": PALETTE, "height": height, "paper_bgcolor": "white",
            "plot_bgcolor": "white", "margin": {"l": 60, "r": 20, "t": 70, "b": 60},
            "hovermode": "closest"}


def _median_trace(series: Series, *, xaxis: str = "x", yaxis: str = "y",
                  legend: bool = True) -> dict[str, Any]:
    median = series.analysis.median
    return {"type": "scatter", "mode": "lines",
            "x": [_day(series.dates[0]), _day(series.dates[-1])], "y": [_value(median)] * 2,
            "name": f"Median ({median_text(median)})",
            "line": {"color": MEDIAN_COLOUR, "width": 2, "dash": "dot"},
            "hoverinfo": "skip", "showlegend": legend, "xaxis": xaxis, "yaxis": yaxis}


def team_run_chart(checklist: Checklist, series: Sequence[Series],
                   actions: Sequence[Action] = (), *, title: str,
                   filename: str = "run-chart") -> FigureSpec:
    """One team: the whole-audit score (with its median and signals) and each domain's."""
    total = series[0]
    traces: list[dict[str, Any]] = []
    for index, each in enumerate(series[1:]):
        traces.append({
            "type": "scatter", "mode": "lines+markers", "x": _days(each.dates),
            "y": [_value(t) for t in each.tenths], "name": each.label,
            "line": {"width": 2, "color": PALETTE[index % len(PALETTE)]},
            "marker": {"size": 7}, "visible": "legendonly",
            "hovertemplate": f"{each.label}<br>%{{x|%-d %b %Y}}: %{{y:.1f}}<extra></extra>"})
    if total.dates:
        traces.append(_median_trace(total))
        traces.append({
            "type": "scatter", "mode": "lines+markers", "x": _days(total.dates),
            "y": [_value(t) for t in total.tenths], "name": total.label,
            "line": {"width": 4, "color": "#1b1b1b"}, "marker": {"size": 11},
            "hovertemplate": f"{total.label}<br>%{{x|%-d %b %Y}}: %{{y:.1f}}<extra></extra>"})
        flagged = sorted(_signal_positions(total))
        if flagged:
            traces.append({
                "type": "scatter", "mode": "markers", "name": "Part of a signal",
                "x": [_day(total.dates[i]) for i in flagged],
                "y": [_value(total.tenths[i]) for i in flagged],
                "marker": {"size": 19, "symbol": "circle-open", "color": ACTION_COLOUR,
                           "line": {"width": 3}},
                "hoverinfo": "skip"})
    done = done_actions(actions)
    shapes = _zones(checklist, "paper", "y")
    if done:
        traces.append(_action_trace(done, "x", "y"))
        shapes += [{"type": "line", "xref": "x", "yref": "paper", "x0": _day(a.done_on),
                    "x1": _day(a.done_on), "y0": 0, "y1": 1,
                    "line": {"color": ACTION_COLOUR, "width": 1, "dash": "dot"}}
                   for a in done]
    layout = _layout(title, 500)
    layout.update({
        "shapes": shapes,
        "xaxis": {"title": {"text": "Audit date"}, "type": "date", "tickformat": "%b %Y",
                  "gridcolor": "#e5e5e5"},
        "yaxis": {"title": {"text": "Score (1 to 5)"}, "range": Y_RANGE, "dtick": 1,
                  "gridcolor": "#e5e5e5"},
        "legend": {"orientation": "h", "y": -0.2},
        "annotations": [{"xref": "paper", "yref": "y", "x": 1, "xanchor": "right",
                         "y": threshold_tenths(checklist) / 10, "yanchor": "bottom",
                         "showarrow": False, "font": {"size": 12, "color": THRESHOLD_COLOUR},
                         "text": f"Threshold: {checklist.band('mostly').label}"}],
    })
    return FigureSpec(traces, layout, filename)


def team_chart_rows(team: str, series: Sequence[Series],
                    actions: Sequence[Action] = ()) -> list[dict[str, str]]:
    """The table beside a team's chart: one row per score, then one per action done."""
    rows = []
    for each in series:
        flagged = _signal_positions(each)
        median = each.analysis.median
        for position, (day, tenths) in enumerate(zip(each.dates, each.tenths, strict=True)):
            rows.append({"Team": team, "Series": each.label, "Audit date": uk_date(day),
                         "Score": format_tenths(tenths),
                         "Median": median_text(median) if median is not None else "",
                         "In a shift or trend": "yes" if position in flagged else "no",
                         "Action done": ""})
    for action in done_actions(actions):
        rows.append({"Team": team, "Series": "Action", "Audit date": uk_date(action.done_on),
                     "Score": "", "Median": "", "In a shift or trend": "",
                     "Action done": f"{action.text} ({action.owner})"})
    return rows


def findings_text(series: Series) -> list[str]:
    """The plain-words findings under a chart, ending with the rule's source."""
    return [f.sentence for f in series.analysis.findings] + [f"Rules from {SOURCE}"]


# ------------------------------------------------------------- lead overview
def _grid(count: int, columns: int) -> tuple[int, list[tuple[list[float], list[float]]]]:
    rows = max(1, -(-count // columns))
    gap_x, gap_y = 0.04, 0.35 / rows
    width = (1 - gap_x * (columns - 1)) / columns
    height = (1 - gap_y * (rows - 1)) / rows
    cells = []
    for index in range(count):
        row, column = divmod(index, columns)
        x0 = column * (width + gap_x)
        y1 = 1 - row * (height + gap_y)
        # Rounded and kept inside 0 to 1: plotly refuses a domain of -5e-17.
        cells.append(([round(x0, 4), round(min(1.0, x0 + width), 4)],
                      [round(max(0.0, y1 - height), 4), round(y1, 4)]))
    return rows, cells


@dataclass(frozen=True)
class TeamRun:
    """One team's part of the lead's overview."""

    label: str
    series: Series  # the whole-audit series
    actions: tuple[Action, ...] = ()


def _action_trace(done: Sequence[Action], xaxis: str, yaxis: str) -> dict[str, Any]:
    return {"type": "scatter", "mode": "markers", "name": "Action done",
            "x": [_day(a.done_on) for a in done], "y": [Y_RANGE[1] - 0.1] * len(done),
            "xaxis": xaxis, "yaxis": yaxis,
            "marker": {"size": 11, "symbol": "triangle-down", "color": ACTION_COLOUR},
            "text": [f"{uk_date(a.done_on)}: {a.text} ({a.owner})" for a in done],
            "hovertemplate": "%{text}<extra>Action done</extra>"}


def lead_key(checklist: Checklist) -> str:
    """The sentence under the lead's charts that says what each mark means."""
    return (f"Shaded zones: the bands. Dashed green line: the threshold, where "
            f"\"{checklist.band('mostly').label}\" starts "
            f"({format_tenths(threshold_tenths(checklist))}). Dotted line: the team's median. "
            "Large orange points: part of a shift or trend. Triangles: an action done.")


# Days of room either side of the first and last dates, so end points are not cut in half.
X_PAD_DAYS = 45


def _shared_x_range(teams: Sequence[TeamRun]) -> list[str] | None:
    """One date range for every small chart, so the teams line up in time."""
    days = [day for team in teams for day in team.series.dates]
    days += [action.done_on for team in teams for action in done_actions(team.actions)]
    if not days:
        return None
    pad = timedelta(days=X_PAD_DAYS)
    return [_day(min(days) - pad), _day(max(days) + pad)]


def lead_run_charts(checklist: Checklist, teams: Sequence[TeamRun], *,
                    title: str, columns: int = 5,
                    filename: str = "run-charts-by-team") -> FigureSpec:
    """Every team's whole-audit run chart: one small chart per team, all on the same scales.

    Every chart has the same date range and score range, so only the charts at
    the edges carry tick labels: scores down the first column, years under the
    last chart of each column. Besides being easier to read, that is most of
    what the browser spends drawing 50 small charts: plotly measures every tick
    label it draws.
    """
    rows, cells = _grid(len(teams), columns)
    x_range = _shared_x_range(teams)
    traces: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    layout = _layout(title, max(320, 190 * rows))
    layout["showlegend"] = False
    for index, (team, (x_domain, y_domain)) in enumerate(zip(teams, cells, strict=True)):
        suffix = "" if index == 0 else str(index + 1)
        xaxis, yaxis = f"x{suffix}", f"y{suffix}"
        bottom_of_column = index + columns >= len(teams)
        layout[f"xaxis{suffix}"] = {"domain": x_domain, "anchor": yaxis, "type": "date",
                                    "tickformat": "%Y", "nticks": 4, "tickfont": {"size": 11},
                                    "showticklabels": bottom_of_column,
                                    "ticklabeloverflow": "allow"}
        if x_range:
            layout[f"xaxis{suffix}"]["range"] = x_range
        layout[f"yaxis{suffix}"] = {"domain": y_domain, "anchor": xaxis, "range": Y_RANGE,
                                    "dtick": 1, "tickfont": {"size": 11},
                                    "showticklabels": index % columns == 0,
                                    "ticklabeloverflow": "allow"}
        if index % columns == 0:
            # One set of zones per row of small charts: every chart in a row has
            # the same height and scale, so the row's first y axis places them.
            shapes += _zones(checklist, "paper", yaxis)
        annotations.append({"text": team.label, "xref": f"{xaxis} domain",
                            "yref": f"{yaxis} domain", "x": 0, "y": 1, "xanchor": "left",
                            "yanchor": "bottom", "showarrow": False, "font": {"size": 13}})
        series = team.series
        if series.dates:
            traces.append(_median_trace(series, xaxis=xaxis, yaxis=yaxis, legend=False))
            flagged = _signal_positions(series)
            points = range(len(series.dates))
            traces.append({
                "type": "scatter", "mode": "lines+markers", "x": _days(series.dates),
                "y": [_value(t) for t in series.tenths], "name": team.label, "xaxis": xaxis,
                "yaxis": yaxis, "line": {"width": 2, "color": "#1b1b1b"},
                "marker": {"size": [11 if i in flagged else 6 for i in points],
                           "color": [ACTION_COLOUR if i in flagged else "#1b1b1b"
                                     for i in points]},
                "hovertemplate": f"{team.label}<br>%{{x|%-d %b %Y}}: %{{y:.1f}}<extra></extra>"})
        done = done_actions(team.actions)
        if done:
            traces.append(_action_trace(done, xaxis, yaxis))
    layout["shapes"] = shapes
    layout["annotations"] = annotations
    return FigureSpec(traces, layout, filename)


def lead_chart_rows(teams: Sequence[TeamRun]) -> list[dict[str, str]]:
    """The table beside the lead's charts: each team's scores and what the rules found."""
    rows = []
    for team in teams:
        series = team.series
        flagged = _signal_positions(series)
        found = " ".join(f.sentence for f in series.analysis.findings if f.status != "note")
        median = series.analysis.median
        for position, (day, tenths) in enumerate(zip(series.dates, series.tenths,
                                                     strict=True)):
            rows.append({"Team": team.label, "Audit date": uk_date(day),
                         "Score": format_tenths(tenths),
                         "Median": median_text(median) if median is not None else "",
                         "In a shift or trend": "yes" if position in flagged else "no",
                         "Findings": found if position == len(series.dates) - 1 else ""})
    return rows


def rows_csv(columns: Sequence[str], rows: Sequence[dict[str, str]]) -> str:
    """The chart's data as CSV, every cell made safe for spreadsheets."""
    return write_csv(columns, rows)
