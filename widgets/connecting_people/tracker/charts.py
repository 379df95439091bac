"""The tracker's charts: a funnel of steps per team or worker, and the share explained over time."""

from __future__ import annotations

import plotly.graph_objects as go

from connecting_people.plotting import PALETTE, book_layout
from connecting_people.tracker.model import STEPS
from connecting_people.tracker.rules import Funnel, SharePoint


def funnel_figure(funnels: list[Funnel], *, title: str) -> go.Figure:
    """One funnel trace per group: how many people reached each step."""
    fig = go.Figure()
    labels = list(STEPS.values())
    for index, result in enumerate(funnels):
        fig.add_trace(
            go.Funnel(
                name=f"{result.group} ({result.people} people)",
                y=labels,
                x=list(result.counts),
                textinfo="value+percent initial",
                marker={"color": PALETTE[index % len(PALETTE)]},
                hovertemplate="%{y}: %{x} people<extra>" + f"{result.group}</extra>",
            )
        )
    fig.update_layout(legend={"orientation": "h", "y": -0.15}, funnelmode="group")
    return book_layout(fig, title=title, height=460)


def explained_figure(points: list[SharePoint], *, title: str) -> go.Figure:
    """Share of people on the caseload who had the guide explained, at each month's end."""
    with_people = [p for p in points if p.people]
    fig = go.Figure(
        go.Scatter(
            x=[p.day.isoformat() for p in with_people],
            y=[round(100 * p.share, 1) for p in with_people],
            customdata=[[p.explained, p.people] for p in with_people],
            mode="lines+markers",
            line={"color": PALETTE[0], "width": 3},
            marker={"size": 10},
            hovertemplate="%{x}: %{customdata[0]} of %{customdata[1]} people "
            "(%{y}%)<extra></extra>",
        )
    )
    fig.update_yaxes(title="Share with the guide explained (%)", range=[0, 105], gridcolor="#ddd")
    fig.update_xaxes(title="End of month")
    return book_layout(fig, title=title)
