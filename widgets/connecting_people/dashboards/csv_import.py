"""The upload, check and import steps the directory and the tracker share.

An import is checked first and shown as a report; only then can the valid
rows be added, with a second click. The file's bytes are kept between the two
steps so the rows added are exactly the rows that were checked.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from connecting_people.dashboards import ui


def file_upload(description: str, accept: str = ".csv") -> widgets.FileUpload:
    return widgets.FileUpload(
        accept=accept,
        multiple=False,
        description=description,
        layout=widgets.Layout(width="auto"),
    )


class CsvImport:
    """The upload box, its report and the "add the valid rows" button, with their two steps.

    ``check`` and ``save`` take the file's bytes and return a report with
    ``lines()``, ``valid``, ``rejected`` and ``problem``; ``after_save`` runs
    once rows may have been added.
    """

    def __init__(
        self,
        check: Callable[[bytes], object],
        save: Callable[[bytes], object],
        after_save: Callable[[], None],
    ):
        self._check = check
        self._save = save
        self._after_save = after_save
        self._pending: bytes | None = None
        self.upload = file_upload("Choose a CSV file")
        self.report = widgets.HTML()
        self.button = widgets.Button(
            description="Add the valid rows", disabled=True, button_style="success"
        )

    @property
    def children(self) -> list[widgets.Widget]:
        return [self.upload, self.report, self.button]

    def connect(self, guard: Callable) -> None:
        """Wire the two steps, each wrapped by the dashboard's ``guard``."""
        self.upload.observe(guard(self.check_upload), names="value")
        self.button.on_click(guard(self.add_valid_rows))

    def check_upload(self, _change=None) -> None:
        self.button.disabled = True
        self._pending = None
        if not self.upload.value:
            return
        data = bytes(self.upload.value[0]["content"])
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
