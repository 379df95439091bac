"""Study overview: the participant chart and the lists, against the numbers the book quotes.

These are published figures, not sums: the literals are the ones the book's prose
gives (practice_guidance/why_connections_matter.md, about/study_in_numbers.ipynb,
citing the NIHR SSCR summary), so the chart cannot drift from the text.
"""

from __future__ import annotations

from connecting_people import plotting
from connecting_people.dashboards.study_overview import FINDINGS, StudyOverview
from tests.widgets.conftest import capture_figures


def test_study_overview_chart_counts_and_lists(monkeypatch):
    drawn = capture_figures(monkeypatch, plotting, "study_flow_figure")
    StudyOverview()
    [chart] = drawn
    [bar] = chart.data
    assert bar["x"] == ["Recruited", "Interviewed at the start", "Interviewed at six months"]
    assert bar["y"] == [159, 151, 127]  # 127 / 159 = 80%: "about four in five"
    assert bar["text"] == ["159", "151", "127"]
    assert chart.layout["title"]["text"] == (
        "Service users in the implementation study, across 5 NHS Trusts")
    assert len(FINDINGS) == 5  # the five findings the view lists
