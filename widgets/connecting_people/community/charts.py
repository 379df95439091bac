"""The directory's chart: what the team knows, by kind, and how much of it needs checking."""

from __future__ import annotations

import plotly.graph_objects as go

from connecting_people.community.rules import KindCount
from connecting_people.plotting import PALETTE, book_layout


def kinds_figure(
    counts: list[KindCount], *, title: str = "What the team knows, by kind"
) -> go.Figure:
    """Horizontal stacked bars: checked in the last six months, and not checked for six months."""
    labels = [c.label for c in counts]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=[c.checked for c in counts],
        orientation="h",
        name="Checked in the last six months",
        marker_color=PALETTE[0],
        hovertemplate="%{y}: %{x} checked recently<extra></extra>",
    )
    fig.add_bar(
        y=labels,
        x=[c.stale for c in counts],
        orientation="h",
        name="Needs checking",
        marker_color=PALETTE[1],
        marker_pattern_shape="/",
        hovertemplate="%{y}: %{x} need checking<extra></extra>",
    )
    most = max([c.total for c in counts] + [1])
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.2})
    fig.update_xaxes(
        title="Entries", range=[0, most + 1], dtick=max(1, (most + 4) // 5), gridcolor="#dddddd"
    )
    fig.update_yaxes(autorange="reversed")
    return book_layout(fig, title=title, height=420)
