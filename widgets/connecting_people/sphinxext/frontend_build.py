"""Re-read the pages that hold widgets when a widget's front end changed.

Sphinx re-reads only the pages whose own source changed, so a page keeps the
widget state (with the widget's ``_esm`` and ``_css``) saved when it was last
executed. Before each build this runs the one front-end build (bundles that are
already fresh are left alone), fingerprints the bundles and the widgets' CSS,
and, when the fingerprint differs from the last build's, marks every page that
holds widget state as outdated. Those pages are then executed again
(``execute_notebooks: force``) and so carry the new front end: an incremental
``jupyter-book build`` picks up a changed ``.js`` or ``.css``.
"""

from __future__ import annotations

import hashlib
import json

from sphinx.application import Sphinx
from sphinx.util import logging

from connecting_people.frontend import bundles
from connecting_people.paths import PACKAGE_DIR

logger = logging.getLogger(__name__)

STATE_KEY = "ipywidgets_state"  # myst-nb's key for a page's saved widget state


def widget_names() -> list[str]:
    config = json.loads(bundles.CONFIG.read_text(encoding="utf-8"))
    return sorted(config["widgets"])


def front_end_fingerprint() -> str:
    """A hash of every widget bundle (rebuilt first if stale) and every widget stylesheet."""
    digest = hashlib.sha256()
    files = [bundles.ensure_fresh(name) for name in widget_names()]
    files += sorted(PACKAGE_DIR.glob("*/*.css"))
    for path in files:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def widget_pages(env) -> list[str]:
    """Pages whose last read saved widget state (myst-nb records it per page)."""
    metadata = getattr(env, "nb_metadata", {})
    return sorted(
        docname
        for docname, data in metadata.items()
        if STATE_KEY in data.get("js_files", {}) and docname in env.found_docs
    )


def _on_env_get_outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    fingerprint = front_end_fingerprint()
    previous = getattr(env, "cp_front_end_fingerprint", None)
    env.cp_front_end_fingerprint = fingerprint
    if previous is None or previous == fingerprint:
        return []
    pages = [page for page in widget_pages(env) if page not in changed and page not in added]
    if pages:
        logger.info("connecting_people: a front end changed; re-reading %s", ", ".join(pages))
    return pages


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _on_env_get_outdated)
