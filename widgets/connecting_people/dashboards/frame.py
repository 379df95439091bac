"""The frame every dashboard shares: team picker, section buttons, the page, and opening it.

The directory, the tracker, the outcomes review, the capacity planner and the
self-audit dashboards look and behave alike on purpose (people move between
them in one training session), so the parts around each tool's own controls
are built here once. ``open_tool`` builds a whole view or, if anything fails
while building it (most often the store), the one store-down page: never half
a dashboard.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import ipywidgets as widgets
from sqlalchemy import Engine

from connecting_people.dashboards import ui
from connecting_people.store.acting import local_user


class TeamTool:
    """What each tool's view keeps besides its controls: the day it counts from, its message line.

    ``today`` can be fixed when the view is built, so tests and training
    examples give the same answers on any day.
    """

    _today: date | None
    message: widgets.HTML
    # Who is making changes; a shared server passes the signed-in user instead.
    user: str = local_user()

    def today(self) -> date:
        return self._today or date.today()

    def _show_message(self, markup: str) -> None:
        self.message.value = markup


def team_combobox(team: str, known: Sequence[str], *, style: dict, layout) -> widgets.Combobox:
    """A team box that offers the teams already saved but accepts a new name too."""
    return widgets.Combobox(
        value=team,
        options=list(known) or [team],
        description="Team",
        style=style,
        ensure_option=False,
        continuous_update=False,
        layout=layout,
    )


def section_buttons(sections: Sequence[str]) -> widgets.ToggleButtons:
    # Buttons, not tabs, so that every control is reachable with the Tab key.
    return widgets.ToggleButtons(
        options=sections, description="Show", style={"button_width": "auto"}
    )


def tool_view(intro_text: str, *rows: widgets.Widget) -> widgets.VBox:
    """The tool's whole page: the large-type style, the opening paragraph, then ``rows``."""
    view = widgets.VBox([ui.style_widget(), ui.intro(intro_text), *rows])
    view.add_class("cp-dashboard")
    return view


def show_section(
    body: widgets.Box,
    pages: Mapping[str, widgets.Widget],
    section: widgets.ToggleButtons,
    message: widgets.HTML,
) -> None:
    """Put the chosen section's page on screen and clear the last message (it was about another)."""
    body.children = [pages[section.value]]
    message.value = ""


def open_tool(
    build: Callable[[Engine], object],
    url: str | None,
    what: str,
    *,
    book_figures: bool = True,
) -> widgets.Widget:
    """What a dashboard notebook shows: the tool's view, or a clear message if the store is down."""
    # Imported only when a dashboard opens: the tools' modules are also imported by the book.
    from connecting_people.plotting import register_book_renderer
    from connecting_people.store import make_engine

    if book_figures:
        register_book_renderer()
    try:
        return build(make_engine(url)).view
    except Exception as error:  # noqa: BLE001 - shown as a message, not a traceback
        return ui.store_unavailable(error, what, user=local_user())
