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
import re
from pathlib import Path

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
    # Dad: open "More about", Tab past how often and the four kinds of support and "None of
    # these" to the tie (not answered -> stressful) and the wish (not answered -> less).
    add_by_keyboard(page, widget, "Dad", "fa", "", details=[
        "Enter", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab",
        "ArrowRight", "ArrowRight", "ArrowRight", "Tab", "ArrowRight", "ArrowRight", "ArrowRight",
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
    page.wait_for_function(
        f"document.querySelector('{LIVE}').dataset.last.startsWith('Removed Allotment group')")
    assert rows(widget) == ["Mum", "Sam", "Care coordinator", "Dad"]
    assert page.evaluate("document.activeElement.dataset.act") == "remove"
    assert widget.get_by_role("button", name="Undo removing Allotment group").is_visible()
    assert page.evaluate(REMEMBERED) is None  # nothing remembered unasked

    # Save a file: a versioned map the Python package reads back.
    with page.expect_download() as download:
        widget.get_by_role("button", name="Save map file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    # Named by the date and the map's own id, never the person's name.
    assert re.fullmatch(rf"map-{today}-[0-9a-f]{{12}}\.json", saved.name), saved.name
    network = loads(saved.read_bytes())
    assert [(e.label, e.circle) for e in network.entries] == [
        ("Mum", 1), ("Sam", 2), ("Care coordinator", 2), ("Dad", 2)]
    assert json.loads(saved.read_text())["version"] == 2
    assert network.map_id in saved.name
    assert [(e.tie, e.wish) for e in network.entries][-1] == ("stressful", "less")

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
    bad.write_text('{"format": "connecting-people/network-map", "version": 2, "entries": 3}')
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


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_accessibility_problems_with_the_widget_in_use(network_site, page, mode):
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme=mode)
    widget = open_exercise(page, network_site)
    # The theme's own switch: light or dark, whatever the system says.
    page.evaluate(f"() => {{ document.documentElement.dataset.theme = '{mode}'; "
                  f"document.documentElement.dataset.mode = '{mode}'; }}")
    for label in ("Mum", "Sam"):
        widget.get_by_label("Name", exact=True).fill(label)
        widget.get_by_role("button", name="Add to the map").click()
    widget.get_by_role("button", name="Start a new dated map from this one").click()
    widget.get_by_role("button", name="Move Sam closer").click()
    widget.locator("details.cpn-more summary").click()
    results = Axe().run(page)  # the whole page, with the widget in use and a comparison open
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert not problems, "\n".join(problems)


# The colours the browser paints (after the style sheet), not the markup's own attributes.
PAINTED = """svg => {
  const fill = (el) => getComputedStyle(el).fill;
  const kindsDrawn = {};
  for (const g of svg.querySelectorAll('g.cp-entry')) {
    const mark = g.querySelector('circle, rect');
    kindsDrawn[g.querySelector('title').textContent.split(': ')[0]] = fill(mark);
  }
  const key = {};
  for (const item of svg.querySelectorAll('g.cp-legend > g')) {
    const sample = item.querySelector('circle, rect');
    if (sample) key[item.querySelector('text:last-of-type').textContent] = fill(sample);
  }
  const label = svg.querySelector('g.cp-entry text');
  return { background: getComputedStyle(svg).backgroundColor, card:
    getComputedStyle(svg.closest('.cpn')).backgroundColor, drawn: kindsDrawn, key,
    label: fill(label), keyText: fill(svg.querySelector('g.cp-legend text:not([fill])')) };
}"""


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of an 'rgb(r, g, b)' colour."""
    def channel(value: str) -> float:
        c = int(value) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = re.findall(r"\d+", colour)[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_map_is_drawn_in_the_pages_mode_and_the_key_matches(network_site, page, mode):
    page.emulate_media(color_scheme=mode)
    widget = open_exercise(page, network_site)
    page.evaluate(f"() => {{ document.documentElement.dataset.theme = '{mode}'; }}")
    for label, kind in (("Mum", "family"), ("Sam", "friend"), ("Library", "place")):
        widget.get_by_label("Name", exact=True).fill(label)
        widget.get_by_label("What kind").select_option(value=kind)
        widget.get_by_role("button", name="Add to the map").click()
        widget.get_by_role("button", name=f"Edit {label}").wait_for()
    painted = widget.locator('[data-role="picture"] svg').evaluate(PAINTED)
    dark = mode == "dark"
    assert (luminance(painted["background"]) < 0.05) is dark, painted["background"]
    assert painted["card"] == painted["background"]
    # Each mark is painted in its kind's colour in the key, in either mode.
    assert painted["drawn"]["Mum"] == painted["key"]["Family"]
    assert painted["drawn"]["Sam"] == painted["key"]["Friends"]
    assert painted["drawn"]["Library"] == painted["key"]["Places"]
    assert len({painted["drawn"][n] for n in ("Mum", "Sam", "Library")}) == 3
    for text in (painted["label"], painted["keyText"]):
        assert contrast(text, painted["background"]) >= 4.5, (text, painted["background"])


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
        assert drawing.locator("g.cp-frame text", has_text=kind).count() == 1
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
    # Read the page back as the person would: "you", "your map", and no map type anywhere.
    description = widget.locator('[data-role="description"]').inner_text()
    assert description.startswith("You have 1 on your map.")
    assert "Still to say for some: how often you see them (1)" in description
    assert widget.get_by_role("heading", name="On your map").is_visible()
    assert widget.get_by_role("heading", name="What your map shows").is_visible()
    assert widget.locator('[data-role="type"]').count() == 0
    picture = widget.locator('[data-role="picture"] svg')
    assert picture.locator("title").first.text_content().startswith("Your network map, ")
    assert picture.locator("desc").text_content().startswith("You have 1 on your map.")
    whole_page = page.locator("main").inner_text()
    for worker_words in ("map type", "The person's map", "book's own name", "Mostly services"):
        assert worker_words not in whole_page, worker_words
    assert page.locator("svg[role=img]").count() >= 2  # the widget's map and Leon's example
    watched_page.assert_clean("the service user's guide map page")


def test_an_entry_with_only_a_name_saves_no_answers(network_site, page, watched_page, tmp_path):
    widget = open_exercise(page, network_site)
    widget.get_by_label("Name", exact=True).fill("Mum")
    widget.get_by_label("Name", exact=True).press("Enter")
    widget.get_by_role("button", name="Edit Mum").wait_for()
    figures = widget.locator('[data-role="figures"]')
    assert figures.locator("tr", has_text="In contact weekly or more").locator("td") \
        .inner_text() == "not answered yet"
    description = widget.locator('[data-role="description"]').inner_text()
    assert "Not answered yet: how often in contact (1 of 1)" in description
    assert "Not named yet" in widget.locator('[data-role="type"]').inner_text()
    with page.expect_download() as download:
        widget.get_by_role("button", name="Save map file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    entry = json.loads(saved.read_text(encoding="utf-8"))["entries"][0]
    assert entry == {"id": entry["id"], "label": "Mum", "kind": "family", "circle": 2,
                     "note": ""}
    watched_page.assert_clean("the page after saving a name-only entry")


def test_a_suggestion_to_try_and_a_link_by_keyboard(network_site, page, watched_page):
    widget = open_exercise(page, network_site)
    for name in ("Sam", "Walking group"):
        widget.get_by_label("Name", exact=True).fill(name)
        widget.get_by_label("Name", exact=True).press("Enter")
        widget.get_by_role("button", name=f"Edit {name}").wait_for()
    widget.get_by_role("button", name="Edit Walking group").focus()
    page.keyboard.press("Enter")
    widget.get_by_label("This is a suggestion to try").check()
    widget.get_by_label("What helped or got in the way").fill("The leader said hello.")
    widget.get_by_label("Knows").select_option(label="Sam")
    widget.get_by_role("button", name="Add link").focus()
    page.keyboard.press("Enter")
    assert live_text(widget) == "Linked Walking group and Sam: they know each other."
    picture = widget.locator('[data-role="picture"] svg')
    assert picture.locator("g.cp-links line").count() == 1
    widget.get_by_role("button", name="Save changes").click()
    assert "to try, not yet" in widget.locator("li", has_text="Walking group").inner_text()
    figures = widget.locator('[data-role="figures"]')
    assert figures.locator("tr", has_text="Things suggested to try").locator("td") \
        .inner_text() == "1 (0 tried)"
    widget.get_by_role("button", name="Edit Walking group").click()
    widget.get_by_role("button", name="Remove the link between Walking group and Sam").focus()
    page.keyboard.press("Enter")
    assert picture.locator("g.cp-links line").count() == 0
    watched_page.assert_clean("the page after a suggestion and a link")


def _twenty_entry_map() -> dict:
    kinds = ["family", "friend", "neighbour", "work_study", "group_activity", "place", "online",
             "professional_service"]
    entries = [{"id": f"e{i}", "label": f"Person number {i}", "kind": kinds[i % 8],
                "circle": 1 + i % 3, "contact": "weekly", "tie": "strong", "note": ""}
               for i in range(20)]
    return {"format": "connecting-people/network-map", "version": 2, "id": "print20",
            "person": "Ola", "date": "2026-05-01", "entries": entries,
            "links": [{"from": "e0", "to": "e1"}], "notes": ""}


def test_print_this_map_fits_two_a4_pages_with_no_form(network_site, page, tmp_path: Path):
    widget = open_exercise(page, network_site)
    path = tmp_path / "twenty.json"
    path.write_text(json.dumps(_twenty_entry_map()), encoding="utf-8")
    widget.locator('input[data-role="open"]').set_input_files(str(path))
    page.wait_for_function("document.querySelectorAll('.cpn [data-role=list] li').length === 20")
    # "Print this map" marks the page for printing; the real print dialog is replaced.
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    widget.get_by_role("button", name="Print this map").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    visible_controls = page.evaluate("""() => [...document.querySelectorAll(
        'input, select, textarea, button')].filter((el) => el.getClientRects().length).length""")
    assert visible_controls == 0
    assert widget.locator('[data-role="print-title"]').inner_text() == \
        "Ola's network map, 1 May 2026"
    assert widget.locator('[data-role="picture"] svg').is_visible()
    assert widget.locator('[data-role="list"]').is_visible()
    assert widget.locator('[data-role="figures"]').is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert 1 <= pages <= 2, pages


def test_the_picture_downloads_as_png(network_site, page, tmp_path: Path):
    widget = open_exercise(page, network_site)
    widget.get_by_label("Name", exact=True).fill("Mum")
    widget.get_by_label("Name", exact=True).press("Enter")
    widget.get_by_role("button", name="Edit Mum").wait_for()
    with page.expect_download() as download:
        widget.get_by_role("button", name="Download picture (PNG)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".png")
    data = saved.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width >= 600  # drawn at twice the picture's size, for print


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network" / "valid"
# Every pair of drawn names (entry labels, slice names, circle names), measured with getBBox.
OVERLAPS = """svg => {
  const texts = [...svg.querySelectorAll('text')].filter((t) => !t.closest('.cp-legend'));
  const boxes = texts.map((t) => ({ box: t.getBBox(), words: t.textContent }));
  const clash = [];
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i].box;
      const b = boxes[j].box;
      const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (across > 0.5 && down > 0.5) clash.push([boxes[i].words, boxes[j].words]);
    }
  }
  return { count: boxes.length, clash };
}"""


@pytest.mark.parametrize("fixture", ["crowded", "crowded_phone"])
@pytest.mark.parametrize("width", [360, 390, 640, 1280])
def test_no_name_overlaps_another_on_crowded_maps(network_site, playwright_browser, fixture,
                                                 width):
    context = playwright_browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        widget = open_exercise(page, network_site)
        widget.locator('input[data-role="open"]').set_input_files(str(FIXTURES / f"{fixture}.json"))
        network = loads((FIXTURES / f"{fixture}.json").read_bytes())
        page.wait_for_function(
            f"document.querySelectorAll('.cpn [data-role=list] li').length === "
            f"{len(network.entries)}")
        # The picture is redrawn at its box's width once the resize is seen; wait for that.
        page.wait_for_function("""() => {
            const box = document.querySelector('.cpn [data-role=picture]');
            const svg = box.querySelector('svg');
            const want = Math.max(300, Math.min(640, Math.floor(box.clientWidth)));
            return svg && Math.abs(svg.viewBox.baseVal.width - want) < 16;
        }""")
        svg = widget.locator('[data-role="picture"] svg')
        result = svg.evaluate(OVERLAPS)
        assert result["clash"] == [], result["clash"]
        labels = svg.locator("g.cp-entry text")
        size = svg.evaluate("s => s.viewBox.baseVal.width")
        print(f"{fixture} at {width} px (drawn at {size:.0f}): {labels.count()} of "
              f"{len(network.entries)} names on the picture")
        assert labels.count() >= 10  # most names still have room, even on a phone
        # Every mark, named on the picture or not, carries its full name as its title.
        titles = svg.locator("g.cp-entry > title").all_text_contents()
        assert sorted(t.split(": ")[0] for t in titles) == sorted(e.label for e in network.entries)
        # A name shortened on the picture is in full in its mark's title and in the list.
        full = {e.label for e in network.entries}
        listed = set(rows(widget))
        assert listed == full
        for group in svg.locator("g.cp-entry").all():
            title = group.locator("title").text_content()
            assert title.split(": ")[0] in full
            shown = group.locator("text tspan").first
            if shown.count() and shown.text_content().endswith("…"):
                assert title.split(": ")[0].startswith(shown.text_content()[:-1].rstrip())
    finally:
        context.close()
