"""The materials tracker under Voila: record steps for three people and see the funnel."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.browser


def record(page, identifier: str, worker: str, *steps: str) -> None:
    page.get_by_label("Person").select_option(label="New person")
    # The kernel clears the form for a new person; wait for that before typing into it.
    page.get_by_role("button", name="Add person").wait_for(timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('input')].every(i => i.type !== 'text' || "
        "!i.value.startsWith('BT-'))"
    )
    page.get_by_label("Identifier (no names)").fill(identifier)
    page.get_by_label("Worker (initials or code)").fill(worker)
    page.get_by_label("On caseload from").fill((date.today() - timedelta(days=200)).isoformat())
    labels = ["Guide explained", "Map made", "Goals agreed"]
    for label, day in zip(labels, steps, strict=False):
        page.get_by_label(label).fill(day)
    page.get_by_role("button", name="Add person").click()
    page.get_by_text(f"Added {identifier} to the tracker").wait_for(timeout=30_000)


def test_record_steps_for_three_people_and_see_the_funnel(voila_url, page, watched_page):
    started = time.monotonic()
    page.goto(f"{voila_url}/voila/render/materials_tracker.ipynb", timeout=120_000)
    page.get_by_label("Identifier (no names)").wait_for(timeout=120_000)
    print(f"materials_tracker.ipynb: widget visible after {time.monotonic() - started:.1f} s")
    assert "from connecting_people" not in page.content()  # code hidden
    # A team name of its own, so other tests' records do not change the counts.
    team = f"Browser team {random.randint(1000, 9999)}"
    box = page.get_by_label("Team")
    box.fill(team)
    box.press("Enter")
    page.get_by_text(f"Showing the tracker of {team}").wait_for(timeout=30_000)

    day = lambda n: (date.today() - timedelta(days=n)).isoformat()  # noqa: E731
    record(page, "BT-001", "JB", day(150), day(140))
    record(page, "BT-002", "JB", day(120))
    record(page, "BT-003", "AK")

    page.get_by_role("button", name="Funnel").click()
    page.get_by_text("Worker JB: 2 of 2 people on the caseload").wait_for(timeout=30_000)
    page.get_by_text("Worker AK: 0 of 1 person on the caseload").wait_for(timeout=30_000)
    page.locator(".js-plotly-plot, .plotly-graph-div").first.wait_for(timeout=30_000)
    watched_page.assert_clean("the tracker dashboard")


def test_a_name_is_refused_with_a_clear_message(voila_url, page):
    page.goto(f"{voila_url}/voila/render/materials_tracker.ipynb", timeout=120_000)
    page.get_by_label("Identifier (no names)").fill("Margaret Jones")
    page.get_by_label("Worker (initials or code)").fill("JB")
    page.get_by_role("button", name="Add person").click()
    page.get_by_text("has a space, which usually means a name").wait_for(timeout=30_000)
    assert "Traceback" not in page.content()
