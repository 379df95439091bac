"""The study's figure, and the renderer that puts any ``go.Figure`` on static pages.

The book's charts are plain plotly data (``figure_spec.FigureSpec``), which
show themselves the same way in the book, JupyterLab and Voila. For a
``plotly.graph_objects.Figure`` someone displays in a notebook, plotly 6+
emits only its own mimetype, which the book's builder cannot show, and
plotly's notebook renderers pull plotly.js and MathJax from CDNs. The
``BookHTMLRenderer`` gives such a figure the same HTML as a ``FigureSpec``
(``figure_spec.figure_html``: plotly's div with no plotly.js inside, or static
SVG with a table when the figure asks for it). Registered as
``plotly_mimetype+connecting_people`` so JupyterLab still gets the
interactive mimetype (Voila's pages draw the HTML, with the book's plotly.js).
"""

from __future__ import annotations

from functools import cache

from connecting_people import study
from connecting_people.figure_spec import (
    BOOK_CONFIG,
    PALETTE,
    FigureSpec,
    book_layout,
    figure_html,
)

RENDERER_NAME = "connecting_people"


@cache
def _renderer_class() -> type:
    # plotly's renderer base class imports plotly.graph_objects (a quarter of a
    # second and megabytes per kernel), so it is loaded only when a figure needs it.
    from plotly.io.base_renderers import MimetypeRenderer

    class BookHTMLRenderer(MimetypeRenderer):
        """Render a figure as ``text/html``, exactly as a ``FigureSpec`` of the same data does."""

        def to_mimebundle(self, fig_dict):
            return {"text/html": figure_html(fig_dict, BOOK_CONFIG)}

    return BookHTMLRenderer


def __getattr__(name: str):
    if name == "BookHTMLRenderer":
        return _renderer_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register_book_renderer() -> None:
    """Make the book renderer the default for this kernel (idempotent)."""
    import plotly.io as pio

    pio.renderers[RENDERER_NAME] = _renderer_class()()
    pio.renderers.default = f"plotly_mimetype+{RENDERER_NAME}"


def study_flow_figure() -> FigureSpec:
    """Bar chart of how many service users took part at each stage of the 2019 study."""
    stages = study.PARTICIPANT_FLOW
    bar = {"type": "bar", "x": [stage.label for stage in stages],
           "y": [stage.count for stage in stages],
           "text": [str(stage.count) for stage in stages], "textposition": "outside",
           "marker": {"color": PALETTE[0]},
           "hovertemplate": "%{x}: %{y} people<extra></extra>"}
    layout = book_layout(
        title=f"Service users in the implementation study, across {study.TRUST_COUNT} NHS Trusts")
    layout["yaxis"] = {"title": {"text": "Service users"}, "range": [0, 180],
                       "gridcolor": "#dddddd"}
    return FigureSpec([bar], layout, "study-flow", png_button=False)
