"""The trainer's kit and the easy read page print as people need them.

Printed in Chromium to A4, as a trainer would from the browser's print
command: the slide outlines start each session on a new page, the feedback
form and the joining letter fit on one or two sheets, and the easy read page
keeps its large type and its pictures beside the words.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")


def printed_pages(page, url: str) -> int:
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    return len(_PAGE_OBJECT.findall(pdf))


def test_slide_outlines_start_each_session_on_a_new_page(site_url, page):
    pages = printed_pages(page, f"{site_url}/training_manual/slide_outlines.html")
    assert pages >= 8, f"eight sessions, each on its own page; printed {pages}"


@pytest.mark.parametrize("handout", ["feedback_form", "joining_letter"])
def test_the_feedback_form_and_joining_letter_fit_on_two_sheets(site_url, page, handout):
    pages = printed_pages(page, f"{site_url}/training_manual/handouts/{handout}.html")
    assert 1 <= pages <= 2, f"{handout} printed on {pages} pages"


def test_easy_read_has_large_words_with_a_picture_beside_each(site_url, page):
    page.goto(f"{site_url}/service_user_guide/easy_read.html", wait_until="load")
    rows = page.locator(".cp-easy-read-row")
    assert rows.count() >= 30
    # Every picture has loaded, sits to the left of its words, and the words are large.
    layout = page.evaluate("""() => [...document.querySelectorAll('.cp-easy-read-row')].map(row => {
        const img = row.querySelector('img'), words = row.querySelector('p');
        return {loaded: img.complete && img.naturalWidth > 0,
                left: img.getBoundingClientRect().right <= words.getBoundingClientRect().left,
                size: parseFloat(getComputedStyle(words).fontSize)};
    })""")
    assert all(row["loaded"] for row in layout)
    assert all(row["left"] for row in layout)
    # 14 point is about 18.7 CSS pixels: easy read guidance asks for at least that.
    assert min(row["size"] for row in layout) >= 18.7
