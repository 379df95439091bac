"""Static SVG figures: drawn from the plotly figure, with every number in a table."""

from __future__ import annotations

from connecting_people.capacity import charts, rules
from connecting_people.plotting import BookHTMLRenderer
from connecting_people.static_figures import can_draw, nice_ticks, static_figure_html, wants_static


def capacity_figure() -> dict:
    figure = charts.starts_figure(rules.default_inputs(), most=3, title="Hours <b>needed</b>")
    return figure.to_dict()


def test_ticks_are_round_and_reach_the_top():
    assert nice_ticks(50) == [0, 10, 20, 30, 40, 50]
    assert nice_ticks(17.3) == [0, 5, 10, 15, 20]
    assert nice_ticks(0) == [0.0, 1.0]


def test_the_capacity_figure_asks_for_a_static_drawing_and_can_have_one():
    figure = capacity_figure()
    assert wants_static(figure)
    assert can_draw(figure)


def test_the_drawing_has_a_bar_per_value_the_line_and_a_table_of_the_numbers():
    html = static_figure_html(capacity_figure(), "f1")
    # 0 to 3 starts: 4 bars (the one at 0 has no height), one line, one legend swatch rect.
    assert html.count("<rect ") == 4 + 1
    assert html.count("<polyline ") == 1
    assert '<th scope="row">3</th><td>15</td>' in html
    assert "Hours a month the team protects: 17.3" in html
    assert 'aria-labelledby="f1-title f1-desc"' in html
    # Titles are text, never markup.
    assert "<b>" not in html and "Hours &lt;b&gt;needed&lt;/b&gt;" in html


def test_the_book_renderer_draws_static_figures_without_plotly():
    html = BookHTMLRenderer().to_mimebundle(capacity_figure())["text/html"]
    assert html.startswith('<figure class="cp-static-figure" id="cp-figure-')
    assert "plotly-graph-div" not in html and "<script" not in html
    assert html == BookHTMLRenderer().to_mimebundle(capacity_figure())["text/html"]
