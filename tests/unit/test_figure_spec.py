"""Plain plotly data (FigureSpec) shows itself exactly as the book's renderer shows a go.Figure."""

from __future__ import annotations

import json
import re

import plotly.io as pio

from connecting_people import figure_spec
from connecting_people.capacity import charts as capacity_charts
from connecting_people.capacity import rules as capacity_rules
from connecting_people.community import charts as community_charts
from connecting_people.community import examples as community_examples
from connecting_people.community import rules as community_rules
from connecting_people.figure_spec import BOOK_CONFIG, FigureSpec
from connecting_people.plotting import BookHTMLRenderer


def without_div_id(html: str) -> str:
    """plotly gives every div a fresh id; everything else must match."""
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID", html)


def directory_figure() -> FigureSpec:
    counts = community_rules.counts_by_kind(community_examples.entries(),
                                            community_examples.TODAY)
    return community_charts.kinds_figure(counts)


def test_a_plotly_figure_gets_the_same_html_from_both():
    figure = directory_figure()
    spec_html = figure._repr_mimebundle_()["text/html"]
    renderer_html = BookHTMLRenderer().to_mimebundle(figure.to_dict())["text/html"]
    assert "plotly-graph-div" in spec_html
    assert without_div_id(spec_html) == without_div_id(renderer_html)
    assert json.dumps(BOOK_CONFIG) in spec_html


def test_a_static_figure_gets_the_same_svg_from_both():
    figure = capacity_charts.starts_figure(capacity_rules.default_inputs(), most=3)
    spec_html = figure._repr_mimebundle_()["text/html"]
    assert spec_html.startswith('<figure class="cp-static-figure" id="cp-figure-')
    assert spec_html == BookHTMLRenderer().to_mimebundle(figure.to_dict())["text/html"]


def test_both_parts_carry_the_figures_config():
    book = directory_figure()._repr_mimebundle_()
    assert book["application/vnd.plotly.v1+json"]["config"] == BOOK_CONFIG
    png = FigureSpec([{"type": "bar", "x": [1], "y": [2]}], {}, "counts")
    bundle = png._repr_mimebundle_()
    config = bundle["application/vnd.plotly.v1+json"]["config"]
    assert config["displayModeBar"] is True
    assert config["toImageButtonOptions"]["filename"] == "counts"
    assert json.dumps(config) in bundle["text/html"]


def test_the_look_template_is_plotlys_own_for_every_property_it_sets():
    plotly_template = pio.templates["plotly"].to_plotly_json()

    def same(ours, theirs, path):
        if isinstance(ours, dict):
            for key, value in ours.items():
                same(value, theirs[key], f"{path}.{key}")
        elif isinstance(ours, list) and ours and isinstance(ours[0], dict):
            assert len(ours) == len(theirs), path
            for index, (mine, plotlys) in enumerate(zip(ours, theirs, strict=True)):
                same(mine, plotlys, f"{path}[{index}]")
        else:
            assert ours == theirs, path

    same(figure_spec.LOOK_TEMPLATE, plotly_template, "template")


def test_the_checked_figure_keeps_every_value():
    figure = directory_figure()
    checked = figure.to_figure()
    assert list(checked.data[1].x) == figure.data[1]["x"]
    assert checked.layout.xaxis.title.text == "Entries"
    assert checked.data[1].marker.pattern.shape == "/"


def test_the_plain_text_part_is_short():
    # Sent with every redraw beside the plotly JSON and the HTML: it must not repeat the data.
    assert repr(directory_figure()) == "<FigureSpec 'directory-by-kind': 2 traces>"


def test_our_plotly_div_is_the_one_plotly_writes(monkeypatch):
    monkeypatch.setattr(pio.json.config, "default_engine", "json")
    odd = FigureSpec([{"type": "bar", "x": ["Caf\u00e9 \u2019n\u2019 tea </script>", "b"],
                       "y": [1, None], "name": "<b>x</b> & y"}],
                     {"height": 300.5, "title": {"text": "a/b"}})
    plain_height = FigureSpec([{"type": "scatter", "x": [1], "y": [2]}], {})
    for figure, config in ((directory_figure(), BOOK_CONFIG), (odd, odd.config),
                           (plain_height, {"displaylogo": False})):
        ours = figure_spec.plotly_div(figure.to_dict(), config)
        plotlys = pio.to_html(figure.to_dict(), include_plotlyjs=False, include_mathjax=False,
                              full_html=False, config=dict(config), validate=False)
        assert without_div_id(ours) == without_div_id(plotlys)
