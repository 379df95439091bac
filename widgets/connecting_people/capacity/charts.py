"""The capacity planner's chart: hours needed as more people start, against the hours protected."""

from __future__ import annotations

import plotly.graph_objects as go

from connecting_people.capacity import rules
from connecting_people.plotting import PALETTE, book_layout
from connecting_people.static_figures import STATIC_META


def starts_figure(inputs: dict, *, most: int = 10, title: str | None = None) -> go.Figure:
    """For 0 to ``most`` starts a month: hours a month needed, and the line of protected hours."""
    starts = list(range(0, most + 1))
    needed = []
    capacity = None
    for count in starts:
        result = rules.plan({**inputs, "starts_per_month": count})
        if not result["ok"]:
            raise ValueError("; ".join(e["message"] for e in result["errors"]))
        needed.append(round(result["demand_minutes"] / 60, 1))
        capacity = round(result["capacity_minutes"] / 60, 1)
    fig = go.Figure()
    fig.add_bar(
        x=starts,
        y=needed,
        name="Hours a month the plan needs",
        marker_color=PALETTE[1],
        hovertemplate="%{x} starts a month: %{y} hours needed<extra></extra>",
    )
    fig.add_scatter(
        x=[starts[0] - 0.5, starts[-1] + 0.5],
        y=[capacity, capacity],
        mode="lines",
        name="Hours a month the team protects",
        line={"color": PALETTE[0], "width": 4},
        hovertemplate="Protected: %{y} hours a month<extra></extra>",
    )
    fig.update_xaxes(title="People starting each month", dtick=1)
    fig.update_yaxes(title="Hours a month", gridcolor="#dddddd", rangemode="tozero")
    # Bars and one line: drawn as SVG on the exercise page, which then loads no plotly.js.
    fig.update_layout(legend={"orientation": "h", "y": -0.25}, meta=STATIC_META)
    return book_layout(fig, title=title or "How many people a month the protected time allows")
