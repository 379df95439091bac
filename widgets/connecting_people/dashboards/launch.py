"""The one function every dashboard notebook calls: ``open_dashboard("<notebook name>")``.

Each notebook is two lines, the same in all of them, so a new tool cannot
open itself in its own way. The view is built whole or not at all: a tool
with a store shows the one store-down page when the store cannot be opened
(``frame.open_tool``); a tool without one shows the same kind of page if it
cannot be built.
"""

from __future__ import annotations

import importlib

import ipywidgets as widgets
from IPython.display import display

from connecting_people.dashboards import ui
from connecting_people.store.acting import session_user

# Notebook name -> (module, what the person calls it). Modules with a store offer
# ``open_dashboard(url=None)`` returning a view; the others a class with ``.view``.
WITH_STORE = {
    "capacity_planner": ("connecting_people.capacity.dashboard", "capacity planner"),
    "community_directory": ("connecting_people.community.dashboard", "community directory"),
    "materials_tracker": ("connecting_people.tracker.dashboard", "tracker"),
    "outcomes_review": ("connecting_people.outcomes.dashboard", "outcomes review"),
    "team_progress": ("connecting_people.fidelity.dashboard", "team progress dashboard"),
    "lead_overview": ("connecting_people.fidelity.lead_dashboard", "lead overview"),
}
WITHOUT_STORE = {
    "network_map": ("connecting_people.network.dashboard", "NetworkDashboard", "network map"),
    "study_overview": ("connecting_people.dashboards.study_overview", "StudyOverview",
                       "study overview"),
}
NOTEBOOKS = sorted([*WITH_STORE, *WITHOUT_STORE])


def build_dashboard(name: str, url: str | None = None) -> widgets.Widget:
    """The named dashboard's whole view, or the page that says why it cannot be shown."""
    if name in WITH_STORE:
        module, _what = WITH_STORE[name]
        return importlib.import_module(module).open_dashboard(url=url)
    if name not in WITHOUT_STORE:
        raise KeyError(f"No dashboard called {name!r}; the dashboards are {', '.join(NOTEBOOKS)}.")
    module, class_name, what = WITHOUT_STORE[name]
    try:
        return getattr(importlib.import_module(module), class_name)().view
    except Exception as error:  # noqa: BLE001 - a page that says so, never half a view
        return ui.store_unavailable(error, what, user=session_user())


def open_dashboard(name: str, url: str | None = None) -> widgets.Widget:
    """Build the named dashboard and display it (the notebook's only call)."""
    view = build_dashboard(name, url)
    display(view)
    return view
