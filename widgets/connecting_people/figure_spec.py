"""A plotly figure as plain data, shown the way the book's renderer shows figures.

Building a ``plotly.graph_objects.Figure`` checks every trace, axis and
property against plotly's schema. On a training-room laptop that check is
most of what a dashboard's button costs: the network map's two charts took
about 30 ms of a kernel's CPU per click, times 30 participants on two cores.
The figures here are built as the JSON plotly.js reads, and sent as they are;
``to_figure()`` gives the checked object when one is needed (a test, a PNG).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import plotly.io as pio

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
# Colours that keep 4.5:1 contrast on white and stay distinct in greyscale print.
PALETTE = ["#1d4e89", "#b5451b", "#2e7d32", "#6a3d9a", "#8a6d00", "#00607a"]

# The modebar stays on screen (not only on hover) so its camera button, plotly's
# own "Download plot as a PNG", is there for governance papers: the PNG is made
# in the browser from the chart itself, with nothing fetched from outside the site.
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": True,
               "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
PNG_HINT = ("To save the chart as a picture (PNG), choose the camera button, "
            "\"Download plot as a PNG\", at the top right of the chart.")


def book_layout(*, title: str, height: int = 380) -> dict[str, Any]:
    """The book's readable defaults as layout data: large type, no clutter, a real title."""
    return {"title": {"text": title, "x": 0, "xanchor": "left"},
            "font": {"family": FONT_FAMILY, "size": 15, "color": "#1b1b1b"},
            "colorway": PALETTE, "height": height,
            "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
            "paper_bgcolor": "white", "plot_bgcolor": "white"}


@dataclass(frozen=True)
class FigureSpec:
    """Traces and layout as plotly JSON; displayed as plotly's mimetype plus the book's HTML."""

    data: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)
    filename: str = "chart"  # the PNG's name when saved from the modebar

    @property
    def config(self) -> dict[str, Any]:
        return {**PLOT_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2,
                                                        "filename": self.filename}}

    def to_dict(self) -> dict[str, Any]:
        return {"data": self.data, "layout": self.layout}

    def to_figure(self):
        """The checked ``plotly.graph_objects.Figure`` (imports plotly's object layer)."""
        import plotly.graph_objects as go

        return go.Figure(self.to_dict())

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        # The same two parts as the book's default renderer
        # ("plotly_mimetype+connecting_people"): plotly JSON for JupyterLab and
        # Voila, and HTML that uses the page's own plotly.js (no CDN).
        config = self.config
        html = pio.to_html(self.to_dict(), include_plotlyjs=False, include_mathjax=False,
                           full_html=False, config=config, validate=False)
        return {"application/vnd.plotly.v1+json": {**self.to_dict(), "config": config},
                "text/html": html}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)
