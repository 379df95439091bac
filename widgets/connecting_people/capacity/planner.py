"""The capacity planner widget: form and answer run in the browser, so it works on a static page.

The browser does the interaction (``planner.js``, which holds a copy of the
rules in ``rules.py``); Python only passes the field definitions and starting
numbers, and reads back what a person typed (``inputs``) when a kernel is
there, for saving a plan or writing a report with the Python rules.

Why ``typed`` as well as ``inputs``: the Jupyter widget front end sends at most one
state update per model until the kernel answers, and holds later ones back. Under
load, a person can type a new number and press a Python button (Save) before the
held-back state is sent, so the button would read an older number. Each change
is therefore also sent as a custom message, which is never held back and so
reaches the kernel before the button press that follows it.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from connecting_people.capacity import rules
from connecting_people.frontend import esm

_HERE = Path(__file__).parent


class CapacityPlanner(anywidget.AnyWidget):
    _esm = esm("capacity")
    _css = (_HERE / "planner.css").read_text(encoding="utf-8")
    spec = traitlets.Dict().tag(sync=True)
    inputs = traitlets.Dict().tag(sync=True)

    def __init__(self, inputs: dict | None = None, **kwargs):
        start = rules.default_inputs()
        start.update(inputs or {})
        super().__init__(spec=rules.load_spec(), inputs=start, **kwargs)
        self._typed: dict | None = None
        self.on_msg(self._on_message)

    def _on_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("kind") == "typed":
            self._typed = dict(content.get("inputs") or {})

    @property
    def typed(self) -> dict:
        """What the person typed last, even when its state update is still held back."""
        return dict(self._typed) if self._typed is not None else dict(self.inputs)

    def load(self, inputs: dict) -> None:
        """Put a saved plan's numbers into the form (Python's change wins over older typing)."""
        self._typed = None
        self.inputs = dict(inputs)

    @property
    def result(self) -> dict:
        """The plan as the Python rules see it (the same as the page shows)."""
        return rules.plan(self.typed)
