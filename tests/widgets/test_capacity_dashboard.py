"""The capacity planner widget and dashboard without a browser: traits, saving, loading."""

from __future__ import annotations

import pytest

from connecting_people.capacity import rules, store
from connecting_people.capacity.dashboard import CapacityDashboard
from connecting_people.capacity.planner import CapacityPlanner
from connecting_people.frontend import bundle_exports, read_bundle
from connecting_people.store import make_engine


def test_the_widget_carries_its_rules_spec_and_starting_numbers():
    widget = CapacityPlanner()
    assert widget.spec == rules.load_spec()
    assert widget.inputs == rules.default_inputs()
    assert widget._esm == read_bundle("capacity")
    assert {"default", "plan"} <= set(bundle_exports("capacity"))
    assert widget.result["fits"]
    widget.inputs = {**widget.inputs, "protected_hours": "2.5"}
    assert not widget.result["fits"]


def test_starting_numbers_can_be_given():
    assert CapacityPlanner(inputs={"starts_per_month": 0}).result["status"] == "nothing_planned"


@pytest.fixture
def board(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    yield CapacityDashboard(engine, team="Team")
    engine.dispose()


def test_save_a_plan_then_load_it_back_into_the_planner(board):
    assert "No plans saved yet" in board.table.value
    board.label.value = "Winter <plan>"
    board.planner.inputs = {**board.planner.inputs, "protected_hours": 2.5}
    board.save_button.click()
    assert "Saved" in board.message.value and "does not fit" in board.message.value
    assert "Winter &lt;plan&gt;" in board.table.value and "<plan>" not in board.table.value
    board.planner.inputs = rules.default_inputs()
    board.load_button.click()
    assert board.planner.inputs["protected_hours"] == 2.5


def test_a_plan_with_bad_numbers_is_not_saved(board):
    board.label.value = "Bad"
    board.planner.inputs = {**board.planner.inputs, "caseload": "=1+1"}
    board.save_button.click()
    assert "Nothing was saved" in board.message.value
    assert store.list_plans(board.engine, "Team") == []
    board.planner.inputs = rules.default_inputs()
    board.label.value = ""
    board.save_button.click()
    assert "Plan name: this is required" in board.message.value


def test_opening_the_dashboard_on_an_empty_store_creates_only_its_own_empty_table(tmp_path):
    import sqlalchemy as sa

    from connecting_people.capacity.dashboard import open_dashboard

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    open_dashboard(url=url)
    engine = make_engine(url)
    assert set(sa.inspect(engine).get_table_names()) == {"schema_migrations", "capacity_plans"}
    assert store.list_plans(engine, "Our team") == []
    engine.dispose()


def test_save_uses_the_last_number_typed_even_when_its_state_update_comes_late(board):
    """The front end holds back a state update while the kernel is busy; its message is not."""
    typed = {**rules.default_inputs(), "protected_hours": 5}
    board.planner._on_message(board.planner, {"kind": "typed", "inputs": typed}, [])
    board.planner.inputs = {**rules.default_inputs(), "protected_hours": "2.25"}  # the late one
    board.label.value = "Late state"
    board.save_button.click()
    assert "Saved &#x27;Late state&#x27;. The plan fits" in board.message.value
    assert store.list_plans(board.engine, "Team")[0].inputs["protected_hours"] == 5
    board.load_button.click()
    assert board.planner.typed == board.planner.inputs
