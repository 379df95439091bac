"""The network-map dashboard for training (Voila) and Jupyter: the widget, charts, files.

In a training room the map is made in the widget (the same one as on the book's
static page); because the kernel is there, Python also sees the map. This view
adds what only Python can do: charts of the map and of a comparison, and saving
maps to a folder on this machine and opening them again, so a pair can save a
first map and compare a re-map with it later in the session.

Maps are saved only when someone presses "Save to folder". The folder is
``CONNECTING_PEOPLE_MAPS_DIR`` if set, otherwise the user's own data folder.

A saved map's file name is its date and its own map id (``map-2026-06-20-
3f9c2a71b0de.json``), never the person's name: names in Arabic, Chinese or
with accents all reduced to the same few letters before, so one person's map
silently replaced another's. Saving never replaces a different person's map
(the current map gets a new id instead), and asks before it replaces an
earlier save of the same map.
"""

from __future__ import annotations

import contextlib
import html
import os
from dataclasses import replace
from pathlib import Path

import ipywidgets as widgets
import platformdirs
from IPython.display import HTML, display

from connecting_people.network import charts, formats
from connecting_people.network.compare import long_date
from connecting_people.network.examples import load_example
from connecting_people.network.model import NetworkMap, new_map_id
from connecting_people.network.validate import MapError
from connecting_people.network.widget import NetworkMapWidget

MAPS_DIR_ENV = "CONNECTING_PEOPLE_MAPS_DIR"


NO_CHARTS_YET = "The charts appear here when the map has its first connection."


def maps_folder() -> Path:
    configured = os.environ.get(MAPS_DIR_ENV)
    folder = Path(configured) if configured else \
        Path(platformdirs.user_data_dir("connecting-people")) / "network-maps"
    return folder


def file_name(network: NetworkMap) -> str:
    """The saved file's name: the date, then the map's own id (file-safe by the format's rule)."""
    if not network.map_id:
        raise ValueError("A map needs its id before it can be named; use with_id() first")
    return f"map-{network.date}-{network.map_id}.json"


def with_id(network: NetworkMap) -> NetworkMap:
    """The map with an id of its own (maps from files before version 2 have none)."""
    return network if network.map_id else replace(network, map_id=new_map_id())


def same_person(first: NetworkMap, second: NetworkMap) -> bool:
    return first.person.strip().casefold() == second.person.strip().casefold()


class NetworkDashboard:
    """The widget with live charts underneath and a folder of saved maps."""

    def __init__(self, folder: Path | None = None) -> None:
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
        self.replace_yes = widgets.Button(description="Yes, replace it", layout=wide)
        self.replace_no = widgets.Button(description="No, keep the saved one", layout=wide)
        self.replace_question = widgets.HTML()
        self.replace_box = widgets.HBox([self.replace_question, self.replace_yes, self.replace_no],
                                        layout=widgets.Layout(flex_flow="row wrap",
                                                              display="none"))
        self.replace_yes.on_click(self._replace)
        self.replace_no.on_click(self._keep)
        self._pending: tuple[NetworkMap, Path] | None = None
        self.save_button.on_click(self._save)
        self.export_button.on_click(self._export)
        self.open_button.on_click(self._open)
        self.compare_button.on_click(self._compare)
        self.example_button.on_click(self._example)
        self._refresh_held = False
        self.map_widget.observe(self._refresh, names=["map", "compare_with"])
        files = widgets.VBox([
            widgets.HTML(f"<h3>Files on this machine</h3><p>Folder: <code>"
                         f"{html.escape(str(self.folder))}</code></p>"),
            widgets.HBox([self.save_button, self.export_button, self.example_button],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.replace_box,
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

    @contextlib.contextmanager
    def _one_refresh(self):
        """Change several traits and redraw once: each redraw is the click's main cost."""
        self._refresh_held = True
        try:
            yield
        finally:
            self._refresh_held = False
            self._refresh()

    def _refresh(self, _change=None) -> None:
        if self._refresh_held:
            return
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
            for shown in self.chart_outputs():
                display(shown)

    def chart_outputs(self) -> list:
        """What the charts area shows: the charts, or a sentence while there are none."""
        return self.current_figures() or [
            HTML(f"<p class='cp-network-no-charts'>{NO_CHARTS_YET}</p>")]

    def current_figures(self) -> list:
        """The charts for the map as it is now: by kind, and the change if comparing.

        An empty map has no chart: a chart of zeros tells nobody anything, and
        the first screen then draws no plotly chart at all (in a training room,
        every participant's browser opens it at the same moment).
        """
        comparison = self.map_widget.comparison()
        if not self.map_widget.network.entries and comparison is None:
            return []
        figures = [charts.kinds_figure(self.map_widget.network)]
        if comparison is not None:
            figures.append(charts.change_figure(comparison))
        return figures

    def _current_with_id(self) -> NetworkMap:
        network = with_id(self.map_widget.network)
        if network.map_id != self.map_widget.network.map_id:
            self.map_widget.network = network  # the browser keeps the id for later saves
        return network

    def _save(self, _button=None) -> Path | None:
        """Save the map; never over a different person's map, and ask before replacing."""
        network = self._current_with_id()
        path = self.folder / file_name(network)
        if path.exists():
            try:
                saved = formats.load_json(path)
            except MapError:
                saved = None
            if saved == network:
                self._say(f"{path.name} is already saved with these changes.")
                return path
            if saved is None or not same_person(saved, network):
                # Someone else's map (or one that cannot be read) has this name: this map
                # takes a new id of its own, and the other file is left exactly as it was.
                network = replace(network, map_id=new_map_id())
                self.map_widget.network = network
                path = formats.save_json(network, self.folder / file_name(network))
                self._list_saved()
                self._say(f"A different map was already saved under this name, so it was kept. "
                          f"This map now has its own name: saved {path.name} in the folder.")
                return path
            self._pending = (network, path)
            self.replace_question.value = (
                f"<p role='alert'>{html.escape(path.name)} already holds "
                f"{html.escape(saved.person or 'this person')}'s map of "
                f"{html.escape(long_date(saved.date))}. Replace it with this one?</p>")
            self.replace_box.layout.display = "flex"
            self._say("Nothing saved yet: choose whether to replace the saved map.")
            return None
        path = formats.save_json(network, path)
        self._list_saved()
        self._say(f"Saved {path.name} in the folder.")
        return path

    def _replace(self, _button=None) -> Path | None:
        if self._pending is None:
            return None
        network, path = self._pending
        self._pending = None
        self.replace_box.layout.display = "none"
        formats.save_json(network, path)
        self._list_saved()
        self._say(f"Replaced {path.name} with this map.")
        return path

    def _keep(self, _button=None) -> None:
        self._pending = None
        self.replace_box.layout.display = "none"
        self._say("Kept the saved map as it was. Nothing was saved.")

    def _export(self, _button=None) -> list[Path]:
        """The entries as CSV (safe in a spreadsheet) and the map as GraphML, beside the JSON."""
        network = self._current_with_id()
        stem = file_name(network).removesuffix(".json")
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
        with self._one_refresh():
            self.map_widget.compare_with = load_example("leon_january").to_dict()
            self.map_widget.network = load_example("leon_june")
        self._say("Loaded Leon's maps from January and June (a fictional example).")


def open_dashboard(folder: Path | None = None) -> NetworkDashboard:
    dashboard = NetworkDashboard(folder)
    display(dashboard.view)
    return dashboard
