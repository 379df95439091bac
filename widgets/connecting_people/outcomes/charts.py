"""Charts of change for the outcomes review: one line per person, from the start to six months.

A slope chart shows each person, not an average, which is the honest picture
for a handful of people: the reader sees at once who went up, who went down
and who stayed the same. People are named by their pseudonymised identifier.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from connecting_people.outcomes.rules import FIGURES, RATING_KEY, Pair
from connecting_people.plotting import PALETTE, book_layout

X = ["Start", "Six months"]
# Short panel titles: five panels share a narrow book column or a projector screen.
SHORT_NAMES = {
    "size": "Connections",
    "kinds": "Kinds of connection",
    "professional_percent": "Professionals (% of map)",
    "wishes_met_percent": "Contact as wanted (% of map)",
    RATING_KEY: "Self-rating, book's own (5-25)",
}
# A legend for more people than this would crowd the chart; the hover still names each line.
LEGEND_LIMIT = 12


def change_figure(pairs: list[Pair], *, title: str = "What changed for each person") -> go.Figure:
    """One small slope chart per figure (and the self-rating when any is recorded)."""
    keys = list(FIGURES)
    if any(p.figure(RATING_KEY)[0] is not None for p in pairs):
        keys.append(RATING_KEY)
    names = [SHORT_NAMES[k] for k in keys]
    columns = 2
    rows = -(-len(keys) // columns)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=names,
        horizontal_spacing=0.12,
        vertical_spacing=0.22,
    )
    for index, key in enumerate(keys):
        row, col = index // columns + 1, index % columns + 1
        for number, pair in enumerate(pairs):
            before, after = pair.figure(key)
            if before is None or after is None:
                continue
            fig.add_trace(
                go.Scatter(
                    x=X,
                    y=[before, after],
                    mode="lines+markers",
                    name=pair.identifier,
                    legendgroup=pair.identifier,
                    showlegend=index == 0 and len(pairs) <= LEGEND_LIMIT,
                    line={"color": PALETTE[number % len(PALETTE)], "width": 3},
                    marker={"size": 10},
                    hovertemplate=f"{pair.identifier}: " + "%{y} (%{x})<extra></extra>",
                ),
                row=row,
                col=col,
            )
        fig.update_yaxes(rangemode="tozero", gridcolor="#dddddd", row=row, col=col)
    fig.update_annotations(font_size=15)
    book_layout(fig, title=title, height=270 * rows + 130)
    fig.update_layout(legend={"title": {"text": "Person "}, "orientation": "h", "y": -0.08, "x": 0})
    return fig
