"""Put the front-end files the site needs into the build, from pinned packages.

Nothing here is committed by hand. The one front-end build
(``connecting_people.frontend``, esbuild from ``node_modules``, filled by
``npm ci`` from the lock file, run here when it is missing) makes:

- ``widget-host.js``, the small static host that runs every anywidget on a page
  from the widget state myst-nb saved in it (no require.js, no widget manager);
- ``plotly-partial.js``, plotly.js with only the traces the book draws, built
  from the npm plotly.js source of the version the Python plotly package writes
  for (checked here, so a plotly upgrade cannot silently mismatch).

Pages that hold built-in ipywidgets (none do today) still need Jupyter's widget
manager: for those pages only, require.js, the manager and anywidget's AMD
module are copied from ``node_modules`` and loaded instead of the host.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import plotly.offline
from sphinx.application import Sphinx
from sphinx.util import logging

from connecting_people.frontend import bundles
from connecting_people.paths import NODE_MODULES_DIR

logger = logging.getLogger(__name__)

VENDOR_SUBDIR = "cp-vendor"
HOST_JS = f"{VENDOR_SUBDIR}/widget-host.js"
PLOTLY_JS = f"{VENDOR_SUBDIR}/plotly-partial.js"
MANAGER_SUBDIR = "cp-vendor-ipywidgets"
STATE_KEY = "ipywidgets_state"
ANYWIDGET_MODULE = "anywidget"
VIEW_SCRIPT = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.DOTALL
)
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


def ensure_node_modules() -> None:
    wanted = ["@jupyter-widgets/html-manager", "esbuild", "plotly.js", "requirejs", "anywidget"]
    if not all((NODE_MODULES_DIR / name).is_dir() for name in wanted):
        logger.info("connecting_people: installing pinned front-end files with `npm ci`")
        bundles.install_node_modules()


def check_plotly_version() -> None:
    """The partial bundle must come from the plotly.js the Python package writes figures for."""
    package = json.loads((NODE_MODULES_DIR / "plotly.js" / "package.json").read_text("utf-8"))
    wanted = plotly.offline.get_plotlyjs_version()
    if package["version"] != wanted:
        raise RuntimeError(
            f"package.json pins plotly.js {package['version']}, but the installed Python "
            f"plotly writes figures for plotly.js {wanted}. Pin plotly.js {wanted} in "
            "package.json (npm install --save-dev --save-exact) and run `npm ci`."
        )


def copy_vendor_files(destination: Path) -> None:
    """Fill ``destination`` with the static widget host and the partial plotly.js."""
    ensure_node_modules()
    check_plotly_version()
    if destination.is_dir():
        # Only what pages load: no files left over from an older layout.
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    shutil.copy2(bundles.ensure_fresh("widget-host"), destination / "widget-host.js")
    shutil.copy2(bundles.ensure_fresh("plotly-partial"), destination / "plotly-partial.js")


def copy_widget_manager(destination: Path) -> None:
    """require.js, Jupyter's widget manager and anywidget's AMD module, for built-in ipywidgets."""
    if (destination / "require-config.js").is_file():
        return
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
    (destination / "require-config.js").write_text(REQUIRE_CONFIG_JS, encoding="utf-8")


def built_in_widgets(state_json: str, body: str) -> list[str]:
    """The shown widgets on a page that are not anywidgets, as "module/Model" names."""
    models = json.loads(state_json).get("state", {})
    shown = [json.loads(match)["model_id"] for match in VIEW_SCRIPT.findall(body)]
    return sorted(
        {
            f"{models[model_id]['model_module']}/{models[model_id]['model_name']}"
            for model_id in shown
            if model_id in models and models[model_id]["model_module"] != ANYWIDGET_MODULE
        }
    )


def _on_config_inited(app: Sphinx, config) -> None:
    vendor_root = Path(app.srcdir) / "_vendor"
    copy_vendor_files(vendor_root / VENDOR_SUBDIR)
    if "_vendor" not in config.html_static_path:
        config.html_static_path.append("_vendor")
    # myst-nb adds these to every page that holds widget state; this extension
    # picks the page's scripts itself (below), so it adds none.
    config.nb_ipywidgets_js = {}


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


def _add_widget_scripts(app: Sphinx, pagename: str, body: str) -> None:
    from myst_nb.sphinx_ import NbMetadataCollector

    saved = NbMetadataCollector.get_js_files(app.env, pagename).get(STATE_KEY)
    if saved is None:
        return
    built_in = built_in_widgets(saved[1]["body"], body)
    if not built_in:
        app.add_js_file(HOST_JS, type="module")
        return
    logger.info("connecting_people: %s holds built-in ipywidgets (%s); loading the widget "
                "manager there", pagename, ", ".join(built_in))
    copy_widget_manager(Path(app.outdir) / "_static" / MANAGER_SUBDIR)
    app.add_js_file(f"{MANAGER_SUBDIR}/require.js")
    app.add_js_file(f"{MANAGER_SUBDIR}/require-config.js")
    # Only the CDN address: the mere presence of data-jupyter-widgets-cdn-only
    # (whatever its value) makes the manager skip the site's own copies.
    app.add_js_file(f"{MANAGER_SUBDIR}/html-manager/embed-amd.js",
                    **{"data-jupyter-widgets-cdn": UNRESOLVABLE_CDN})


def _on_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    _drop_thebe(context)
    body = context.get("body", "")
    _add_widget_scripts(app, pagename, body)
    # plotly.js must be there before the figure's own inline script runs, so it
    # loads in the head (not deferred), and only on pages that draw a figure.
    if "plotly-graph-div" in body:
        app.add_js_file(PLOTLY_JS, priority=100)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _on_page_context)
