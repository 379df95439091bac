"""A small anywidget file picker that checks the size limit in the browser, before uploading.

ipywidgets' FileUpload cannot refuse a file before sending it, so every
dashboard import uses this instead. The browser sends only files at or under
``UPLOAD_LIMIT_BYTES`` and names the ones it refused; Python checks the size
again when the bytes arrive, with the same words (``common.files.size_problem``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from connecting_people.common.files import size_problem
from connecting_people.common.limits import UPLOAD_LIMIT_BYTES

# (files, refused): name/bytes pairs accepted, and name/message pairs refused.
Chosen = Callable[[list[tuple[str, bytes]], list[tuple[str, str]]], None]


class FilePicker(anywidget.AnyWidget):
    """Calls each ``on_files`` callback with ``(files, refused)`` for every choice made."""

    _esm = (Path(__file__).with_name("file_picker.js")).read_text(encoding="utf-8")
    label = traitlets.Unicode("Choose a file").tag(sync=True)
    accept = traitlets.Unicode(".csv").tag(sync=True)
    multiple = traitlets.Bool(False).tag(sync=True)
    limit_bytes = traitlets.Int(UPLOAD_LIMIT_BYTES).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._callbacks: list[Chosen] = []
        # The last choice, kept in Python only: the files accepted and the refusals.
        self.chosen: list[tuple[str, bytes]] = []
        self.refused: list[tuple[str, str]] = []
        self.on_msg(self._on_message)

    def clear(self) -> None:
        """Forget the last choice (after its files were used)."""
        self.chosen, self.refused = [], []

    def on_files(self, callback: Chosen) -> None:
        self._callbacks.append(callback)

    def _on_message(self, _widget, content: dict, buffers: list) -> None:
        if not isinstance(content, dict) or content.get("kind") != "files":
            return
        refused = []
        for item in content.get("refused", []):
            name = str(item.get("name", ""))
            problem = size_problem(name, int(item.get("size", 0)), self.limit_bytes)
            if problem:
                refused.append((name, problem))
        files = []
        for name, buffer in zip(content.get("names", []), buffers, strict=False):
            data = bytes(buffer)
            problem = size_problem(str(name), len(data), self.limit_bytes)
            if problem:
                refused.append((str(name), problem))
            else:
                files.append((str(name), data))
        self.chosen, self.refused = files, refused
        for callback in self._callbacks:
            callback(files, refused)

    def receive(self, files: list[tuple[str, bytes]], refused: list[tuple[str, int]] = ()):
        """What the browser sends when a person chooses files (for tests and notebooks)."""
        self._on_message(
            self,
            {"kind": "files", "names": [name for name, _ in files],
             "refused": [{"name": name, "size": size} for name, size in refused]},
            [memoryview(data) for _, data in files],
        )
