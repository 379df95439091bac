"""The map as SVG: accessible, escaped, ecomap line styles, grouped by kind, comparison marks."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from connecting_people.network import compare, loads, parse_map
from connecting_people.network.layout import layout
from connecting_people.network.svg import render_pair, render_svg, zigzag

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network" / "valid"
SVG = "{http://www.w3.org/2000/svg}"


def fixture(name: str):
    return loads((FIXTURES / f"{name}.json").read_bytes())


def test_the_svg_is_well_formed_and_labelled_for_screen_readers():
    svg = render_svg(fixture("leon_january"), id_prefix="leon")
    root = ET.fromstring(svg)  # noqa: S314 - the package's own output
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "leon-title leon-desc"
    assert root.find(f"{SVG}title").text == "Leon's network map, 2026-01-15"
    assert root.find(f"{SVG}desc").text.startswith("Leon's map has 7 connections")
    entries = root.findall(f".//{SVG}g[@class='cp-entry']")
    assert len(entries) == 7
    assert entries[0].find(f"{SVG}title").text == (
        "Mum: family, inner circle (closest), in contact about once a week, strong tie, "
        "gives practical help and emotional support, wants the same")


def test_tie_quality_is_shown_by_line_style_and_explained_in_the_legend():
    svg = render_svg(fixture("leon_january"))
    assert svg.count('stroke="#1d4e89" stroke-width="3.0"') >= 2  # strong: solid, thick
    assert 'stroke-dasharray="7 5"' in svg  # weak: dashed
    assert svg.count("<polyline") == 2 + 1  # two stressful zig-zags, plus the legend's sample
    for words in ("Strong tie", "Weak tie", "Stressful tie", "Wants more contact"):
        assert f">{words}</text>" in svg


def test_hostile_text_is_escaped_everywhere():
    svg = render_svg(fixture("hostile"))
    ET.fromstring(svg)  # noqa: S314 - still well-formed XML
    assert "<img" not in svg and "<b>" not in svg and "<script" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg  # in the entry's <title>
    assert "&lt;b&gt;Zoë&lt;/b&gt;" in svg
    assert "=HYPERLINK(&quot;http://evil" in svg


def test_entries_sit_in_their_circle_band_and_their_kind_slice():
    network = fixture("wide_active")
    plan = layout(network, 640)
    edges = (plan.person_r, *plan.circle_r)
    sectors = {s.kind: s for s in plan.sectors}
    for placed in plan.placed:
        entry = network.entries[placed.index]
        distance = ((placed.x - 320) ** 2 + (placed.y - 320) ** 2) ** 0.5
        assert edges[entry.circle - 1] <= distance <= edges[entry.circle]
        sector = sectors[entry.kind]
        assert sector.start <= placed.angle <= sector.end
    angles = [p.angle for p in plan.placed]
    assert len(set(angles)) == len(angles)  # no tie line runs through another entry


def test_comparison_marks_new_gone_closer_and_further():
    before, after = fixture("leon_january"), fixture("leon_june")
    left, right = render_pair(before, after, compare(before, after))
    assert left.count(">gone</tspan>") == 1 and 'text-decoration="line-through"' in left
    assert right.count(">new</tspan>") == 3
    assert right.count(">closer</tspan>") == 1 and right.count(">further out</tspan>") == 1
    # Both sides use the same slices, so a kind sits in the same place on each.
    assert re.findall(r">(Family|Friends|Groups|Places|Services)</text>", left) == \
        re.findall(r">(Family|Friends|Groups|Places|Services)</text>", right)


def test_zigzag_ends_where_it_should():
    points = zigzag(0, 0, 40, 0).split()
    assert points[0] == "0,0" and points[-1] == "40,0" and len(points) == 6


def test_a_10000_entry_map_still_draws_without_labels():
    entries = [{"id": f"e{i}", "label": f"Person {i}", "kind": "friend", "circle": 1 + i % 3,
                "contact": "weekly", "tie": "weak"} for i in range(10_000)]
    network = parse_map({"format": "connecting-people/network-map", "version": 1,
                         "person": "Big", "date": "2026-01-01", "entries": entries})
    started = time.perf_counter()
    svg = render_svg(network)
    assert time.perf_counter() - started < 10
    assert svg.count('class="cp-entry"') == 10_000 and "Person 5</tspan>" not in svg


def test_the_key_shows_each_kind_in_the_colour_it_is_drawn():
    svg = render_svg(fixture("leon_january"))
    legend = svg[svg.index('<g class="cp-legend">'):]
    assert "A person" not in legend
    assert '<circle cx="16" cy="0" r="7" fill="#1d4e89"' in legend  # family: blue disc
    assert ">Family</text>" in legend and ">Professionals and services</text>" in legend
    assert ">Tie not said yet</text>" in legend


def test_an_unanswered_tie_is_drawn_faint_and_said_so():
    svg = render_svg(fixture("unanswered"))
    # Mum, Sam and the bus stop have no tie answer; the key shows the same line once.
    assert svg.count('stroke="#6b6b6b" stroke-width="1.2" stroke-dasharray="2 4"') == 3 + 1
    assert "Mum: family, inner circle (closest), contact not said yet, tie not said yet, " \
           "support not said yet, wish not said yet" in svg
