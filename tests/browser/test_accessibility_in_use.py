"""Every exercise stays accessible while it is used, in light and dark mode, on a phone and zoomed.

A page that passes axe when it first loads can still fail once a person uses it:
new results appear, colours change in dark mode, a sticky bar covers the box
being typed in. So each exercise is used first (the map: two entries; the
self-audit: a few ratings; the planner: typed numbers), then checked:

- axe-core finds nothing, at any impact, in the theme's light and dark modes;
- nothing scrolls sideways at 390 px;
- no focused control is hidden by a sticky bar, at 390 px or at 200% zoom;
- every control, the theme's header buttons included, shows a visible focus;
- live regions are atomic and announce a short sentence, not the whole answer.

Across the built book: headings go down one level at a time and no table
header is empty. Set ``CP_A11Y_SITE_DIR`` to a built ``_build/html`` folder to
check that build instead of the session's own.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# 200% zoom of a 1280 x 900 window: the page lays out in half the CSS pixels.
ZOOMED = {"width": 640, "height": 450}
# A spoken update longer than this is a paragraph, not an announcement.
MAX_ANNOUNCEMENT = 120
NOT_BOOK_PAGES = {"genindex.html", "search.html", "py-modindex.html"}


@pytest.fixture(scope="module")
def a11y_site(request) -> str:
    private = os.environ.get("CP_A11Y_SITE_DIR")
    if private:
        from connecting_people.cli import start_site_server

        server = start_site_server(free_port(), Path(private))
        request.addfinalizer(server.shutdown)
        return f"http://127.0.0.1:{server.server_address[1]}"
    return request.getfixturevalue("site_url")


@pytest.fixture(scope="module")
def a11y_html_root(request) -> Path:
    private = os.environ.get("CP_A11Y_SITE_DIR")
    return Path(private) if private else request.getfixturevalue("built_book")


# ---------------------------------------------------------------- using each exercise
def use_map(page) -> None:
    widget = page.locator(".cpn").first
    for name in ("Mum", "Allotment group"):
        widget.get_by_label("Name", exact=True).fill(name)
        widget.locator('[data-role="submit"]').click()
        page.wait_for_function(
            "([el, name]) => el.textContent.includes(`Added ${name}`)",
            arg=[widget.locator('[data-role="live"]').element_handle(), name],
        )


def use_self_audit(page) -> None:
    items = page.locator(".cp-audit .cp-item")
    for index, value in enumerate(["4", "2", "cannot", "5", "1"]):
        items.nth(index).locator(f"input[value='{value}']").check()
    page.wait_for_function(
        "el => el.textContent.startsWith('5 of ')",
        arg=page.locator(".cp-audit-progress").element_handle(),
    )


def use_planner(page) -> None:
    planner = page.locator(".cp-capacity").first
    hours = planner.get_by_label("Hours a week the team protects for this work")
    hours.fill("")
    hours.press_sequentially("2.5")
    starts = planner.get_by_label("People starting Connecting People each month")
    starts.fill("")
    starts.press_sequentially("2")
    page.wait_for_function(
        "el => el.textContent.startsWith('The plan')",
        arg=planner.locator(".cp-capacity-headline").element_handle(),
    )


EXERCISES = {
    "map": ("practice_guidance/mapping_exercise.html", ".cpn", use_map),
    "self_audit": ("implementation_manual/self_audit.html", ".cp-audit", use_self_audit),
    "planner": ("implementation_manual/capacity_planner.html", ".cp-capacity", use_planner),
}


def open_page(browser, site: str, relative: str, *, mode: str, viewport: dict, scale: float = 1):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale,
                                  color_scheme=mode)
    # The theme reads its mode from localStorage before it paints.
    context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                            f"localStorage.setItem('theme', '{mode}');")
    page = context.new_page()
    page.set_default_timeout(30_000)
    # Record every update of every live region, as a screen reader would hear it.
    page.add_init_script("""
        window.__announcements = [];
        new MutationObserver((records) => {
          const seen = new Set();
          for (const record of records) {
            let node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
            const region = node && node.closest('[aria-live], [role=status], [role=alert]');
            if (!region || seen.has(region)) continue;
            seen.add(region);
            const text = region.textContent.replace(/\\s+/g, ' ').trim();
            if (text) window.__announcements.push({
              cls: region.className.baseVal === undefined ? region.className : '',
              atomic: region.getAttribute('aria-atomic'), text});
          }
        }).observe(document, {subtree: true, childList: true, characterData: true});
    """)
    page.goto(f"{site}/{relative}")
    page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'")
    return page


def axe_findings(page, exclude: list[str] | None = None) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(page, context=context) if context else Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']} "
        f"at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


OBSCURED_JS = """async (rootSelector) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const root = document.querySelector(rootSelector);
  const controls = Array.from(root.querySelectorAll(
    'input, button, select, textarea, summary, a[href], [tabindex]:not([tabindex="-1"])'))
    .filter((el) => el.getClientRects().length && !el.disabled
      && getComputedStyle(el).visibility !== 'hidden');
  const stickies = Array.from(document.querySelectorAll('body *')).filter((el) => {
    const position = getComputedStyle(el).position;
    return (position === 'sticky' || position === 'fixed') && el.getClientRects().length
      && getComputedStyle(el).visibility !== 'hidden';
  });
  const hidden = [];
  for (const control of controls) {
    control.focus();
    await frame(); await frame();
    const box = control.getBoundingClientRect();
    for (const sticky of stickies) {
      if (sticky.contains(control)) continue;
      const bar = sticky.getBoundingClientRect();
      const overlap = Math.min(box.bottom, bar.bottom) - Math.max(box.top, bar.top);
      const across = Math.min(box.right, bar.right) - Math.max(box.left, bar.left);
      if (overlap > 1 && across > 1) {
        hidden.push(`${control.tagName.toLowerCase()}#${control.id || control.name || ''}`
          + ` under ${sticky.className || sticky.tagName} by ${Math.round(overlap)} px`);
        break;
      }
    }
  }
  return {checked: controls.length, hidden};
}"""

FOCUS_JS = """(selector) => {
  const controls = Array.from(document.querySelectorAll(selector))
    .filter((el) => el.getClientRects().length);
  const look = (el) => {
    const style = getComputedStyle(el);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join('|');
  };
  const blurred = controls.map(look);
  const unseen = [];
  let checked = 0;
  controls.forEach((el, index) => {
    el.focus();
    if (document.activeElement !== el) return;  // not reachable now, as in a closed <details>
    checked += 1;
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== 'none';
    if (!ring || look(el) === blurred[index]) {
      unseen.push(el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30)
        || `${el.tagName.toLowerCase()}#${el.id}`);
    }
    el.blur();
  });
  return {checked, unseen};
}"""

HEADER_CONTROLS = (".bd-header button, .bd-header a[href], .bd-header-article button, "
                   ".bd-sidebar-primary a[href], .prev-next-area a[href]")


def measure(page, root: str) -> dict:
    """Figures about the exercise as it stands, for the assertions and the report."""
    announcements = page.evaluate("window.__announcements")
    own = page.evaluate("""(root) => Array.from(document.querySelectorAll(
        `${root} [aria-live], ${root} [role=status], ${root} [role=alert]`)).map(
        (el) => el.getAttribute('aria-atomic'))""", root)
    return {
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "client_width": page.evaluate("document.documentElement.clientWidth"),
        "longest_announcement": max((len(a["text"]) for a in announcements), default=0),
        "announcements": announcements,
        "live_regions_atomic": own,
    }


# ---------------------------------------------------------------- the tests
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_no_axe_findings_after_use(playwright_browser, a11y_site, exercise, mode):
    relative, root, use = EXERCISES[exercise]
    page = open_page(playwright_browser, a11y_site, relative, mode=mode,
                     viewport={"width": 1280, "height": 900})
    try:
        page.locator(root).first.wait_for(timeout=60_000)
        use(page)
        findings = axe_findings(page)
        print(f"{exercise} ({mode}): {len(findings)} axe findings")
        assert not findings, f"{exercise} ({mode}):\n" + "\n".join(findings)
        # The widget's headings continue the page's outline, one level down at a time.
        levels = page.evaluate("""() => Array.from(document.querySelectorAll(
            'article h1, article h2, article h3, article h4, article h5, article h6'))
            .filter((el) => el.getClientRects().length).map((el) => Number(el.tagName[1]))""")
        skipped = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert skipped == [], f"{exercise}: heading levels skipped {skipped}"
    finally:
        page.context.close()


@pytest.mark.parametrize("exercise", ["self_audit", "planner"])
@pytest.mark.parametrize("where", ["phone", "zoomed"])
def test_no_sideways_scroll_and_focus_never_hidden(playwright_browser, a11y_site, exercise,
                                                   where):
    relative, root, use = EXERCISES[exercise]
    viewport, scale = (PHONE, 3) if where == "phone" else (ZOOMED, 2)
    page = open_page(playwright_browser, a11y_site, relative, mode="light", viewport=viewport,
                     scale=scale)
    try:
        page.locator(root).first.wait_for(timeout=60_000)
        use(page)
        figures = measure(page, root)
        print(f"{exercise} at {where}: scroll width {figures['scroll_width']} "
              f"for {figures['client_width']}")
        assert figures["scroll_width"] <= figures["client_width"]
        focus = page.evaluate(OBSCURED_JS, root)
        print(f"{exercise} at {where}: {focus['checked']} controls, hidden: {focus['hidden'][:5]}")
        assert focus["checked"] > 5
        assert focus["hidden"] == []
    finally:
        page.context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_control_shows_its_focus(playwright_browser, a11y_site, mode):
    for exercise in ("self_audit", "planner"):
        relative, root, use = EXERCISES[exercise]
        page = open_page(playwright_browser, a11y_site, relative, mode=mode,
                         viewport={"width": 1280, "height": 900})
        try:
            page.locator(root).first.wait_for(timeout=60_000)
            use(page)
            page.keyboard.press("Tab")  # a keyboard user: :focus-visible applies from here on
            for selector in (HEADER_CONTROLS, f"{root} input:not([type=radio]), {root} button, "
                             f"{root} textarea, {root} summary, {root} a[href], "
                             f"{root} .cp-item:first-of-type input[type=radio]"):
                seen = page.evaluate(FOCUS_JS, selector)
                print(f"{exercise} ({mode}) {selector[:20]}: {seen['checked']} controls, "
                      f"no visible focus: {seen['unseen']}")
                assert seen["checked"] > 2
                assert seen["unseen"] == []
        finally:
            page.context.close()


@pytest.mark.parametrize("exercise", ["self_audit", "planner"])
def test_live_announcements_are_short_and_atomic(playwright_browser, a11y_site, exercise):
    relative, root, use = EXERCISES[exercise]
    page = open_page(playwright_browser, a11y_site, relative, mode="light",
                     viewport={"width": 1280, "height": 900})
    try:
        page.locator(root).first.wait_for(timeout=60_000)
        page.evaluate("window.__announcements = []")
        use(page)
        figures = measure(page, root)
        print(f"{exercise}: longest announcement {figures['longest_announcement']} characters; "
              f"aria-atomic {figures['live_regions_atomic']}; "
              f"last {figures['announcements'][-1:]}")
        assert figures["announcements"], "using the exercise announced nothing"
        assert set(figures["live_regions_atomic"]) == {"true"}
        assert figures["longest_announcement"] <= MAX_ANNOUNCEMENT
    finally:
        page.context.close()


# ---------------------------------------------------------------- the built HTML
class _Outline(HTMLParser):
    """The headings and table header cells inside a page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # > 0 while inside <article>
        self.headings: list[tuple[int, str]] = []
        self.empty_headers = 0
        self._heading: list | None = None
        self._th: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "th":
            self._th = [attributes.get("aria-label") or ""]

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self._heading and re.fullmatch(r"h[1-6]", tag):
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif self._th is not None and tag == "th":
            if not self._th[0].strip():
                self.empty_headers += 1
            self._th = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data
        if self._th is not None:
            self._th[0] += data


