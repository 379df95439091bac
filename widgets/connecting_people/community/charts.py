"""The directory's chart: what the team knows, by kind, and how much of it needs checking.

Plain plotly data (``figure_spec.FigureSpec``): the dashboard redraws it in
each participant's kernel, and plotly's checked objects would cost most of the click.
"""

from __future__ import annotations

from connecting_people.community.rules import KindCount
from connecting_people.figure_spec import PALETTE, FigureSpec, book_layout


def kinds_figure(
    counts: list[KindCount], *, title: str = "What the team knows, by kind"
) -> FigureSpec:
    """Horizontal stacked bars: checked in the last six months, and not checked for six months."""
    labels = [c.label for c in counts]
    checked = {"type": "bar", "y": labels, "x": [c.checked for c in counts], "orientation": "h",
               "name": "Checked in the last six months", "marker": {"color": PALETTE[0]},
               "hovertemplate": "%{y}: %{x} checked recently<extra></extra>"}
    stale = {"type": "bar", "y": labels, "x": [c.stale for c in counts], "orientation": "h",
             "name": "Needs checking",
             "marker": {"color": PALETTE[1], "pattern": {"shape": "/"}},
             "hovertemplate": "%{y}: %{x} need checking<extra></extra>"}
    most = max([c.total for c in counts] + [1])
    layout = book_layout(title=title, height=420)
    layout.update(barmode="stack", legend={"orientation": "h", "y": -0.2},
                  xaxis={"title": {"text": "Entries"}, "range": [0, most + 1],
                         "dtick": max(1, (most + 4) // 5), "gridcolor": "#dddddd"},
                  yaxis={"autorange": "reversed"})
    return FigureSpec([checked, stale], layout, "directory-by-kind", png_button=False)
