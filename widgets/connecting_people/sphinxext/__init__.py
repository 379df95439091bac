"""Sphinx extension that makes the book self-contained and draws its figures.

Jupyter Book's defaults load require.js, the widget manager and third-party
widget code from CDNs. Training rooms are often offline and a person's map
must never leave their browser, so ``vendor`` serves the site's own, from the
pinned npm packages (``package.json`` and its lock file, built by the one
front-end build in ``connecting_people.frontend``) into the site: a small
static host for the widgets and a partial plotly.js. ``theme_weight`` keeps the
theme's pages light, and ``theme_landmarks`` puts all of each page in landmarks.

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
    "connecting_people.sphinxext.theme_weight",
    "connecting_people.sphinxext.theme_landmarks",
    "connecting_people.sphinxext.network_map",
    "connecting_people.sphinxext.session_plan",
    "connecting_people.sphinxext.fidelity_checklist",
    "connecting_people.sphinxext.easy_read",
    "connecting_people.sphinxext.timings",
    "connecting_people.sphinxext.citations",
]


def setup(app: Sphinx) -> dict:
    for name in SUBMODULES:
        importlib.import_module(name).setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
