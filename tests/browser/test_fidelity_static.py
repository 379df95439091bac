"""The self-audit on the static book page: every item by keyboard, the band, save, reopen.

Runs against the book built by the shared ``site_url`` fixture. While working
on this file alone you may point ``CP_FIDELITY_SITE_DIR`` at a private build's
``_build/html`` folder to avoid rebuilding the shared one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from connecting_people.common.dates import uk_date
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
    # Every date the page writes in words, as it prints them (1 December 2026).
    shown = uk_date(audit.date)
    assert f"Compared with the audit of {shown}" in page.locator(".cp-audit").inner_text()
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


def test_the_page_has_no_accessibility_problems(page, audit_url):
    """axe-core (bundled with axe-playwright-python) finds nothing, at any impact."""
    from axe_playwright_python.sync_playwright import Axe

    open_widget(page, audit_url)
    for item_id, value in list(PLAN.items())[:8]:
        page.locator(f".cp-item[data-item='{item_id}'] input[value='{value}']").check()
    # The article (this page's prose and the widget); the theme's navigation
    # around it is shared by every page and checked by the site-wide tests.
    results = Axe().run(page, context={"include": [["article.bd-article"]]})
    findings = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert not findings, "\n".join(findings)


def test_the_radar_chart_has_a_text_alternative(page, audit_url):
    open_widget(page, audit_url)
    svg = page.locator(".cp-audit-radar")
    assert svg.get_attribute("role") == "img"
    description = page.locator(".cp-audit-radar desc").text_content()
    assert all(domain.short in description for domain in CHECKLIST.domains)
    caption = page.locator(".cp-audit-table caption").inner_text()
    assert "same figures as the chart" in caption


# ---- Issue 16 on the static page: two raters, run chart, CSV, version warnings, print


def audit_file(tmp_path: Path, name: str, answers: dict, *, notes: dict | None = None,
               day: str = "2026-02-01", team: str = "Riverside CMHT", who: tuple = (),
               version: str | None = None, plan: tuple = ()) -> Path:
    from datetime import date

    from connecting_people.fidelity.model import Audit, Team, audit_to_json

    audit = Audit(team=Team(team), date=date.fromisoformat(day), answers=answers,
                  item_notes=notes or {}, participants=who,
                  checklist_version=version or CHECKLIST.version, plan=plan)
    path = tmp_path / name
    path.write_text(audit_to_json(audit), encoding="utf-8")
    return path


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {tag: el.tagName, text: (el.textContent || '').trim(), value: el.value || null,
                cls: el.className || ''};
    }""")