def book_pages(root: Path) -> list[Path]:
    return [path for path in sorted(root.rglob("*.html"))
            if not path.relative_to(root).parts[0].startswith("_")
            and path.name not in NOT_BOOK_PAGES]


def outline(path: Path) -> _Outline:
    parser = _Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.build
def test_heading_levels_go_down_one_at_a_time_across_the_book(a11y_html_root):
    problems = []
    pages = book_pages(a11y_html_root)
    assert len(pages) >= 7
    for path in pages:
        previous = 0
        for level, text in outline(path).headings:
            if level > previous + 1:
                problems.append(f"{path.relative_to(a11y_html_root)}: h{level} '{text[:50]}' "
                                f"follows h{previous}")
            previous = level
    assert not problems, "\n".join(problems)


# Empty header cells written in prose pages' Markdown tables, which belong to the
# writers' briefs (h15a/h15b): reported to them, and left out here until fixed.
PROSE_EMPTY_HEADERS: dict[str, int] = {}  # none left; a page listed here would be allowed its count


@pytest.mark.build
def test_no_table_header_is_empty_across_the_book(a11y_html_root):
    found = {path.relative_to(a11y_html_root).as_posix(): outline(path).empty_headers
             for path in book_pages(a11y_html_root)}
    problems = {page: count for page, count in found.items()
                if count and PROSE_EMPTY_HEADERS.get(page) != count}
    assert problems == {}


