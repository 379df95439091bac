"""The book's front end: one esbuild build for every widget and the static widget host.

``build.mjs`` bundles each anywidget's ES modules (listed in ``bundles.json``)
into ``dist/``; ``bundles.py`` reads a bundle for a widget's ``_esm``, building
it first when it is missing or older than any of its sources. ``host/`` is the
small static host that runs those same bundles on the book's pages.
"""

from connecting_people.frontend.bundles import (
    BundleError,
    bundle_exports,
    bundle_path,
    esm,
    read_bundle,
)

__all__ = ["BundleError", "bundle_exports", "bundle_path", "esm", "read_bundle"]
