"""JSON, CSV and GraphML: round trips (property-based), hostile text, networkx compatibility."""

from __future__ import annotations

import csv
import datetime as dt
import io
import string
import unicodedata
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connecting_people.network import MapError, loads
from connecting_people.network import formats as f
from connecting_people.network.model import (
    CONTACT,
    GIVES,
    KINDS,
    TIES,
    WISHES,
    Entry,
    Link,
    NetworkMap,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network" / "valid"
HOSTILE = ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","click")',
           "+1", "-1", "@SUM(A1)", "'=already quoted", "''=twice"]

# Text a person could type and the text rule keeps: any printable character, including the
# ones that matter (quotes, angle brackets, formula starts, apostrophes, emoji), stored in
# NFC (common/text.py) as the validator stores it.
REFUSED = "\ufffe\uffff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
one_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=REFUSED)
    | st.sampled_from(list("=+-@'\"<>&,;")),
    min_size=1, max_size=30,
).map(lambda s: unicodedata.normalize("NFC", s)).filter(lambda s: s.strip())
multi_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=REFUSED)
    | st.sampled_from(["\n", "\t", "=", "'", "@"]), max_size=60,
).map(lambda s: unicodedata.normalize("NFC", s))


def maybe(strategy):
    return st.one_of(st.none(), strategy)


support = st.tuples(*[st.booleans()] * len(GIVES)).map(
    lambda flags: tuple(g for g, on in zip(GIVES, flags, strict=True) if on))


@st.composite
def maps(draw) -> NetworkMap:
    count = draw(st.integers(min_value=0, max_value=12))
    ids = draw(st.lists(st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1,
                                max_size=8), min_size=count, max_size=count, unique=True))
    entries = tuple(
        Entry(id=entry_id, label=draw(one_line), kind=draw(st.sampled_from(list(KINDS))),
              circle=draw(st.sampled_from([1, 2, 3])),
              # Any answer may be missing: unanswered must survive every format.
              contact=draw(maybe(st.sampled_from(list(CONTACT)))),
              tie=draw(maybe(st.sampled_from(list(TIES)))),
              gives=draw(maybe(support)),
              wish=draw(maybe(st.sampled_from(list(WISHES)))), note=draw(multi_line))
        for entry_id in ids
    )
    links: list[Link] = []
    if len(ids) >= 2:
        pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=5))
        seen = set()
        for a, b in pairs:
            if a != b and frozenset((a, b)) not in seen:
                seen.add(frozenset((a, b)))
                links.append(Link(a, b))
    person = draw(st.one_of(st.just(""), one_line.filter(lambda s: len(s) <= 40)))
    date = draw(st.dates(min_value=dt.date(1900, 1, 1))).isoformat()
    return NetworkMap(person=person, date=date, entries=entries, links=tuple(links),
                      notes=draw(multi_line))


@settings(max_examples=60, deadline=None)
@given(maps())
def test_json_round_trip(network):
    assert f.from_json(f.to_json(network)) == network


@settings(max_examples=60, deadline=None)
@given(maps())
def test_csv_round_trip_and_no_cell_starts_a_formula(network):
    text = f.to_csv(network)
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    back = f.from_csv(text, person=network.person, date=network.date,
                      links=[k.to_dict() for k in network.links], notes=network.notes)
    assert back == network


@settings(max_examples=40, deadline=None)
@given(maps())
def test_graphml_round_trip_through_networkx(network):
    assert f.from_graphml(f.to_graphml(network)) == network


def test_networkx_reads_every_attribute():
    network = loads((FIXTURES / "leon_june.json").read_bytes())
    graph = nx.read_graphml(io.BytesIO(f.to_graphml(network).encode("utf-8")))
    assert graph.graph["person"] == "Leon" and graph.graph["date"] == "2026-06-20"
    assert graph.graph["format"] == "connecting-people/network-map" and graph.graph["version"] == 2
    darren = graph.nodes["e4"]
    assert darren == {"label": "Darren (school friend)", "kind": "friend", "circle": 2,
                      "contact": "weekly", "gives": "emotional;company", "tie": "strong",
                      "wish": "same", "note": ""}
    assert graph.number_of_edges() == 3


def test_hostile_labels_are_defused_in_csv_and_kept_exactly():
    entries = tuple(Entry(f"h{i}", text, "friend", 1, "weekly", "weak") for i, text in
                    enumerate(HOSTILE))
    network = NetworkMap(person="=cmd|' /C calc'!A0", date="2026-01-01", entries=entries)
    text = f.to_csv(network)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    labels = [row[1] for row in rows[1:]]
    assert labels[0] == HOSTILE[0]  # not a formula: left alone (escaped where it is shown)
    assert labels[1] == "'" + HOSTILE[1] and labels[5] == "'" + HOSTILE[5]
    assert [e.label for e in f.from_csv(text, date="2026-01-01").entries] == HOSTILE
    xml = f.to_graphml(network)
    assert "<img" not in xml and "&lt;img src=x onerror=alert(1)&gt;" in xml


def test_saving_is_atomic_and_loading_checks(tmp_path):
    network = loads((FIXTURES / "hostile.json").read_bytes())
    target = f.save_json(network, tmp_path / "maps" / "zoe.json")
    assert f.load_json(target) == network
    assert [p.name for p in target.parent.iterdir()] == ["zoe.json"]
    target.write_text("{broken", encoding="utf-8")
    with pytest.raises(MapError, match="not valid JSON"):
        f.load_json(target)


@pytest.mark.parametrize(("text", "message"), [
    ("", "The CSV file is empty."),
    ("label,kind\nMum,family\n", "missing: id, circle"),
    ("id,label,kind,circle,contact,tie\na,Mum,family,1,weekly\n", "Row 2 of the CSV file has 5"),
    ("id,label,kind,circle,contact,tie\na,Mum,family,one,weekly,strong\n",
     "the circle must be 1, 2 or 3, not 'one'"),
])
def test_bad_csv_is_explained(text, message):
    with pytest.raises(MapError) as caught:
        f.from_csv(text, date="2026-01-01")
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_bad_graphml_is_explained():
    with pytest.raises(MapError, match="GraphML file could not be read"):
        f.from_graphml("<graphml><oops")
    plain = nx.Graph()
    plain.add_node("a", label="Mum", kind="family", circle=1, contact="weekly", tie="strong")
    buffer = io.BytesIO()
    nx.write_graphml(plain, buffer)
    with pytest.raises(MapError, match="date must be written"):
        f.from_graphml(buffer.getvalue())
