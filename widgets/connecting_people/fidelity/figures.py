"""The dashboards' charts as pure functions: scored audits in, plotly figures out.

No figure computes a score: each takes results from ``scoring`` so the
dashboards, the report and the static page cannot disagree. Every chart has
a table or sentence beside it in the dashboard that carries the same numbers,
for people who cannot see the chart. The figures are plain plotly data
(``figure_spec.FigureSpec``): each click redraws them in a participant's kernel.
"""

from __future__ import annotations

from collections.abc import Sequence

from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.rules import AuditScore
from connecting_people.figure_spec import PALETTE, FigureSpec, book_layout

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
                 current_label: str, previous_label: str = "", title: str) -> FigureSpec:
    """The latest audit's domains as a radar, with the previous audit dashed behind it."""
    names = [d.short for d in checklist.domains]

    def trace(result: AuditScore, label: str, colour: str, dashed: bool) -> dict:
        # A domain with nothing rated is drawn at the centre, as on the static page,
        # but its hover says "no score", not 0.0 (0 is not a score on a 1 to 5 scale).
        values = [_value(s.tenths) or 0 for s in result.domains]
        words = [format_tenths(s.tenths) if s.tenths is not None else "no score"
                 for s in result.domains]
        shape = {"type": "scatterpolar", "r": values + values[:1], "theta": names + names[:1],
                 "text": words + words[:1],
                 "name": label, "mode": "lines+markers", "opacity": 1 if dashed else 0.85,
                 "line": {"color": colour, "width": 3, "dash": "dash" if dashed else "solid"},
                 "hovertemplate": "%{theta}: %{text}<extra>" + label + "</extra>"}
        if not dashed:
            shape["fill"] = "toself"
        return shape

    traces = [] if previous is None else [trace(previous, previous_label, PALETTE[1], True)]
    traces.append(trace(current, current_label, PALETTE[0], False))
    layout = book_layout(title=title, height=480)
    layout.update(polar={"radialaxis": {"range": [0, 5], "dtick": 1}},
                  legend={"orientation": "h", "y": -0.15})
    return FigureSpec(traces, layout, "audit-radar", png_button=False)


def heatmap_figure(checklist: Checklist, team_labels: Sequence[str],
                   results: Sequence[AuditScore | None], *, title: str) -> FigureSpec:
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
    heat = {"type": "heatmap", "z": z, "x": columns, "y": list(team_labels), "text": text,
            "texttemplate": "%{text}", "textfont": {"size": 15}, "zmin": 1, "zmax": 5,
            "colorscale": HEAT_SCALE, "xgap": 2, "ygap": 2,
            "colorbar": {"title": {"text": "Score"}, "tickvals": [1, 2, 3, 4, 5]},
            "hovertemplate": "%{y}<br>%{x}: %{text}<extra></extra>"}
    layout = book_layout(title=title, height=180 + 34 * max(1, len(team_labels)))
    layout.update(yaxis={"autorange": "reversed", "automargin": True},
                  xaxis={"tickangle": 0, "automargin": True})
    return FigureSpec([heat], layout, "audits-by-team", png_button=False)
