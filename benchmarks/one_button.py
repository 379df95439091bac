"""The benchmarks' floor: a notebook with one button and one label, nothing else.

Written into a temporary folder beside the dashboards when a benchmark runs,
so it never shows in the trainers' list of dashboards.
"""

from __future__ import annotations

import json
from pathlib import Path

ONE_BUTTON_NAME = "one_button.ipynb"
BUTTON_LABEL = "Press me"
PRESSED_TEXT = "Pressed 1 time"

ONE_BUTTON_SOURCE = f"""import ipywidgets as widgets

button = widgets.Button(description={BUTTON_LABEL!r})
label = widgets.Label("Not pressed yet")


def pressed(_button):
    pressed.count += 1
    label.value = f"Pressed {{pressed.count}} time"


pressed.count = 0
button.on_click(pressed)
widgets.VBox([button, label])
"""


def write_one_button(folder: Path) -> Path:
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": "one-button",
                   "metadata": {}, "outputs": [], "source": ONE_BUTTON_SOURCE}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                    "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / ONE_BUTTON_NAME
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path
