"""Charts of a map and of a change between two maps, as pure functions (data in, figure out).

The training dashboard shows them beside the widget so a group can talk about
what a re-map shows. The numbers come from the same rules as the summary
(``rules``, ``compare``), so a chart and the words under the map cannot
disagree. The figures are plain plotly data (``figure_spec.FigureSpec``):
every click on the dashboard redraws them, in each participant's kernel.
"""

from __future__ import annotations

from connecting_people.figure_spec import PALETTE, FigureSpec, book_layout
from connecting_people.network.compare import long_date
from connecting_people.network.model import KINDS, NetworkMap
from connecting_people.network.rules import summarise

CIRCLE_NAMES = ("Inner circle", "Middle circle", "Outer circle")
GRID_COLOUR = "#dddddd"


def kinds_figure(network: NetworkMap) -> FigureSpec:
    """Stacked bars: how many of each kind are in each circle."""
    counts = {circle: {kind: 0 for kind in KINDS} for circle in (1, 2, 3)}
    for entry in network.entries:
        counts[entry.circle][entry.kind] += 1
    traces = [{"type": "bar", "name": name, "x": list(KINDS.values()),
               "y": [counts[circle][k] for k in KINDS],
               "marker": {"color": PALETTE[circle - 1]},
               "hovertemplate": f"%{{x}}, {name.lower()}: %{{y}}<extra></extra>"}
              for circle, name in zip((1, 2, 3), CIRCLE_NAMES, strict=True)]
    layout = book_layout(title=f"Who is on the map, by kind and circle "
                               f"({long_date(network.date)})", height=420)
    layout.update(barmode="stack", legend={"orientation": "h", "y": -0.35},
                  yaxis={"title": {"text": "Connections"}, "rangemode": "tozero", "dtick": 1,
                         "gridcolor": GRID_COLOUR})
    return FigureSpec(traces, layout, "map-by-kind")


def change_figure(comparison: dict) -> FigureSpec:
    """Grouped bars: each comparison figure before and after."""
    names = [f["name"] for f in comparison["figures"]]
    traces = []
    for key, colour in (("before", PALETTE[1]), ("after", PALETTE[0])):
        date = long_date(comparison[f"{key}_date"])
        values = [f[key] for f in comparison["figures"]]
        traces.append({"type": "bar", "name": date, "y": names, "x": values,
                       "orientation": "h", "marker": {"color": colour},
                       "text": [str(v) for v in values], "textposition": "outside",
                       "hovertemplate": f"%{{y}} on {date}: %{{x}}<extra></extra>"})
    layout = book_layout(title="What changed between the two maps", height=520)
    layout.update(barmode="group", legend={"orientation": "h", "y": -0.15},
                  yaxis={"autorange": "reversed"},
                  xaxis={"rangemode": "tozero", "gridcolor": GRID_COLOUR})
    layout["margin"] = {**layout["margin"], "l": 230}  # room for the figures' names
    return FigureSpec(traces, layout, "map-change")


def summary_rows(network: NetworkMap) -> list[tuple[str, str]]:
    """The summary as (figure, value) rows for a small table."""
    s = summarise(network)
    return [
        ("Connections", str(s["size"])),
        ("Inner, middle, outer", ", ".join(map(str, s["by_circle"]))),
        ("Professionals and services", f"{s['professionals']} ({s['professional_percent']}%)"),
        ("Kinds of connection", str(s["kinds_present"])),
    ]