def test_two_raters_agree_by_keyboard_and_both_originals_are_kept(watched_page, audit_url,
                                                                 tmp_path):
    watch, page = watched_page, watched_page.page
    base = dict.fromkeys(IDS, 3)
    first = audit_file(tmp_path, "asha.json", {**base, IDS[0]: 1, IDS[5]: 5},
                       notes={IDS[0]: "No friends recorded in 8 of 10 notes"}, who=("Asha Patel",))
    second = audit_file(tmp_path, "ben.json", {**base, IDS[0]: 4, IDS[5]: 2, IDS[7]: 4},
                        notes={IDS[0]: "The group list shows friends for most"},
                        day="2026-02-03", who=("Ben Lewis",))
    originals = first.read_bytes(), second.read_bytes()
    open_widget(page, audit_url)
    page.get_by_label("The first rater's saved audit").set_input_files(str(first))
    page.get_by_label("The second rater's saved audit").set_input_files(str(second))
    tool = page.locator(".cp-audit-raters")
    status = tool.locator(".cp-raters-status")
    status.get_by_text("0 of 2 items agreed.").wait_for()
    assert tool.locator(".cp-raters-agreement").inner_text() == (
        "The two raters agree within 1 point on 24 of the 26 items both rated (92%).")
    # The first item to talk through shows both scores and both notes side by side.
    sides = tool.locator(".cp-raters-side").all_inner_texts()
    assert sides[0].startswith("Asha Patel: 1") and "8 of 10 notes" in sides[0]
    assert sides[1].startswith("Ben Lewis: 4") and "friends for most" in sides[1]

    # Keyboard only from here: Tab into the agreed-score radio group, arrows choose.
    page.get_by_label("The second rater's name").focus()
    page.keyboard.press("Tab")
    assert focused(page)["value"] == "1"
    page.keyboard.press("ArrowDown")  # 2
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Agree this score and go to the next item"
    page.keyboard.press("Enter")
    status.get_by_text("1 of 2 items agreed.").wait_for()
    now = focused(page)
    assert now["tag"] == "H4" and now["text"].startswith("Item 2 of 2 to agree")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first choice, 1
    page.keyboard.press("ArrowUp")  # wraps round to the last choice: Cannot rate
    assert focused(page)["value"] == "cannot"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Back to the previous item"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    status.get_by_text("2 of 2 items agreed.").wait_for()
    assert focused(page)["text"] == "The agreed audit is ready"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Download the agreed audit"
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    agreed_path = tmp_path / "agreed.json"
    download_info.value.save_as(agreed_path)
    agreed = load_audit(agreed_path.read_bytes(), CHECKLIST)
    assert agreed.answers[IDS[0]] == 2 and agreed.answers[IDS[5]] is None
    assert agreed.answers[IDS[7]] == 3  # 3 and 4 are within 1: the lower is proposed
    assert agreed.date.isoformat() == "2026-02-03"
    first_id = load_audit(originals[0], CHECKLIST).audit_id
    second_id = load_audit(originals[1], CHECKLIST).audit_id
    assert agreed.agreed_from == ((first_id, "Asha Patel"), (second_id, "Ben Lewis"))
    assert agreed.item_notes[IDS[0]] == ("Asha Patel: No friends recorded in 8 of 10 notes\n"
                                         "Ben Lewis: The group list shows friends for most")
    assert (first.read_bytes(), second.read_bytes()) == originals
    no_sideways_scroll(page)
    watch.assert_clean("two raters on the self-audit page")


