"""A plotly figure as plain data, shown the way the book's renderer shows figures.

Building a ``plotly.graph_objects.Figure`` checks every trace, axis and
property against plotly's schema. On a training-room laptop that check is
most of what a dashboard's button costs: the network map's two charts took
about 30 ms of a kernel's CPU per click, times 30 participants on two cores.
The figures here are built as the JSON plotly.js reads, and sent as they are;
``to_figure()`` gives the checked object when one is needed (a test, a PNG).

``figure_html`` is the one place that decides a figure's HTML, for these
figures and for any ``go.Figure`` the book's renderer (``plotting``) shows:
static SVG with a table when the figure asks for it, else plotly's div. The
div is written here, as ``plotly.io.to_html`` writes it (a test compares the
two), because plotly's Python side costs a kernel about 40 ms of CPU to import
and 30 ms more on its first chart, and a dashboard's charts need none of it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from connecting_people import static_figures

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
# Colours that keep 4.5:1 contrast on white and stay distinct in greyscale print.
PALETTE = ["#1d4e89", "#b5451b", "#2e7d32", "#6a3d9a", "#8a6d00", "#00607a"]

# The modebar stays on screen (not only on hover) so its camera button, plotly's
# own "Download plot as a PNG", is there for governance papers: the PNG is made
# in the browser from the chart itself, with nothing fetched from outside the site.
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": True,
               "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
# What the book's pages always passed: the modebar on hover, without plotly's logo.
BOOK_CONFIG = {"displaylogo": False, "responsive": True}
PNG_HINT = ("To save the chart as a picture (PNG), choose the camera button, "
            "\"Download plot as a PNG\", at the top right of the chart.")


_AXIS_LOOK = {"automargin": True, "gridcolor": "white", "linecolor": "white", "ticks": "",
              "title": {"standoff": 15}, "zerolinecolor": "white", "zerolinewidth": 2}
_PATTERN_LOOK = {"fillmode": "overlay", "size": 10, "solidity": 0.2}
# A ``go.Figure`` carries plotly's "plotly" template; plain data does not, and
# plotly.js's own defaults differ (grey grid lines on every axis, axes with
# ticks, patterns that replace a bar's colour). These are the parts of that
# template the book's charts showed, as a template plotly.js applies itself;
# the rest (colours, fonts, backgrounds) is set by ``book_layout``. A test
# checks every value against plotly's template.
LOOK_TEMPLATE = {
    "layout": {
        "xaxis": _AXIS_LOOK, "yaxis": _AXIS_LOOK,
        "hoverlabel": {"align": "left"}, "hovermode": "closest", "autotypenumbers": "strict",
        "annotationdefaults": {"arrowcolor": "#2a3f5f", "arrowhead": 0, "arrowwidth": 1},
        "coloraxis": {"colorbar": {"outlinewidth": 0, "ticks": ""}},
        "polar": {"bgcolor": "#E5ECF6",
                  "angularaxis": {"gridcolor": "white", "linecolor": "white", "ticks": ""},
                  "radialaxis": {"gridcolor": "white", "linecolor": "white", "ticks": ""}},
    },
    "data": {
        "bar": [{"error_x": {"color": "#2a3f5f"}, "error_y": {"color": "#2a3f5f"},
                 "marker": {"line": {"color": "#E5ECF6", "width": 0.5},
                            "pattern": _PATTERN_LOOK}}],
        "scatter": [{"fillpattern": _PATTERN_LOOK}],
        "heatmap": [{"colorbar": {"outlinewidth": 0, "ticks": ""}}],
        "scatterpolar": [{"marker": {"colorbar": {"outlinewidth": 0, "ticks": ""}}}],
    },
}


def book_layout(*, title: str, height: int = 380) -> dict[str, Any]:
    """The book's readable defaults as layout data: large type, no clutter, a real title."""
    return {"template": LOOK_TEMPLATE, "title": {"text": title, "x": 0, "xanchor": "left"},
            "font": {"family": FONT_FAMILY, "size": 15, "color": "#1b1b1b"},
            "colorway": PALETTE, "height": height,
            "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
            "paper_bgcolor": "white", "plot_bgcolor": "white"}


# plotly.io's escapes, so that no text in a figure can close the script it sits in.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"))


