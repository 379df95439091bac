"""The study's figures and the book's plotly renderer."""

from __future__ import annotations

import plotly.io as pio

from connecting_people import plotting, study


def test_participant_flow_matches_the_study_summary():
    assert [stage.count for stage in study.PARTICIPANT_FLOW] == [159, 151, 127]
    assert study.TRUST_COUNT == 5
    assert round(study.retention_at_six_months(), 3) == 0.799


def test_study_flow_figure_draws_one_bar_per_stage():
    figure = plotting.study_flow_figure().to_dict()
    (bars,) = figure["data"]
    assert bars["y"] == [159, 151, 127]
    assert figure["layout"]["title"]["text"] == (
        "Service users in the implementation study, across 5 NHS Trusts"
    )


def test_book_renderer_emits_html_without_plotly_js_or_cdn():
    plotting.register_book_renderer()
    bundle = pio.renderers[plotting.RENDERER_NAME].to_mimebundle(
        plotting.study_flow_figure().to_dict()
    )
    html = bundle["text/html"]
    assert "plotly-graph-div" in html
    assert "cdn" not in html.lower()
    assert "MathJax" not in html
    assert len(html) < 100_000, "plotly.js itself must not be inlined into each figure"


def test_default_renderer_keeps_the_plotly_mimetype_for_lab_and_voila():
    plotting.register_book_renderer()
    assert pio.renderers.default == f"plotly_mimetype+{plotting.RENDERER_NAME}"
    bundle = {}
    for name in pio.renderers.default.split("+"):
        bundle.update(pio.renderers[name].to_mimebundle(plotting.study_flow_figure().to_dict()))
    assert {"application/vnd.plotly.v1+json", "text/html"} <= set(bundle)


def test_the_study_figure_shows_itself_as_the_book_renderer_would():
    figure = plotting.study_flow_figure()
    bundle = figure._repr_mimebundle_()
    assert bundle["application/vnd.plotly.v1+json"]["config"] == {"displaylogo": False,
                                                                  "responsive": True}
    html = plotting.BookHTMLRenderer().to_mimebundle(figure.to_dict())["text/html"]
    assert bundle["text/html"].split("Plotly.newPlot(")[1].split(",", 1)[1] == (
        html.split("Plotly.newPlot(")[1].split(",", 1)[1])  # the same but for the div's id
