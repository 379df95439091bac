"""Charts of change for the outcomes review: one line per person, from the start to six months.

A slope chart shows each person, not an average, which is the honest picture
for a handful of people: the reader sees at once who went up, who went down
and who stayed the same. People are named by their pseudonymised identifier.
The figure is plain plotly data (``figure_spec.FigureSpec``), its small
panels laid out here as plotly's ``make_subplots`` would lay them out.
"""

from __future__ import annotations

from connecting_people.figure_spec import PALETTE, FigureSpec, book_layout
from connecting_people.outcomes.rules import FIGURES, RATING_KEY, Pair

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
COLUMNS = 2
HORIZONTAL_SPACING = 0.12
VERTICAL_SPACING = 0.22


def _domains(count: int, spacing: float) -> list[list[float]]:
    """Equal panels from 0 to 1 with ``spacing`` between them, first panel at 0."""
    size = (1 - spacing * (count - 1)) / count
    return [[index * (size + spacing), index * (size + spacing) + size] for index in range(count)]


def panel_layout(titles: list[str]) -> dict:
    """Axes and title annotations for panels in rows of two, the first row at the top."""
    rows = -(-len(titles) // COLUMNS)
    x_domains = _domains(COLUMNS, HORIZONTAL_SPACING)
    y_domains = _domains(rows, VERTICAL_SPACING)[::-1]
    layout: dict = {"annotations": []}
    for row in range(rows):
        for col in range(COLUMNS):
            number = row * COLUMNS + col + 1
            suffix = "" if number == 1 else str(number)
            layout[f"xaxis{suffix}"] = {"anchor": f"y{suffix}", "domain": x_domains[col]}
            layout[f"yaxis{suffix}"] = {"anchor": f"x{suffix}", "domain": y_domains[row]}
    for index, title in enumerate(titles):
        x_domain, y_domain = x_domains[index % COLUMNS], y_domains[index // COLUMNS]
        layout["annotations"].append(
            {"text": title, "showarrow": False, "font": {"size": 15},
             "x": (x_domain[0] + x_domain[1]) / 2, "xanchor": "center", "xref": "paper",
             "y": y_domain[1], "yanchor": "bottom", "yref": "paper"})
    return layout


def change_figure(pairs: list[Pair], *, title: str = "What changed for each person") -> FigureSpec:
    """One small slope chart per figure (and the self-rating when any is recorded)."""
    keys = list(FIGURES)
    if any(p.figure(RATING_KEY)[0] is not None for p in pairs):
        keys.append(RATING_KEY)
    rows = -(-len(keys) // COLUMNS)
    traces = []
    panels = panel_layout([SHORT_NAMES[k] for k in keys])
    for index, key in enumerate(keys):
        suffix = "" if index == 0 else str(index + 1)
        for number, pair in enumerate(pairs):
            before, after = pair.figure(key)
            if before is None or after is None:
                continue
            traces.append({
                "type": "scatter", "x": X, "y": [before, after], "mode": "lines+markers",
                "name": pair.identifier, "legendgroup": pair.identifier,
                "showlegend": index == 0 and len(pairs) <= LEGEND_LIMIT,
                "line": {"color": PALETTE[number % len(PALETTE)], "width": 3},
                "marker": {"size": 10},
                "hovertemplate": f"{pair.identifier}: " + "%{y} (%{x})<extra></extra>",
                "xaxis": f"x{suffix}", "yaxis": f"y{suffix}"})
        panels[f"yaxis{suffix}"].update(rangemode="tozero", gridcolor="#dddddd")
    layout = book_layout(title=title, height=270 * rows + 130)
    layout.update(panels)
    layout["legend"] = {"title": {"text": "Person "}, "orientation": "h", "y": -0.08, "x": 0}
    return FigureSpec(traces, layout, "outcomes-change", png_button=False)
