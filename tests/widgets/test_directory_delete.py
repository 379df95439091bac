"""An admin deletes a directory entry for good; nobody else sees the control or can use it."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from connecting_people.access import User
from connecting_people.community import store
from connecting_people.community.dashboard import DirectoryDashboard
from connecting_people.community.model import validate_resource
from connecting_people.dashboards import frame
from connecting_people.store import make_engine, row_security

TODAY = date(2026, 10, 1)


@pytest.fixture
def engine(tmp_path):
    engine = store.open_store(make_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}"))
    for name in ("Walking Friends", "Book Club"):
        store.add_resource(engine, "north", validate_resource(
            {"name": name, "kind": "group", "offers": "Company", "area": "Northgate",
             "last_checked": "2026-09-01"}, today=TODAY), user="north-worker")
    yield engine
    engine.dispose()
    row_security.reset_team_scope()


def board_for(engine, monkeypatch, groups, name="cp-admin-user"):
    monkeypatch.setattr(frame, "current_user", lambda: User.from_groups(name, groups))
    board = DirectoryDashboard(engine, team="north", today=TODAY)
    walking = next(e for e in board.entries if e.resource.name == "Walking Friends")
    board.entry_choice.value = walking.id
    return board, walking


def history_rows(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(store.history)).scalar()


def test_an_admin_deletes_an_entry_and_its_history_after_confirming(engine, monkeypatch):
    board, walking = board_for(engine, monkeypatch, ["cp-admin"])
    assert board.delete_box.layout.display != "none"
    board.delete_reason.value = "It held a person's own phone number"
    board.delete_confirm.value = "Walking"
    board.delete_button.click()
    assert ("Confirm: type &#x27;Walking Friends&#x27; to confirm that it should be deleted"
            in board.message.value)
    assert len(store.list_resources(engine, "north")) == 2
    board.delete_confirm.value = "walking friends"
    board.delete_button.click()
    assert "Deleted entry" in board.message.value
    assert [e.resource.name for e in store.list_resources(engine, "north")] == ["Book Club"]
    assert history_rows(engine) == 1  # only Book Club's
    [deletion] = store.deletions_of(engine, "north")
    assert (deletion.resource_id, deletion.deleted_by, deletion.reason) == (
        walking.id, board.user, "It held a person's own phone number")


def test_a_team_member_never_sees_the_delete_control_and_cannot_use_it(engine, monkeypatch):
    board, _ = board_for(engine, monkeypatch, ["cp-team:north"], name="north-worker")
    assert board.delete_box.layout.display == "none"
    board.delete_reason.value = "x"
    board.delete_confirm.value = "Walking Friends"
    board.delete_button.click()
    assert "Only a Connecting People admin can delete a record for good" in board.message.value
    assert len(store.list_resources(engine, "north")) == 2
    assert store.deletions_of(engine, "north") == []
