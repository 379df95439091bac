"""Row-level security on the self-audit tables, as the non-superuser app role.

Teams, audits, answers, actions, audit versions and action history: a query
with no team filter at all still returns only the teams in the kernel's scope
(answers, actions and versions through their audit's team), and rows for
another team can be neither written nor changed. The fidelity team's name is
the team name of the Hub group (``cp-team:<team>``) that the scope holds.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from connecting_people.fidelity import store
from connecting_people.fidelity.model import PlanEntry, audit_to_json
from connecting_people.store import make_engine, row_security
from connecting_people.store.migrations import HUB_MODE_ENV
from tests.deploy.test_row_security import app_url  # noqa: F401 - the app role on a migrated database
from tests.unit.test_fidelity_store import IDS, make_audit

pytestmark = [pytest.mark.deploy, pytest.mark.postgres]


def audit_for(team: str):
    return make_audit(team=team, trust="Example NHS Trust",
                      plan=(PlanEntry(IDS[1], "Sam", date(2026, 4, 1)),
                            PlanEntry(IDS[2], "Jo", date(2026, 5, 1))))


@pytest.fixture
def fidelity_url(app_url, fresh_postgres_url):  # noqa: F811 - the fixture imported above
    """North and South each with an audit in two versions and a followed-up action."""
    owner = make_engine(fresh_postgres_url)
    for team in ("north", "south"):
        audit = audit_for(team)
        assert store.import_audit_file(owner, f"{team}.json", audit_to_json(audit),
                                       user=f"{team}-lead").accepted
        again = store.import_audit_file(owner, f"{team}-2.json",
                                        audit_to_json(replace(audit, notes="Second look.")),
                                        user=f"{team}-lead")
        assert again.accepted, again.message
        [team_row] = [t for t in store.list_teams(owner) if t.name == team]
        first = store.team_actions(owner, team_row.id)[0]
        store.update_action(owner, first.id, status="in_progress", expected_version=1,
                            user=f"{team}-lead")
    owner.dispose()
    return app_url


def rows(engine, sql: str) -> list:
    with engine.connect() as connection:
        return sorted(connection.execute(sa.text(sql)).scalars())


def test_queries_with_no_team_filter_see_only_the_teams_in_scope(fidelity_url):
    row_security.set_team_scope({"north"})
    engine = make_engine(fidelity_url)
    assert rows(engine, "SELECT name FROM fidelity_teams") == ["north"]
    assert rows(engine, "SELECT count(*) FROM fidelity_audits") == [1]
    assert rows(engine, "SELECT count(*) FROM fidelity_answers") == [12]  # one audit's
    assert rows(engine, "SELECT count(*) FROM fidelity_actions") == [2]
    assert rows(engine, "SELECT count(*) FROM fidelity_audit_versions") == [2]
    assert rows(engine, "SELECT count(*) FROM fidelity_action_history") == [3]
    # The store's own readers, asked for every team, get North's alone.
    assert [t.name for t in store.list_teams(engine)] == ["north"]
    [(team_id, [stored])] = store.load_audits(engine).items()
    assert stored.audit.team.name == "north"
    assert store.audit_counts(engine) == {team_id: 1}
    row_security.set_team_scope({"north", "south"})
    assert rows(engine, "SELECT name FROM fidelity_teams") == ["north", "south"]
    engine.dispose()


def test_rows_of_another_team_cannot_be_written_or_changed(fidelity_url):
    row_security.set_team_scope({"north", "south"})
    engine = make_engine(fidelity_url)
    north = next(t for t in store.list_teams(engine) if t.name == "north")
    north_action = store.team_actions(engine, north.id)[0]
    row_security.set_team_scope({"south"})
    # An imported file naming North is refused, as is a new North audit of South's.
    outcome = store.import_audit_file(engine, "sneaky.json", audit_to_json(audit_for("north")),
                                      user="south-lead")
    assert (outcome.accepted, outcome.message) == (
        False, "Not imported: the file is for the team north, Example NHS Trust, which is not "
               "one of your teams.")
    with pytest.raises(store.StoreError, match="no longer in the records"):
        store.update_action(engine, north_action.id, status="dropped", reason="Not ours.",
                            expected_version=north_action.version, user="south-lead")
    with engine.begin() as connection:
        changed = connection.execute(sa.text("UPDATE fidelity_actions SET owner = 'X'"))
        assert changed.rowcount == 2  # South's two actions only
    with pytest.raises(sa.exc.ProgrammingError, match="row-level security"), \
            engine.begin() as connection:
        # Moving South's audit into North's team breaks the policy's check.
        connection.execute(sa.text("UPDATE fidelity_audits SET team_id = :north"),
                           {"north": north.id})
    engine.dispose()


def test_in_hub_mode_a_kernel_with_no_scope_sees_no_audits(fidelity_url, monkeypatch):
    monkeypatch.setenv(HUB_MODE_ENV, "1")
    row_security.reset_team_scope()
    engine = make_engine(fidelity_url)
    assert rows(engine, "SELECT count(*) FROM fidelity_teams") == [0]
    assert rows(engine, "SELECT count(*) FROM fidelity_answers") == [0]
    assert store.list_teams(engine) == []
    engine.dispose()


def test_every_fidelity_table_forces_its_policy(fidelity_url):
    engine = make_engine(fidelity_url)
    with engine.connect() as connection:
        found = connection.execute(
            sa.text("SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
                    "WHERE relname = ANY(:tables) ORDER BY relname"),
            {"tables": list(store.FIDELITY_POLICIES)},
        ).all()
    engine.dispose()
    assert found == [(name, True, True) for name in sorted(store.FIDELITY_POLICIES)]
