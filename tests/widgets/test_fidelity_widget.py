"""The self-audit anywidget's model and its Python side, without a browser or kernel."""

from __future__ import annotations

import json
from datetime import date

import pytest

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import Audit, Team, audit_to_document
from connecting_people.fidelity.widget import SelfAuditWidget
from connecting_people.frontend import bundle_exports, read_bundle

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


def sample_audit(**changes) -> Audit:
    values = dict(team=Team("Riverside CMHT", "Example NHS Trust", "Adult"),
                  date=date(2026, 3, 1), answers={IDS[0]: 2, IDS[1]: None})
    values.update(changes)
    return Audit(**values)


def test_the_front_end_is_one_module_with_the_rules_and_the_view():
    widget = SelfAuditWidget()
    assert widget._esm == read_bundle("fidelity")
    assert {"default", "scoreAudit"} <= set(bundle_exports("fidelity"))
    assert ".cp-audit" in widget._css


def test_the_widget_carries_the_checklist_data_file():
    widget = SelfAuditWidget()
    assert widget.checklist == CHECKLIST.data
    assert [item["id"] for item in widget.checklist["items"]] == list(IDS)
    json.dumps(widget.get_state())  # everything the static page saves is plain JSON


def test_on_the_static_page_it_defaults_to_files_and_links_within_the_book():
    widget = SelfAuditWidget()
    assert widget.mode == "file" and widget.link_base == "../"
    assert widget.audit == {} and widget.previous == {}


def test_show_audit_and_current_audit_round_trip():
    widget = SelfAuditWidget(mode="store")
    audit = sample_audit()
    widget.show_audit(audit, lock_team=True)
    assert widget.team_locked
    assert widget.audit == audit_to_document(audit)
    assert widget.current_audit() == audit
    widget.show_previous(audit)
    assert widget.previous["audit_id"] == audit.audit_id


def test_save_message_calls_the_store_callback_with_the_checked_audit():
    widget = SelfAuditWidget(mode="store")
    saved = []
    widget.on_save(lambda audit: saved.append(audit) or "Saved.")
    widget.show_audit(sample_audit())
    widget._handle_message(widget, {"type": "save"}, [])
    assert saved == [widget.current_audit()]
    assert widget.status["kind"] == "ok" and widget.status["message"] == "Saved."


def test_a_bad_audit_from_the_front_end_is_not_saved_and_the_reasons_are_shown():
    widget = SelfAuditWidget(mode="store")
    saved = []
    widget.on_save(saved.append)
    document = audit_to_document(sample_audit())
    document["answers"] = {IDS[0]: 9, "team.unicorns": 1}
    document["notes"] = "<script>alert(1)</script>"
    widget.audit = document
    widget.save()
    assert saved == []
    assert widget.status["kind"] == "error"
    joined = " ".join(widget.status["problems"])
    assert "whole number from 1 to 5" in joined and "web page tag" in joined
    assert "unicorns" in joined


def test_a_failing_store_becomes_a_message_not_a_traceback():
    widget = SelfAuditWidget(mode="store")

    def broken(_audit):
        raise RuntimeError("database is locked")

    widget.on_save(broken)
    widget.show_audit(sample_audit())
    widget.save()
    assert widget.status["kind"] == "error"
    assert "not saved" in widget.status["message"] and "Traceback" not in widget.status["message"]


def test_without_a_store_the_save_button_explains_what_to_do():
    widget = SelfAuditWidget()
    widget.show_audit(sample_audit())
    widget.save()
    assert "Save the audit as a file" in widget.status["message"]


def test_status_changes_even_when_the_same_message_repeats():
    widget = SelfAuditWidget(mode="store")
    widget.on_save(lambda _audit: "Saved.")
    widget.show_audit(sample_audit())
    widget.save()
    first = widget.status["n"]
    widget.save()
    assert widget.status["n"] == first + 1


@pytest.mark.parametrize("mode", ["file", "store"])
def test_mode_is_restricted(mode):
    assert SelfAuditWidget(mode=mode).mode == mode
    with pytest.raises(Exception, match="mode"):
        SelfAuditWidget(mode="cloud")


def test_the_bundle_ships_the_two_rater_run_chart_csv_and_version_rules():
    assert {"compareRaters", "agreeRaters", "versionWarnings", "auditCsv",
            "auditsFromCsv"} <= set(bundle_exports("fidelity"))


def test_an_agreed_audit_keeps_its_two_originals_through_the_widget():
    first_id = "0b7f3c1e-5d2a-4c6b-9a8e-1f2d3c4b5a69"
    second_id = "1c8f3c1e-5d2a-4c6b-9a8e-1f2d3c4b5a69"
    agreed = sample_audit(agreed_from=((first_id, "Asha Patel"), (second_id, "Ben Lewis")))
    widget = SelfAuditWidget()
    widget.show_audit(agreed)
    assert widget.audit["agreed_from"] == [{"audit_id": first_id, "rater": "Asha Patel"},
                                           {"audit_id": second_id, "rater": "Ben Lewis"}]
    assert widget.current_audit().agreed_from == agreed.agreed_from
    widget.show_audit(sample_audit())
    assert "agreed_from" not in widget.audit  # every other audit is saved as before
