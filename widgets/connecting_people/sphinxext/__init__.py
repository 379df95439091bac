"""Sphinx extension that makes the book self-contained and draws its figures.

Jupyter Book's defaults load require.js, the widget manager and third-party
widget code from CDNs. Training rooms are often offline and a person's map
must never leave their browser, so ``vendor`` copies those files from the
pinned npm packages (``package.json`` and its lock file) and from the plotly
Python package into the site, and points myst-nb at the local copies.

Directives that print the book's own data (network maps, the self-audit
checklist, session plans) register here too, so that page and widget read the
same files. Each lives in its own module with a ``setup(app)`` function.
"""

from __future__ import annotations

import importlib

from sphinx.application import Sphinx

# One module per directive family; add yours to this list.
SUBMODULES = [
    "connecting_people.sphinxext.vendor",
    "connecting_people.sphinxext.frontend_build",
    "connecting_people.sphinxext.network_map",
    "connecting_people.sphinxext.session_plan",
    "connecting_people.sphinxext.fidelity_checklist",
]


def setup(app: Sphinx) -> dict:
    for name in SUBMODULES:
        importlib.import_module(name).setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
