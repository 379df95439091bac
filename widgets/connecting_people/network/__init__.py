"""The network-mapping exercise: a person's map of connections, drawn together, compared over time.

Pure logic only here (no ipywidgets): ``model`` (the data), ``validate`` (files
in), ``rules`` (summary and plain words), ``compare`` (two dated maps),
``layout`` and ``svg`` (the picture), ``formats`` (JSON, CSV, GraphML) and
``report`` (HTML for the book). The widget lives in ``widget`` and imports
from these, never the other way round.
"""

from connecting_people.network.compare import compare
from connecting_people.network.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Entry,
    Link,
    NetworkMap,
)
from connecting_people.network.rules import describe, summarise
from connecting_people.network.svg import render_svg
from connecting_people.network.validate import MapError, loads, parse_map

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Entry",
    "Link",
    "MapError",
    "NetworkMap",
    "compare",
    "describe",
    "loads",
    "parse_map",
    "render_svg",
    "summarise",
]