@pytest.mark.build
def test_citations_read_as_author_and_year(a11y_html_root):
    """A screen reader says "Webber, 2019", not "W-e-b-1-9"."""
    citations = []
    for path in book_pages(a11y_html_root):
        for span in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>',
                               path.read_text(encoding="utf-8"), flags=re.DOTALL):
            citations.append((path.name, re.sub(r"<[^>]+>", "", span).strip()))
    assert len(citations) > 10
    # An author is a name ("Webber") or an organisation's short name ("ICO"), then a year.
    author_year = re.compile(r"([A-Z][a-z]+|\b[A-Z]{2,}\b).*(\b(19|20)\d\d\b|n\.d\.)")
    unreadable = [c for c in citations if not author_year.search(c[1])]
    assert not unreadable, unreadable[:10]


def test_reference_list_shows_no_short_labels(playwright_browser, a11y_site):
    page = open_page(playwright_browser, a11y_site, "about/references.html", mode="light",
                     viewport={"width": 1280, "height": 900})
    try:
        labels = page.locator(".citation-list .citation > .label")
        assert labels.count() > 10
        shown = labels.evaluate_all("els => els.filter((el) => el.getClientRects().length)")
        assert shown == []
        first = page.locator(".citation-list .citation > p").first.inner_text()
        assert re.match(r"[A-Z][a-z]+", first)
    finally:
        page.context.close()


@pytest.mark.build
def test_every_page_in_dark_mode_has_no_axe_findings(playwright_browser, a11y_site,
                                                              a11y_html_root):
    """test_site.py checks every page in light mode; this one does the same in dark mode."""
    problems = []
    for path in book_pages(a11y_html_root):
        relative = path.relative_to(a11y_html_root).as_posix()
        page = open_page(playwright_browser, a11y_site, relative, mode="dark",
                         viewport={"width": 1280, "height": 900})
        try:
            page.wait_for_load_state("networkidle")
            problems += [f"{relative}: {finding}" for finding in axe_findings(page)]
        finally:
            page.context.close()
    assert not problems, "\n".join(problems)
