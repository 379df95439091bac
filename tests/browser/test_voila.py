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
