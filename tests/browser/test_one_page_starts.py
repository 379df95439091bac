"""The one-page starts print as promised: the practitioner's card on one A4 page, the
manager's brief on two, and both are the front page's reader cards.

Printing goes through Chromium's own print-to-PDF (print styles and all), and
the pages are counted in the PDF it makes.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

A4_PAGES = {
    "practice_guidance/first_person.html": 1,
    "implementation_manual/managers_brief.html": 2,
}
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF from Chromium, which writes one page object per page."""
    return len(_PAGE_OBJECT.findall(pdf))


@pytest.fixture
def print_page(playwright_browser):
    # Printing lays the page out for the window it was opened in; a desktop
    # window is how a manager or practitioner prints from their work computer.
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("path", "most"), sorted(A4_PAGES.items()))
def test_prints_on_a4_within_its_pages(print_page, site_url, path, most):
    print_page.goto(f"{site_url}/{path}", wait_until="load")
    print_page.wait_for_selector(".cp-timing")  # the timings are printed, not left as markup
    pdf = print_page.pdf(format="A4", print_background=False)
    pages = pdf_page_count(pdf)
    assert 1 <= pages <= most, f"{path} prints on {pages} A4 pages; it must fit on {most}"


def test_the_front_page_cards_lead_to_them(print_page, site_url):
    print_page.goto(f"{site_url}/index.html", wait_until="load")
    cards = print_page.locator(".sd-card")
    practitioner = cards.filter(has_text="I am a practitioner").locator("a.sd-stretched-link")
    manager = cards.filter(has_text="I manage a team").locator("a.sd-stretched-link")
    assert practitioner.get_attribute("href") == "practice_guidance/first_person.html"
    assert manager.get_attribute("href") == "implementation_manual/managers_brief.html"


def test_the_implementation_manual_opens_with_the_brief(print_page, site_url):
    print_page.goto(f"{site_url}/implementation_manual/index.html", wait_until="load")
    next_link = print_page.locator("a.right-next")
    assert next_link.get_attribute("href") == "managers_brief.html"
    first_link = print_page.locator("main a[href='managers_brief.html']").first
    assert first_link.is_visible()


def test_the_page_counter_counts_pages():
    two = b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n" \
          b"3 0 obj << /Type /Page >>\n"
    assert pdf_page_count(two) == 2
