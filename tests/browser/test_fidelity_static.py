"""The self-audit on the static book page: every item by keyboard, the band, save, reopen.

Runs against the book built by the shared ``site_url`` fixture. While working
on this file alone you may point ``CP_FIDELITY_SITE_DIR`` at a private build's
``_build/html`` folder to avoid rebuilding the shared one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from connecting_people.fidelity.audit import load_audit
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.scoring import score_audit
from tests.conftest import free_port

pytestmark = pytest.mark.browser

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids
PAGE = "implementation_manual/self_audit.html"
CHOICES = ["1", "2", "3", "4", "5", "cannot"]  # the order of the radios in each item
# A pattern that exercises "cannot rate", every score, and rounding at a cut-off.
PLAN = {item_id: CHOICES[(n * 7 + 3) % 6] for n, item_id in enumerate(IDS)}
EXPECTED = score_audit(CHECKLIST, {i: None if v == "cannot" else int(v) for i, v in PLAN.items()})


@pytest.fixture(scope="module")
def audit_url(request) -> str:
    private = os.environ.get("CP_FIDELITY_SITE_DIR")
    if private:
        from connecting_people.cli import start_site_server

        server = start_site_server(free_port(), Path(private))
        request.addfinalizer(server.shutdown)
        return f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"
    return f"{request.getfixturevalue('site_url')}/{PAGE}"


def open_widget(page, url: str) -> None:
    page.goto(url)
    page.locator(".cp-audit .cp-item").first.wait_for(timeout=60_000)
    assert page.locator(".cp-audit .cp-item").count() == len(IDS)


def active_radio(page) -> dict | None:
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el || el.type !== 'radio') return null;
        return {item: el.closest('.cp-item').dataset.item, value: el.value};
    }""")


def answer_by_keyboard(page) -> None:
    """Tab into each item's radio group, then Space and arrow keys choose the score."""
    page.locator(".cp-audit input[data-field=team-name]").focus()
    page.keyboard.type("Riverside CMHT")
    for item_id in IDS:
        for _ in range(12):  # at most a few stops (the note's summary) between groups
            page.keyboard.press("Tab")
            focused = active_radio(page)
            if focused and focused["item"] == item_id:
                break
        else:
            pytest.fail(f"Tab never reached the radio group of {item_id}")
        assert focused["value"] == "1", "Tab should land on the first choice of an empty group"
        page.keyboard.press("Space")
        for _ in range(CHOICES.index(PLAN[item_id])):
            page.keyboard.press("ArrowDown")  # moves and selects within the group
        assert active_radio(page) == {"item": item_id, "value": PLAN[item_id]}


def checked_values(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(
        Array.from(document.querySelectorAll('.cp-audit .cp-item')).map(box => [
            box.dataset.item, (box.querySelector('input:checked') || {}).value || null]))""")


def expected_summary() -> str:
    band = CHECKLIST.band(EXPECTED.total.band).label
    return f"{EXPECTED.total.score_text} out of 5: {band}."


def test_answer_every_item_by_keyboard_see_the_band_save_and_reopen(watched_page, audit_url,
                                                                     tmp_path):
    watch, page = watched_page, watched_page.page
    open_widget(page, audit_url)
    answer_by_keyboard(page)
    assert checked_values(page) == PLAN
    progress = page.locator(".cp-audit-progress").inner_text()
    assert progress.startswith(f"{len(IDS)} of {len(IDS)} items answered")
    assert expected_summary() in page.locator(".cp-audit-total").inner_text()
    # The live plan in the page is the plan Python makes from the same answers.
    plan_rows = page.locator(".cp-plan-table tbody tr th").all_inner_texts()
    assert [row.split(" (")[0] for row in plan_rows] == [
        CHECKLIST.item(i).title for i in EXPECTED.plan]
    owner = page.locator(".cp-plan-table input[type=text]").first
    owner.focus()
    page.keyboard.type("Sam")

    page.get_by_role("button", name="Save this audit as a file").focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    saved = tmp_path / "audit.json"
    download_info.value.save_as(saved)
    audit = load_audit(saved.read_bytes(), CHECKLIST)  # Python accepts what the page saved
    assert audit.team.name == "Riverside CMHT"
    assert {i: ("cannot" if v is None else str(v)) for i, v in audit.answers.items()} == PLAN
    assert audit.plan[0].owner == "Sam"
    assert score_audit(CHECKLIST, audit.answers).total == EXPECTED.total

    open_widget(page, audit_url)  # a fresh page: nothing is remembered
    assert page.locator(".cp-audit input:checked").count() == 0
    page.get_by_label("Open a saved audit").set_input_files(str(saved))
    page.get_by_text("Opened the audit of").wait_for()
    assert checked_values(page) == PLAN
    assert expected_summary() in page.locator(".cp-audit-total").inner_text()
    assert page.locator(".cp-audit input[data-field=team-name]").input_value() == "Riverside CMHT"

    page.get_by_label("Open your previous audit to compare").set_input_files(str(saved))
    page.get_by_text("Compared with the audit of").wait_for()
    assert page.locator(".cp-radar-previous").count() == 1
    watch.assert_clean("the self-audit page")


def test_a_bad_file_is_refused_with_reasons_and_the_answers_are_kept(page, audit_url, tmp_path):
    open_widget(page, audit_url)
    page.locator(".cp-item").first.locator("input[value='4']").check()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "connecting-people/fidelity-audit", "version": 1, '
                   '"checklist_version": "1.0", "audit_id": "0b7f3c1e-5d2a-4c6b-9a8e-1f2d3c4b5a69",'
                   ' "team": {"name": "<script>alert(1)</script>"}, "date": "2026-01-01", '
                   '"answers": {"team.unicorns": 9}}')
    page.get_by_label("Open a saved audit").set_input_files(str(bad))
    alert = page.locator(".cp-audit-files .cp-audit-problems")
    alert.get_by_text("could not be opened").wait_for()
    text = alert.inner_text()
    assert "team.unicorns" in text and "web page tag" in text
    assert page.locator(".cp-audit script").count() == 0
    assert checked_values(page)[IDS[0]] == "4"


def test_the_page_has_no_serious_accessibility_problems(page, audit_url):
    """axe-core (bundled with axe-playwright-python) finds nothing serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    open_widget(page, audit_url)
    for item_id, value in list(PLAN.items())[:8]:
        page.locator(f".cp-item[data-item='{item_id}'] input[value='{value}']").check()
    # The article (this page's prose and the widget); the theme's navigation
    # around it is shared by every page and checked by the site-wide tests.
    results = Axe().run(page, context={"include": [["article.bd-article"]]})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


def test_the_radar_chart_has_a_text_alternative(page, audit_url):
    open_widget(page, audit_url)
    svg = page.locator(".cp-audit-radar")
    assert svg.get_attribute("role") == "img"
    description = page.locator(".cp-audit-radar desc").text_content()
    assert all(domain.short in description for domain in CHECKLIST.domains)
    caption = page.locator(".cp-audit-table caption").inner_text()
    assert "same figures as the chart" in caption
