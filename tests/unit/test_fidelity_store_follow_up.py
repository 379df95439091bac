"""Following up actions in the store, and audits kept as versions.

Actions are versioned edits (``update_action``): status, reason, day done,
owner and due date, with a history row for each change that took effect.
Re-importing an edited audit file stores a new version of that audit; the same
content is refused as already stored; old files without an id get one made
from their content. Runs on SQLite and, when CP_TEST_POSTGRES_URL is set,
PostgreSQL (the shared engine fixture).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert

from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.follow_up import Action, overdue
from connecting_people.fidelity.model import PlanEntry, audit_to_json
from connecting_people.store.migrations import schema_migrations
from tests.unit.test_fidelity_store import make_audit

CHECKLIST = load_checklist()
IDS = CHECKLIST.item_ids


@pytest.fixture
def engine(fresh_engine):
    store.ensure_schema(fresh_engine)
    return fresh_engine


@pytest.fixture
def team_and_actions(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    store.save_audit(engine, team.id, make_audit(), user="local:sam")
    return team, store.team_actions(engine, team.id)


def test_a_new_plan_gives_actions_not_started_with_the_checklist_text(team_and_actions):
    _, actions = team_and_actions
    assert [(a.item_id, a.status, a.version) for a in actions] == [
        (IDS[1], "not_started", 1), (IDS[2], "not_started", 1)]
    assert actions[0].text == CHECKLIST.item(IDS[1]).action_text
    assert store.as_follow_up(actions[0]) == Action(
        IDS[1], CHECKLIST.item(IDS[1]).action_text, "Sam", date(2026, 4, 1))


def test_update_action_is_a_versioned_edit_with_history(engine, team_and_actions):
    _, (first, _) = team_and_actions
    started = store.update_action(engine, first.id, status="in_progress",
                                  expected_version=first.version, user="local:sam")
    assert (started.status, started.version, started.changed_by) == ("in_progress", 2, "local:sam")
    dropped = store.update_action(engine, first.id, status="dropped",
                                  reason="The directory moved to the Trust's own site.",
                                  owner="Ali", due=date(2026, 5, 1),
                                  expected_version=started.version, user="local:ali")
    assert (dropped.status, dropped.reason, dropped.owner, dropped.due, dropped.version) == (
        "dropped", "The directory moved to the Trust's own site.", "Ali", date(2026, 5, 1), 3)
    history = store.action_history_rows(engine, first.id)
    assert [(h["action"], h["version"], h["status"], h["changed_by"]) for h in history] == [
        ("added", 1, "not_started", "local:sam"), ("edited", 2, "in_progress", "local:sam"),
        ("edited", 3, "dropped", "local:ali")]


def test_a_losing_edit_says_when_the_winning_one_was_saved_and_changes_nothing(
        engine, team_and_actions):
    _, (first, _) = team_and_actions
    store.update_action(engine, first.id, status="in_progress", expected_version=1,
                        user="local:sam")
    with pytest.raises(store.StoreConflict) as lost:
        store.update_action(engine, first.id, status="done", done_on=date(2026, 4, 2),
                            expected_version=1, user="local:ali")
    assert str(lost.value).startswith("The action was changed by someone else at ")
    assert str(lost.value).endswith("; reload to see it. Your change was not saved; what you "
                                    "typed is still in the form.")
    assert store.get_action(engine, first.id).status == "in_progress"
    assert len(store.action_history_rows(engine, first.id)) == 2


@pytest.mark.parametrize(("changes", "words"), [
    ({"status": "dropped"}, "Say why the action was dropped."),
    ({"status": "done"}, "Give the date the action was done."),
    ({"status": "in_progress", "reason": "Because."}, "A reason is kept only for a dropped"),
    ({"status": "finished"}, "The status 'finished' is not one of"),
    ({"status": "in_progress", "owner": "  "}, "Give the action an owner"),
])
def test_an_action_that_breaks_the_follow_up_rules_is_refused(engine, team_and_actions, changes,
                                                               words):
    _, (first, _) = team_and_actions
    with pytest.raises(store.StoreError, match="The action was not saved") as refused:
        store.update_action(engine, first.id, expected_version=1, user="local:sam", **changes)
    assert words in str(refused.value)
    assert store.get_action(engine, first.id).version == 1


def test_an_old_plan_entry_with_no_owner_or_date_can_still_be_marked_done(engine,
                                                                          team_and_actions):
    team, (_, second) = team_and_actions
    assert (second.owner, second.due) == ("", None)
    store.set_action_done(engine, second.id, user="local:sam")
    done = store.get_action(engine, second.id)
    assert (done.status, done.done_on, done.version) == ("done", datetime.now(UTC).date(), 2)
    store.set_action_done(engine, second.id, user="local:sam")  # already done: nothing changes
    assert store.get_action(engine, second.id).version == 2
    assert [a.item_id for a in store.open_actions(engine, team.id)] == [IDS[1]]


def test_team_actions_come_newest_audit_first_and_open_actions_span_every_audit(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    store.save_audit(engine, team.id, make_audit(when=date(2026, 1, 1)))
    store.save_audit(engine, team.id, make_audit(
        when=date(2026, 7, 1), plan=(PlanEntry(IDS[5], "Jo", date(2026, 8, 1)),)))
    actions = store.team_actions(engine, team.id)
    assert [(a.audit_date, a.item_id) for a in actions] == [
        (date(2026, 7, 1), IDS[5]), (date(2026, 1, 1), IDS[1]), (date(2026, 1, 1), IDS[2])]
    assert [a.item_id for a in store.open_actions(engine, team.id)] == [IDS[1], IDS[5], IDS[2]]
    late = overdue([store.as_follow_up(a) for a in actions], on=date(2026, 9, 1))
    assert [a.item_id for a in late] == [IDS[1], IDS[5]]
    # The lead's count, in one query for every team, agrees with the team page's list;
    # a team with nothing late is left out, and closing an action takes it off.
    other = store.create_team(engine, "Hillside CMHT", "")
    assert store.overdue_counts(engine, [team.id, other.id], date(2026, 9, 1)) == {team.id: 2}
    store.set_action_done(engine, next(a.id for a in actions if a.item_id == IDS[1]))
    assert store.overdue_counts(engine, [team.id, other.id], date(2026, 9, 1)) == {team.id: 1}
    assert store.overdue_counts(engine, [], date(2026, 9, 1)) == {}


def test_a_new_version_of_the_audit_keeps_the_follow_up_of_actions_still_planned(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    audit = make_audit()
    store.save_audit(engine, team.id, audit)
    first = store.team_actions(engine, team.id)[0]
    store.update_action(engine, first.id, status="in_progress", owner="Ali",
                        expected_version=1, user="local:ali")
    # The file still plans Sam for this action: the follow-up's owner Ali is kept.
    again = make_audit(audit_id=audit.audit_id, notes="Second look.",
                       plan=audit.plan[:1] + (PlanEntry(IDS[4], "Jo", None),))
    outcome = store.import_audit_file(engine, "again.json", audit_to_json(again), CHECKLIST)
    assert outcome.accepted, outcome.message
    kept = {a.item_id: a for a in store.team_actions(engine, team.id)}
    assert sorted(kept) == sorted([IDS[1], IDS[4]])
    assert (kept[IDS[1]].id, kept[IDS[1]].status, kept[IDS[1]].owner) == (
        first.id, "in_progress", "Ali")


# ------------------------------------------------------------ audit versions
def test_re_importing_an_edited_audit_stores_a_new_version_and_names_the_change(engine):
    audit = make_audit()
    first = store.import_audit_file(engine, "a.json", audit_to_json(audit), CHECKLIST,
                                    user="local:sam")
    assert first.accepted
    edited = make_audit(audit_id=audit.audit_id, notes="Agreed at the review.",
                        answers=audit.answers | {IDS[0]: 4})
    second = store.import_audit_file(engine, "a-edited.json", audit_to_json(edited), CHECKLIST,
                                     user="local:ali")
    assert second.accepted
    assert second.message == (
        "Imported a new version (version 2) of the audit of 1 March 2026 for Riverside CMHT, "
        f"Example NHS Trust. Changed: item {IDS[0]}; the notes.")
    versions = store.audit_versions(engine, audit.audit_id)
    assert [(v.version, v.changed_by, v.changed_items, v.changed_parts) for v in versions] == [
        (1, "local:sam", (), ()), (2, "local:ali", (IDS[0],), ("the notes",))]
    assert versions[1].document["answers"][IDS[0]] == 4
    [stored] = store.load_audits(engine)[store.list_teams(engine)[0].id]
    assert (stored.version, stored.audit.answers[IDS[0]]) == (2, 4)


def test_the_same_content_is_refused_and_an_older_version_is_refused_by_name(engine):
    audit = make_audit()
    store.import_audit_file(engine, "a.json", audit_to_json(audit), CHECKLIST)
    again = store.import_audit_file(engine, "a-copy.json", audit_to_json(audit), CHECKLIST)
    assert (again.accepted, again.message) == (
        False, "Not imported: this audit is already in the records (it was imported or saved "
               "before).")
    store.import_audit_file(engine, "b.json", audit_to_json(make_audit(
        audit_id=audit.audit_id, notes="Later.")), CHECKLIST)
    old = store.import_audit_file(engine, "a-old.json", audit_to_json(audit), CHECKLIST)
    assert (old.accepted, old.message) == (
        False, "Not imported: this file is version 1 of an audit already in the records, which "
               "now holds version 2. Nothing was changed.")
    assert len(store.audit_versions(engine, audit.audit_id)) == 2


def test_a_dashboard_save_is_a_version_too(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    audit = make_audit()
    saved = store.save_audit(engine, team.id, audit, user="local:sam")
    store.save_audit(engine, team.id, make_audit(audit_id=audit.audit_id, participants=("Jo",)),
                     expected_version=saved.version, user="local:jo")
    versions = store.audit_versions(engine, audit.audit_id)
    assert [(v.version, v.changed_by, v.changed_parts) for v in versions] == [
        (1, "local:sam", ()), (2, "local:jo", ("who took part",))]


def test_an_old_file_without_an_id_gets_a_stable_one_and_imports_once(engine):
    document = json.loads(audit_to_json(make_audit()))
    del document["audit_id"]
    first = store.import_audit_file(engine, "old.json", json.dumps(document), CHECKLIST)
    assert first.accepted
    [stored] = store.load_audits(engine)[store.list_teams(engine)[0].id]
    assert first.warnings == [
        f"The file has no audit id (it was saved before audits had one), so it was given the id "
        f"{stored.audit.audit_id}, made from its content."]
    # The same file laid out differently is the same audit.
    again = store.import_audit_file(engine, "old-again.json",
                                    json.dumps(document, indent=4, sort_keys=True), CHECKLIST)
    assert (again.accepted, again.message) == (
        False, "Not imported: this audit is already in the records (it was imported or saved "
               "before).")


# ---------------------------------------------------------------- migration
def test_step_four_moves_old_actions_to_the_follow_up_statuses(fresh_engine):
    # A database at schema step 3, as the last release left it.
    with fresh_engine.begin() as connection:
        schema_migrations.create(connection, checkfirst=True)
        for step in store.MIGRATIONS[:3]:
            step.upgrade(connection)
            connection.execute(insert(schema_migrations).values(
                component=store.COMPONENT, version=step.version, description=step.description,
                applied_at=datetime.now(UTC)))
        now = datetime(2026, 4, 2, 9, 30, tzinfo=UTC)
        connection.execute(store.teams.insert().values(
            id=1, team_key="riverside\x1f", name="Riverside", trust="", service="",
            created_at=now, changed_by="", changed_at=now))
        connection.execute(insert(store.audits).values(
            id=1, uid="0b7f3c1e-5d2a-4c6b-9a8e-1f2d3c4b5a69", team_id=1,
            audit_date=date(2026, 3, 1), checklist_version="1.0", participants="[]", notes="",
            source="file", saved_at=now, version=1, changed_by="", changed_at=now))
        for n, (status, done_at) in enumerate([("open", None), ("done", now)]):
            # Only step 3's columns: the later ones have server defaults, so are left out.
            connection.execute(store.actions.insert().values(
                audit_id=1, item_id=IDS[n], owner="Sam", due_date=None, status=status,
                done_at=done_at, changed_by="", changed_at=now))
    assert store.ensure_schema(fresh_engine) == [(store.COMPONENT, 4), (store.COMPONENT, 5)]
    rows = store.team_actions(fresh_engine, 1)
    assert [(a.item_id, a.status, a.done_on, a.text) for a in rows] == [
        (IDS[0], "not_started", None, CHECKLIST.item(IDS[0]).action_text),
        (IDS[1], "done", date(2026, 4, 2), CHECKLIST.item(IDS[1]).action_text)]
    [version] = store.audit_versions(fresh_engine, "0b7f3c1e-5d2a-4c6b-9a8e-1f2d3c4b5a69")
    assert [e["item_id"] for e in version.document["action_plan"]] == [IDS[0], IDS[1]]


def test_a_new_version_that_changes_a_planned_owner_or_date_updates_the_action(engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust")
    audit = make_audit()
    store.save_audit(engine, team.id, audit, user="local:sam")
    first = store.team_actions(engine, team.id)[0]
    replanned = make_audit(audit_id=audit.audit_id,
                           plan=(PlanEntry(IDS[1], "Jo", date(2026, 6, 1)), audit.plan[1]))
    assert store.import_audit_file(engine, "replanned.json", audit_to_json(replanned), CHECKLIST,
                                   user="local:jo").accepted
    now = store.get_action(engine, first.id)
    assert (now.owner, now.due, now.status, now.version) == ("Jo", date(2026, 6, 1),
                                                             "not_started", 2)
    assert [(h["action"], h["owner"], h["changed_by"])
            for h in store.action_history_rows(engine, first.id)] == [
        ("added", "Sam", "local:sam"), ("planned", "Jo", "local:jo")]


def test_an_exported_audit_keeps_its_actions_follow_up_and_imports_back_as_the_same_audit(
        engine):
    team = store.create_team(engine, "Riverside CMHT", "Example NHS Trust", "Adult community")
    store.save_audit(engine, team.id, make_audit(), user="local:sam")
    first, second = store.team_actions(engine, team.id)
    store.update_action(engine, first.id, status="done", done_on=date(2026, 4, 2),
                        expected_version=first.version, user="local:sam")
    store.update_action(engine, second.id, status="dropped", reason="Covered by the new rota.",
                        expected_version=second.version, user="local:ali")
    (stored,) = store.team_audits(engine, team.id)
    plan = {entry.item_id: (entry.status, entry.done, entry.reason) for entry in stored.audit.plan}
    assert plan == {IDS[1]: ("done", date(2026, 4, 2), ""),
                    IDS[2]: ("dropped", None, "Covered by the new rota.")}
    # The file the team takes away says what was done; bringing it back changes nothing.
    outcome = store.import_audit_file(engine, "exported.json", audit_to_json(stored.audit),
                                      user="local:sam")
    assert (outcome.accepted, outcome.message) == (
        False, "Not imported: this audit is already in the records (it was imported or saved "
               "before).")
    assert [v.version for v in store.audit_versions(engine, stored.audit.audit_id)] == [1]
