"""The frame every dashboard shares: team picker, section buttons, the page, and opening it.

The directory, the tracker, the outcomes review, the capacity planner and the
self-audit dashboards look and behave alike on purpose (people move between
them in one training session), so the parts around each tool's own controls
are built here once. ``open_tool`` builds a whole view or, if anything fails
while building it (most often the store), the one store-down page: never half
a dashboard.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from datetime import date

import ipywidgets as widgets
from sqlalchemy import Engine

from connecting_people import access
from connecting_people.dashboards import ui
from connecting_people.dashboards.import_panel import ImportPanel
from connecting_people.hub.identity import IdentityError, current_user, mode_note
from connecting_people.store import row_security
from connecting_people.store import teams as teams_registry
from connecting_people.store.acting import session_user
from connecting_people.store.common import clean_team
from connecting_people.store.errors import AccessRefused


class TeamTool:
    """The frame around a team tool's own controls: store, team picker, sections, message line.

    A tool calls ``open_frame`` first and ``finish_frame`` last in its
    ``__init__``, and provides ``_reload`` and ``_switch``. ``today`` can be
    fixed when the view is built, so tests and training examples give the same
    answers on any day.
    """

    what = "tool"  # how the person calls it: "Showing the tracker of ..."
    _today: date | None
    message: widgets.HTML
    # Who is making changes; a shared server passes the signed-in user instead.
    user: str = session_user()

    def open_frame(self, engine: Engine, tool_store, team: str, today: date | None, *,
                   what: str, sections: Sequence[str], widths: tuple[str, str]) -> None:
        """Open the tool's store and build the frame; ``widths``: labels, then the page."""
        self.what = what
        label_width, max_width = widths
        self.engine = tool_store.open_store(engine)
        # Which Trust each team is in (the admin's teams registry): what a lead may see.
        self.team_trusts = teams_registry.team_trusts(self.engine)
        # Who is looking: the signed-in Hub user, or the single user of a laptop.
        self.person = person_in_scope(self.team_trusts)
        offered = self._offered_teams(tool_store.teams(self.engine))
        self.team = self._first_readable(clean_team(team), offered)
        self._today = today
        self.max_width = max_width
        self.style = {"description_width": label_width}
        self.team_box = team_combobox(self.team, offered, style=self.style, layout=self.wide())
        self.section = section_buttons(sections)
        self.message = widgets.HTML()

    def wide(self, **kwargs) -> widgets.Layout:
        return widgets.Layout(width="100%", max_width=self.max_width, **kwargs)

    def csv_panel(self, csvio, existing: Callable[[], list]) -> ImportPanel:
        """The one import panel, checking against ``existing()`` rows and saving as this user."""
        panel = ImportPanel(
            check=lambda data: csvio.check_csv(data, existing=existing(), today=self.today()),
            save=lambda data: csvio.import_csv(
                self.engine, self.require_change(), data, today=self.today(), user=self.user
            ),
            after_save=self._reload,
        )
        self.csv_import = panel
        self.upload, self.import_report, self.import_button = panel.children
        return panel

    def export_controls(self, label: str) -> None:
        """The button that prepares the tool's CSV, and the place its download link appears."""
        self.export_button = widgets.Button(description=label, layout=widgets.Layout(width="auto"))
        self.export_link = widgets.HTML()

    def finish_frame(self, intro_text: str, pages: Mapping[str, widgets.Widget]) -> Callable:
        """Build the page from ``pages`` (the first on screen); return the error wrapper."""
        self.pages = dict(pages)
        self.body = widgets.VBox([next(iter(self.pages.values()))])
        who = widgets.HTML(f'<p class="cp-who">{html.escape(mode_note(self.person))}</p>')
        self.view = tool_view(intro_text, who, self.team_box, self.section, self.message, self.body)
        guard = ui.guarded(self._show_message, user=self.user, tool=self.what)
        self.section.observe(guard(self._switch), names="value")
        self.team_box.observe(guard(self._change_team), names="value")
        return guard

    def save_choice(self, chosen, new, old, *, add: Callable, edit: Callable):
        """``add`` ``new`` when nothing is chosen, else ``edit`` the chosen record from the
        version it was opened at; ``None`` (and a message) when ``new`` equals ``old``."""
        self.require_change()
        if chosen is None:
            return add(self.engine, self.team, new, user=self.user)
        if new == old:
            self._show_message(ui.message_html("Nothing has changed, so nothing was saved."))
            return None
        return edit(self.engine, chosen.id, new, expected_version=chosen.version, user=self.user)

    def today(self) -> date:
        return self._today or date.today()

    def _show_message(self, markup: str) -> None:
        self.message.value = markup

    def _reload(self) -> None:
        raise NotImplementedError

    def _switch(self, _change=None) -> None:
        raise NotImplementedError

    def _offered_teams(self, known: Sequence[str]) -> list[str]:
        """The picker's teams: every saved one on a laptop, the readable ones if signed in."""
        if not self.person.signed_in:
            return list(known)
        # A lead is offered every registered team of their Trust, saved records or not.
        return access.readable_teams(self.person, {**dict.fromkeys(known), **self.team_trusts})

    def _may_read(self, team: str) -> access.Decision:
        return access.decide(self.person, access.Action.READ, team,
                             team_trust=self.team_trusts.get(team))

    def _first_readable(self, team: str, offered: Sequence[str]) -> str:
        if self._may_read(team).allowed:
            return team
        if offered:
            return offered[0]
        raise AccessRefused(
            f"You are signed in as {self.person.name}, but you are not a member of any team, "
            "so there is nothing to show. Ask your admin to add you to your team."
        )

    def require_change(self) -> str:
        """The current team, if this person may change its records; else a plain refusal."""
        decision = access.decide(self.person, access.Action.CHANGE, self.team,
                                 team_trust=self.team_trusts.get(self.team))
        if not decision.allowed:
            raise AccessRefused(f"Nothing was saved. {decision.reason}")
        return self.team

    def _change_team(self, _change=None) -> None:
        team = clean_team(self.team_box.value)
        if team != self.team:
            decision = self._may_read(team)
            if not decision.allowed:
                self.team_box.value = self.team  # the picker goes back to the team shown
                raise AccessRefused(decision.reason)
            self.team = team
            self._reload()
            self._show_message(ui.message_html(f"Showing the {self.what} of {team}."))


