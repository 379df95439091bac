"""The capacity planner's chart: hours needed as more people start, against the hours protected.

Plain plotly data (``figure_spec.FigureSpec``), like every chart here; the
book page draws it as SVG with a table (``static_figures``).
"""

from __future__ import annotations

from connecting_people.capacity import rules
from connecting_people.figure_spec import PALETTE, FigureSpec, book_layout
from connecting_people.static_figures import STATIC_META


def starts_figure(inputs: dict, *, most: int = 10, title: str | None = None) -> FigureSpec:
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
    bars = {"type": "bar", "x": starts, "y": needed, "name": "Hours a month the plan needs",
            "marker": {"color": PALETTE[1]},
            "hovertemplate": "%{x} starts a month: %{y} hours needed<extra></extra>"}
    protected = {"type": "scatter", "x": [starts[0] - 0.5, starts[-1] + 0.5],
                 "y": [capacity, capacity], "mode": "lines",
                 "name": "Hours a month the team protects",
                 "line": {"color": PALETTE[0], "width": 4},
                 "hovertemplate": "Protected: %{y} hours a month<extra></extra>"}
    layout = book_layout(title=title or "How many people a month the protected time allows")
    # Bars and one line: drawn as SVG on the exercise page, which then loads no plotly.js.
    layout.update(xaxis={"title": {"text": "People starting each month"}, "dtick": 1},
                  yaxis={"title": {"text": "Hours a month"}, "gridcolor": "#dddddd",
                         "rangemode": "tozero"},
                  legend={"orientation": "h", "y": -0.25}, meta=STATIC_META)
    return FigureSpec([bars, protected], layout, "capacity-plan", png_button=False)
