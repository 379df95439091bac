"""The team's action plan on the team progress page: overdue first, every action, and follow-up.

Each open action gets its own small form (status, a reason when dropped,
owner, due date, Save), so a team can follow up the plan in the meeting. A
save is a versioned edit: when someone else saved the same action first, the
frame's message says so plainly and this form keeps what was typed, so
nothing is lost. A thin view: ``follow_up`` decides what is overdue, the
store checks and keeps the edit.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

import ipywidgets as widgets

from connecting_people.common.dates import uk_date
from connecting_people.dashboards import ui
from connecting_people.fidelity.follow_up import (
    STATUSES,
    is_overdue,
    overdue,
    overdue_sentence,
)
from connecting_people.fidelity.store import ActionRow, as_follow_up

NO_OWNER = "no one named yet"


def actions_table_html(rows: Sequence[ActionRow], today: date) -> str:
    """Every action of the team, newest audit first; overdue ones marked in words too."""
    body = []
    for row in rows:
        action = as_follow_up(row)
        late = is_overdue(action, today)
        status = action.status_label
        if action.done_on:
            status += f" on {uk_date(action.done_on)}"
        if action.status == "dropped" and action.reason:
            status += f": {action.reason}"
        if late:
            days = (today - action.due).days
            status += f", overdue by {days} day{'s' if days != 1 else ''}"
        cell = "td class='cp-flag'" if late else "td"
        body.append(("<tr class='cp-overdue'>" if late else "<tr>")
                    + f"<td>{html.escape(row.text or row.item_id)}</td>"
                    + f"<td>{html.escape(row.owner or NO_OWNER)}</td>"
                    + f"<td>{uk_date(row.due) if row.due else 'no date set'}</td>"
                    + f"<td>{uk_date(row.audit_date)}</td>"
                    + f"<{cell}>{html.escape(status)}</td></tr>")
    return ("<table class='cp-table cp-actions'><caption>Every action in the team's plans, "
            "newest audit first (overdue ones marked)</caption><thead><tr>"
            "<th scope='col'>Action</th><th scope='col'>Owner</th><th scope='col'>Due</th>"
            "<th scope='col'>From the audit of</th><th scope='col'>Status</th></tr></thead>"
            "<tbody>" + "".join(body) + "</tbody></table>")


class ActionForm:
    """One open action's follow-up controls, opened at the action's stored version."""

    def __init__(self, row: ActionRow, save: Callable[[ActionForm], None], guard: Callable):
        self.row = row
        label = f"{row.text or row.item_id} (owner: {row.owner or NO_OWNER})"
        self.status = widgets.Dropdown(
            options=[(text, key) for key, text in STATUSES.items()], value=row.status,
            description="Status", style={"description_width": "6rem"},
            layout=widgets.Layout(width="18rem"))
        self.reason = widgets.Text(value=row.reason, description="Why dropped",
                                   placeholder="needed when dropped",
                                   style={"description_width": "8rem"},
                                   layout=widgets.Layout(width="26rem"))
        self.owner = widgets.Text(value=row.owner, description="Owner",
                                  style={"description_width": "6rem"},
                                  layout=widgets.Layout(width="20rem"))
        self.due = widgets.DatePicker(value=row.due, description="Due",
                                      style={"description_width": "4rem"})
        self.button = widgets.Button(description="Save this action",
                                     tooltip=f"Save the follow-up of: {label}")
        self.button.on_click(guard(lambda _b: save(self)))
        self.view = widgets.VBox([
            widgets.HTML(f"<p class='cp-action-title'><strong>{html.escape(label)}</strong></p>"),
            widgets.HBox([self.status, self.owner, self.due]),
            widgets.HBox([self.reason, self.button]),
        ])
        self.view.add_class("cp-action-form")


class ActionsPanel:
    """The actions section; ``save`` is called with a form when its Save is chosen."""

    def __init__(self, save: Callable[[ActionForm], None]):
        self._save = save
        self.forms: list[ActionForm] = []
        self.view = widgets.VBox()

    def show(self, rows: Sequence[ActionRow], today: date, guard: Callable) -> None:
        parts: list[widgets.Widget] = []
        late = overdue([as_follow_up(r) for r in rows], today)
        if late:
            parts.append(widgets.HTML(ui.message_html(
                [f"{len(late)} action{'s are' if len(late) != 1 else ' is'} overdue:",
                 *(overdue_sentence(a, today) for a in late)], tone="error")))
        if rows:
            parts.append(widgets.HTML(actions_table_html(rows, today)))
        self.forms = [ActionForm(row, self._save, guard) for row in rows if row.is_open]
        if self.forms:
            parts.append(widgets.HTML("<h4>Follow up the open actions</h4>"))
            parts += [form.view for form in self.forms]
        else:
            parts.append(widgets.HTML("<p>No open actions. Actions come from the plan of "
                                      "each audit.</p>"))
        self.view.children = parts
