"""The ``{network-map}`` directive in a tiny Sphinx project: a map, a comparison, a bad file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.application import Sphinx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network"

CONF = 'extensions = ["connecting_people.sphinxext.network_map"]\nexclude_patterns = ["_build"]\n'


def build(tmp_path: Path, body: str) -> tuple[str, str]:
    source = tmp_path / "src"
    (source / "maps").mkdir(parents=True)
    for name in ("leon_january", "leon_june", "hostile"):
        shutil.copy(FIXTURES / "valid" / f"{name}.json", source / "maps")
    (source / "maps" / "broken.json").write_text('{"version": 1}', encoding="utf-8")
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.rst").write_text("Maps\n====\n\n" + body, encoding="utf-8")
    out = tmp_path / "out"
    warnings = []

    class Collect:
        def write(self, text):
            warnings.append(text)

        def flush(self):
            pass

    app = Sphinx(str(source), str(source), str(out), str(tmp_path / "doctrees"), "html",
                 status=None, warning=Collect(), freshenv=True)
    app.build()
    # Several Sphinx apps in one process re-register Sphinx's own nodes; only
    # warnings about the page itself matter here.
    own = [line for line in "".join(warnings).splitlines() if "already registered" not in line]
    return (out / "index.html").read_text(encoding="utf-8"), "\n".join(own)


def test_one_map_is_drawn_with_its_words(tmp_path):
    html, warnings = build(tmp_path, ".. network-map:: maps/hostile.json\n"
                                     "   :caption: Zoë's map <in March>\n")
    assert not warnings.strip(), warnings
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "Zoë&#x27;s map &lt;in March&gt;" in html
    assert "The map in words" in html and "<img src=x" not in html


def test_two_maps_are_compared_side_by_side(tmp_path):
    html, warnings = build(tmp_path, ".. network-map:: maps/leon_june.json\n"
                                     "   :compare: maps/leon_january.json\n"
                                     "   :caption: Leon, January to June\n")
    assert not warnings.strip(), warnings
    assert html.count("<svg") == 2
    assert "Before: 15 January 2026" in html and "After: 20 June 2026" in html
    assert "What changed" in html and "New on the map: Bike repair group" in html
    assert "cp-network-index-0-a-title" in html and "cp-network-index-0-b-title" in html


@pytest.mark.parametrize(("argument", "message"), [
    ("maps/broken.json", "maps/broken.json: This file could not be opened as a network map"),
    ("maps/missing.json", "network-map: no file at maps/missing.json"),
])
def test_a_bad_file_stops_with_the_reason(tmp_path, argument, message):
    html, warnings = build(tmp_path, f".. network-map:: {argument}\n")
    assert message in warnings
    assert "<svg" not in html
