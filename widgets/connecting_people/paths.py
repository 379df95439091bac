"""Where things live on disk, found once so no module guesses a path.

The repository layout (``book/``, ``dashboards/``, ``node_modules/``) is only
there in a source checkout, which is how the book is built and served.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# Jupyter's data folder of ours: the Voila template, put first on JUPYTER_PATH.
JUPYTER_DATA_DIR = PACKAGE_DIR / "jupyter_data"
# widgets/connecting_people -> widgets -> repository root
REPO_ROOT = PACKAGE_DIR.parent.parent
BOOK_DIR = REPO_ROOT / "book"
BUILD_HTML_DIR = BOOK_DIR / "_build" / "html"
DASHBOARDS_DIR = REPO_ROOT / "dashboards"
NODE_MODULES_DIR = REPO_ROOT / "node_modules"
