"""Figures as pure functions, and the renderer that puts them on static pages.

plotly 6+ emits only its own mimetype, which the book's builder cannot show,
and plotly's notebook renderers pull plotly.js and MathJax from CDNs. The
``BookHTMLRenderer`` emits a plain ``<div>`` plus the script that draws it,
with no plotly.js inside; the book serves its own partial plotly.js on the
pages that need it (see ``connecting_people.sphinxext.vendor``). A simple
figure that asks for it is drawn as static SVG with a table instead
(``connecting_people.static_figures``), so its page loads no plotly.js. Registered as
``plotly_mimetype+connecting_people`` so JupyterLab and Voila still get the
interactive mimetype.
"""

from __future__ import annotations

import hashlib
import json

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from connecting_people import figure_spec, static_figures, study
from connecting_people.figure_spec import FONT_FAMILY, PALETTE  # noqa: F401 - the book's names

RENDERER_NAME = "connecting_people"


class BookHTMLRenderer(MimetypeRenderer):
    """Render a figure as ``text/html``: static SVG when it asks and can be, else plotly's div."""

    def to_mimebundle(self, fig_dict):
        if static_figures.wants_static(fig_dict) and static_figures.can_draw(fig_dict):
            # A stable id, so rebuilding an unchanged page gives the same HTML.
            digest = hashlib.sha256(json.dumps(fig_dict, sort_keys=True, default=str).encode())
            figure_id = f"cp-figure-{digest.hexdigest()[:12]}"
            return {"text/html": static_figures.static_figure_html(fig_dict, figure_id)}
        html = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            config={"displaylogo": False, "responsive": True},
        )
        return {"text/html": html}


def register_book_renderer() -> None:
    """Make the book renderer the default for this kernel (idempotent)."""
    pio.renderers[RENDERER_NAME] = BookHTMLRenderer()
    pio.renderers.default = f"plotly_mimetype+{RENDERER_NAME}"


def book_layout(fig: go.Figure, *, title: str, height: int = 380) -> go.Figure:
    """Apply the book's readable defaults: large type, no clutter, a real title."""
    fig.update_layout(**figure_spec.book_layout(title=title, height=height))
    return fig


def study_flow_figure() -> go.Figure:
    """Bar chart of how many service users took part at each stage of the 2019 study."""
    stages = study.PARTICIPANT_FLOW
    fig = go.Figure(
        go.Bar(
            x=[stage.label for stage in stages],
            y=[stage.count for stage in stages],
            text=[str(stage.count) for stage in stages],
            textposition="outside",
            marker_color=PALETTE[0],
            hovertemplate="%{x}: %{y} people<extra></extra>",
        )
    )
    fig.update_yaxes(title="Service users", range=[0, 180], gridcolor="#dddddd")
    return book_layout(
        fig,
        title=f"Service users in the implementation study, across {study.TRUST_COUNT} NHS Trusts",
    )
