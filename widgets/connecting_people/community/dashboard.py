"""The community directory dashboard: find, add, edit, retire, import, export, and see the gaps.

A thin view: every rule lives in ``model``, ``rules``, ``csvio`` and
``store``. The sections are switched with buttons (not tabs) so that every
control is reachable with the Tab key, and all text is escaped in ``ui``.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets
from sqlalchemy import Engine

from connecting_people import access
from connecting_people.common.dates import uk_date, uk_date_time
from connecting_people.community import charts, csvio, rules, store
from connecting_people.community.model import KINDS, LABELS, TEXT_FIELDS, validate_resource
from connecting_people.dashboards import frame, ui
from connecting_people.store.errors import AccessRefused

SECTIONS = ("Find", "Add or edit", "Import and export", "What we know")
ALL = "All"
NEW_ENTRY = 0
DEFAULT_TEAM = "Our team"
# The text columns of the results table, between the kind and the date checked.
SHOWN_FIELDS = ("offers", "suits", "area", "access", "cost", "contact")
INTRO = (
    "Your team's shared list of groups, services, places and opportunities. Search it with a "
    "person, add what you find, and check entries not checked for six months. The buttons below "
    "switch between finding, adding, importing and the chart of what the team knows."
)


def _wide(**kwargs) -> widgets.Layout:
    return widgets.Layout(width="100%", max_width="900px", **kwargs)


class DirectoryDashboard(frame.TeamTool):
    """The whole directory tool as one widget tree (``.view``)."""

    def __init__(self, engine: Engine, *, team: str = DEFAULT_TEAM, today: date | None = None):
        self.open_frame(engine, store, team, today, what="directory", sections=SECTIONS,
                        widths=("210px", "900px"))
        self.entries = []

        # Find
        self.search_text = widgets.Text(
            description="Search for",
            placeholder="for example: walking",
            continuous_update=False,
            style=self.style,
            layout=_wide(),
        )
        self.kind_filter = widgets.Dropdown(
            options=[(ALL, "")] + [(v, k) for k, v in KINDS.items()],
            description="Kind",
            style=self.style,
        )
        self.area_filter = widgets.Dropdown(options=[ALL], description="Area", style=self.style)
        self.stale_only = widgets.Checkbox(
            description="Only entries that need checking",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.include_retired = widgets.Checkbox(
            description="Include retired entries", indent=False, layout=widgets.Layout(width="auto")
        )
        self.search_button = widgets.Button(
            description="Search",
            button_style="primary",
            icon="search",
            tooltip="Search the directory",
        )
        self.results = widgets.HTML()

        # Add or edit
        self.entry_choice = widgets.Dropdown(description="Entry", style=self.style, layout=_wide())
        self.inputs: dict[str, widgets.Widget] = {}
        for name, (label, limit, required, multiline) in TEXT_FIELDS.items():
            box = widgets.Textarea if multiline else widgets.Text
            suffix = " *" if required else ""
            self.inputs[name] = box(
                description=label + suffix,
                style=self.style,
                layout=_wide(),
                placeholder=f"up to {limit} characters",
            )
        self.inputs["kind"] = widgets.Dropdown(
            options=[(v, k) for k, v in KINDS.items()], description="Kind *", style=self.style
        )
        self.inputs["last_checked"] = widgets.DatePicker(
            description="Last checked *", style=self.style, value=self.today()
        )
        self.save_button = widgets.Button(
            description="Save entry", button_style="success", icon="check"
        )
        self.retire_reason = widgets.Text(
            description="Reason for retiring",
            style=self.style,
            placeholder="for example: group has closed",
            layout=_wide(),
        )
        self.retire_button = widgets.Button(description="Retire entry", button_style="warning")
        self.restore_button = widgets.Button(description="Restore entry")
        self.history = widgets.HTML()
        self.delete_box = self._delete_controls()

        # Import and export
        self.csv_panel(csvio, existing=lambda: self.entries)
        self.export_controls("Prepare a CSV of every entry")

        # What we know
        self.chart = widgets.Output()
        self.summary = widgets.HTML()

        self.pages = {
            "Find": widgets.VBox(
                [
                    self.search_text,
                    widgets.HBox([self.kind_filter, self.area_filter]),
                    widgets.HBox([self.stale_only, self.include_retired]),
                    self.search_button,
                    self.results,
                ]
            ),
            "Add or edit": widgets.VBox(
                [
                    self.entry_choice,
                    self.inputs["name"],
                    self.inputs["kind"],
                    *[
                        self.inputs[n]
                        for n in ("offers", "suits", "area", "access", "cost", "contact")
                    ],
                    self.inputs["last_checked"],
                    self.inputs["notes"],
                    self.save_button,
                    ui.heading("Retire or restore", 3),
                    self.retire_reason,
                    widgets.HBox([self.retire_button, self.restore_button]),
                    self.delete_box,
                    self.history,
                ]
            ),
            "Import and export": widgets.VBox(
                [
                    widgets.HTML(self._import_help()),
                    *self.csv_import.children,
                    ui.heading("Export", 3),
                    self.export_button,
                    self.export_link,
                ]
            ),
            "What we know": widgets.VBox([self.summary, self.chart]),
        }
        guard = self.finish_frame(INTRO, self.pages)
        self.search_text.observe(guard(self._search), names="value")
        for control in (self.kind_filter, self.area_filter, self.stale_only, self.include_retired):
            control.observe(guard(self._search), names="value")
        self.search_button.on_click(guard(self._search))
        self.entry_choice.observe(guard(self._load_entry), names="value")
        self.save_button.on_click(guard(self._save))
        self.retire_button.on_click(guard(self._retire))
        self.restore_button.on_click(guard(self._restore))
        self.delete_button.on_click(guard(self._delete))
        self.csv_import.connect(guard)
        self.export_button.on_click(guard(self._export))
        self._reload()

    # -- state --------------------------------------------------------------
    def _reload(self, select: int | None = None) -> None:
        self.entries = store.list_resources(self.engine, self.team)
        areas = rules.areas(self.entries)
        current_area = self.area_filter.value
        self.area_filter.options = [ALL, *areas]
        self.area_filter.value = current_area if current_area in areas else ALL
        options = [("New entry", NEW_ENTRY)] + [
            (
                f"{e.id}: {e.resource.name} ({e.resource.area})"
                + ("" if e.active else " [retired]"),
                e.id,
            )
            for e in sorted(self.entries, key=lambda e: e.resource.name.lower())
        ]
        self.entry_choice.options = options
        self.entry_choice.value = select if select in dict(options).values() else NEW_ENTRY
        self._load_entry()
        self._search()
        if self.section.value == "What we know":
            self._draw_chart()

    # -- callbacks ----------------------------------------------------------
    def _switch(self, _change=None) -> None:
        frame.show_section(self.body, self.pages, self.section, self.message)
        if self.section.value == "What we know":
            # Drawn only when asked for: the figure is the slowest part of opening the tool.
            self._draw_chart()

    def _search(self, _change=None) -> None:
        area = None if self.area_filter.value in (ALL, None) else self.area_filter.value
        found = rules.search(
            self.entries,
            self.search_text.value,
            kind=self.kind_filter.value or None,
            area=area,
            include_retired=self.include_retired.value,
            only_stale_on=self.today() if self.stale_only.value else None,
        )
        self.results.value = self._results_html(found)

    def _results_html(self, found) -> str:
        active = sum(1 for e in self.entries if e.active)
        if not found:
            if not active:
                return ui.message_html(
                    "The directory is empty. Use 'Add or edit' to add the "
                    "first entry, or import a CSV file."
                )
            return ui.message_html("No entries match. Try fewer words or another kind or area.")
        rows = []
        for e in found:
            r = e.resource
            flag = ""
            if rules.is_stale(e, self.today()):
                flag = '<br><span class="cp-flag">Needs checking</span>'
            if not e.active:
                flag = (
                    '<br><span class="cp-flag">Retired: '
                    + html.escape(e.retired_reason)
                    + "</span>"
                )
            rows.append(
                [
                    str(e.id),
                    html.escape(r.name) + flag,
                    KINDS[r.kind],
                    *(getattr(r, field) for field in SHOWN_FIELDS),
                    uk_date(r.last_checked),
                    r.notes,
                ]
            )
        heads = [
            "No.",
            "Name",
            "Kind",
            "What it offers",
            "Who it suits",
            "Area",
            "Access and transport",
            "Cost",
            "Contact",
            "Last checked",
            "Notes",
        ]
        plural = "entry" if len(found) == 1 else "entries"
        return f"<p>{len(found)} {plural} found.</p>" + ui.table_html(
            heads, rows, caption="Directory entries", raw_columns=[1]
        )

    def _load_entry(self, _change=None) -> None:
        chosen = self.entry_choice.value
        entry = next((e for e in self.entries if e.id == chosen), None)
        if entry is None:
            for name in TEXT_FIELDS:
                self.inputs[name].value = ""
            self.inputs["kind"].value = next(iter(KINDS))
            self.inputs["last_checked"].value = self.today()
            self.save_button.description = "Add entry"
            self.retire_button.disabled = self.restore_button.disabled = True
            self.delete_button.disabled = True
            self.history.value = ""
            return
        for name in TEXT_FIELDS:
            self.inputs[name].value = getattr(entry.resource, name)
        self.inputs["kind"].value = entry.resource.kind
        self.inputs["last_checked"].value = entry.resource.last_checked
        self.save_button.description = "Save changes"
        self.retire_button.disabled = not entry.active
        self.restore_button.disabled = entry.active
        self.delete_button.disabled = False
        changes = store.entry_history(self.engine, entry.id)
        self.history.value = ui.table_html(
            ["Version", "What happened", "When"],
            [[str(h.version), h.action, uk_date_time(h.changed_at)] for h in changes],
            caption="History of this entry",
        )

    def _form_values(self) -> dict:
        values = {name: self.inputs[name].value for name in TEXT_FIELDS}
        values["kind"] = self.inputs["kind"].value
        values["last_checked"] = self.inputs["last_checked"].value
        return values

    def _current(self):
        return next((e for e in self.entries if e.id == self.entry_choice.value), None)

    def _save(self, _button=None) -> None:
        resource = validate_resource(self._form_values(), today=self.today())
        entry = self._current()
        old = entry.resource if entry else None
        saved = self.save_choice(entry, resource, old, add=store.add_resource,
                                 edit=store.edit_resource)
        if saved is None:
            return
        name = saved.resource.name
        words = (f"Added {name!r} as entry {saved.id}." if entry is None
                 else f"Saved the changes to entry {saved.id}, {name!r}.")
        self._reload(select=saved.id)
        self._show_message(ui.message_html(words, tone="done"))

    def _retire(self, _button=None) -> None:
        entry = self._current()
        if entry is None:
            return
        saved = store.retire_resource(
            self.engine,
            entry.id,
            reason=self.retire_reason.value,
            today=self.today(),
            expected_version=entry.version,
            user=self.user,
        )
        self.retire_reason.value = ""
        self._reload(select=saved.id)
        self._show_message(
            ui.message_html(
                f"Retired entry {saved.id}, {saved.resource.name!r}. It is kept, with its history.",
                tone="done",
            )
        )

    def _restore(self, _button=None) -> None:
        entry = self._current()
        if entry is None:
            return
        saved = store.restore_resource(
            self.engine, entry.id, expected_version=entry.version, user=self.user
        )
        self._reload(select=saved.id)
        self._show_message(ui.message_html(f"Entry {saved.id} is active again.", tone="done"))

    def _delete_controls(self) -> widgets.VBox:
        """Delete for good: shown only to a Connecting People admin (``access.Action.DELETE``)."""
        self.delete_reason = widgets.Text(
            description="Reason for deleting", style=self.style, layout=_wide(),
            placeholder="for example: it held a person's own phone number",
        )
        self.delete_confirm = widgets.Text(
            description="Type its name to confirm", style=self.style, layout=_wide())
        self.delete_button = widgets.Button(
            description="Delete entry for good", button_style="danger", icon="trash")
        box = widgets.VBox([
            ui.heading("Delete for good (admins only)", 3),
            widgets.HTML("<p>Deleting removes the entry and its history; only a note of who "
                         "deleted it, when and why is kept. Retire an entry instead unless "
                         "it must not be kept at all.</p>"),
            self.delete_reason, self.delete_confirm, self.delete_button,
        ])
        if not self.person.admin:
            box.layout.display = "none"
        return box

    def _delete(self, _button=None) -> None:
        entry = self._current()
        if entry is None:
            return
        decision = access.decide(self.person, access.Action.DELETE, self.team,
                                       team_trust=self.team_trusts.get(self.team))
        if not decision.allowed:
            raise AccessRefused(f"Nothing was deleted. {decision.reason}")
        store.delete_resource(self.engine, entry.id, confirm_name=self.delete_confirm.value,
                              reason=self.delete_reason.value, user=self.user)
        self.delete_reason.value = self.delete_confirm.value = ""
        self._reload()
        self._show_message(ui.message_html(
            f"Deleted entry {entry.id}, {entry.resource.name!r}, and its history for good. "
            "A note of who deleted it, when and why is kept.", tone="done"))

    def _export(self, _button=None) -> None:
        text = csvio.export_csv(self.entries)
        name = f"community-directory-{self.today().isoformat()}.csv"
        self.export_link.value = (
            ui.download_link(name, text, f"Download {name} ({len(self.entries)} entries)")
            + "<p>"
            + ui.download_link(
                "community-directory-template.csv",
                csvio.template_csv(),
                "Download an empty template",
            )
            + "</p>"
        )

    def _draw_chart(self) -> None:
        counts = rules.counts_by_kind(self.entries, self.today())
        self.summary.value = f"<p>{html.escape(rules.summary_sentence(counts))}</p>"
        self.chart.clear_output()
        with self.chart:
            from IPython.display import display

            display(charts.kinds_figure(counts))

    @staticmethod
    def _import_help() -> str:
        columns = ", ".join(LABELS)
        return (
            "<p>Import adds new entries from a spreadsheet saved as CSV. Headings it understands: "
            f"{html.escape(columns)} (with spaces or underscores). Dates as YYYY-MM-DD or "
            "DD/MM/YYYY. Rows with problems are listed by row number and are not added; "
            "entries already in the directory are never changed by an import.</p>"
        )


def open_dashboard(team: str = DEFAULT_TEAM, url: str | None = None):
    """What the dashboard notebook displays: the tool, or a clear message if the store is down."""
    return frame.open_tool(
        lambda engine: DirectoryDashboard(engine, team=team), url, "community directory"
    )
