"""The network-map dashboard in Voila: the same widget, and Python sees every change."""

from __future__ import annotations

import re

import pytest

from connecting_people.network.dashboard import NO_CHARTS_YET

pytestmark = pytest.mark.browser

# The folder the dashboard saves into is a temporary one, set for the whole
# session in tests/conftest.py, never the user's own.


def test_dashboard_map_reaches_python_charts_and_comparison(voila_url, page, watched_page):
    plotly_fetched: list[str] = []
    page.on("request", lambda request: plotly_fetched.append(request.url)
            if request.url.endswith("/plotly-partial.js") else None)
    page.goto(f"{voila_url}/voila/render/network_map.ipynb", timeout=120_000)
    widget = page.locator(".cpn").first
    widget.wait_for(timeout=120_000)
    assert "from connecting_people" not in page.content()  # code hidden
    # An empty map has no chart yet, only a sentence saying when one appears.
    page.get_by_text(NO_CHARTS_YET).wait_for(timeout=30_000)
    assert page.locator(".plotly-graph-div, .js-plotly-plot").count() == 0
    assert plotly_fetched == []  # a page with no chart yet does not load plotly.js

    # Add by keyboard in the browser; Python's own summary follows.
    widget.get_by_label("The person's first name, or a name they choose").fill("Leon")
    for name in ("Mum", "Darren"):
        widget.get_by_label("Name", exact=True).fill(name)
        widget.get_by_label("Name", exact=True).press("Enter")
    page.get_by_text("has 2 connections.").wait_for(timeout=30_000)
    assert page.locator(".cp-network-python").inner_text().startswith("The map of Leon on")
    # Python sends its summary first and the chart after it: wait for the chart itself.
    page.locator(".plotly-graph-div, .js-plotly-plot").first.wait_for(timeout=30_000)
    assert len(plotly_fetched) == 1

    # Python loads a map into the widget: the browser redraws it.
    page.get_by_role("button", name="Load the fictional example (Leon)").click()
    page.get_by_text("The map of Leon on 20 June 2026 has 9 connections.").wait_for(timeout=30_000)
    assert widget.locator('[data-role="list"] li').count() == 9
    changes = widget.locator('[data-role="changes"]')
    changes.wait_for(timeout=30_000)
    assert "New on the map: Bike repair group" in changes.inner_text()
    page.get_by_text("What changed between the two maps").first.wait_for(timeout=30_000)

    # Save to the folder on this machine.
    page.get_by_role("button", name="Save to folder").click()
    # Named by the date and the map's own id, never by the person's name.
    page.get_by_text(re.compile(r"Saved map-2026-06-20-[0-9a-f]{12}\.json in the folder\.")) \
        .wait_for(timeout=30_000)
    # Saving the same map again asks before it replaces the file.
    dad = widget.get_by_label("Name", exact=True)
    dad.fill("Dad")
    dad.press("Enter")
    page.get_by_text("has 10 connections.").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save to folder").click()
    page.get_by_text("Replace it with this one?").wait_for(timeout=30_000)
    page.get_by_role("button", name="Yes, replace it").click()
    page.get_by_text(re.compile(r"Replaced map-2026-06-20-[0-9a-f]{12}\.json")) \
        .wait_for(timeout=30_000)
    assert "Traceback" not in page.content()
    watched_page.assert_clean("the network map dashboard")


def test_maps_for_four_people_on_one_date_are_saved_side_by_side(voila_url, page):
    """محمد, 陈, Zoë and Zo! on one date: four files, none replacing another."""
    import json
    import os
    from pathlib import Path

    page.goto(f"{voila_url}/voila/render/network_map.ipynb", timeout=120_000)
    widget = page.locator(".cpn").first
    widget.wait_for(timeout=120_000)
    saved = []
    for person in ("محمد", "陈", "Zoë", "Zo!"):
        widget.get_by_role("button", name="Clear", exact=True).click()
        widget.get_by_role("button", name="Yes, clear it").click()
        widget.get_by_label("The person's first name, or a name they choose").fill(person)
        widget.get_by_label("Name", exact=True).fill(f"Friend of {person}")
        widget.get_by_label("Name", exact=True).press("Enter")
        # Python's own figures follow (its paragraph is redrawn, so it is looked up afresh).
        page.wait_for_function("""(person) => [...document.querySelectorAll(
            '.cp-network-python')].some((el) => el.textContent.includes(
            `The map of ${person} on`) && el.textContent.includes('has 1 connection.'))""",
                               arg=person, timeout=30_000)
        page.get_by_role("button", name="Save to folder").click()
        # A new "Saved ..." message, naming a file not saved before in this test.
        name = page.wait_for_function("""(before) => {
            const found = document.body.innerText.match(
              /Saved (map-\\d{4}-\\d\\d-\\d\\d-[0-9a-f]{12}\\.json)/);
            return found && !before.includes(found[1]) ? found[1] : null;
        }""", arg=saved, timeout=30_000).json_value()
        saved.append(name)  # (had it asked to replace a file, no new "Saved" would come)
    assert len(set(saved)) == 4, saved
    folder = Path(os.environ["CONNECTING_PEOPLE_MAPS_DIR"])
    people = {json.loads((folder / name).read_text(encoding="utf-8"))["person"] for name in saved}
    assert people == {"محمد", "陈", "Zoë", "Zo!"}
    assert "Traceback" not in page.content()
