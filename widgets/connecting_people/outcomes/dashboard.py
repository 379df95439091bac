"""The outcomes review dashboard: load two maps, see the change, keep the figures, review as a team.

A thin view. Maps are read by ``connecting_people.network`` (its own checks and
plain words); the review's rules are in ``rules``; only figures are saved, in
``store``. The loaded maps stay in this session and can be cleared at once.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets
from sqlalchemy import Engine

from connecting_people.common.csvtools import write_csv
from connecting_people.common.dates import uk_date
from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.dashboards import frame, ui
from connecting_people.dashboards.file_picker import FilePicker
from connecting_people.network import MapError, loads
from connecting_people.outcomes import charts, rating, rules, store
from connecting_people.tracker.pseudonym import check_identifier

SECTIONS = ("Compare two maps", "Team review", "Export")
DEFAULT_TEAM = "Our team"
INTRO = (
    "Compare a person's map at the start with their map at about six months, then look at the "
    "change across the team. Only figures are saved, under a pseudonymised identifier; the maps "
    "stay with the person."
)
MAX_MAP_BYTES = 2_000_000


class OutcomesDashboard(frame.TeamTool):
    def __init__(self, engine: Engine, *, team: str = DEFAULT_TEAM, today: date | None = None):
        self.open_frame(engine, store, team, today, what="outcomes review", sections=SECTIONS,
                        widths=("240px", "700px"))
        self.current: rules.MapPair | None = None
        wide = self.wide()

        self.start_upload = FilePicker(label="Map from the start", accept=".json")
        self.review_upload = FilePicker(label="Map from about six months", accept=".json")
        self.compare_words = widgets.HTML()
        self.compare_chart = widgets.Output()
        items = rating.load()["items"]
        scale = rating.load()["scale"]
        options = [("Not asked", 0)] + [(f"{k} {v}", int(k)) for k, v in scale.items()]
        self.rating_inputs: dict[str, tuple[widgets.Dropdown, widgets.Dropdown]] = {}
        rating_rows = [
            widgets.HTML(
                "<p><strong>"
                + html.escape(rating.load()["title"])
                + "</strong> (optional). "
                + html.escape(rating.load()["about"])
                + "</p>"
            )
        ]
        for number, item in enumerate(items, start=1):
            start = widgets.Dropdown(
                options=options, description="At the start", style={"description_width": "150px"}
            )
            review = widgets.Dropdown(
                options=options, description="At six months", style={"description_width": "150px"}
            )
            self.rating_inputs[item["id"]] = (start, review)
            rating_rows += [
                widgets.HTML(f"<p>{number}. {html.escape(item['text'])}</p>"),
                widgets.HBox([start, review]),
            ]
        self.identifier = widgets.Text(
            description="Identifier (no names)",
            placeholder="for example NG-014",
            style=self.style,
            layout=wide,
        )
        self.save_button = widgets.Button(
            description="Save the figures to the team review",
            button_style="success",
            disabled=True,
            layout=widgets.Layout(width="auto"),
        )
        self.clear_button = widgets.Button(description="Clear the loaded maps")

        self.review_words = widgets.HTML()
        self.review_chart = widgets.Output()
        self.review_table = widgets.HTML()
        self.remove_id = widgets.Text(description="Identifier to remove", style=self.style)
        self.remove_confirm = widgets.Text(description="Type it again to confirm", style=self.style)
        self.remove_button = widgets.Button(
            description="Remove pair saved in error",
            button_style="danger",
            layout=widgets.Layout(width="auto"),
        )
        self.export_controls("Prepare a CSV of the saved figures")

        self.pages = {
            "Compare two maps": widgets.VBox(
                [
                    widgets.HTML(
                        "<p>Load the person's map from the start and their map from about "
                        "six months later (saved map files, ending .json). The maps are "
                        "read here and are not saved.</p>"
                    ),
                    widgets.HBox([self.start_upload, self.review_upload]),
                    self.compare_words,
                    self.compare_chart,
                    *rating_rows,
                    widgets.HTML(
                        "<p>To add this person to the team review, give their "
                        "pseudonymised identifier. Only the figures are saved.</p>"
                    ),
                    self.identifier,
                    widgets.HBox([self.save_button, self.clear_button]),
                ]
            ),
            "Team review": widgets.VBox(
                [
                    self.review_words,
                    self.review_chart,
                    self.review_table,
                    ui.heading("Saved in error?", 3),
                    self.remove_id,
                    self.remove_confirm,
                    self.remove_button,
                ]
            ),
            "Export": widgets.VBox([self.export_button, self.export_link]),
        }
        guard = self.finish_frame(INTRO, self.pages)
        self.start_upload.on_files(guard(lambda _files, _refused: self._maps_changed()))
        self.review_upload.on_files(guard(lambda _files, _refused: self._maps_changed()))
        self.save_button.on_click(guard(self._save))
        self.clear_button.on_click(guard(self._clear))
        self.remove_button.on_click(guard(self._remove))
        self.export_button.on_click(guard(self._export))

    def _switch(self, _change=None) -> None:
        frame.show_section(self.body, self.pages, self.section, self.message)
        if self.section.value == "Team review":
            self._draw_review()

    def _reload(self) -> None:
        if self.section.value == "Team review":
            self._draw_review()

    @staticmethod
    def _read(upload: FilePicker, label: str):
        if upload.refused:
            raise FieldError(label, upload.refused[0][1])
        if not upload.chosen:
            return None
        _name, data = upload.chosen[0]
        if len(data) > MAX_MAP_BYTES:
            raise FieldError(label, "the file is too big to be a map (over 2 MB)")
        try:
            return loads(data)
        except MapError as error:
            raise ValidationError([FieldError(label, p) for p in error.problems]) from None

    def _maps_changed(self, _change=None) -> None:
        self.current = None
        self.save_button.disabled = True
        self.compare_chart.clear_output()
        self.compare_words.value = ""
        first = self._read(self.start_upload, "Map from the start")
        second = self._read(self.review_upload, "Map from about six months")
        if first is None or second is None:
            waiting = "the map from about six months" if first else "the map from the start"
            self.compare_words.value = ui.message_html(f"Now load {waiting}.")
            return
        self.current = rules.pair_from_maps("NG-000", first, second, today=self.today())
        self.save_button.disabled = False
        self._show_message("")
        self._draw_comparison()

    def _draw_comparison(self) -> None:
        mp = self.current
        rows = []
        for key, (name, _) in rules.FIGURES.items():
            before, after = mp.pair.figure(key)
            change = None if before is None or after is None else after - before
            rows.append([name, rules.number(before), rules.number(after), rules.signed(change)])
        flags = ui.message_html(["Please note:", *mp.flags], tone="error") if mp.flags else ""
        self.compare_words.value = (
            "<h3>What changed</h3>"
            + "".join(f"<p>{html.escape(s)}</p>" for s in mp.comparison["sentences"])
            + f"<p>{html.escape(rules.followed_up_sentence([mp.pair], team=False))}</p>"
            + flags
            + ui.table_html(
                ["Figure", "Start", "About six months", "Change"],
                rows,
                caption="This person's figures",
            )
        )
        with self.compare_chart:
            from IPython.display import display

            shown = rules.Pair(
                "This person",
                mp.pair.start_date,
                mp.pair.review_date,
                mp.pair.start,
                mp.pair.review,
            )
            display(charts.change_figure([shown], title="What changed for this person"))

    def _ratings(self, which: int, label: str):
        values = {item: pickers[which].value for item, pickers in self.rating_inputs.items()}
        return rating.validate_ratings(values, label=label)

    def _save(self, _button=None) -> None:
        if self.current is None:
            return
        identifier = check_identifier(self.identifier.value)
        start = self._ratings(0, "Self-rating at the start")
        review = self._ratings(1, "Self-rating at six months")
        base = self.current.pair
        pair = rules.Pair(
            identifier, base.start_date, base.review_date, base.start, base.review, start, review
        )
        store.save_pair(self.engine, self.team, pair, user=self.user)
        self._show_message(
            ui.message_html(
                f"Saved the figures for {identifier} to the team review. The maps were not saved.",
                tone="done",
            )
        )
        self._clear(keep_message=True)

    def _clear(self, _button=None, keep_message: bool = False) -> None:
        self.start_upload.clear()
        self.review_upload.clear()
        self.identifier.value = ""
        for start, review in self.rating_inputs.values():
            start.value = review.value = 0
        self.current = None
        self.save_button.disabled = True
        self.compare_words.value = ""
        self.compare_chart.clear_output()
        if not keep_message:
            self._show_message(
                ui.message_html("The loaded maps have been cleared from this screen.")
            )

    def _draw_review(self) -> None:
        pairs = store.list_pairs(self.engine, self.team)
        summary = rules.team_summary(pairs)
        sentences = [*summary.sentences]
        if pairs:
            sentences.append(rules.followed_up_sentence(pairs))
        self.review_words.value = "".join(f"<p>{html.escape(s)}</p>" for s in sentences) + (
            ui.message_html(["What these figures cannot show:", *summary.cautions])
            if summary.cautions
            else ""
        )
        self.review_chart.clear_output()
        if not pairs:
            self.review_table.value = ""
            return
        with self.review_chart:
            from IPython.display import display

            display(
                charts.change_figure(pairs, title=f"What changed for each person in {self.team}")
            )
        rows = []
        for p in pairs:
            row = [p.identifier, uk_date(p.start_date), uk_date(p.review_date)]
            for key in [*rules.FIGURES, rules.RATING_KEY]:
                before, after = p.figure(key)
                row.append(
                    f"{rules.number(before)} to {rules.number(after)}"
                    if before is not None and after is not None
                    else "not recorded"
                )
            made = rules.suggestions_followed_up([p])
            tried = rules.tried_words(made) if made["made"] else "none suggested"
            row += [str(made["made"]), tried]
            rows.append(row)
        self.review_table.value = ui.table_html(
            [
                "Identifier",
                "Start",
                "Review",
                *[n for n, _ in rules.FIGURES.values()],
                rules.RATING_NAME,
                "Suggested to try (review map)",
                "Tried (yes, no, not yet)",
            ],
            rows,
            caption="Each person's figures, start to review",
        )

    def _remove(self, _button=None) -> None:
        store.remove_pair(
            self.engine, self.team, self.remove_id.value, confirm=self.remove_confirm.value
        )
        gone = self.remove_id.value.strip().upper()
        self.remove_id.value = self.remove_confirm.value = ""
        self._draw_review()
        self._show_message(ui.message_html(f"Removed the saved pair for {gone}.", tone="done"))

    def _export(self, _button=None) -> None:
        pairs = store.list_pairs(self.engine, self.team)
        columns = ["identifier", "start_date", "review_date"]
        for key in [*rules.FIGURES, rules.RATING_KEY]:
            columns += [f"{key}_start", f"{key}_review"]
        columns += ["suggestions_review", "suggestions_tried_review"]
        rows = []
        for p in pairs:
            row = {
                "identifier": p.identifier,
                "start_date": p.start_date.isoformat(),
                "review_date": p.review_date.isoformat(),
            }
            for key in [*rules.FIGURES, rules.RATING_KEY]:
                before, after = p.figure(key)
                row[f"{key}_start"] = "" if before is None else before
                row[f"{key}_review"] = "" if after is None else after
            row["suggestions_review"] = p.review.get("suggestions", "")
            row["suggestions_tried_review"] = p.review.get("suggestions_tried", "")
            rows.append(row)
        name = f"outcomes-review-{self.today().isoformat()}.csv"
        self.export_link.value = ui.download_link(
            name, write_csv(columns, rows), f"Download {name} ({len(pairs)} people)"
        )


def open_dashboard(team: str = DEFAULT_TEAM, url: str | None = None):
    return frame.open_tool(
        lambda engine: OutcomesDashboard(engine, team=team), url, "outcomes review"
    )
