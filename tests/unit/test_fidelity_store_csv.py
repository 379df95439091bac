"""CSV import of audits in the CSV export's own format, with a row-by-row reject report.

An export imports back exactly (round trip); an edited export is a new version
of each audit it changes; a bad row is reported with its spreadsheet row number
and keeps its whole audit out; a file at the 5 MiB upload limit imports.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest

from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.csvio import read_audit_csv
from connecting_people.fidelity.export import items_csv
from connecting_people.fidelity.model import Audit, Team
from tests.unit.test_fidelity_store import make_audit

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


@pytest.fixture
def engine(fresh_engine):
    store.ensure_schema(fresh_engine)
    return fresh_engine


def stored_audits(engine) -> list[Audit]:
    return sorted((s.audit for audits in store.load_audits(engine).values() for s in audits),
                  key=lambda audit: audit.date)


def bare(audit: Audit) -> Audit:
    """What a CSV holds of an audit: no participants, notes or plan."""
    return Audit(team=audit.team, date=audit.date, answers=audit.answers,
                 item_notes=audit.item_notes, checklist_version=audit.checklist_version,
                 audit_id=audit.audit_id)


AUDITS = [make_audit(team="=Riverside CMHT", when=date(2026, 3, 1)),
          make_audit(when=date(2026, 9, 1), answers={IDS[0]: 4, IDS[3]: None})]


def test_an_export_imports_back_exactly_and_a_second_import_is_refused(engine):
    data = items_csv(AUDITS, CHECKLIST).encode("utf-8")
    assert "'=Riverside CMHT" in data.decode()  # the export's formula guard
    outcome = store.import_audit_csv(engine, "answers.csv", data, user="local:sam")
    assert (outcome.accepted, outcome.message, outcome.problems) == (
        True, "Imported 2 of the 2 audits in answers.csv.", [])
    assert stored_audits(engine) == [bare(a) for a in AUDITS]
    again = store.import_audit_csv(engine, "answers.csv", data, user="local:sam")
    assert (again.accepted, again.problems) == (False, [
        "Not imported: this audit is already in the records (it was imported or saved "
        "before)."] * 2)


def test_an_edited_export_is_a_new_version_that_keeps_the_plan_and_notes(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust", "Adult community")
    original = make_audit()
    store.save_audit(engine, team.id, original)
    exported = items_csv([original], CHECKLIST)
    edited = exported.splitlines()
    row = next(n for n, line in enumerate(edited) if f",{IDS[0]}," in line)
    cells = edited[row].split(",")
    cells[-3:] = ["5", "rated", "Checked again in June."]
    edited[row] = ",".join(cells)
    outcome = store.import_audit_csv(engine, "edited.csv", "\r\n".join(edited) + "\r\n")
    assert outcome.accepted, outcome.problems
    assert outcome.details == [
        "Imported a new version (version 2) of the audit of 1 March 2026 for Riverside CMHT, "
        f"Example NHS Trust. Changed: item {IDS[0]}."]
    [stored] = store.team_audits(engine, team.id)
    assert stored.audit.answers[IDS[0]] == 5
    assert stored.audit.item_notes[IDS[0]] == "Checked again in June."
    assert (stored.audit.notes, stored.audit.plan, stored.audit.participants) == (
        original.notes, original.plan, original.participants)


def test_bad_rows_are_reported_by_row_number_and_keep_their_audit_out(engine):
    good, spoilt = AUDITS
    lines = items_csv([good, spoilt], CHECKLIST).splitlines()
    # Row numbers as a spreadsheet shows them: the headings are row 1.
    second_start = 2 + len(CHECKLIST.items)
    first = lines[second_start - 1].split(",")
    first[-3:-1] = ["7", "rated"]
    lines[second_start - 1] = ",".join(first)
    third = lines[second_start + 1].split(",")
    third[6] = "team.unicorns"
    lines[second_start + 1] = ",".join(third)
    outcome = store.import_audit_csv(engine, "mixed.csv", "\n".join(lines))
    assert outcome.accepted
    assert outcome.problems == [
        f"Row {second_start}: A rated item needs a score from 1 to 5 (it has 7).",
        f"Row {second_start + 2}: The item team.unicorns is not on this checklist.",
        f"The audit of 1 September 2026 for Riverside CMHT was not imported: rows {second_start}, "
        f"{second_start + 2} of it had problems, and an audit is imported whole or not at all.",
    ]
    assert stored_audits(engine) == [bare(good)]


@pytest.mark.parametrize(("data", "words"), [
    ("team,audit_date,colour\nA,2026-01-01,red\n", "Unknown columns: colour."),
    ("team,audit_date,item_id\nA,2026-01-01,x\n", "Required columns are missing: answer."),
    ("", "The file is empty"),
    (b"\x89PNG\r\n\x00\x00", "This does not look like a CSV file."),
    (b"a" * (UPLOAD_LIMIT_BYTES + 1), "the limit is 5 MB"),
])
def test_a_file_that_is_not_an_audit_csv_is_refused_whole(engine, data, words):
    outcome = store.import_audit_csv(engine, "bad.csv", data)
    assert not outcome.accepted
    assert words in outcome.message
    assert store.count_audits(engine) == 0


def test_rows_without_an_audit_id_make_a_stable_one(engine):
    text = items_csv(AUDITS[1:], CHECKLIST)
    audit_id = AUDITS[1].audit_id
    without = text.replace(audit_id, "")
    first = store.import_audit_csv(engine, "no-id.csv", without)
    again = store.import_audit_csv(engine, "no-id.csv", without)
    assert (first.accepted, again.accepted) == (True, False)
    [stored] = stored_audits(engine)
    assert stored.audit_id != audit_id
    assert stored == bare(replace(AUDITS[1], audit_id=stored.audit_id))


def _filled(count: int, extra: int, rem: int) -> list[Audit]:
    """``count`` audits whose notes are 950 characters, plus ``extra`` (one more for ``rem``)."""
    audits = []
    for n in range(count):
        notes = {}
        for k, item in enumerate(IDS):
            grow = extra + (1 if n * len(IDS) + k < rem else 0)
            notes[item] = ("Evidence seen in the team's records. " * 26)[:950 + grow]
        audits.append(Audit(team=Team("Riverside CMHT"), date=date(2026, 1, 1 + n % 28),
                            answers={i: 3 for i in IDS}, item_notes=notes))
    return audits


def test_a_file_at_the_upload_limit_imports(engine):
    one = len(items_csv(_filled(1, 0, 0), CHECKLIST).encode())
    header = len(items_csv([], CHECKLIST).encode())
    count = (UPLOAD_LIMIT_BYTES - header) // (one - header)
    deficit = UPLOAD_LIMIT_BYTES - len(items_csv(_filled(count, 0, 0), CHECKLIST).encode())
    extra, rem = divmod(deficit, count * len(IDS))
    data = items_csv(_filled(count, extra, rem), CHECKLIST).encode()
    assert len(data) == UPLOAD_LIMIT_BYTES
    report = read_audit_csv(data, CHECKLIST)
    assert (report.problem, report.rejected, len(report.valid)) == ("", [], count)
    started = time.perf_counter()
    outcome = store.import_audit_csv(engine, "big.csv", data)
    seconds = time.perf_counter() - started
    assert outcome.accepted, outcome.problems[:3]
    assert store.count_audits(engine) == count
    print(f"{count} audits, {len(data)} bytes, imported in {seconds:.1f} s")


def test_rows_that_do_not_fit_their_audit_are_rejected_with_the_row_they_clash_with():
    lines = items_csv(AUDITS[1:], CHECKLIST).splitlines()
    header, rows = lines[0], lines[1:]
    moved = rows[1].replace("2026-09-01", "2026-09-02")
    text = "\n".join([header, rows[0], rows[0], moved, *rows[2:]])
    report = read_audit_csv(text, CHECKLIST)
    assert [(r.number, r.reason) for r in report.rejected] == [
        (3, f"Item {IDS[0]} appears twice in one audit (row 2 too)."),
        (4, "The row has the audit id of row 2 but a different team or date (Riverside CMHT, "
            "2026-09-01 there)."),
    ]
    assert report.valid == []
    assert report.lines() == [
        "2 rows were rejected (row numbers as in a spreadsheet, headings are row 1):",
        f"Row 3: Item {IDS[0]} appears twice in one audit (row 2 too).",
        "Row 4: The row has the audit id of row 2 but a different team or date (Riverside CMHT, "
        "2026-09-01 there).",
        "The audit of 1 September 2026 for Riverside CMHT was not imported: rows 3, 4 of it had "
        "problems, and an audit is imported whole or not at all.",
    ]


def test_the_formula_guard_comes_off_only_where_the_export_put_it():
    from connecting_people.fidelity.csvio import unquote_cell

    assert [unquote_cell(v) for v in ["'=SUM(A1)", "'-1", "'quoted", "plain", "'"]] == [
        "=SUM(A1)", "-1", "'quoted", "plain", "'"]
