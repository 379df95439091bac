"""Fictional example maps the book's exercise pages and tests share.

Leon is a fictional person. His two maps (January and June) show one re-map
after a plan: the training exercise uses them as its case, and the practice
guidance uses them to show a comparison.
"""

from __future__ import annotations

from importlib import resources

from connecting_people.network.model import NetworkMap
from connecting_people.network.validate import loads

NAMES = ("leon_january", "leon_june")


def example_text(name: str) -> str:
    if name not in NAMES:
        raise KeyError(f"No example map called {name!r}; there are {', '.join(NAMES)}")
    return resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def load_example(name: str) -> NetworkMap:
    return loads(example_text(name))
