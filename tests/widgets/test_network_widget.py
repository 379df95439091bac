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
from connecting_people.network import MapError, formats
from connecting_people.network.dashboard import NO_CHARTS_YET, NetworkDashboard, file_name
from connecting_people.network.examples import load_example
from connecting_people.network.model import Entry, NetworkMap
from connecting_people.network.widget import NetworkMapWidget, empty_document


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
        widget.voice = "everyone"


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
    assert json.loads(path.read_text())["version"] == 2
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
    assert dashboard.current_figures() == []  # no chart of zeros for an empty map
    (sentence,) = dashboard.chart_outputs()
    assert NO_CHARTS_YET in sentence.data
    dashboard.map_widget.map = load_example("leon_june").to_dict()
    assert "The map of Leon on 20 June 2026 has 9 connections." in dashboard.figures.value
    assert len(dashboard.current_figures()) == 1  # the kinds chart; no comparison yet
    dashboard._save()
    name = f"map-2026-06-20-{load_example('leon_june').map_id}.json"
    assert (tmp_path / name).is_file()
    assert dashboard.saved.options == ((name, str(tmp_path / name)),)
    dashboard.map_widget.network = load_example("leon_january")
    dashboard._compare()
    figures = dashboard.current_figures()
    assert len(figures) == 2 and "Comparing with" in dashboard.status.value
    assert figures[1].data[0]["x"][0] == 7 and figures[1].data[1]["x"][0] == 9
    dashboard._open()
    assert dashboard.map_widget.network == load_example("leon_june")


def test_dashboard_exports_csv_and_graphml_that_read_back(tmp_path: Path):
    from connecting_people.network import formats

    dashboard = NetworkDashboard(tmp_path)
    dashboard.map_widget.network = load_example("leon_june")
    csv_path, graphml_path = dashboard._export()
    network = load_example("leon_june")
    stem = f"map-2026-06-20-{network.map_id}"
    assert f"Exported {stem}.csv and {stem}.graphml" in dashboard.status.value
    assert formats.from_graphml(graphml_path.read_bytes()) == network
    back = formats.from_csv(csv_path.read_text(encoding="utf-8"), person="Leon",
                            date="2026-06-20", links=[k.to_dict() for k in network.links],
                            notes=network.notes, map_id=network.map_id)
    assert back == network


def test_dashboard_explains_a_bad_saved_file_and_changes_nothing(tmp_path: Path):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    dashboard = NetworkDashboard(tmp_path)
    dashboard.map_widget.network = load_example("leon_june")
    dashboard._open()
    assert "could not be opened" in dashboard.status.value
    assert "not valid JSON" in dashboard.status.value
    assert dashboard.map_widget.network == load_example("leon_june")


def test_file_names_come_from_the_date_and_the_map_id_not_the_name():
    network = NetworkMap(person="<Zoë> / ../x", date="2026-01-01", map_id="a1b2c3")
    assert file_name(network) == "map-2026-01-01-a1b2c3.json"
    with pytest.raises(ValueError, match="needs its id"):
        file_name(NetworkMap(person="", date="2026-01-01"))


NAMES = ("محمد", "陈", "Zoë", "Zo!")


def _map_of(person: str) -> dict:
    entry = Entry(id="e1", label=f"Friend of {person}", kind="friend", circle=1)
    return {**empty_document("2026-07-01"), "person": person,
            "entries": [entry.to_dict()]}


def test_maps_for_four_people_on_one_date_never_replace_each_other(tmp_path: Path):
    dashboard = NetworkDashboard(tmp_path)
    for person in NAMES:
        dashboard.map_widget.map = _map_of(person)  # a new map: a new id, as after "Clear"
        assert dashboard._save() is not None
    saved = sorted(tmp_path.glob("*.json"))
    assert len(saved) == 4
    assert sorted(formats.load_json(path).person for path in saved) == sorted(NAMES)
    assert all(path.name.startswith("map-2026-07-01-") for path in saved)


def test_renaming_a_map_and_saving_keeps_the_other_persons_file(tmp_path: Path):
    dashboard = NetworkDashboard(tmp_path)
    dashboard.map_widget.map = _map_of("محمد")
    first = dashboard._save()
    # The same map, its name changed to someone else's: the id alone would clash.
    dashboard.map_widget.map = {**dashboard.map_widget.map, "person": "陈"}
    second = dashboard._save()
    assert second is not None and second != first
    assert formats.load_json(first).person == "محمد"
    assert formats.load_json(second).person == "陈"
    assert "A different map was already saved" in dashboard.status.value


def test_saving_the_same_persons_map_again_asks_before_replacing(tmp_path: Path):
    dashboard = NetworkDashboard(tmp_path)
    dashboard.map_widget.map = _map_of("Zoë")
    path = dashboard._save()
    changed = dashboard.map_widget.network.with_entries(())
    dashboard.map_widget.network = changed
    assert dashboard._save() is None  # asked, not saved
    assert dashboard.replace_box.layout.display == "flex"
    assert "Replace it with this one?" in dashboard.replace_question.value
    assert len(formats.load_json(path).entries) == 1
    dashboard._keep()
    assert len(formats.load_json(path).entries) == 1
    assert dashboard._save() is None
    assert dashboard._replace() == path
    assert formats.load_json(path).entries == ()
    assert dashboard.replace_box.layout.display == "none"
    assert len(list(tmp_path.glob("*.json"))) == 1
