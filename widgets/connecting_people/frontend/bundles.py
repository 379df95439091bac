"""Read a front-end bundle for a widget's ``_esm``, rebuilding it when its sources changed.

Why: a widget's front end is written as ES modules in its feature folder, and
the browser needs one module. ``build.mjs`` (esbuild, pinned in package.json)
makes it. The bundles live in ``dist/``, which git ignores: they are made from
the sources, so committing them would let them drift from the sources and
make every front-end change a merge conflict. Instead each read checks the
bundle against the inputs esbuild recorded for it (``<name>.inputs.json``) and
rebuilds when one is newer. So a changed ``.js`` reaches a fresh kernel, a
``pip install -e .`` checkout and an incremental ``jupyter-book build`` (whose
extension marks widget pages outdated when a bundle changes) with no manual
step. A wheel built from the source tree carries ``dist/`` as package data.

``esm(name)`` is what a widget class assigns to ``_esm``: anywidget turns the
value into text with ``str()`` when each widget is created, so the build runs
then, not when the module is imported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path

from connecting_people.paths import NODE_MODULES_DIR, PACKAGE_DIR, REPO_ROOT

HERE = Path(__file__).resolve().parent
DIST_DIR = HERE / "dist"
BUILD_SCRIPT = HERE / "build.mjs"
CONFIG = HERE / "bundles.json"
_LOCK = threading.Lock()


class BundleError(RuntimeError):
    """A bundle is missing and cannot be built here; the message says what to install."""


def bundle_path(name: str) -> Path:
    return DIST_DIR / f"{name}.js"


def _inputs_path(name: str) -> Path:
    return DIST_DIR / f"{name}.inputs.json"


def _sources(name: str) -> list[Path]:
    """The files the bundle was made from, as esbuild recorded them, plus the build itself."""
    recorded = json.loads(_inputs_path(name).read_text(encoding="utf-8"))["inputs"]
    return [PACKAGE_DIR / path for path in recorded] + [BUILD_SCRIPT, CONFIG]


def is_stale(name: str) -> bool:
    """True when the bundle is missing or older than a source it was made from."""
    bundle, inputs = bundle_path(name), _inputs_path(name)
    if not bundle.is_file() or not inputs.is_file():
        return True
    built = min(bundle.stat().st_mtime, inputs.stat().st_mtime)
    # A recorded source that no longer exists was renamed or split: rebuild.
    return any(not source.is_file() or source.stat().st_mtime > built for source in _sources(name))


def _esbuild_available() -> bool:
    return (NODE_MODULES_DIR / "esbuild" / "package.json").is_file()


def install_node_modules() -> None:
    """Fill ``node_modules`` from the lock file (``npm ci``), as a fresh checkout needs."""
    npm = shutil.which("npm")
    if npm is None:
        raise BundleError(
            "The widgets' front end must be built, but npm is not installed. "
            f"Install Node.js 20 and npm, then run `npm ci` in {REPO_ROOT}."
        )
    result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                            cwd=REPO_ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise BundleError(f"`npm ci` failed in {REPO_ROOT}:\n{result.stderr.strip()}")


def build(*names: str) -> None:
    """Run the one front-end build for ``names`` (all bundles when none are given)."""
    node = shutil.which("node")
    if node is None:
        raise BundleError(
            "The widgets' front end must be built, but Node.js is not installed. "
            f"Install Node.js 20 and npm, then run `npm ci` in {REPO_ROOT}."
        )
    if not _esbuild_available():
        install_node_modules()
    result = subprocess.run(
        [node, str(BUILD_SCRIPT), *names], cwd=REPO_ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BundleError(f"The front-end build failed:\n{result.stderr.strip()}")


def ensure_fresh(name: str) -> Path:
    """Build the bundle if it is missing or stale; return its path."""
    with _LOCK:
        if not (REPO_ROOT / "package.json").is_file():
            # An installed copy, not a source checkout: its shipped bundle is all there is.
            if not bundle_path(name).is_file():
                raise BundleError(f"This installed copy has no built {name} front end; "
                                  "install from a source checkout with Node.js 20 and npm.")
        elif is_stale(name):
            build(name)
    return bundle_path(name)


def bundle_exports(name: str) -> list[str]:
    """The names the (fresh) bundle exports, as esbuild recorded them."""
    ensure_fresh(name)
    return json.loads(_inputs_path(name).read_text(encoding="utf-8"))["exports"]


def read_bundle(name: str) -> str:
    """The bundle's text, rebuilt first if any of its sources changed."""
    return ensure_fresh(name).read_text(encoding="utf-8")


class _LazyBundle:
    """A widget's ``_esm`` value: read (and rebuilt if needed) each time a widget is made."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return read_bundle(self.name)

    def __repr__(self) -> str:
        return f"esm({self.name!r})"


def esm(name: str) -> _LazyBundle:
    """The value for a widget class's ``_esm``: ``_esm = esm("network")``."""
    return _LazyBundle(name)
