"""Which pages need Jupyter's widget manager: only those showing built-in ipywidgets."""

from __future__ import annotations

import json

from connecting_people.sphinxext.theme_weight import macros_without_fontawesome, theme_macros
from connecting_people.sphinxext.vendor import built_in_widgets


def view(model_id: str) -> str:
    data = json.dumps({"model_id": model_id, "version_major": 2, "version_minor": 0})
    return f'<script type="application/vnd.jupyter.widget-view+json">{data}</script>'


STATE = json.dumps({"state": {
    "a": {"model_module": "anywidget", "model_name": "AnyModel", "state": {}},
    "l": {"model_module": "@jupyter-widgets/base", "model_name": "LayoutModel", "state": {}},
    "s": {"model_module": "@jupyter-widgets/controls", "model_name": "IntSliderModel",
          "state": {}},
}})


def test_a_page_showing_only_anywidgets_needs_no_widget_manager():
    # The layout model is in the state but never shown on its own.
    assert built_in_widgets(STATE, "<p>text</p>" + view("a")) == []


def test_a_page_showing_a_built_in_widget_is_named_for_the_widget_manager():
    assert built_in_widgets(STATE, view("a") + view("s")) == [
        "@jupyter-widgets/controls/IntSliderModel"
    ]


def test_the_themes_fontawesome_script_tag_is_the_only_thing_removed():
    original = theme_macros().read_text(encoding="utf-8")
    lighter = macros_without_fontawesome(original)
    assert "fontawesome.js" in original and "fontawesome.js" not in lighter
    assert lighter.count("<script") == original.count("<script") - 1
    assert "bootstrap.js" in lighter and "pydata-sphinx-theme.js" in lighter
