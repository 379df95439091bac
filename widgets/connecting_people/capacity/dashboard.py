"""The capacity planner dashboard: the planner, plus saving and comparing a team's plans.

The planner itself is the same browser widget the book page shows. Python
adds what only a server can do: keep the plans a team agreed and list them
side by side, each re-checked with the Python rules.
"""

from __future__ import annotations

import ipywidgets as widgets
from sqlalchemy import Engine

from connecting_people.capacity import rules, store
from connecting_people.capacity.planner import CapacityPlanner
from connecting_people.dashboards import frame, ui
from connecting_people.store import teams as teams_registry
from connecting_people.store.common import clean_team

DEFAULT_TEAM = "Our team"
INTRO = (
    "Does your plan for Connecting People fit the time the team protects for it? Change any "
    "number: the answer updates as you type. Save the plans you agree."
)


class CapacityDashboard(frame.TeamTool):
    def __init__(self, engine: Engine, *, team: str = DEFAULT_TEAM):
        self.engine = store.open_store(engine)
        # Signed in, the database shows this kernel only the teams the person may read
        # (row_security): their own, and for a lead every listed team of their Trust.
        self.team_trusts = teams_registry.team_trusts(self.engine)
        self.person = frame.person_in_scope(self.team_trusts)
        self.team = ui_team(team)
        style = {"description_width": "160px"}
        self.team_box = frame.team_combobox(
            self.team, store.teams(self.engine), style=style,
            layout=widgets.Layout(width="100%", max_width="600px"),
        )
        self.planner = CapacityPlanner()
        self.label = widgets.Text(
            description="Plan name",
            placeholder="for example: April plan",
            style=style,
            layout=widgets.Layout(width="100%", max_width="600px"),
        )
        self.save_button = widgets.Button(description="Save this plan", button_style="success")
        self.saved_choice = widgets.Dropdown(
            description="Saved plans",
            style=style,
            layout=widgets.Layout(width="100%", max_width="600px"),
        )
        self.load_button = widgets.Button(description="Load into the planner")
        self.message = widgets.HTML()
        self.table = widgets.HTML()
        self.view = frame.tool_view(
            INTRO,
            self.team_box,
            self.planner,
            ui.heading("Save and compare plans", 3),
            self.message,
            self.label,
            self.save_button,
            widgets.HBox([self.saved_choice, self.load_button]),
            self.table,
        )
        guard = ui.guarded(self._show, user=self.user, tool="capacity planner")
        self.save_button.on_click(guard(self._save))
        self.load_button.on_click(guard(self._load))
        self.team_box.observe(guard(self._change_team), names="value")
        self._refresh()

    def _show(self, markup: str) -> None:
        self.message.value = markup

    def _change_team(self, _change=None) -> None:
        self.team = ui_team(self.team_box.value)
        self._refresh()

    def _refresh(self) -> None:
        saved = store.list_plans(self.engine, self.team)
        self.saved_choice.options = [
            (f"{p.label} ({p.saved_at:%Y-%m-%d})", p.id) for p in reversed(saved)
        ]
        # Newest first, and chosen, so "Load" works without opening the list first.
        self.saved_choice.value = saved[-1].id if saved else None
        self.load_button.disabled = not saved
        if not saved:
            self.table.value = "<p>No plans saved yet for this team.</p>"
            return
        rows = []
        for p in saved:
            result = p.result
            rows.append(
                [
                    p.label,
                    f"{p.saved_at:%Y-%m-%d}",
                    str(p.inputs["starts_per_month"]),
                    rules.format_number(float(p.inputs["protected_hours"])),
                    "Yes" if result.get("fits") else "No",
                    # None when each person needs no time: any number of starts fits
                    # (a plan the rules now refuse has no figures: left blank).
                    "" if not result["ok"] else "no limit" if result["max_starts"] is None
                    else str(result["max_starts"]),
                ]
            )
        self.table.value = ui.table_html(
            [
                "Plan",
                "Saved",
                "Starts a month",
                "Protected hours a week",
                "Fits?",
                "Most starts the time allows",
            ],
            rows,
            caption=f"Plans saved by {self.team}",
        )

    def _save(self, _button=None) -> None:
        saved = store.save_plan(
            self.engine, self.team, self.label.value, self.planner.typed, user=self.user
        )
        self.label.value = ""
        self._refresh()
        self._show(
            ui.message_html(f"Saved {saved.label!r}. {saved.result['headline']}", tone="done")
        )

    def _load(self, _button=None) -> None:
        chosen = next(
            (
                p
                for p in store.list_plans(self.engine, self.team)
                if p.id == self.saved_choice.value
            ),
            None,
        )
        if chosen is None:
            return
        self.planner.load(chosen.inputs)
        self._show(ui.message_html(f"Loaded {chosen.label!r} into the planner.", tone="done"))


def ui_team(team: str) -> str:
    return clean_team(team)


def open_dashboard(team: str = DEFAULT_TEAM, url: str | None = None):
    return frame.open_tool(
        lambda engine: CapacityDashboard(engine, team=team),
        url,
        "capacity planner",
    )
