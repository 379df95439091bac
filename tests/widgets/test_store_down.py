"""Every dashboard, opened the way its notebook opens it, with the store down: one clear page.

The page is the frame's store-down page (never half a dashboard, never a
traceback), and the failure is logged with the user, request and error
fields a JSON log formatter prints.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import ipywidgets as widgets
import pytest

from connecting_people.dashboards.launch import NOTEBOOKS, WITH_STORE, build_dashboard
from connecting_people.paths import DASHBOARDS_DIR
from connecting_people.store.acting import local_user

DEAD_STORES = {
    "PostgreSQL that does not answer": "postgresql+psycopg://nobody@127.0.0.1:1/none",
    "SQLite in a folder that does not exist": "sqlite:////nonexistent-folder/x/y.sqlite3",
}


@pytest.mark.parametrize("url", DEAD_STORES.values(), ids=DEAD_STORES.keys())
@pytest.mark.parametrize("name", sorted(WITH_STORE))
def test_the_store_down_page(name, url, caplog):
    caplog.set_level(logging.ERROR, logger="connecting_people.dashboards")
    view = build_dashboard(name, url)
    what = WITH_STORE[name][1]
    assert isinstance(view, widgets.HTML)
    assert view._dom_classes == ("cp-dashboard", "cp-store-down")
    assert f"The {what} cannot open the team&#x27;s saved data, so it is not shown." in view.value
    assert "CONNECTING_PEOPLE_DATABASE_URL" in view.value
    assert "Traceback" not in view.value
    [record] = caplog.records
    assert (record.user, record.request) == (local_user(), f"open the {what}")
    assert record.error.startswith("OperationalError: ")


def test_every_notebook_opens_its_tool_through_the_one_function():
    notebooks = sorted(p.stem for p in Path(DASHBOARDS_DIR).glob("*.ipynb"))
    assert notebooks == NOTEBOOKS
    for name in notebooks:
        cells = json.loads((Path(DASHBOARDS_DIR) / f"{name}.ipynb").read_text(encoding="utf-8"))
        [code] = [c for c in cells["cells"] if c["cell_type"] == "code"]
        assert "".join(code["source"]) == (
            "from connecting_people.dashboards.launch import open_dashboard\n\n"
            f'view = open_dashboard("{name}")'
        )


def test_an_unknown_dashboard_name_is_refused_plainly():
    with pytest.raises(KeyError, match="No dashboard called 'planner'"):
        build_dashboard("planner")
