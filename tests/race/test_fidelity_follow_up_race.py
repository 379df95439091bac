"""Six processes x twenty edits on one action, and on one audit (saved, and re-imported).

Actions are versioned edits (``update_action``): every edit reported saved is
applied once, and the action's history holds exactly those. Re-importing an
edited audit file stores its next version: the audit row is locked for the
import, so every import lands in turn (none is a conflict), and the version
history holds each file once. On SQLite and on PostgreSQL (CP_TEST_POSTGRES_URL).
"""

from __future__ import annotations

from dataclasses import replace

from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.model import audit_to_json
from connecting_people.store import StoreConflict, make_engine
from tests.race.conftest import EDITS_EACH, PROCESSES, race
from tests.race.test_versioned_edits_race import check
from tests.unit.test_fidelity_store import make_audit

CHECKLIST = load_checklist()


def test_action_follow_up_edits(database_url):
    engine = make_engine(database_url)
    store.ensure_schema(engine)
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust", user="race:start")
    store.save_audit(engine, team.id, make_audit(), user="race:start")
    action_id = store.team_actions(engine, team.id)[0].id

    def edit(engine, marker):
        current = store.get_action(engine, action_id)
        store.update_action(engine, action_id, status="in_progress", owner=marker,
                            expected_version=current.version, user=f"race:{marker}")

    result = race(database_url, edit)
    final = store.get_action(engine, action_id)
    rows = store.action_history_rows(engine, action_id)
    history = [(row["action"], row["owner"]) for row in rows]
    check(result, final.version, history, "Sam")
    assert [row["changed_by"] for row in rows[1:]] == [f"race:{m}" for _, m in history[1:]]
    assert final.owner == final.changed_by.removeprefix("race:")
    engine.dispose()


def test_audit_re_imports_as_versions(database_url):
    engine = make_engine(database_url)
    store.ensure_schema(engine)
    first = make_audit(notes="start")
    assert store.import_audit_file(engine, "start.json", audit_to_json(first), CHECKLIST,
                                   user="race:start").accepted

    def edit(engine, marker):
        outcome = store.import_audit_file(engine, f"{marker}.json",
                                          audit_to_json(replace(first, notes=marker)), CHECKLIST,
                                          user=f"race:{marker}")
        if not outcome.accepted:
            raise StoreConflict(outcome.message)  # counted, and then failed on below

    result = race(database_url, edit)
    assert result.conflicts == 0  # an import waits its turn: every one lands
    assert len(result.saved) == PROCESSES * EDITS_EACH
    versions = store.audit_versions(engine, first.audit_id)
    history = [("added" if v.version == 1 else "edited", v.document["notes"]) for v in versions]
    [stored] = store.team_audits(engine, store.list_teams(engine)[0].id)
    check(result, stored.version, history, "start")
    assert [v.version for v in versions] == list(range(1, len(versions) + 1))
    assert [v.changed_by for v in versions[1:]] == [f"race:{m}" for _, m in history[1:]]
    assert [v.changed_parts for v in versions[1:]] == [("the notes",)] * len(result.saved)
    assert stored.audit.notes == versions[-1].document["notes"]
    engine.dispose()


def test_audit_saves_from_dashboards_keep_a_version_for_each_save(database_url):
    engine = make_engine(database_url)
    store.ensure_schema(engine)
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust", user="race:start")
    first = make_audit(notes="start")
    store.save_audit(engine, team.id, first, user="race:start")

    def edit(engine, marker):
        [current] = store.team_audits(engine, team.id)
        store.save_audit(engine, team.id, replace(first, notes=marker),
                         expected_version=current.version, user=f"race:{marker}")

    result = race(database_url, edit)
    versions = store.audit_versions(engine, first.audit_id)
    history = [("added" if v.version == 1 else "edited", v.document["notes"]) for v in versions]
    [stored] = store.team_audits(engine, team.id)
    check(result, stored.version, history, "start")
    assert [v.changed_by for v in versions[1:]] == [f"race:{m}" for _, m in history[1:]]
    engine.dispose()
