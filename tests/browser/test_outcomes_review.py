"""The outcomes review under Voila: load two maps and see the change."""

from __future__ import annotations

import json
import time

import pytest

from connecting_people.outcomes import examples

pytestmark = pytest.mark.browser


def choose(page, button: str, path) -> None:
    """Press an upload button and pick a file, as a person does."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=button).click()
    chooser.value.set_files(str(path))


def test_load_two_maps_and_see_the_change(voila_url, page, watched_page, tmp_path):
    start = tmp_path / "ng101_start.json"
    review = tmp_path / "ng101_six_months.json"
    start.write_text(examples.map_json("NG-101", "before"), encoding="utf-8")
    after = examples.map_document("NG-101", "after")
    for entry, tried in zip(after["entries"][-3:], ("yes", "no", "not_yet"), strict=True):
        entry["suggestion"] = {"suggested": after["date"], "tried": tried, "outcome": ""}
    review.write_text(json.dumps(after), encoding="utf-8")

    started = time.monotonic()
    page.goto(f"{voila_url}/voila/render/outcomes_review.ipynb", timeout=120_000)
    page.get_by_text("Map from the start").first.wait_for(timeout=120_000)
    print(f"outcomes_review.ipynb: widget visible after {time.monotonic() - started:.1f} s")
    assert "from connecting_people" not in page.content()  # code hidden

    choose(page, "Map from the start", start)
    page.get_by_text("Now load the map from about six months").wait_for(timeout=30_000)
    choose(page, "Map from about six months", review)
    page.get_by_text("grew from 4 to 6 connections").wait_for(timeout=30_000)
    page.get_by_text("New on the map: Allotment group and Library").wait_for()
    page.get_by_text(
        "Suggested to try on the map from about six months: 3 things. "
        "Tried: yes 1, no 1, not yet 1."
    ).wait_for()
    page.locator(".js-plotly-plot, .plotly-graph-div").first.wait_for(timeout=30_000)
    table = page.locator("table.cp-table").first.inner_text()
    assert "Connections on the map" in table and "+2" in table
    assert "Traceback" not in page.content()
    watched_page.assert_clean("the outcomes review dashboard")


def test_a_file_that_is_not_a_map_gives_a_message(voila_url, page, tmp_path):
    bad = tmp_path / "not_a_map.json"
    bad.write_text('{"hello": "<script>alert(1)</script>"}', encoding="utf-8")
    page.goto(f"{voila_url}/voila/render/outcomes_review.ipynb", timeout=120_000)
    page.get_by_text("Map from the start").first.wait_for(timeout=120_000)
    choose(page, "Map from the start", bad)
    page.get_by_text("Nothing was saved").wait_for(timeout=30_000)
    assert "Traceback" not in page.content()
    assert page.locator("script:text('alert(1)')").count() == 0
