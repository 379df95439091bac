"""The dashboards' charts as pure functions: scored audits in, plotly figures out.

No figure computes a score: each takes results from ``scoring`` so the
dashboards, the report and the static page cannot disagree. Every chart has
a table or sentence beside it in the dashboard that carries the same numbers,
for people who cannot see the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.rules import AuditScore
from connecting_people.plotting import PALETTE, book_layout

# A sequential scale from pale to dark blue (readable in greyscale), with text
# colour switched on dark cells so every number keeps its contrast.
HEAT_SCALE = [[0.0, "#f1f5fb"], [0.5, "#8fb1dc"], [1.0, "#0b2d5c"]]


def _value(tenths: int | None) -> float | None:
    return None if tenths is None else tenths / 10


def _wrap(label: str, width: int = 14) -> str:
    """Break a long axis label over lines so it never needs to be tilted."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def radar_figure(checklist: Checklist, current: AuditScore, previous: AuditScore | None, *,
                 current_label: str, previous_label: str = "", title: str) -> go.Figure:
    """The latest audit's domains as a radar, with the previous audit dashed behind it."""
    names = [d.short for d in checklist.domains]
    fig = go.Figure()

    def trace(result: AuditScore, label: str, colour: str, dashed: bool) -> go.Scatterpolar:
        values = [_value(s.tenths) or 0 for s in result.domains]
        return go.Scatterpolar(
            r=values + values[:1], theta=names + names[:1], name=label, mode="lines+markers",
            fill=None if dashed else "toself", opacity=1 if dashed else 0.85,
            line={"color": colour, "width": 3, "dash": "dash" if dashed else "solid"},
            hovertemplate="%{theta}: %{r:.1f}<extra>" + label + "</extra>",
        )

    if previous is not None:
        fig.add_trace(trace(previous, previous_label, PALETTE[1], True))
    fig.add_trace(trace(current, current_label, PALETTE[0], False))
    fig.update_layout(polar={"radialaxis": {"range": [0, 5], "dtick": 1}}, font={"size": 16},
                      legend={"orientation": "h", "y": -0.15})
    return book_layout(fig, title=title, height=480)


def heatmap_figure(checklist: Checklist, team_labels: Sequence[str],
                   results: Sequence[AuditScore | None], *, title: str) -> go.Figure:
    """Domains (columns) by team (rows) for each team's latest audit; blank where none."""
    columns = [_wrap(d.short) for d in checklist.domains] + ["Whole audit"]
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    for result in results:
        if result is None:
            z.append([None] * len(columns))
            text.append(["no audit"] * len(columns))
            continue
        scopes = list(result.domains) + [result.total]
        z.append([_value(s.tenths) for s in scopes])
        text.append([format_tenths(s.tenths) if s.tenths is not None else "not rated"
                     for s in scopes])
    fig = go.Figure(go.Heatmap(
        z=z, x=columns, y=list(team_labels), text=text, texttemplate="%{text}",
        textfont={"size": 15}, zmin=1, zmax=5, colorscale=HEAT_SCALE, xgap=2, ygap=2,
        colorbar={"title": {"text": "Score"}, "tickvals": [1, 2, 3, 4, 5]},
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickangle=0, automargin=True)
    fig.update_layout(font={"size": 15})
    return book_layout(fig, title=title, height=180 + 34 * max(1, len(team_labels)))
