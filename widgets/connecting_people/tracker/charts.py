"""The tracker's charts: a funnel of steps per team or worker, and the share explained over time.

Plain plotly data (``figure_spec.FigureSpec``): the dashboard redraws them in
each participant's kernel, and plotly's checked objects would cost most of the click.
"""

from __future__ import annotations

from connecting_people.figure_spec import PALETTE, FigureSpec, book_layout
from connecting_people.tracker.model import STEPS
from connecting_people.tracker.rules import Funnel, SharePoint


def funnel_figure(funnels: list[Funnel], *, title: str) -> FigureSpec:
    """One funnel trace per group: how many people reached each step.

    Each bar says its count and its share of the people on the caseload; plotly's
    own "percent initial" is of the first bar, so 1 of 2 people read as 100%.
    """
    labels = list(STEPS.values())
    traces = [{"type": "funnel", "name": f"{result.group} ({result.people} people)",
               "y": labels, "x": list(result.counts), "textinfo": "text",
               "text": [f"{count} ({result.percent(index)}%)"
                        for index, count in enumerate(result.counts)],
               "marker": {"color": PALETTE[index % len(PALETTE)]},
               "hovertemplate": "%{y}: %{x} people<extra>" + f"{result.group}</extra>"}
              for index, result in enumerate(funnels)]
    layout = book_layout(title=title, height=460)
    layout.update(legend={"orientation": "h", "y": -0.15}, funnelmode="group")
    return FigureSpec(traces, layout, "tracker-funnel", png_button=False)


def explained_figure(points: list[SharePoint], *, title: str) -> FigureSpec:
    """Share of people on the caseload who had the guide explained, at each month's end."""
    with_people = [p for p in points if p.people]
    line = {"type": "scatter", "x": [p.day.isoformat() for p in with_people],
            "y": [round(100 * p.share, 1) for p in with_people],
            "customdata": [[p.explained, p.people] for p in with_people],
            "mode": "lines+markers", "line": {"color": PALETTE[0], "width": 3},
            "marker": {"size": 10},
            "hovertemplate": "%{x}: %{customdata[0]} of %{customdata[1]} people "
                             "(%{y}%)<extra></extra>"}
    layout = book_layout(title=title)
    layout.update(yaxis={"title": {"text": "Share with the guide explained (%)"},
                         "range": [0, 105], "gridcolor": "#ddd"},
                  xaxis={"title": {"text": "End of month"}})
    return FigureSpec([line], layout, "tracker-explained", png_button=False)
