"""The capacity planner: change protected hours and see the plan change, on the static page and
under Voila. On the static page there is no kernel: the browser's copy of the rules answers.

Set ``CP_CAPACITY_SITE_URL`` to test a site you built and serve yourself (the default is the
session's own clean build).
"""

from __future__ import annotations

import os
import time

import pytest

pytestmark = pytest.mark.browser

HOURS = "Hours a week the team protects for this work"


@pytest.fixture
def capacity_site(request) -> str:
    return os.environ.get("CP_CAPACITY_SITE_URL") or request.getfixturevalue("site_url")


def change_hours_and_see_the_plan_change(page) -> None:
    planner = page.locator(".cp-capacity").first
    headline = planner.locator(".cp-capacity-headline")
    assert headline.inner_text().startswith("The plan fits")
    hours = planner.get_by_label(HOURS)
    hours.fill("2.5")
    page.wait_for_function(
        "el => el.textContent.startsWith('The plan does not fit')", arg=headline.element_handle()
    )
    suggestions = planner.locator(".cp-capacity-suggestions").inner_text()
    assert "Start no more than 1 person a month" in suggestions
    assert "from 2.5 to 4.5" in suggestions
    hours.fill("2.25")
    planner.locator(".cp-capacity-error", has_text="use whole or half hours").wait_for()
    assert hours.get_attribute("aria-invalid") == "true"
    hours.fill("5")
    page.wait_for_function(
        "el => el.textContent.startsWith('The plan fits')", arg=headline.element_handle()
    )


def test_static_page_planner_works_with_no_kernel(capacity_site, page, watched_page):
    started = time.monotonic()
    page.goto(f"{capacity_site}/implementation_manual/capacity_planner.html")
    page.locator(".cp-capacity").first.get_by_label(HOURS).wait_for(timeout=60_000)
    print(f"capacity_planner.html: planner ready after {time.monotonic() - started:.1f} s")
    change_hours_and_see_the_plan_change(page)
    # Keyboard only: Tab reaches the boxes in order, and typing changes the answer.
    hours = page.locator(".cp-capacity").first.get_by_label(HOURS)
    hours.focus()
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "support_minutes"
    watched_page.assert_clean("the capacity planner page")


def shown_headlines(page) -> list[str]:
    """The planner's headlines a reader can see now (the answer's and the bar's)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.cp-capacity-headline, .cp-capacity-sticky')).filter((el) => {
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return style.visibility !== 'hidden' && style.display !== 'none'
            && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
        }).map((el) => el.textContent)""")


def test_the_result_is_shown_once_on_screen_and_in_print(capacity_site, page):
    page.goto(f"{capacity_site}/implementation_manual/capacity_planner.html")
    planner = page.locator(".cp-capacity").first
    planner.get_by_label(HOURS).wait_for(timeout=60_000)
    # With the form on screen and the answer below it, the bar at the bottom shows the headline.
    planner.get_by_label("People on the team's caseload").scroll_into_view_if_needed()
    page.wait_for_function("() => !document.querySelector('.cp-capacity-sticky')"
                           ".classList.contains('cp-answer-in-view')")
    assert shown_headlines(page) == [planner.locator(".cp-capacity-headline").text_content()]
    # With the answer itself in view, the bar hides: the result is not printed twice.
    planner.locator(".cp-capacity-headline").scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.cp-capacity-sticky')"
                           ".classList.contains('cp-answer-in-view')")
    assert shown_headlines(page) == [planner.locator(".cp-capacity-headline").text_content()]
    page.emulate_media(media="print")
    sticky = planner.locator(".cp-capacity-sticky")
    assert sticky.evaluate("el => getComputedStyle(el).display") == "none"


def test_voila_planner_changes_and_saves_a_plan(voila_url, page, watched_page):
    started = time.monotonic()
    page.goto(f"{voila_url}/voila/render/capacity_planner.ipynb", timeout=120_000)
    page.locator(".cp-capacity").first.get_by_label(HOURS).wait_for(timeout=120_000)
    print(f"capacity_planner.ipynb: widget visible after {time.monotonic() - started:.1f} s")
    change_hours_and_see_the_plan_change(page)
    page.get_by_label("Plan name").fill("Browser test plan")
    page.get_by_role("button", name="Save this plan").click()
    saved = page.get_by_text("Saved 'Browser test plan'")
    try:
        saved.wait_for(timeout=60_000)
    except Exception:
        messages = page.locator(".cp-message").all_inner_texts()
        pytest.fail(f"the plan was not saved; the dashboard said: {messages}")
    page.locator("table.cp-table").get_by_text("Browser test plan").first.wait_for()
    watched_page.assert_clean("the capacity planner dashboard")
