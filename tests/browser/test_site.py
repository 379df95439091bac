"""Every page of the built site works offline: no outside request, no error, a main heading.

This is the promise made to readers in training rooms with no internet and to
service users whose map must never leave their browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

# Sphinx's own utility pages are not part of the book.
NOT_BOOK_PAGES = {"genindex.html", "search.html", "py-modindex.html"}


def site_pages(html_root: Path) -> list[str]:
    pages = []
    for path in sorted(html_root.rglob("*.html")):
        relative = path.relative_to(html_root)
        if relative.parts[0].startswith("_") or relative.name in NOT_BOOK_PAGES:
            continue
        pages.append(relative.as_posix())
    return pages


def accessibility_problems(page) -> list[str]:
    """axe-core's findings for the page as it stands, at any impact.

    "Minor" and "moderate" count too: the built pages have none (the theme's
    title link is put in a landmark by sphinxext/theme_landmarks.py), so any
    new finding is a regression.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {violation['nodes'][0]['target']}"
        for violation in results.response["violations"]
    ]


def test_every_page_is_self_contained_accessible_and_has_a_main_heading(
    built_book, site_url, page
):
    from tests.conftest import PageWatch

    pages = site_pages(built_book)
    assert len(pages) >= 7
    problems = []
    for relative in pages:
        watch = PageWatch(page)
        page.goto(f"{site_url}/{relative}", wait_until="load")
        page.wait_for_load_state("networkidle")
        heading = page.locator("main h1, article h1, [role='main'] h1")
        if heading.count() == 0 or not heading.first.inner_text().strip():
            problems.append(f"{relative}: no main heading")
        try:
            watch.assert_clean(relative)
        except AssertionError as error:
            problems.append(str(error))
        # Stop watching before axe runs: axe re-reads stylesheets itself and
        # resolves theme.css's @import against the page, which 404s harmlessly.
        page.unroute("**/*")
        page.remove_listener("console", watch._on_console)
        problems += [f"{relative}: {problem}" for problem in accessibility_problems(page)]
    assert not problems, "\n".join(problems)


def test_figure_is_drawn_from_the_sites_own_plotly(site_url, page, watched_page):
    page.goto(f"{site_url}/about/study_in_numbers.html")
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=30_000)
    bars = page.locator(".plotly-graph-div .bars .point")
    assert bars.count() == 3
    watched_page.assert_clean("study_in_numbers")


def test_outside_requests_are_caught(site_url, page, watched_page):
    # The watch must be able to fail: a page that fetches from outside is reported.
    page.goto(f"{site_url}/index.html")
    page.evaluate("fetch('https://example.org/x.js').catch(() => null)")
    page.wait_for_timeout(300)
    assert watched_page.outside_requests == ["https://example.org/x.js"]
