"""The network-map widget's Python side and the training dashboard, without a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import traitlets

from connecting_people.frontend import read_bundle
from connecting_people.network import MapError
from connecting_people.network.dashboard import NetworkDashboard, file_name
from connecting_people.network.examples import load_example
from connecting_people.network.widget import NetworkMapWidget


def test_the_bundle_is_one_module_with_no_imports_and_node_can_parse_it(tmp_path):
    esm = NetworkMapWidget()._esm
    assert esm == read_bundle("network")
    assert not re.search(r"(^|[;}])import[ {*]", esm)
    # No network and no storage outside the one remembered key.
    assert "fetch(" not in esm and "XMLHttpRequest" not in esm and "sendBeacon" not in esm
    assert esm.count("localStorage.") == 3  # set, remove, get of STORAGE_KEY only
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    module = tmp_path / "bundle.mjs"
    module.write_text(esm, encoding="utf-8")
    result = subprocess.run([node, "--check", str(module)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_new_widget_holds_an_empty_map_dated_today():
    widget = NetworkMapWidget()
    network = widget.network
    assert network.entries == () and len(network.date) == 10
    assert widget.compare_with == {} and widget.earlier is None and widget.comparison() is None
    assert widget.summary()["network_type"] == "empty"


def test_maps_set_from_python_are_validated_and_bad_ones_refused():
    widget = NetworkMapWidget(load_example("leon_january"))
    assert widget.description()["type"] == "small"
    bad = dict(widget.map, entries=[{"id": "x"}])
    with pytest.raises(MapError):
        widget.map = bad
    assert len(widget.network.entries) == 7  # unchanged
    with pytest.raises(traitlets.TraitError):
        widget.audience = "everyone"


def test_a_map_sent_from_the_browser_reaches_python_with_a_comparison():
    widget = NetworkMapWidget()
    # What the front end sends after "Start a new dated map from this one" and one change.
    widget.compare_with = load_example("leon_january").to_dict()
    widget.map = load_example("leon_june").to_dict()
    result = widget.comparison()
    assert result["added"] == ["Bike repair group", "Jess from bike group", "Library"]


def test_save_and_load_keep_the_current_map_on_a_bad_file(tmp_path):
    widget = NetworkMapWidget(load_example("leon_june"))
    path = widget.save(tmp_path / "leon.json")
    assert json.loads(path.read_text())["version"] == 1
    widget.network = load_example("leon_january")
    assert widget.load(path) == load_example("leon_june")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "connecting-people/network-map", "version": 9}')
    with pytest.raises(MapError, match="newer version"):
        widget.load(bad)
    assert widget.network == load_example("leon_june")
    widget.load_comparison(tmp_path / "leon.json")
    assert widget.earlier == load_example("leon_june")


def test_dashboard_follows_the_map_and_saves_to_its_folder(tmp_path: Path):
    dashboard = NetworkDashboard(tmp_path)
    assert "has 0 connections" in dashboard.figures.value
    dashboard.map_widget.map = load_example("leon_june").to_dict()
    assert "The map of Leon on 20 June 2026 has 9 connections." in dashboard.figures.value
    assert len(dashboard.current_figures()) == 1  # the kinds chart; no comparison yet
    dashboard._save()
    assert (tmp_path / "Leon-2026-06-20.json").is_file()
    assert dashboard.saved.options == (("Leon-2026-06-20.json",
                                        str(tmp_path / "Leon-2026-06-20.json")),)
    dashboard.map_widget.network = load_example("leon_january")
    dashboard._compare()
    figures = dashboard.current_figures()
    assert len(figures) == 2 and "Comparing with" in dashboard.status.value
    assert figures[1].data[0].x[0] == 7 and figures[1].data[1].x[0] == 9
    dashboard._open()
    assert dashboard.map_widget.network == load_example("leon_june")


def test_dashboard_exports_csv_and_graphml_that_read_back(tmp_path: Path):
    from connecting_people.network import formats

    dashboard = NetworkDashboard(tmp_path)
    dashboard.map_widget.network = load_example("leon_june")
    csv_path, graphml_path = dashboard._export()
    assert "Exported Leon-2026-06-20.csv and Leon-2026-06-20.graphml" in dashboard.status.value
    network = load_example("leon_june")
    assert formats.from_graphml(graphml_path.read_bytes()) == network
    back = formats.from_csv(csv_path.read_text(encoding="utf-8"), person="Leon",
                            date="2026-06-20", links=[k.to_dict() for k in network.links],
                            notes=network.notes)
    assert back == network


def test_dashboard_explains_a_bad_saved_file_and_changes_nothing(tmp_path: Path):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    dashboard = NetworkDashboard(tmp_path)
    dashboard.map_widget.network = load_example("leon_june")
    dashboard._open()
    assert "could not be opened" in dashboard.status.value
    assert "not valid JSON" in dashboard.status.value
    assert dashboard.map_widget.network == load_example("leon_june")


def test_file_names_are_safe():
    assert file_name("<Zoë> / ../x", "2026-01-01") == "Zo-x-2026-01-01.json"
    assert file_name("", "2026-01-01") == "map-2026-01-01.json"
