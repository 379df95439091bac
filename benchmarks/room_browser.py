"""A training-room participant in a real browser: headless Chromium, for a few of the K.

The light participant (``room_participant.py``) measures what the room's server
does for a page; it leaves out what the participant's own browser does: fetch
and run Voila's JavaScript (about 10 MB here, plotly.js included), restore the
widgets and draw them. In a room each participant's browser runs on their own
phone or laptop, so 30 Chromium pages on the room's two cores would measure the
browsers, not the room. One Chromium page among K-1 light participants does
what one real participant sees while the others arrive at the same moment.

Time to widget: from asking for the page until the dashboard's main widget is
on screen. Button latency: from the click until its effect shows. Leaving closes
the page as a tab does (its closing beacon ends the kernel).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]


@dataclass
class BrowserVisit:
    widget_s: float | None = None
    button_s: float | None = None
    error: str | None = None


async def browser_visit(browser, url: str, widget: str, button: str, effect: str,
                        timeout_s: float) -> BrowserVisit:
    """Open ``url`` in a fresh context (nothing cached), wait for ``widget``, press ``button``."""
    visit = BrowserVisit()
    context = await browser.new_context()
    page = await context.new_page()
    timeout = timeout_s * 1000
    step = "widget"
    start = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit", timeout=timeout)
        await page.locator(widget).first.wait_for(timeout=timeout)
        visit.widget_s = time.perf_counter() - start
        step = "button"
        pressed = time.perf_counter()
        await page.get_by_role("button", name=button).first.click(timeout=timeout)
        await page.get_by_text(effect).first.wait_for(timeout=timeout)
        visit.button_s = time.perf_counter() - pressed
    except Exception as error:  # noqa: BLE001 - a participant who gives up is a result
        visit.error = f"{step}: {type(error).__name__} {error}"[:200]
    finally:
        with contextlib.suppress(Exception):  # a page already gone is closed
            async with page.expect_event("close"):
                await page.close(run_before_unload=True)
        await context.close()
    return visit
