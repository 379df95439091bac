"""The explained-materials tracker dashboard: record steps, see the funnel, see the trend.

A thin view over ``model``, ``rules``, ``csvio`` and ``store``. Identifiers
are pseudonyms only, checked by ``pseudonym``; there is no notes box. Sections
are switched with buttons so every control is reachable by keyboard.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets
from sqlalchemy import Engine

from connecting_people.dashboards import frame, ui
from connecting_people.tracker import charts, csvio, rules, store
from connecting_people.tracker.model import STEPS, StoredPerson, validate_person

SECTIONS = ("Record steps", "Funnel", "Over time", "Import and export")
GROUPINGS = ("By worker", "By team")
NEW_PERSON = 0
DEFAULT_TEAM = "Our team"
INTRO = (
    "For each person on the caseload: which steps of Connecting People are done, and when. Use "
    "the team's pseudonymised identifier for each person (for example NG-014), never a name."
)


def _wide() -> widgets.Layout:
    return widgets.Layout(width="100%", max_width="700px")


class TrackerDashboard(frame.TeamTool):
    """The whole tracker as one widget tree (``.view``)."""

    def __init__(self, engine: Engine, *, team: str = DEFAULT_TEAM, today: date | None = None):
        self.open_frame(engine, store, team, today, what="tracker", sections=SECTIONS,
                        widths=("260px", "700px"))
        self.people: list[StoredPerson] = []  # this team's, as last read

        self.person_choice = widgets.Dropdown(
            description="Person", style=self.style, layout=_wide()
        )
        self.identifier = widgets.Text(
            description="Identifier (no names)",
            placeholder="for example NG-014",
            style=self.style,
            layout=_wide(),
        )
        self.worker = widgets.Text(
            description="Worker (initials or code)",
            placeholder="for example JB",
            style=self.style,
            layout=_wide(),
        )
        self.on_caseload_from = widgets.DatePicker(description="On caseload from", style=self.style)
        self.step_inputs = {
            name: widgets.DatePicker(description=label, style=self.style)
            for name, label in STEPS.items()
        }
        self.left_on = widgets.DatePicker(description="Left the caseload on", style=self.style)
        self.save_button = widgets.Button(description="Save", button_style="success", icon="check")
        self.flags = widgets.HTML()
        self.confirm_remove = widgets.Text(
            description="Type the identifier to remove", style=self.style, layout=_wide()
        )
        self.remove_button = widgets.Button(
            description="Remove record entered in error", button_style="danger"
        )

        self.grouping = widgets.ToggleButtons(
            options=GROUPINGS, description="Funnel", style={"button_width": "auto"}
        )
        self.funnel_words = widgets.HTML()
        self.funnel_chart = widgets.Output()
        self.to_check = widgets.HTML()

        self.trend_words = widgets.HTML()
        self.trend_chart = widgets.Output()

        self.csv_panel(csvio, existing=lambda: self.people)
        self.export_controls("Prepare a CSV of this team's tracker")

        self.pages = {
            "Record steps": widgets.VBox(
                [
                    widgets.HTML(
                        "<p>Use the team's pseudonym for each person (for example NG-014). "
                        "Never a name, NHS number, phone number or email. "
                        "Fill in a date when a step is done; leave it empty until then.</p>"
                    ),
                    self.person_choice,
                    self.identifier,
                    self.worker,
                    self.on_caseload_from,
                    *self.step_inputs.values(),
                    self.left_on,
                    self.save_button,
                    self.flags,
                    ui.heading("Entered in error?", 3),
                    self.confirm_remove,
                    self.remove_button,
                ]
            ),
            "Funnel": widgets.VBox(
                [self.grouping, self.funnel_words, self.funnel_chart, self.to_check]
            ),
            "Over time": widgets.VBox([self.trend_words, self.trend_chart]),
            "Import and export": widgets.VBox(
                [
                    widgets.HTML(
                        "<p>Headings: "
                        + html.escape(", ".join(csvio.COLUMNS))
                        + ". Dates as YYYY-MM-DD or DD/MM/YYYY. Rows with problems are listed "
                        "and not added; people already on the tracker are never changed.</p>"
                    ),
                    *self.csv_import.children,
                    ui.heading("Export", 3),
                    self.export_button,
                    self.export_link,
                ]
            ),
        }
        guard = self.finish_frame(INTRO, self.pages)
        self.person_choice.observe(guard(self._load_person), names="value")
        self.save_button.on_click(guard(self._save))
        self.remove_button.on_click(guard(self._remove))
        self.grouping.observe(guard(self._draw_funnel), names="value")
        self.csv_import.connect(guard)
        self.export_button.on_click(guard(self._export))
        self._reload()

    def _reload(self, select: int | None = None) -> None:
        self.people = store.list_people(self.engine, self.team)
        options = [("New person", NEW_PERSON)] + [
            (f"{p.record.identifier} (worker {p.record.worker})", p.id) for p in self.people
        ]
        self.person_choice.options = options
        ids = [value for _, value in options]
        self.person_choice.value = select if select in ids else NEW_PERSON
        self._load_person()
        self._refresh_section()

    def _refresh_section(self) -> None:
        # Charts are drawn only for the section on screen: they are the slow part.
        if self.section.value == "Funnel":
            self._draw_funnel()
        elif self.section.value == "Over time":
            self._draw_trend()

    def _switch(self, _change=None) -> None:
        frame.show_section(self.body, self.pages, self.section, self.message)
        self._refresh_section()

    def _current(self):
        return next((p for p in self.people if p.id == self.person_choice.value), None)

    def _load_person(self, _change=None) -> None:
        person = self._current()
        self.confirm_remove.value = ""
        if person is None:
            self.identifier.value = ""
            self.worker.value = ""
            self.on_caseload_from.value = self.today()
            for picker in self.step_inputs.values():
                picker.value = None
            self.left_on.value = None
            self.save_button.description = "Add person"
            self.remove_button.disabled = True
            self.flags.value = ""
            return
        record = person.record
        self.identifier.value = record.identifier
        self.worker.value = record.worker
        self.on_caseload_from.value = record.on_caseload_from
        for name, picker in self.step_inputs.items():
            picker.value = record.step(name)
        self.left_on.value = record.left_on
        self.save_button.description = "Save changes"
        self.remove_button.disabled = False
        self._show_flags(record)

    def _show_flags(self, record) -> None:
        flags = rules.order_flags(record)
        self.flags.value = ui.message_html(["Please check:", *flags], tone="error") if flags else ""

    def _form(self) -> dict:
        values = {
            "identifier": self.identifier.value,
            "worker": self.worker.value,
            "on_caseload_from": self.on_caseload_from.value,
            "left_on": self.left_on.value,
        }
        values.update({name: picker.value for name, picker in self.step_inputs.items()})
        return values

    def _save(self, _button=None) -> None:
        record = validate_person(self._form(), today=self.today())
        person = self._current()
        saved = self.save_choice(person, record, person.record if person else None,
                                 add=store.add_person, edit=store.update_person)
        if saved is None:
            return
        identifier = saved.record.identifier
        words = (f"Saved the steps for {identifier}." if person
                 else f"Added {identifier} to the tracker.")
        done = len(saved.record.done())
        self._reload(select=saved.id)
        self._show_message(
            ui.message_html(f"{words} {done} of {len(STEPS)} steps recorded.", tone="done")
        )

    def _remove(self, _button=None) -> None:
        person = self._current()
        if person is None:
            return
        store.remove_person(self.engine, person.id, confirm_identifier=self.confirm_remove.value)
        self._reload()
        self._show_message(
            ui.message_html(f"Removed {person.record.identifier} and its history.", tone="done")
        )

    def _draw_funnel(self, _change=None) -> None:
        today = self.today()
        if self.grouping.value == "By team":
            everyone = store.list_people(self.engine)
            funnels = rules.funnels_by([(p.team, p.record) for p in everyone], on=today)
            title = "Steps reached, by team"
        else:
            funnels = rules.funnels_by(
                [(f"Worker {p.record.worker}", p.record) for p in self.people], on=today
            )
            title = f"Steps reached in {self.team}, by worker"
        if not funnels:
            self.funnel_words.value = ui.message_html(
                "Nobody is on the tracker yet. Add people under 'Record steps'."
            )
            self.funnel_chart.clear_output()
            self.to_check.value = ""
            return
        self.funnel_words.value = "".join(
            f"<p>{html.escape(rules.funnel_sentence(f))}</p>" for f in funnels
        )
        self.funnel_chart.clear_output()
        with self.funnel_chart:
            from IPython.display import display

            display(charts.funnel_figure(funnels, title=title))
        rows = [
            [p.record.identifier, flag] for p in self.people for flag in rules.order_flags(p.record)
        ]
        self.to_check.value = (
            ui.table_html(["Identifier", "What to check"], rows, caption="Steps to check")
            if rows
            else "<p>No steps out of order.</p>"
        )

    def _draw_trend(self) -> None:
        points = rules.explained_over_time([p.record for p in self.people], today=self.today())
        self.trend_chart.clear_output()
        if not points:
            self.trend_words.value = ui.message_html("Nobody is on the tracker yet.")
            return
        last = points[-1]
        words = rules.explained_words(last.explained, last.people)
        self.trend_words.value = f"<p>Today {words}.</p>"
        with self.trend_chart:
            from IPython.display import display

            display(
                charts.explained_figure(
                    points, title=f"People in {self.team} who had the guide explained"
                )
            )

    def _export(self, _button=None) -> None:
        name = f"tracker-{self.today().isoformat()}.csv"
        self.export_link.value = ui.download_link(
            name, csvio.export_csv(self.people), f"Download {name} ({len(self.people)} people)"
        )


def open_dashboard(team: str = DEFAULT_TEAM, url: str | None = None):
    """What the dashboard notebook displays: the tool, or a clear message if the store is down."""
    return frame.open_tool(lambda engine: TrackerDashboard(engine, team=team), url, "tracker")
