"""Charts of a map and of a change between two maps, as pure functions (data in, figure out).

The training dashboard shows them beside the widget so a group can talk about
what a re-map shows. The numbers come from the same rules as the summary
(``rules``, ``compare``), so a chart and the words under the map cannot
disagree.
"""

from __future__ import annotations

import plotly.graph_objects as go

from connecting_people import plotting
from connecting_people.network.compare import long_date
from connecting_people.network.model import KINDS, NetworkMap
from connecting_people.network.rules import summarise

CIRCLE_NAMES = ("Inner circle", "Middle circle", "Outer circle")


def kinds_figure(network: NetworkMap) -> go.Figure:
    """Stacked bars: how many of each kind are in each circle."""
    counts = {circle: {kind: 0 for kind in KINDS} for circle in (1, 2, 3)}
    for entry in network.entries:
        counts[entry.circle][entry.kind] += 1
    fig = go.Figure()
    for circle, name in zip((1, 2, 3), CIRCLE_NAMES, strict=True):
        fig.add_trace(go.Bar(
            name=name, x=list(KINDS.values()), y=[counts[circle][k] for k in KINDS],
            marker_color=plotting.PALETTE[circle - 1],
            hovertemplate=f"%{{x}}, {name.lower()}: %{{y}}<extra></extra>",
        ))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.35})
    fig.update_yaxes(title="Connections", rangemode="tozero", dtick=1, gridcolor="#dddddd")
    return plotting.book_layout(fig, title=f"Who is on the map, by kind and circle "
                                           f"({long_date(network.date)})", height=420)


def change_figure(comparison: dict) -> go.Figure:
    """Grouped bars: each comparison figure before and after."""
    names = [f["name"] for f in comparison["figures"]]
    fig = go.Figure()
    for key, colour in (("before", plotting.PALETTE[1]), ("after", plotting.PALETTE[0])):
        date = long_date(comparison[f"{key}_date"])
        values = [f[key] for f in comparison["figures"]]
        fig.add_trace(go.Bar(
            name=date, y=names, x=values, orientation="h", marker_color=colour,
            text=[str(v) for v in values], textposition="outside",
            hovertemplate=f"%{{y}} on {date}: %{{x}}<extra></extra>",
        ))
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.15})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(rangemode="tozero", gridcolor="#dddddd")
    plotting.book_layout(fig, title="What changed between the two maps", height=520)
    fig.update_layout(margin={"l": 230})  # room for the figures' names
    return fig


def summary_rows(network: NetworkMap) -> list[tuple[str, str]]:
    """The summary as (figure, value) rows for a small table."""
    s = summarise(network)
    return [
        ("Connections", str(s["size"])),
        ("Inner, middle, outer", ", ".join(map(str, s["by_circle"]))),
        ("Professionals and services", f"{s['professionals']} ({s['professional_percent']}%)"),
        ("Kinds of connection", str(s["kinds_present"])),
    ]