def _script_json(value: Any) -> str:
    """JSON as ``plotly.io.to_json_plotly`` writes it (its "json" engine)."""
    try:
        text = json.dumps(value, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        # A go.Figure's arrays, dates or NaN: plotly's own encoder knows them.
        from plotly.io.json import to_json_plotly

        return to_json_plotly(value)
    for unsafe, safe in _SCRIPT_SAFE:
        text = text.replace(unsafe, safe)
    return text


def _css_size(value: Any) -> str:
    try:
        float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{value}px"


def plotly_div(fig_dict: dict[str, Any], config: dict[str, Any]) -> str:
    """``plotly.io.to_html(fig, include_plotlyjs=False, full_html=False)``, without plotly.

    The div draws itself with the page's own plotly.js: no plotly.js inside, no CDN.
    """
    layout = fig_dict.get("layout", {})
    template = layout.get("template", {}).get("layout", {})
    width = _css_size(layout.get("width", template.get("width", "100%")))
    height = _css_size(layout.get("height", template.get("height", "100%")))
    div_id = str(uuid.uuid4())
    config = {**config, "responsive": config.get("responsive", True)}
    # The same text, spaces included, as plotly.io's templates give.
    script = (f'{" " * 16}if (document.getElementById("{div_id}")) {{'
              f'{" " * 20}Plotly.newPlot('
              f'{" " * 24}"{div_id}",'
              f'{" " * 24}{_script_json(fig_dict.get("data", []))},'
              f'{" " * 24}{_script_json(layout)},'
              f'{" " * 24}{json.dumps(config)}'
              f'{" " * 20})'
              f'{" " * 16}}}')
    return (f'<div style="height:{height}; width:{width};">'
            f'{" " * 28}<div id="{div_id}" class="plotly-graph-div" '
            'style="height:100%; width:100%;"></div>'
            f'{" " * 12}<script>'
            f'{" " * 16}window.PLOTLYENV=window.PLOTLYENV || {{}};'
            f'{" " * 16}{script};'
            f'{" " * 12}</script>'
            f'{" " * 8}</div>')


def figure_html(fig_dict: dict[str, Any], config: dict[str, Any]) -> str:
    """A figure's ``text/html``: static SVG and a table when it asks and can be, else plotly's div.

    The div uses the page's own plotly.js (no plotly.js inside, no CDN).
    """
    if static_figures.wants_static(fig_dict) and static_figures.can_draw(fig_dict):
        # A stable id, so rebuilding an unchanged page gives the same HTML.
        digest = hashlib.sha256(json.dumps(fig_dict, sort_keys=True, default=str).encode())
        return static_figures.static_figure_html(fig_dict, f"cp-figure-{digest.hexdigest()[:12]}")
    return plotly_div(fig_dict, config)


@dataclass(frozen=True)
class FigureSpec:
    """Traces and layout as plotly JSON; displayed as plotly's mimetype plus the book's HTML."""

    data: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)
    filename: str = "chart"  # the PNG's name when saved from the modebar
    # False for a chart the book's pages show as they always did (``BOOK_CONFIG``);
    # True where the dashboard points to the camera button (``PNG_HINT``).
    png_button: bool = True

    @property
    def config(self) -> dict[str, Any]:
        if not self.png_button:
            return dict(BOOK_CONFIG)
        return {**PLOT_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2,
                                                        "filename": self.filename}}

    def __repr__(self) -> str:
        # Short, because it is the figure's text/plain part, sent with every redraw
        # (the full repr repeated every trace: a third of the message).
        return f"<FigureSpec {self.filename!r}: {len(self.data)} traces>"

    def to_dict(self) -> dict[str, Any]:
        return {"data": self.data, "layout": self.layout}

    def to_figure(self):
        """The checked ``plotly.graph_objects.Figure`` (imports plotly's object layer)."""
        import plotly.graph_objects as go

        return go.Figure(self.to_dict())

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        # The same two parts as the book's default renderer
        # ("plotly_mimetype+connecting_people"): plotly JSON for JupyterLab, and
        # HTML that uses the page's own plotly.js (no CDN) for the book's pages
        # and Voila's, whose template loads the book's plotly.js in place of the
        # jupyterlab-plotly extension (serving.launch.PLOTLY_EXTENSION).
        config = self.config
        return {"application/vnd.plotly.v1+json": {**self.to_dict(), "config": config},
                "text/html": figure_html(self.to_dict(), config)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)