def no_sideways_scroll(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at 390 px ({width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_run_chart_from_three_files_with_findings_table_and_downloads(watched_page, audit_url,
                                                                     tmp_path):
    watch, page = watched_page, watched_page.page
    files = [audit_file(tmp_path, f"audit{n}.json", dict.fromkeys(IDS, score), day=day)
             for n, (score, day) in enumerate([(2, "2025-03-01"), (3, "2025-09-01"),
                                               (4, "2026-03-01")])]
    open_widget(page, audit_url)
    page.get_by_label("Open several saved audits of one team").set_input_files(
        [str(f) for f in reversed(files)])
    run = page.locator(".cp-audit-run")
    run.get_by_text("Showing 3 audits of Riverside CMHT: whole audit.").wait_for()
    assert run.locator(".cp-run-point").count() == 3
    assert run.locator(".cp-run-threshold").count() == 1
    assert run.locator(".cp-run-median").count() == 1
    rows = run.locator(".cp-run-table tbody tr").all_inner_texts()
    assert [r.split("\t")[:4] for r in rows] == [
        ["1", "1 March 2025", "2.0", "Not yet implemented"],
        ["2", "1 September 2025", "3.0", "Partly implemented"],
        ["3", "1 March 2026", "4.0", "Mostly implemented"]]
    findings = run.locator(".cp-run-findings li").all_inner_texts()
    assert findings[0] == ("Shift: 2 of 3 audits are off the median and a shift needs 6: "
                           "too few audits to tell yet.")
    assert "Perla RJ, Provost LP, Murray SK (2011)" in run.locator(".cp-run-source").inner_text()
    with page.expect_download() as png_info:
        run.get_by_role("button", name="Download the chart as PNG").click()
    png = tmp_path / "chart.png"
    png_info.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png_info.value.suggested_filename == "run-chart-riverside-cmht.png"
    with page.expect_download() as csv_info:
        run.get_by_role("button", name="Download the figures as CSV").click()
    csv_path = tmp_path / "chart.csv"
    csv_info.value.save_as(csv_path)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "team,audit_date,audit_id,scope,score,band,median,threshold,action_done"
    assert [line.split(",")[3:5] for line in lines[1:]] == [
        ["Whole audit", "2.0"], ["Whole audit", "3.0"], ["Whole audit", "4.0"]]
    assert {line.split(",")[6] for line in lines[1:]} == {"3.0"}
    assert {line.split(",")[7] for line in lines[1:]} == {"3.5"}
    # One domain's scores over time, chosen with the keyboard.
    domain = CHECKLIST.domains[1]
    run.get_by_label("Score to chart").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    run.get_by_text(f"Showing 3 audits of Riverside CMHT: {domain.short.lower()}.").wait_for()
    assert run.locator(".cp-run-chart title").first.text_content() == (
        f"Run chart of the {domain.short.lower()} score over time")
    assert run.locator(".cp-run-table thead th").nth(2).inner_text() == f"{domain.short} score"
    no_sideways_scroll(page)
    watch.assert_clean("the run chart on the self-audit page")


def test_csv_saved_by_the_page_matches_python_export_and_opens_again(page, audit_url, tmp_path):
    from connecting_people.fidelity.export import items_csv

    answers = {item_id: None if v == "cannot" else int(v) for item_id, v in PLAN.items()}
    answers.pop(IDS[3])  # one item not answered
    source = audit_file(tmp_path, "source.json", answers, notes={IDS[0]: "=SUM(A1) seen"})
    audit = load_audit(source.read_bytes(), CHECKLIST)
    open_widget(page, audit_url)
    page.get_by_label("Open a saved audit").set_input_files(str(source))
    page.get_by_text("Opened the audit of").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Save this audit as CSV").click()
    saved = tmp_path / "audit.csv"
    download_info.value.save_as(saved)
    assert saved.read_bytes().decode("utf-8") == items_csv([audit], CHECKLIST)

    open_widget(page, audit_url)  # a fresh page
    page.get_by_label("Open a saved audit").set_input_files(str(saved))
    page.get_by_text("Opened the audit of").wait_for()
    expected = {k: v for k, v in PLAN.items() if k != IDS[3]}
    assert {k: v for k, v in checked_values(page).items() if v} == expected
    assert page.locator(f".cp-item[data-item='{IDS[0]}'] textarea").input_value() == (
        "=SUM(A1) seen")

    # A file with bad rows opens what it can and names each row it did not use.
    lines = saved.read_bytes().decode("utf-8").split("\r\n")
    lines[2] = lines[2].replace(",rated,", ",maybe,")
    lines[3] = lines[3].replace(CHECKLIST.items[2].id, "team.unicorns")
    bad = tmp_path / "bad.csv"
    bad.write_bytes("\r\n".join(lines).encode("utf-8"))
    open_widget(page, audit_url)
    page.get_by_label("Open a saved audit").set_input_files(str(bad))
    report = page.locator(".cp-audit-warnings")
    report.get_by_text("Some rows were not used:").wait_for()
    assert report.locator("li").all_inner_texts() == [
        "bad.csv, row 3: the answer must be one of: rated, cannot rate, not answered.",
        "bad.csv, row 4: the item 'team.unicorns' is not on this checklist."]


def test_a_file_from_another_checklist_version_opens_with_a_warning(page, audit_url, tmp_path):
    older = audit_file(tmp_path, "older.json", {IDS[0]: 4}, version="0.9")
    open_widget(page, audit_url)
    page.get_by_label("Open a saved audit").set_input_files(str(older))
    page.get_by_text("Opened the audit of").wait_for()
    assert page.locator(".cp-audit-warnings li").all_inner_texts() == [
        f"This audit was made with checklist version 0.9; this book uses checklist version "
        f"{CHECKLIST.version}. Check that the answers still fit the questions before "
        "comparing them.",
        "Questions reworded since version 0.9, so the file's answers were given to the old "
        "wording: Learning together (supervision.peer_learning)."]


# A4 with 12 mm margins, in CSS pixels (96 per inch): the printable box.
MM = 96 / 25.4
PRINT_MARGIN_MM = 12
PRINT_WIDTH = (210 - 2 * PRINT_MARGIN_MM) * MM
PRINT_HEIGHT = (297 - 2 * PRINT_MARGIN_MM) * MM

# In print media, lay out the audit alone at the printable width and work out
# where each page breaks: walk the blocks in order; a block that must not be
# split (break-inside: avoid) and would cross a page foot moves to the next
# page, pushing everything after it down (its top margin is dropped there, as
# Chromium does at a break). Returns every item's page, each heading's page
# and its first item's page, the items that would still cross a page foot,
# and the number of pages the whole audit needs.
PAGINATE = """(pageHeight) => {
  const root = document.querySelector('.cp-audit');
  const origin = root.getBoundingClientRect().top + window.scrollY;
  const blockLevel = (el) => !/^(inline|none|contents)/.test(getComputedStyle(el).display);
  const atoms = [];
  const walk = (el) => {
    const style = getComputedStyle(el);
    if (style.display === 'none') return;
    const kids = [...el.children].filter(blockLevel);
    if (style.breakInside.startsWith('avoid') || !kids.length) atoms.push(el);
    else kids.forEach(walk);
  };
  walk(root);
  let shift = 0;
  const placed = new Map();
  for (const el of atoms) {
    const box = el.getBoundingClientRect();
    const top = box.top + window.scrollY - origin + shift;
    const page = Math.floor(top / pageHeight);
    const foot = (page + 1) * pageHeight;
    if (top + box.height > foot && box.height <= pageHeight && top > page * pageHeight) {
      shift += foot - top;
    }
    placed.set(el, box.top + window.scrollY - origin + shift);
  }
  // Where a box lands: its own place, or its place inside the block that holds it.
  const topOf = (el) => {
    for (let node = el; node; node = node.parentElement) {
      if (placed.has(node)) {
        return placed.get(node) + el.getBoundingClientRect().top - node.getBoundingClientRect().top;
      }
    }
    return placed.get(atoms.find((a) => el.contains(a)));
  };
  const pageOf = (el) => Math.floor(topOf(el) / pageHeight);
  const crossing = [...root.querySelectorAll('.cp-item')].filter((item) => {
    const top = topOf(item);
    const bottom = top + item.getBoundingClientRect().height;
    return Math.floor(top / pageHeight) !== Math.floor((bottom - 0.5) / pageHeight);
  }).map((item) => item.dataset.item);
  const headings = [...root.querySelectorAll('.cp-audit-domain')].map((section) => ({
    heading: pageOf(section.querySelector('h3')),
    first: pageOf(section.querySelector('.cp-item')),
  }));
  const height = root.getBoundingClientRect().height + shift;
  return {crossing, headings, pages: Math.ceil(height / pageHeight), atoms: atoms.length,
          dates: [...root.querySelectorAll('.cp-print-date')].map((s) => s.textContent),
          notes: [...root.querySelectorAll('.cp-item .cp-print-text')]
            .filter((s) => s.getClientRects().length).map((s) => s.textContent),
          dateInputsShown: [...root.querySelectorAll('input[type=date], textarea')]
            .filter((i) => getComputedStyle(i).display !== 'none').length,
          buttonsShown: [...root.querySelectorAll('button, input[type=file]')]
            .filter((b) => b.getClientRects().length).length};
}"""


def test_a_filled_in_audit_prints_with_no_item_split_and_dates_in_words(page, audit_url,
                                                                       tmp_path):
    import re

    notes = {item_id: "Evidence from the case notes of ten people. " * (n % 4)
             for n, item_id in enumerate(IDS) if n % 4}
    answers = {item_id: None if v == "cannot" else int(v) for item_id, v in PLAN.items()}
    filled = audit_file(tmp_path, "filled.json", answers, notes=notes, day="2026-12-01",
                        who=("Team manager", "Two workers"))
    open_widget(page, audit_url)
    page.get_by_label("Open a saved audit").set_input_files(str(filled))
    page.get_by_text("Opened the audit of").wait_for()
    page.locator(".cp-plan-table input[type=date]").first.wait_for()
    # Print the audit on its own, as the page's print rules lay it out.
    page.evaluate("""() => { const widget = document.querySelector('.cp-audit');
        document.body.replaceChildren(widget); document.body.style.margin = '0'; }""")
    page.set_viewport_size({"width": round(PRINT_WIDTH), "height": round(PRINT_HEIGHT)})
    page.emulate_media(media="print")
    layout = page.evaluate(PAGINATE, PRINT_HEIGHT)
    assert layout["crossing"] == []
    assert all(h["heading"] == h["first"] for h in layout["headings"]), layout["headings"]
    assert layout["dateInputsShown"] == 0 and layout["buttonsShown"] == 0
    assert layout["dates"][0] == "1 December 2026"
    # Every evidence note prints in full, though its box on screen is folded away.
    assert layout["notes"] == [f"Evidence note: {notes[i]}" for i in IDS if i in notes]
    assert set(layout["dates"][1:]) == {"not set"}  # the plan's empty due dates
    margin = f"{PRINT_MARGIN_MM}mm"
    pdf = page.pdf(format="A4", margin={"top": margin, "bottom": margin, "left": margin,
                                        "right": margin})
    printed = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert layout["pages"] > 1
    assert printed == layout["pages"], f"the PDF has {printed} pages, expected {layout['pages']}"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_raters_and_run_chart_stay_accessible_in_use(playwright_browser, audit_url, tmp_path,
                                                      mode):
    """axe finds nothing, at any impact, once both new tools are in use, in both modes."""
    from axe_playwright_python.sync_playwright import Axe

    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900},
                                             color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                            f"localStorage.setItem('theme', '{mode}');")
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_widget(page, audit_url)
        page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'")
        base = dict.fromkeys(IDS, 3)
        page.get_by_label("The first rater's saved audit").set_input_files(
            str(audit_file(tmp_path, "a.json", {**base, IDS[0]: 1}, notes={IDS[0]: "Seen"})))
        page.get_by_label("The second rater's saved audit").set_input_files(
            str(audit_file(tmp_path, "b.json", {**base, IDS[0]: 5})))
        page.get_by_text("0 of 1 item agreed.").wait_for()
        page.get_by_label("Open several saved audits of one team").set_input_files(
            [str(audit_file(tmp_path, f"r{n}.json", dict.fromkeys(IDS, n + 2),
                            day=f"202{n + 3}-01-01")) for n in range(3)])
        page.get_by_text("Showing 3 audits of Riverside CMHT: whole audit.").wait_for()
        results = Axe().run(page, context={"include": [["article.bd-article"]]})
        findings = [f"{v['id']} ({v['impact']}): {v['help']} at "
                   f"{[n['target'] for n in v['nodes']][:3]}"
                   for v in results.response["violations"]]
        assert not findings, "\n".join(findings)
    finally:
        context.close()


def test_a_file_far_too_big_is_refused_before_it_is_read(page, audit_url, tmp_path):
    big = tmp_path / "huge.json"
    big.write_bytes(b" " * (1024 * 1024 + 200_000))
    open_widget(page, audit_url)
    page.get_by_label("Open a saved audit").set_input_files(str(big))
    alert = page.locator(".cp-audit-files .cp-audit-problems")
    alert.get_by_text("huge.json could not be opened:").wait_for()
    assert alert.locator("li").all_inner_texts() == [
        "huge.json is 1.2 MB; the largest file you can open is 1.0 MB. It was not opened."]


def test_follow_up_actions_by_keyboard_then_see_them_on_the_run_chart(watched_page, audit_url,
                                                                     tmp_path):
    import csv
    import io
    from datetime import date, timedelta

    from connecting_people.fidelity.follow_up import next_review, review_sentence
    from connecting_people.fidelity.model import PlanEntry


    watch, page = watched_page, watched_page.page
    today = date.today()
    held, done_on = today - timedelta(days=120), today - timedelta(days=50)
    dues = [today - timedelta(days=60), today - timedelta(days=30), today - timedelta(days=10)]
    owners = ["Sam Okafor", "Ade Bello", "Jo Lee"]
    answers = {**dict.fromkeys(IDS, 4), IDS[0]: 1, IDS[1]: 2, IDS[2]: 2}
    titles = [CHECKLIST.item(i).title for i in IDS[:3]]
    texts = [CHECKLIST.item(i).action_text for i in IDS[:3]]
    original = audit_file(tmp_path, "audit.json", answers, day=held.isoformat(), plan=tuple(
        PlanEntry(i, o, d) for i, o, d in zip(IDS[:3], owners, dues, strict=True)))
    os.utime(original, (1_700_000_000, 1_700_000_000))  # saved long before the follow-up
    open_widget(page, audit_url)
    page.get_by_label("Open a saved audit (JSON or CSV)").set_input_files(str(original))
    plan = page.locator(".cp-audit-plan")
    plan.locator(".cp-follow-up").first.wait_for()

    # Keyboard only: the first action is done, the second dropped.
    page.get_by_label(f"Progress on the action for {titles[0]}").focus()
    page.keyboard.press("ArrowDown")  # In progress
    page.keyboard.press("ArrowDown")  # Done
    row = plan.locator(".cp-follow-up").nth(0)
    row.get_by_text("Give the date the action was done.").wait_for()
    page.keyboard.press("Tab")
    done_box = page.get_by_label(f"Day it was done: {titles[0]}")
    assert done_box.evaluate("el => el === document.activeElement")
    assert done_box.get_attribute("aria-invalid") == "true"
    # Saving now is refused, and the summary says which action needs what.
    page.get_by_role("button", name="Save this audit as a file").click()
    refused = page.locator(".cp-audit-files .cp-audit-problems")
    assert refused.locator("li").all_inner_texts() == [
        "Action 1: Give the date the action was done."]
    done_box.fill(done_on.isoformat())  # a date box's keys follow the browser's locale
    row.get_by_text("Give the date the action was done.").wait_for(state="detached")
    page.get_by_label(f"Progress on the action for {titles[1]}").focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # Dropped
    plan.locator(".cp-follow-up").nth(1).get_by_text("Say why the action was dropped.").wait_for()
    page.keyboard.press("Tab")
    assert page.get_by_label(f"Why it was dropped: {titles[1]}").evaluate(
        "el => el === document.activeElement")
    page.keyboard.type("The team chose the directory first.")

    # Overdue: only the third action (due ten days ago, not started).
    summary = page.locator(".cp-audit-results .cp-follow-summary")
    assert summary.locator(".cp-follow-overdue").inner_text() == "1 action is overdue."
    assert summary.locator(".cp-follow-overdue-list li").all_inner_texts() == [
        f"{texts[2]} (owner {owners[2]}) was due on {uk_date(dues[2])}: 10 days overdue."]
    band = score_audit(CHECKLIST, answers).total.band
    next_due = review_sentence(next_review(CHECKLIST, held, band), today)
    assert summary.locator(".cp-follow-next").inner_text() == next_due

    with page.expect_download() as saved_info:
        page.get_by_role("button", name="Save this audit as a file").click()
    followed = tmp_path / "followed.json"
    saved_info.value.save_as(followed)
    saved = load_audit(followed.read_bytes(), CHECKLIST)
    assert saved.audit_id == load_audit(original.read_bytes(), CHECKLIST).audit_id
    assert [(e.status, e.done, e.reason) for e in saved.plan] == [
        ("done", done_on, ""), ("dropped", None, "The team chose the directory first."),
        ("not_started", None, "")]

    # The run chart: two earlier audits, then the audit before and after its follow-up.
    earlier = [audit_file(tmp_path, f"earlier{n}.json", dict.fromkeys(IDS, score),
                          day=(held - timedelta(days=days)).isoformat())
               for n, (score, days) in enumerate([(2, 365), (3, 180)])]
    page.get_by_label("Open several saved audits of one team").set_input_files(
        [str(f) for f in [*earlier, followed, original]])
    run = page.locator(".cp-audit-run")
    run.get_by_text("Showing 3 audits of Riverside CMHT: whole audit.").wait_for()
    assert run.locator(".cp-run-action title").all_text_contents() == [
        f"Action done on {uk_date(done_on)}: {titles[0]} (owner {owners[0]}). {texts[0]}"]
    assert run.locator(".cp-run-actions caption").inner_text() == (
        "Actions done (the triangles on the chart)")
    assert [r.split("\t") for r in run.locator(".cp-run-actions tbody tr").all_inner_texts()] == [
        [uk_date(done_on), titles[0], owners[0]]]
    follow = run.locator(".cp-run-follow")
    assert follow.locator(".cp-follow-overdue").inner_text() == "1 action is overdue."
    assert follow.locator(".cp-follow-next").inner_text() == next_due
    with page.expect_download() as csv_info:
        run.get_by_role("button", name="Download the figures as CSV").click()
    rows = list(csv.DictReader(io.StringIO(
        Path(csv_info.value.path()).read_text(encoding="utf-8-sig"))))
    actions = [(r["audit_date"], r["action_done"]) for r in rows if r["scope"] == "Action"]
    assert actions == [(done_on.isoformat(), f"{texts[0]} ({owners[0]})")]
    no_sideways_scroll(page)
    watch.assert_clean("following up actions on the self-audit page")
