"""The self-audit widget: the checklist to fill in, scored live in the browser.

The front end (``scoring.js`` for the rules plus ``self_audit.js`` for the
view, bundled into one ES module) does all the interaction, so the widget works
on the static book page with no kernel: answers, live scores and band, the
radar chart, the action plan, saving the audit as a file and opening it again.

In Voila (``mode="store"``) the same widget also shows "Save to the team's
records": the front end sends a ``save`` message, and this class checks the
audit with the same rules as a file import and hands it to ``on_save`` (the
dashboard's callback that writes to the store). Python never scores here; it
validates and passes on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from connecting_people.fidelity.audit import (
    Audit,
    AuditFileError,
    audit_from_document,
    audit_to_document,
)
from connecting_people.fidelity.checklist import Checklist, load_checklist
from connecting_people.frontend import esm

HERE = Path(__file__).resolve().parent

SaveCallback = Callable[[Audit], str]


class SelfAuditWidget(anywidget.AnyWidget):
    _esm = esm("fidelity")
    _css = (HERE / "self_audit.css").read_text(encoding="utf-8")

    checklist = traitlets.Dict().tag(sync=True)
    # The audit on screen, in the saved-file format (empty: a fresh audit).
    audit = traitlets.Dict().tag(sync=True)
    # An earlier audit to compare with (saved-file format), or empty.
    previous = traitlets.Dict().tag(sync=True)
    mode = traitlets.Enum(["file", "store"], default_value="file").tag(sync=True)
    # Links to the implementation manual are this prefix + page + ".html".
    # "../" works from any page of the book; dashboards pass the book's address.
    link_base = traitlets.Unicode("../").tag(sync=True)
    team_locked = traitlets.Bool(False).tag(sync=True)
    status = traitlets.Dict().tag(sync=True)

    def __init__(self, checklist: Checklist | None = None, **kwargs: Any) -> None:
        self._checklist = checklist or load_checklist()
        self._on_save: SaveCallback | None = None
        self._status_count = 0
        super().__init__(checklist=self._checklist.data, **kwargs)
        self.on_msg(self._handle_message)

    # ---- Python side API (Voila dashboards and tests)
    def on_save(self, callback: SaveCallback | None) -> None:
        """Call ``callback(audit)`` on "Save to the team's records"; it returns a message."""
        self._on_save = callback

    def show_audit(self, audit: Audit | None, *, lock_team: bool = False) -> None:
        """Put an audit on screen (``None`` clears the form)."""
        self.team_locked = lock_team
        self.audit = audit_to_document(audit) if audit else {}

    def show_previous(self, audit: Audit | None) -> None:
        self.previous = audit_to_document(audit) if audit else {}

    def current_audit(self) -> Audit:
        """The audit on screen, checked as strictly as an imported file."""
        return audit_from_document(self.audit, self._checklist)

    def save(self) -> None:
        """What the front end's save button triggers (also callable from tests)."""
        if self._on_save is None:
            self._set_status("error", "Saving to the team's records is not available here. "
                                      "Save the audit as a file instead.")
            return
        try:
            audit = self.current_audit()
        except AuditFileError as error:
            self._set_status("error", "The audit was not saved. Please fix these first:",
                             [p.message for p in error.problems])
            return
        try:
            message = self._on_save(audit)
        except Exception as error:  # noqa: BLE001 - shown to the person, never a traceback
            self._set_status("error", f"The audit was not saved: {error}")
            return
        self._set_status("ok", message)

    def _set_status(self, kind: str, message: str, problems: list[str] | None = None) -> None:
        self._status_count += 1
        self.status = {"kind": kind, "message": message, "problems": problems or [],
                       "n": self._status_count}

    def _handle_message(self, _widget, content: dict[str, Any], _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "save":
            self.save()
