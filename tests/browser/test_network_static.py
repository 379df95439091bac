"""The network-map exercise on the static book page, as a person and a worker use it.

No kernel: everything here runs in the browser from the widget state saved at
build time. The page must make no outside request and log no error. Set
``CP_NETWORK_SITE_URL`` to point these tests at a site you built and serve
yourself (the default is the session's own clean build).
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from connecting_people.network import loads

pytestmark = pytest.mark.browser

PAGE = "practice_guidance/mapping_exercise.html"
LIVE = '[data-role="live"]'
KEY = "connecting-people/network-map/v1"
# Keys the book's theme keeps (light or dark mode, sidebar); anything else is the widget's.
REMEMBERED = f"window.localStorage.getItem('{KEY}')"


@pytest.fixture
def network_site(request) -> str:
    return os.environ.get("CP_NETWORK_SITE_URL") or request.getfixturevalue("site_url")


def open_exercise(page, site: str):
    page.goto(f"{site}/{PAGE}")
    widget = page.locator(".cpn").first
    widget.wait_for(timeout=60_000)
    return widget


def add_by_keyboard(page, widget, label: str, kind_keys: str, circle_arrows: str = "",
                    details: list[str] | None = None) -> None:
    """Add one entry with the keyboard only: type, Tab, choose, Enter."""
    widget.get_by_label("Name", exact=True).focus()
    page.keyboard.type(label)
    page.keyboard.press("Tab")  # the kind
    page.keyboard.type(kind_keys)
    page.keyboard.press("Tab")  # the circle: the checked radio takes the focus
    for arrow in circle_arrows.split():
        page.keyboard.press(arrow)
    page.keyboard.press("Tab")  # "More about this connection"
    for key in details or []:
        page.keyboard.press(key)
    # On to "Add to the map", through the details if they are open, as a keyboard user would.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.role") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([sel, label]) => document.querySelector(sel).textContent.includes(label)",
        arg=[LIVE, f"Added {label}"],
    )


def live_text(widget) -> str:
    return widget.locator(LIVE).get_attribute("data-last") or ""


def rows(widget) -> list[str]:
    return widget.locator('[data-role="list"] li strong').all_inner_texts()


def test_make_move_remove_save_reopen_and_compare(network_site, page, watched_page, tmp_path):
    widget = open_exercise(page, network_site)
    today = dt.date.today().isoformat()
    assert widget.get_by_label("Date of this map").input_value() == today
    widget.get_by_label("The person's first name, or a name they choose").focus()
    page.keyboard.type("Aisha")

    add_by_keyboard(page, widget, "Mum", "fa", "ArrowLeft")  # family, inner
    add_by_keyboard(page, widget, "Sam", "fr", "ArrowRight")  # friend, outer
    add_by_keyboard(page, widget, "Care coordinator", "pr")  # professional, middle
    add_by_keyboard(page, widget, "Allotment group", "g", "ArrowRight")  # group, outer
    # Dad: open "More about", Tab past how often and the four kinds of support to the tie
    # (weak -> stressful) and the wish (same -> less), then on to the note.
    add_by_keyboard(page, widget, "Dad", "fa", "", details=[
        "Enter", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "ArrowRight",
        "Tab", "ArrowRight",
    ])
    assert "5 on the map" in live_text(widget)
    assert widget.get_by_label("Name", exact=True).evaluate("el => el === document.activeElement")

    picture = widget.locator('[data-role="picture"] svg')
    assert picture.get_attribute("role") == "img"
    assert picture.locator("g.cp-entry").count() == 5
    assert "Aisha's map has 5 connections" in picture.locator("desc").text_content()
    assert picture.locator("polyline").count() == 2  # Dad's stressful zig-zag and the legend's
    figures = widget.locator('[data-role="figures"]')
    size_row = figures.locator("tr", has_text="Connections on the map")
    assert size_row.locator("td").inner_text() == "5"
    description = widget.locator('[data-role="description"]').inner_text()
    assert "1 tie feels stressful: Dad." in description
    assert "Aisha would like less contact with Dad." in description

    # Move Sam closer, by keyboard; the focus stays on the button pressed.
    widget.get_by_role("button", name="Move Sam closer").focus()
    page.keyboard.press("Enter")
    assert live_text(widget) == "Moved Sam to the middle circle."
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move Sam closer"
    assert "middle circle" in widget.locator("li", has_text="Sam").inner_text()

    # Remove the allotment group; the focus moves to the next row, and undo is offered.
    widget.get_by_role("button", name="Remove Allotment group").focus()
    page.keyboard.press("Enter")
    assert rows(widget) == ["Mum", "Sam", "Care coordinator", "Dad"]
    assert page.evaluate("document.activeElement.dataset.act") == "remove"
    assert widget.get_by_role("button", name="Undo removing Allotment group").is_visible()
    assert page.evaluate(REMEMBERED) is None  # nothing remembered unasked

    # Save a file: a versioned map the Python package reads back.
    with page.expect_download() as download:
        widget.get_by_role("button", name="Save map file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"network-map-Aisha-{today}.json"
    network = loads(saved.read_bytes())
    assert [(e.label, e.circle) for e in network.entries] == [
        ("Mum", 1), ("Sam", 2), ("Care coordinator", 2), ("Dad", 2)]
    assert json.loads(saved.read_text())["version"] == 1

    # Clear, then reopen the file.
    widget.get_by_role("button", name="Clear").click()
    widget.get_by_role("button", name="Yes, clear it").click()
    assert rows(widget) == []
    widget.locator('input[data-role="open"]').set_input_files(str(saved))
    page.wait_for_function(f"document.querySelector('{LIVE}').dataset.last.startsWith('Opened')")
    assert rows(widget) == ["Mum", "Sam", "Care coordinator", "Dad"]
    assert widget.get_by_label("The person's first name, or a name they choose").input_value() \
        == "Aisha"

    # A bad file is explained and changes nothing.
    bad = tmp_path / "not-a-map.json"
    bad.write_text('{"format": "connecting-people/network-map", "version": 1, "entries": 3}')
    widget.locator('input[data-role="open"]').set_input_files(str(bad))
    error = widget.locator('[data-role="file-error"]')
    error.wait_for()
    assert "Could not open not-a-map.json. Your current map has not changed." in error.inner_text()
    assert "The map has no list of entries." in error.inner_text()
    assert len(rows(widget)) == 4

    # Re-map from this one and compare as it changes.
    widget.get_by_role("button", name="Start a new dated map from this one").click()
    add_by_keyboard(page, widget, "Choir", "g")
    widget.get_by_role("button", name="Move Dad closer").click()
    changes = widget.locator('[data-role="changes"]').inner_text()
    assert "New on the map: Choir." in changes
    assert "Moved closer: Dad (middle to inner circle)." in changes
    pair = widget.locator(".cpn-pair svg")
    assert pair.count() == 2
    assert pair.nth(1).locator("tspan", has_text="new").count() == 1
    assert pair.nth(1).locator("tspan", has_text="closer").count() == 1

    # Compare with the saved file instead.
    widget.get_by_role("button", name="Stop comparing").click()
    assert widget.locator(".cpn-pair").count() == 0
    widget.locator('input[data-role="compare-file"]').set_input_files(str(saved))
    widget.locator(".cpn-pair").wait_for()
    assert "New on the map: Choir." in widget.locator('[data-role="changes"]').inner_text()

    # The picture, patched entry by entry as it changed, is the picture drawn from scratch.
    assert widget.evaluate("""el => {
        const view = el.parentElement.cpnView || el.closest('.cpn').parentElement.cpnView;
        const fresh = document.createElement('div');
        fresh.innerHTML = view.freshPicture();
        return fresh.firstElementChild.isEqualNode(el.querySelector('[data-role=picture] svg'));
    }""")
    watched_page.assert_clean("the mapping exercise page")


def test_remember_on_this_device_only_when_asked_and_clear_removes_it(network_site, page,
                                                                      watched_page):
    widget = open_exercise(page, network_site)
    add_by_keyboard(page, widget, "Priya", "fr")
    assert page.evaluate(REMEMBERED) is None
    widget.get_by_label("Remember on this device").check()
    stored = json.loads(page.evaluate(REMEMBERED))
    assert stored["map"]["entries"][0]["label"] == "Priya"
    page.reload()
    widget = page.locator(".cpn").first
    widget.wait_for()
    assert rows(widget) == ["Priya"]
    assert widget.get_by_label("Remember on this device").is_checked()
    widget.get_by_role("button", name="Clear").click()
    widget.get_by_role("button", name="Yes, clear it").click()
    assert page.evaluate(REMEMBERED) is None
    page.reload()
    widget = page.locator(".cpn").first
    widget.wait_for()
    assert rows(widget) == []
    watched_page.assert_clean("the mapping exercise page after remembering")


def test_hostile_labels_are_shown_as_text(network_site, page, watched_page):
    widget = open_exercise(page, network_site)
    page.evaluate("() => { window.alerted = false; window.alert = () => { window.alerted = 1; }; }")
    for label in ("<img src=x onerror=alert(1)>", '=HYPERLINK("http://x","y")'):
        widget.get_by_label("Name", exact=True).fill(label)
        widget.get_by_role("button", name="Add to the map").click()
    assert rows(widget) == ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://x","y")']
    assert widget.locator("img").count() == 0
    assert not page.evaluate("window.alerted")
    watched_page.assert_clean("the page with hostile labels")


def test_readable_at_phone_width(network_site, playwright_browser):
    context = playwright_browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        widget = open_exercise(page, network_site)
        widget.get_by_label("Name", exact=True).fill("Grandad")
        widget.get_by_role("button", name="Add to the map").click()
        fits = widget.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        assert fits, "the widget scrolls sideways at 360 px"
        svg = widget.locator('[data-role="picture"] svg')
        drawn = svg.evaluate("s => s.getBoundingClientRect().width")
        view_width = float(svg.get_attribute("viewBox").split()[2])
        assert drawn <= 360 and drawn / view_width >= 0.85, (drawn, view_width)
        label = svg.locator("g.cp-entry text").first
        assert label.evaluate("t => t.getBoundingClientRect().height") >= 11
    finally:
        context.close()


def test_no_serious_accessibility_problems_with_the_widget_in_use(network_site, page):
    from axe_playwright_python.sync_playwright import Axe

    widget = open_exercise(page, network_site)
    for label in ("Mum", "Sam"):
        widget.get_by_label("Name", exact=True).fill(label)
        widget.get_by_role("button", name="Add to the map").click()
    widget.get_by_role("button", name="Start a new dated map from this one").click()
    widget.get_by_role("button", name="Move Sam closer").click()
    widget.locator("details.cpn-more summary").click()
    results = Axe().run(page)  # the whole page, with the widget in use and a comparison open
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not problems, "\n".join(problems)


def test_print_worksheet_is_blank_with_all_kinds(network_site, page, watched_page):
    widget = open_exercise(page, network_site)
    with page.context.expect_page() as opened:
        widget.get_by_role("button", name="Print blank worksheet").click()
    sheet = opened.value
    sheet.wait_for_load_state()
    assert sheet.url.startswith("blob:")
    assert sheet.get_by_role("heading", name="My network map").is_visible()
    assert sheet.get_by_role("button", name="Print").is_visible()
    drawing = sheet.locator("svg")
    for kind in ("Family", "Friends", "Neighbours", "Work, study", "Groups", "Places", "Online",
                 "Services"):
        assert drawing.locator("text", has_text=kind).count() == 1
    assert drawing.locator("g.cp-entry").count() == 0
    sheet.close()
    watched_page.assert_clean("the page after opening the worksheet")


def test_service_users_page_speaks_to_the_person(network_site, page, watched_page):
    page.goto(f"{network_site}/service_user_guide/make_your_map.html")
    widget = page.locator(".cpn").first
    widget.wait_for(timeout=60_000)
    widget.get_by_label("Your name, or any name you like").fill("Jo")
    widget.get_by_label("Name", exact=True).fill("My sister")
    widget.get_by_role("button", name="Add to the map").click()
    widget.get_by_role("button", name="Edit My sister").wait_for()
    assert "Jo's map has 1 connection" in widget.locator('[data-role="description"]').inner_text()
    assert page.locator("svg[role=img]").count() >= 2  # the widget's map and Leon's example
    watched_page.assert_clean("the service user's guide map page")
