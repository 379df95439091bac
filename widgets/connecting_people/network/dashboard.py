"""The network-map dashboard for training (Voila) and Jupyter: the widget, charts, files.

In a training room the map is made in the widget (the same one as on the book's
static page); because the kernel is there, Python also sees the map. This view
adds what only Python can do: charts of the map and of a comparison, and saving
maps to a folder on this machine and opening them again, so a pair can save a
first map and compare a re-map with it later in the session.

Maps are saved only when someone presses "Save to folder". The folder is
``CONNECTING_PEOPLE_MAPS_DIR`` if set, otherwise the user's own data folder.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import ipywidgets as widgets
import platformdirs
from IPython.display import display

from connecting_people import plotting
from connecting_people.network import charts, formats
from connecting_people.network.compare import long_date
from connecting_people.network.examples import load_example
from connecting_people.network.validate import MapError
from connecting_people.network.widget import NetworkMapWidget

MAPS_DIR_ENV = "CONNECTING_PEOPLE_MAPS_DIR"


def maps_folder() -> Path:
    configured = os.environ.get(MAPS_DIR_ENV)
    folder = Path(configured) if configured else \
        Path(platformdirs.user_data_dir("connecting-people")) / "network-maps"
    return folder


def file_name(person: str, date: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", person).strip("-") or "map"
    return f"{safe}-{date}.json"


class NetworkDashboard:
    """The widget with live charts underneath and a folder of saved maps."""

    def __init__(self, folder: Path | None = None) -> None:
        plotting.register_book_renderer()
        self.folder = folder or maps_folder()
        self.map_widget = NetworkMapWidget()
        self.status = widgets.HTML(layout=widgets.Layout(min_height="2em"))
        self.figures = widgets.HTML()
        self.charts = widgets.Output()
        wide = widgets.Layout(width="auto")
        self.save_button = widgets.Button(description="Save to folder", layout=wide,
                                          tooltip="Save the current map as a file in the folder")
        self.export_button = widgets.Button(description="Export CSV and GraphML", layout=wide,
                                            tooltip="For a spreadsheet or network software")
        self.saved = widgets.Dropdown(description="Saved maps", options=[],
                                      style={"description_width": "initial"})
        self.open_button = widgets.Button(description="Open as current map", layout=wide)
        self.compare_button = widgets.Button(description="Compare with current map", layout=wide)
        self.example_button = widgets.Button(description="Load the fictional example (Leon)",
                                             layout=wide)
        self.save_button.on_click(self._save)
        self.export_button.on_click(self._export)
        self.open_button.on_click(self._open)
        self.compare_button.on_click(self._compare)
        self.example_button.on_click(self._example)
        self.map_widget.observe(self._refresh, names=["map", "compare_with"])
        files = widgets.VBox([
            widgets.HTML(f"<h3>Files on this machine</h3><p>Folder: <code>"
                         f"{html.escape(str(self.folder))}</code></p>"),
            widgets.HBox([self.save_button, self.export_button, self.example_button],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.saved, self.open_button, self.compare_button],
                         layout=widgets.Layout(flex_flow="row wrap")),
        ])
        self.view = widgets.VBox([
            self.map_widget,
            widgets.HTML("<h3>What Python sees</h3>"),
            self.status, self.figures, self.charts, files,
        ], layout=widgets.Layout(max_width="980px"))
        self.view.add_class("cp-dashboard")
        self._list_saved()
        self._refresh()

    def _say(self, message: str) -> None:
        self.status.value = f'<p role="status" class="cp-network-status">{html.escape(message)}</p>'

    def _list_saved(self) -> None:
        files = sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []
        self.saved.options = [(path.name, str(path)) for path in files]
        if files and self.saved.value is None:
            self.saved.value = str(files[0])

    def _refresh(self, _change=None) -> None:
        network = self.map_widget.network
        rows = "".join(f"<tr><th scope='row'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                       for k, v in charts.summary_rows(network))
        self.figures.value = (f"<p class='cp-network-python'>The map of "
                              f"{html.escape(network.person or 'the person')} on "
                              f"{html.escape(long_date(network.date))} has "
                              f"{len(network.entries)} connection"
                              f"{'' if len(network.entries) == 1 else 's'}.</p>"
                              f"<table>{rows}</table>")
        self.charts.clear_output(wait=True)
        with self.charts:
            for figure in self.current_figures():
                display(figure)

    def current_figures(self) -> list:
        """The charts for the map as it is now: by kind, and the change if comparing."""
        figures = [charts.kinds_figure(self.map_widget.network)]
        comparison = self.map_widget.comparison()
        if comparison is not None:
            figures.append(charts.change_figure(comparison))
        return figures

    def _save(self, _button=None) -> None:
        network = self.map_widget.network
        path = formats.save_json(network, self.folder / file_name(network.person, network.date))
        self._list_saved()
        self._say(f"Saved {path.name} in the folder.")

    def _export(self, _button=None) -> list[Path]:
        """The entries as CSV (safe in a spreadsheet) and the map as GraphML, beside the JSON."""
        network = self.map_widget.network
        stem = file_name(network.person, network.date).removesuffix(".json")
        self.folder.mkdir(parents=True, exist_ok=True)
        written = []
        for suffix, text in ((".csv", formats.to_csv(network)),
                             (".graphml", formats.to_graphml(network))):
            path = self.folder / f"{stem}{suffix}"
            path.write_text(text, encoding="utf-8", newline="")
            written.append(path)
        self._say(f"Exported {written[0].name} and {written[1].name} in the folder.")
        return written

    def _load_selected(self):
        if not self.saved.value:
            self._say("There are no saved maps in the folder yet.")
            return None
        try:
            return formats.load_json(self.saved.value)
        except MapError as error:
            self._say(f"{Path(self.saved.value).name} could not be opened: "
                      f"{' '.join(error.problems)} The current map has not changed.")
            return None

    def _open(self, _button=None) -> None:
        network = self._load_selected()
        if network is not None:
            self.map_widget.network = network
            self._say(f"Opened {Path(self.saved.value).name}.")

    def _compare(self, _button=None) -> None:
        network = self._load_selected()
        if network is not None:
            self.map_widget.compare_with = network.to_dict()
            self._say(f"Comparing with {Path(self.saved.value).name}.")

    def _example(self, _button=None) -> None:
        self.map_widget.compare_with = load_example("leon_january").to_dict()
        self.map_widget.network = load_example("leon_june")
        self._say("Loaded Leon's maps from January and June (a fictional example).")


def open_dashboard(folder: Path | None = None) -> NetworkDashboard:
    dashboard = NetworkDashboard(folder)
    display(dashboard.view)
    return dashboard
