"""The network-map widget: one implementation for the static book page, Voila and Jupyter.

The interaction lives in the browser (``widget.js``, which ties together one
module per job: ``form.js``, ``list.js``, ``files.js``, ``compare.js`` and
``drawing.js``, with the rules in ``rules.js``, the drawing in ``draw.js`` and
``labels.js``, and the shared ``common/dom.js``), because on the static page there
is no kernel and a person's map must not leave their device. This class only
reads their one bundle (``connecting_people.frontend``) into ``_esm`` and keeps
the map in two synced traits, so that in Jupyter and Voila Python can read
the map, check it with the same validator, save it to a file and compare it
(the dashboard does). The
``package.json`` beside these files tells Node (the JavaScript tests) that they
are ES modules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import anywidget
import traitlets

from connecting_people.frontend import esm
from connecting_people.network import formats
from connecting_people.network.compare import compare
from connecting_people.network.model import NetworkMap, new_map_id
from connecting_people.network.rules import describe, summarise
from connecting_people.network.validate import MapError, parse_map

HERE = Path(__file__).parent


def empty_document(date: str | None = None) -> dict:
    return NetworkMap(person="", date=date or dt.date.today().isoformat(),
                      map_id=new_map_id()).to_dict()


class NetworkMapWidget(anywidget.AnyWidget):
    """A person's network map, drawn and edited in the browser, readable from Python."""

    _esm = esm("network")
    _css = traitlets.Unicode((HERE / "widget.css").read_text(encoding="utf-8")).tag(sync=True)

    map = traitlets.Dict().tag(sync=True)
    compare_with = traitlets.Dict().tag(sync=True)
    # "worker" (practice guidance, training) or "person" (the service user's guide: "you",
    # "your map", no map type).
    voice = traitlets.Enum(("worker", "person"), default_value="worker").tag(sync=True)

    def __init__(self, network: NetworkMap | None = None, *, compare_with: NetworkMap | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.map = (network.to_dict() if network is not None else empty_document())
        self.compare_with = compare_with.to_dict() if compare_with is not None else {}

    @traitlets.validate("map")
    def _check_map(self, proposal):
        # The browser validates before it sends; this guards maps set from Python.
        return parse_map(proposal["value"]).to_dict()

    @traitlets.validate("compare_with")
    def _check_compare(self, proposal):
        value = proposal["value"]
        return parse_map(value).to_dict() if value else {}

    @property
    def network(self) -> NetworkMap:
        return parse_map(self.map)

    @network.setter
    def network(self, value: NetworkMap) -> None:
        self.map = value.to_dict()

    @property
    def earlier(self) -> NetworkMap | None:
        """The map being compared with, if any."""
        return parse_map(self.compare_with) if self.compare_with else None

    def summary(self) -> dict:
        return summarise(self.network)

    def description(self) -> dict:
        return describe(self.network)

    def comparison(self) -> dict | None:
        earlier = self.earlier
        return compare(earlier, self.network) if earlier is not None else None

    def save(self, path: str | Path) -> Path:
        """Save the current map as its JSON document (atomically)."""
        return formats.save_json(self.network, path)

    def load(self, path: str | Path) -> NetworkMap:
        """Open a saved map; on any fault raise ``MapError`` and keep the current map."""
        network = formats.load_json(path)
        self.network = network
        return network

    def load_comparison(self, path: str | Path) -> NetworkMap:
        network = formats.load_json(path)
        self.compare_with = network.to_dict()
        return network


__all__ = ["MapError", "NetworkMapWidget"]
