"""Files in and out: the versioned JSON document, a CSV of entries, and GraphML.

JSON is the map's own format (see ``validate``); the person keeps it, and
every other format can be rebuilt from it. CSV is for a spreadsheet, so no
cell may start a formula (``= + - @``, tab or carriage return): such cells get
a leading apostrophe, which spreadsheets show as text, and import takes it off
again so a round trip gives back the same map. GraphML is for network
software (networkx, Gephi, Network Canvas users): every entry is a node with
every attribute, links are edges, and the person, date and notes are graph
attributes. Every import goes through the same validator as a JSON file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from connecting_people.common.csvtools import FORMULA_START
from connecting_people.network.model import FORMAT_NAME, FORMAT_VERSION, GIVES, NetworkMap
from connecting_people.network.validate import MapError, loads, parse_map

if TYPE_CHECKING:  # networkx (17 MiB) loads on first use: only GraphML needs it
    import networkx as nx

CSV_COLUMNS = ("id", "label", "kind", "circle", "contact", "gives", "tie", "wish", "note",
               "suggested", "tried", "outcome", "recorded_by")
GIVES_SEPARATOR = ";"
# In CSV and GraphML an empty cell is an answer nobody gave; "none" is the answer
# "gives none of these", which is different.
GIVES_NONE = "none"
SUGGESTION_KEYS = ("suggested", "tried", "outcome")


def _flat(entry) -> dict:
    """One entry as flat cells: unanswered is empty, the suggestion spread over three cells."""
    row = entry.to_dict()
    gives = row.get("gives")
    row["gives"] = "" if gives is None else (GIVES_SEPARATOR.join(gives) or GIVES_NONE)
    suggestion = row.pop("suggestion", None) or {}
    for key in SUGGESTION_KEYS:
        row[key] = suggestion.get(key, "")
    return {column: row.get(column, "") for column in CSV_COLUMNS}


def _unflat(item: dict) -> dict:
    """Undo ``_flat``: empty cells become unanswered (left out), as in the JSON file."""
    item = dict(item)
    gives = str(item.pop("gives", "") or "")
    if gives == GIVES_NONE:
        item["gives"] = []
    elif gives:
        item["gives"] = [g.strip() for g in gives.split(GIVES_SEPARATOR) if g.strip()]
    for key in ("contact", "tie", "wish", "recorded_by"):
        if item.get(key) in ("", None):
            item.pop(key, None)
    recorded = item.get("recorded_by")
    if isinstance(recorded, str) and recorded.strip().isdigit():
        item["recorded_by"] = int(recorded)
    parts = {key: item.pop(key, "") for key in SUGGESTION_KEYS}
    if parts["suggested"] or parts["tried"]:
        item["suggestion"] = {key: value for key, value in parts.items() if value != ""}
    return item


def to_json(network: NetworkMap) -> str:
    """The map as its versioned JSON document (UTF-8 text, readable by people too)."""
    return json.dumps(network.to_dict(), ensure_ascii=False, indent=2) + "\n"


def from_json(text: str | bytes) -> NetworkMap:
    return loads(text)


def save_json(network: NetworkMap, path: str | Path) -> Path:
    """Write the map atomically: a crash mid-save never leaves half a file over a good one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(to_json(network))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def load_json(path: str | Path) -> NetworkMap:
    return loads(Path(path).read_bytes())


def _formula_like(cell: str) -> bool:
    # Apostrophes already at the front are looked through, so that a label that
    # really starts with "'=" survives the round trip too.
    return cell.lstrip("'").startswith(FORMULA_START)


def safe_cell(cell: object) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    text = str(cell)
    return "'" + text if _formula_like(text) else text


def unsafe_cell(cell: str) -> str:
    """Undo ``safe_cell`` on import."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell) else cell


def to_csv(network: NetworkMap) -> str:
    """The entries as CSV, one row each, with a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in network.entries:
        row = _flat(entry)
        writer.writerow([safe_cell(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def from_csv(text: str, *, person: str = "", date: str, links: list | None = None,
             notes: str = "", map_id: str = "") -> NetworkMap:
    """Entries from CSV (as written by ``to_csv``); the person and date are given separately."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise MapError([f"The CSV file could not be read: {error}."]) from None
    if not rows:
        raise MapError(["The CSV file is empty."])
    header = [unsafe_cell(cell).strip().lower() for cell in rows[0]]
    missing = [c for c in ("id", "label", "kind", "circle") if c not in header]
    if missing:
        raise MapError([f"The CSV file's first row must name the columns; missing: "
                        f"{', '.join(missing)}."])
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise MapError([f"Row {number} of the CSV file has {len(row)} cells, "
                            f"but the header has {len(header)}."])
        item = {name: unsafe_cell(cell) for name, cell in zip(header, row, strict=True)}
        circle = item.get("circle", "")
        item["circle"] = int(circle) if circle.strip().isdigit() else circle
        entries.append(_unflat({k: v for k, v in item.items() if k in CSV_COLUMNS}))
    doc = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "person": person,
           "date": date, "entries": entries, "links": links or [], "notes": notes}
    if map_id:
        doc["id"] = map_id
    return parse_map(doc)


def to_graph(network: NetworkMap) -> nx.Graph:
    """The map as a networkx graph (entries are nodes, links are edges)."""
    import networkx as nx

    graph = nx.Graph(format=FORMAT_NAME, version=FORMAT_VERSION, person=network.person,
                     date=network.date, notes=network.notes, map_id=network.map_id)
    for entry in network.entries:
        # GraphML has no "null": an unanswered question is an attribute left off.
        attributes = {k: v for k, v in _flat(entry).items() if v != "" or k == "note"}
        del attributes["id"]
        graph.add_node(entry.id, **attributes)
    # Edges keep their direction and place in the file as attributes, so a round
    # trip through software that reorders edges gives back the same map.
    for order, link in enumerate(network.links):
        graph.add_edge(link.source, link.target, **{"from": link.source, "to": link.target,
                                                    "order": order})
    return graph


def to_graphml(network: NetworkMap) -> str:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(to_graph(network), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def from_graph(graph: nx.Graph) -> NetworkMap:
    meta = graph.graph
    entries = []
    for node, data in graph.nodes(data=True):
        item = {key: data[key] for key in data if key in CSV_COLUMNS}
        item["id"] = str(node)
        entries.append(_unflat(item))
    edges = sorted(graph.edges(data=True), key=lambda edge: edge[2].get("order", 0))
    links = [{"from": str(data.get("from", a)), "to": str(data.get("to", b))}
             for a, b, data in edges]
    version = meta.get("version", FORMAT_VERSION)
    doc = {"format": meta.get("format", FORMAT_NAME), "version": version,
           "person": meta.get("person", ""), "date": meta.get("date"),
           "entries": entries, "links": links, "notes": meta.get("notes", "")}
    if meta.get("map_id"):
        doc["id"] = meta["map_id"]
    return parse_map(doc)


def from_graphml(text: str | bytes) -> NetworkMap:
    import networkx as nx

    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        graph = nx.read_graphml(io.BytesIO(data))
    except Exception as error:  # networkx raises several kinds for bad XML
        raise MapError([f"The GraphML file could not be read: {error}."]) from None
    return from_graph(graph)


__all__ = ["GIVES", "from_csv", "from_graphml", "from_json", "load_json", "safe_cell",
           "save_json", "to_csv", "to_graphml", "to_json", "unsafe_cell"]
