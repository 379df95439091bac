"""The one import panel: choose a file (size checked in the browser), read the report, then add.

An import is checked first and shown as a report, row by row; only then can
the valid rows be added, with a second click. The file's bytes are kept
between the two steps so the rows added are exactly the rows that were
checked. The directory and the tracker use it for CSV files.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from connecting_people.dashboards import ui
from connecting_people.dashboards.file_picker import FilePicker


class ImportPanel:
    """The file picker, its report and the "add the valid rows" button, with their two steps.

    ``check`` and ``save`` take the file's bytes and return a report with
    ``lines()``, ``valid``, ``rejected`` and ``problem``; ``after_save`` runs
    once rows may have been added.
    """

    def __init__(
        self,
        check: Callable[[bytes], object],
        save: Callable[[bytes], object],
        after_save: Callable[[], None],
        *,
        label: str = "Choose a CSV file",
        accept: str = ".csv",
    ):
        self._check = check
        self._save = save
        self._after_save = after_save
        self._pending: bytes | None = None
        self._guard: Callable = lambda callback: callback
        self.upload = FilePicker(label=label, accept=accept)
        self.report = widgets.HTML()
        self.button = widgets.Button(
            description="Add the valid rows", disabled=True, button_style="success"
        )

    @property
    def children(self) -> list[widgets.Widget]:
        return [self.upload, self.report, self.button]

    def connect(self, guard: Callable) -> None:
        """Wire the two steps, each wrapped by the dashboard's ``guard``."""
        self.upload.on_files(guard(self.check_files))
        self.button.on_click(guard(self.add_valid_rows))

    def check_files(self, files: list[tuple[str, bytes]], refused: list[tuple[str, str]]) -> None:
        self.button.disabled = True
        self._pending = None
        if refused:
            self.report.value = ui.message_html([m for _, m in refused], tone="error")
            return
        if not files:
            return
        _name, data = files[0]
        report = self._check(data)
        tone = "error" if report.problem or report.rejected else "info"
        self.report.value = ui.message_html(report.lines(), tone=tone)
        if report.valid:
            self._pending = data
            self.button.disabled = False
            self.button.description = f"Add the {len(report.valid)} valid rows"

    def add_valid_rows(self, _button=None) -> None:
        if self._pending is None:
            return
        report = self._save(self._pending)
        self._pending = None
        self.button.disabled = True
        self.report.value = ui.message_html(
            report.lines(), tone="error" if report.problem else "done"
        )
        self._after_save()
