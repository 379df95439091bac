"""The dashboards run under Voila with their code hidden and no traceback shown."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_study_dashboard_shows_its_widget_and_hides_code(voila_url, page, watched_page):
    page.goto(f"{voila_url}/voila/render/study_overview.ipynb", timeout=120_000)
    toggle = page.get_by_role("radio", name="What the study found").or_(
        page.get_by_role("button", name="What the study found")
    )
    toggle.first.wait_for(timeout=120_000)
    # Markdown cells keep an input area (their rendered text); code cells must not.
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor").count() == 0
    assert "from connecting_people" not in page.content()
    toggle.first.click()
    page.get_by_text("Only a minority of service users").wait_for(timeout=30_000)
    assert "Traceback" not in page.content()
    # The dashboards load nothing from outside either (our template drops Voila's CDN fonts).
    assert not watched_page.outside_requests, watched_page.outside_requests


def test_dashboard_tree_lists_the_dashboards(voila_url, page):
    page.goto(f"{voila_url}/", timeout=60_000)
    page.get_by_text("study_overview.ipynb").first.wait_for(timeout=30_000)


# Counts each call plotly.js gets, from the moment the page's plotly.js defines itself
# (the template's stand-in, which loads it on the first figure, is not counted).
COUNT_PLOTLY_CALLS = """(() => {
  let plotly;
  window.plotlyCalls = { newPlot: 0, react: 0, redraw: 0 };
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    get() { return plotly; },
    set(value) {
      plotly = value;
      if (!value.Plots) return; // the template's stand-in, not plotly.js itself
      for (const name of Object.keys(window.plotlyCalls)) {
        const call = value[name];
        value[name] = (...args) => { window.plotlyCalls[name] += 1; return call(...args); };
      }
    },
  });
})();"""

CHARTS_AT_THEIR_WIDTH = """(count) => {
  const charts = Array.from(document.querySelectorAll(".plotly-graph-div"));
  return charts.length === count && charts.every((chart) => {
    const svg = chart.querySelector(".main-svg");
    return svg && Math.abs(Number(svg.getAttribute("width")) - chart.offsetWidth) <= 1;
  });
}"""


def test_each_chart_is_drawn_once_with_the_pages_own_plotly(voila_url, page, watched_page):
    """The template's plotly.js draws each figure from its HTML, once, at the width it is
    shown at; the jupyterlab-plotly extension (4.8 MB, three draws a figure) never loads."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(COUNT_PLOTLY_CALLS)
    page.goto(f"{voila_url}/voila/render/study_overview.ipynb", timeout=120_000)
    page.wait_for_function(CHARTS_AT_THEIR_WIDTH, arg=1, timeout=60_000)
    assert page.evaluate("window.plotlyCalls") == {"newPlot": 1, "react": 0, "redraw": 0}
    # Away to a view with no chart and back: the figure is drawn again, once.
    for view, charts in (("What the study found", 0), ("Who took part", 1)):
        toggle = page.get_by_role("radio", name=view).or_(page.get_by_role("button", name=view))
        toggle.first.click()
        page.wait_for_function(CHARTS_AT_THEIR_WIDTH, arg=charts, timeout=30_000)
    assert page.evaluate("window.plotlyCalls") == {"newPlot": 2, "react": 0, "redraw": 0}
    # Fetched once, on the first figure.
    assert [url for url in requests if url.endswith("plotly-partial.js")] == [
        f"{voila_url}/voila/templates/connecting-people/static/plotly-partial.js"]
    assert not [url for url in requests if "jupyterlab-plotly" in url]
    watched_page.assert_clean("the study overview dashboard")


REPLACED_BEFORE_DRAWN = """async () => {
  const chart = document.createElement("div");
  chart.id = "cp-replaced-before-drawn";
  document.body.appendChild(chart);
  const drawing = window.Plotly.newPlot(chart.id, [{ type: "bar", x: [1], y: [1] }], {});
  chart.remove();  // as a dashboard's redraw replaces an output before the next frame
  const result = await drawing;
  return result === chart && !chart.classList.contains("js-plotly-plot");
}"""


def test_a_chart_replaced_before_it_is_drawn_is_not_drawn(voila_url, page, watched_page):
    """Charts are drawn at the next frame; one whose output was replaced by then (a
    dashboard redrawing as a person types) is skipped, with no error on the page."""
    page.goto(f"{voila_url}/voila/render/study_overview.ipynb", timeout=120_000)
    page.wait_for_function(CHARTS_AT_THEIR_WIDTH, arg=1, timeout=60_000)
    assert page.evaluate(REPLACED_BEFORE_DRAWN) is True
    watched_page.assert_clean("the study overview dashboard")