def person_in_scope(team_trusts: Mapping[str, str] | None = None) -> access.User:
    """Who is using this dashboard; the database then shows this kernel only the rows of the
    teams they may read: their own, and for a lead every registered team of their Trust."""
    person = current_user()
    if person.admin or not person.signed_in:
        row_security.set_team_scope(None)
        return person
    led = {team for team, trust in (team_trusts or {}).items() if trust in person.lead_trusts}
    row_security.set_team_scope(person.teams | led)
    return person


def team_combobox(team: str, known: Sequence[str], *, style: dict, layout) -> widgets.Combobox:
    """A team box that offers the teams already saved but accepts a new name too.

    Signed in on a Trust server it offers only the person's teams; a typed name
    still reaches the tool, which answers with a plain refusal (``_change_team``).
    """
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
) -> widgets.Widget:
    """What a dashboard notebook shows: the tool's view, or a clear message if the store is down."""
    # Imported only when a dashboard opens: the tools' modules are also imported by the book.
    from connecting_people.store import make_engine

    try:
        return build(make_engine(url)).view
    except (AccessRefused, IdentityError) as refusal:
        page = widgets.HTML(ui.STYLE + ui.message_html([str(refusal)], tone="error"))
        page.add_class("cp-dashboard")
        return page
    except Exception as error:  # noqa: BLE001 - shown as a message, not a traceback
        return ui.store_unavailable(error, what, user=session_user())
