"""The capacity planner widget: form and answer run in the browser, so it works on a static page.

The browser does the interaction (``planner.js``, which holds a copy of the
rules in ``rules.py``); Python only passes the field definitions and starting
numbers, and reads back what a person typed (``inputs``) when a kernel is
there, for saving a plan or writing a report with the Python rules.
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

    @property
    def result(self) -> dict:
        """The plan as the Python rules see it (the same as the page shows)."""
        return rules.plan(self.inputs)
