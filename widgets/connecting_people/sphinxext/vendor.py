"""Copy the front-end files the site needs into the build, from pinned packages.

Nothing here is committed by hand: the files come from ``node_modules`` (filled
by ``npm ci`` from the lock file, run here when it is missing) and from the
installed plotly package, whose bundled plotly.js matches the Python version
that writes the figures.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import plotly
from sphinx.application import Sphinx
from sphinx.util import logging

from connecting_people.paths import NODE_MODULES_DIR, REPO_ROOT

logger = logging.getLogger(__name__)

VENDOR_SUBDIR = "cp-vendor"
# An address that can never resolve: if the widget manager ever falls back to a
# CDN for a module we failed to provide, the page fails loudly (and the browser
# test sees the request) instead of quietly fetching code from outside.
UNRESOLVABLE_CDN = "https://widget-modules.invalid/"

REQUIRE_CONFIG_JS = """\
// Written by connecting_people.sphinxext.vendor: tells require.js where the
// site's own copies of the widget modules are, relative to this file, so that
// pages at any depth find them and nothing is fetched from a CDN.
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  require.config({
    paths: {
      // The widget manager computes its fonts' address from the URL of its
      // "@jupyter-widgets/..." modules, so that prefix must point at its folder.
      "@jupyter-widgets": here + "html-manager",
      "@jupyter-widgets/html-manager/dist": here + "html-manager",
      "anywidget": here + "anywidget/index"
    }
  });
})();
"""


def _ensure_node_modules() -> None:
    wanted = [NODE_MODULES_DIR / "@jupyter-widgets" / "html-manager", NODE_MODULES_DIR / "esbuild"]
    if all(path.is_dir() for path in wanted):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "The book needs its front-end files from npm, but npm is not installed. "
            "Install Node.js and npm, then run `npm ci` in the repository root."
        )
    logger.info("connecting_people: installing pinned front-end files with `npm ci`")
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=REPO_ROOT, check=True
    )


def copy_vendor_files(destination: Path) -> None:
    """Fill ``destination`` with require.js, the widget manager, anywidget and plotly.js."""
    _ensure_node_modules()
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(NODE_MODULES_DIR / "requirejs" / "require.js", destination / "require.js")
    manager_dist = NODE_MODULES_DIR / "@jupyter-widgets" / "html-manager" / "dist"
    manager_out = destination / "html-manager"
    # embed-amd.js plus the font files its CSS names; libembed and embed.js are not used.
    manager_out.mkdir(exist_ok=True)
    for item in manager_dist.iterdir():
        if item.name in {"embed.js", "libembed-amd.js"} or item.name.endswith(".map"):
            continue
        if item.is_file():
            shutil.copy2(item, manager_out / item.name)
    anywidget_out = destination / "anywidget"
    anywidget_out.mkdir(exist_ok=True)
    shutil.copy2(NODE_MODULES_DIR / "anywidget" / "dist" / "index.js", anywidget_out / "index.js")
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    shutil.copy2(plotly_js, destination / "plotly.min.js")
    (destination / "require-config.js").write_text(REQUIRE_CONFIG_JS, encoding="utf-8")


def _on_config_inited(app: Sphinx, config) -> None:
    vendor_root = Path(app.srcdir) / "_vendor"
    copy_vendor_files(vendor_root / VENDOR_SUBDIR)
    if "_vendor" not in config.html_static_path:
        config.html_static_path.append("_vendor")
    # myst-nb adds these, in this order, only to pages that hold widget state.
    config.nb_ipywidgets_js = {
        f"{VENDOR_SUBDIR}/require.js": {},
        f"{VENDOR_SUBDIR}/require-config.js": {},
        # Only the CDN address: the mere presence of data-jupyter-widgets-cdn-only
        # (whatever its value) makes the manager skip the site's own copies.
        f"{VENDOR_SUBDIR}/html-manager/embed-amd.js": {
            "data-jupyter-widgets-cdn": UNRESOLVABLE_CDN,
        },
    }


def _drop_thebe(context: dict) -> None:
    """Remove sphinx-thebe, which Jupyter Book always adds.

    The book has no live-code button; thebe's loader names a CDN and, when
    registered twice by an incremental build, throws a JavaScript error.
    """
    # Filter in place: the context lists are the builder's own, and later
    # page-specific add_js_file calls append to them.
    context["script_files"][:] = [
        script
        for script in context.get("script_files", [])
        if "thebe" not in str(getattr(script, "filename", script) or "")
        and "THEBE_JS_URL" not in str(getattr(script, "attributes", {}).get("body", ""))
    ]
    context["css_files"][:] = [
        css
        for css in context.get("css_files", [])
        if "thebe" not in str(getattr(css, "filename", css) or "")
    ]


def _on_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    _drop_thebe(context)
    # plotly.js is 4.8 MB: load it only where a figure is drawn, and before
    # require.js, because plotly's UMD wrapper would otherwise register itself as
    # an anonymous AMD module and leave window.Plotly undefined.
    body = context.get("body", "")
    if "plotly-graph-div" in body:
        app.add_js_file(f"{VENDOR_SUBDIR}/plotly.min.js", priority=100)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _on_page_context)
