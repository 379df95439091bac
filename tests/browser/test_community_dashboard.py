"""The community directory under Voila: add a resource and find it by search, by keyboard too."""

from __future__ import annotations

import time
import uuid

import pytest

pytestmark = pytest.mark.browser


def open_dashboard(page, voila_url: str) -> float:
    started = time.monotonic()
    page.goto(f"{voila_url}/voila/render/community_directory.ipynb", timeout=120_000)
    page.get_by_role("button", name="Add or edit").wait_for(timeout=120_000)
    return time.monotonic() - started


def test_add_a_resource_and_find_it_by_search(voila_url, page, watched_page):
    seconds = open_dashboard(page, voila_url)
    print(f"community_directory.ipynb: widget visible after {seconds:.1f} s")
    assert "Traceback" not in page.content() and "from connecting_people" not in page.content()
    name = f"Canal Walkers {uuid.uuid4().hex[:6]}"

    page.get_by_role("button", name="Add or edit").click()
    page.get_by_label("Name *").fill(name)
    page.get_by_label("Kind *").select_option(label="Group or club")
    page.get_by_label("What it offers *").fill("Gentle canal-side walks <b>with tea</b>")
    page.get_by_label("Area *").fill("Lockside")
    page.get_by_label("Access and transport").fill("Flat towpath; bus 7")
    page.get_by_role("button", name="Add entry").click()
    page.get_by_text(f"Added '{name}'").wait_for(timeout=30_000)

    page.get_by_role("button", name="Find").click()
    search = page.get_by_label("Search for")
    search.fill("canal lockside")
    search.press("Enter")
    results = page.locator("table.cp-table")
    results.get_by_text(name).wait_for(timeout=30_000)
    assert "<b>with tea</b>" in results.inner_text()  # shown as text, not made bold
    assert results.locator("b").count() == 0
    search.fill("no such thing anywhere")
    search.press("Enter")
    page.get_by_text("No entries match").wait_for(timeout=30_000)
    watched_page.assert_clean("the community directory dashboard")


def test_bad_input_shows_a_message_not_a_traceback(voila_url, page, watched_page):
    open_dashboard(page, voila_url)
    page.get_by_role("button", name="Add or edit").click()
    page.get_by_label("Name *").fill("")
    page.get_by_role("button", name="Add entry").click()
    page.get_by_text("Nothing was saved. Please fix:").wait_for(timeout=30_000)
    assert page.get_by_text("Name: this is required").count() == 1
    assert "Traceback" not in page.content()
    watched_page.assert_clean("the community directory dashboard after bad input")
