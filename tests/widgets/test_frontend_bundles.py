"""The one front-end build as Python uses it: bundles rebuilt when a source is newer."""

from __future__ import annotations

import os

from connecting_people.capacity.planner import CapacityPlanner
from connecting_people.frontend import bundles


def test_a_bundle_older_than_its_sources_is_rebuilt_when_a_widget_is_made():
    bundles.ensure_fresh("capacity")
    path = bundles.bundle_path("capacity")
    # Age the bundle instead of touching a source, so no source file changes.
    os.utime(path, (1_000_000, 1_000_000))
    assert bundles.is_stale("capacity")
    esm = CapacityPlanner()._esm
    assert not bundles.is_stale("capacity")
    assert path.stat().st_mtime > 1_000_000
    assert esm == path.read_text(encoding="utf-8")


def test_each_bundle_records_the_modules_it_was_made_from():
    bundles.ensure_fresh("network")
    inputs = bundles._sources("network")
    names = {path.name for path in inputs}
    assert {"widget.js", "rules.js", "draw.js", "build.mjs", "bundles.json"} <= names
    assert all(path.is_file() for path in inputs)
