"""Build a tiny Sphinx project around one of the book's directive families.

The directive tests (timings, training course, self-audit checklist) each
need a project with only their extension, a page that uses it and, for links,
stub pages to link to. Building that takes a second or two instead of the
whole book's minutes. This is the one way they make it.
"""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

from sphinx.application import Sphinx


def _stub_pages(source: Path, pages: list[str]) -> None:
    for page in pages:
        path = source / f"{page}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        title = page.split("/")[-1].replace("_", " ").capitalize()
        path.write_text(f"{title}\n{'=' * len(title)}\n\nText.\n", encoding="utf-8")


def build_strict(root: Path, extension: str | list[str], index_rst: str,
                 linked: list[str] = (), conf: str = "",
                 files: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """An reStructuredText project built as the book is, with ``-W -n``, in its own process.

    ``linked`` pages exist as stubs so that links to them resolve; ``conf``
    adds lines to ``conf.py`` and ``files`` puts other files beside it.
    """
    source = root / "src"
    source.mkdir()
    extensions = [extension] if isinstance(extension, str) else extension
    (source / "conf.py").write_text(f"extensions = {extensions!r}\nhtml_theme = 'basic'\n{conf}",
                                    encoding="utf-8")
    for name, text in (files or {}).items():
        (source / name).write_text(text, encoding="utf-8")
    (source / "index.rst").write_text(index_rst, encoding="utf-8")
    _stub_pages(source, list(linked))
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-n", "-q", str(source),
         str(root / "out")],
        capture_output=True, text=True, check=False,
    )


def build_markdown(root: Path, extension: str, page: str) -> tuple[str, str, Path]:
    """A one-page MyST project, built in this process so its warnings can be read.

    Returns the page's HTML, the build's warnings and the output folder.
    """
    source = root / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        f"extensions = ['myst_parser', {extension!r}]\n"
        "myst_enable_extensions = ['colon_fence']\n",
        encoding="utf-8",
    )
    (source / "index.md").write_text(page, encoding="utf-8")
    warnings = StringIO()
    app = Sphinx(str(source), str(source), str(root / "html"), str(root / "doctrees"), "html",
                 status=StringIO(), warning=warnings, freshenv=True)
    app.build()
    html = (root / "html" / "index.html").read_text(encoding="utf-8")
    return html, warnings.getvalue(), root / "html"
