"""Pages in Chromium: a closing page ends its kernel, a page left open is culled, the room refills.

Kernels are counted twice: by the room's own status and by the kernel
processes under the room's process, so neither count can hide a leak.
"""

from __future__ import annotations

import pytest

from tests.room.conftest import PLACES, ROOM_DASHBOARD, start_room, stop

pytestmark = [pytest.mark.room, pytest.mark.browser]

NOTEBOOK = f"{ROOM_DASHBOARD}.ipynb"
MAIN_WIDGET = "What the study found"


def start_opening(browser, room):
    """A new tab (its own cookies) asks for the dashboard; it loads while others start."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{room.url}/voila/render/{NOTEBOOK}?token={room.code}", timeout=120_000,
              wait_until="commit")
    return context, page


def wait_until_shown(opened) -> None:
    for _context, page in opened:
        page.get_by_text(MAIN_WIDGET).first.wait_for(timeout=120_000)


def open_dashboards(browser, room, count: int):
    """``count`` tabs open the dashboard at once, as people arriving together do."""
    opened = [start_opening(browser, room) for _ in range(count)]
    wait_until_shown(opened)
    return opened


def close_like_a_tab(page) -> None:
    """Close the page and run its unload handlers (its beacon), waiting until it has gone."""
    with page.expect_event("close"):
        page.close(run_before_unload=True)


def all_places_warm(status) -> bool:
    entry = status["dashboards"][NOTEBOOK]
    return entry["ready"] == PLACES and entry["in_use"] == 0 and status["kernels"] == PLACES


def test_open_and_close_20_pages_and_only_the_pool_is_left(room, playwright_browser):
    room.wait_for_status(all_places_warm, timeout=180, what="every place warm")
    assert len(room.kernel_processes()) == PLACES
    most_kernels = 0
    for round_number in range(20 // PLACES):
        opened = open_dashboards(playwright_browser, room, PLACES)
        most_kernels = max(most_kernels, room.status()["kernels"])
        for context, page in opened:
            if round_number % 2 == 0:
                # The page closes as a tab does: its beacon ends the kernel at once.
                close_like_a_tab(page)
            # Otherwise the browser just goes away; the culler ends the kernel.
            context.close()
        room.wait_for_status(all_places_warm, timeout=180, what="the pool refilled")
    assert most_kernels == PLACES  # the pool never grew past its cap
    status = room.wait_for_status(all_places_warm, timeout=60, what="only the pool left")
    assert status["kernels"] == PLACES
    assert len(room.kernel_processes()) == PLACES


def test_a_full_room_says_so_and_a_closing_page_gives_its_place_back(playwright_browser):
    room = start_room(["--cull-after", "600"])  # so only the closing page frees a place
    try:
        room.wait_for_status(all_places_warm, timeout=180, what="every place warm")
        holders = open_dashboards(playwright_browser, room, PLACES)
        context = playwright_browser.new_context()
        waiting = context.new_page()
        waiting.goto(f"{room.url}/voila/render/{NOTEBOOK}?token={room.code}")
        waiting.get_by_role("heading", name="The room is full, please wait").wait_for()
        assert "tries again by itself every 10 seconds" in waiting.inner_text("main")
        context.close()
        first_context, first_page = holders[0]
        close_like_a_tab(first_page)
        # The beacon ended that kernel at once (the culler would wait 600 s), and the
        # room warms a new one in its place without passing its cap.
        status = room.wait_for_status(
            lambda s: s["dashboards"][NOTEBOOK]["in_use"] == PLACES - 1, timeout=60,
            what="the closed page's kernel ended")
        assert status["kernels"] <= PLACES
        for holder_context, _ in holders:
            holder_context.close()
    finally:
        stop(room)
