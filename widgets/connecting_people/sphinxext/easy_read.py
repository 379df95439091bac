"""The ``easy-read`` directive: rows of one picture and one sentence, in large type.

Pictures are OpenMoji SVG files copied from ``node_modules`` (pinned in
``package.json`` and its lock file) into the book's vendor folder when the
build starts, then treated as ordinary images, so only the pictures a page
uses reach the site. ``easy-read-credit`` prints the licence and version of
the set from the installed package, so the credit cannot go out of date.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from connecting_people.easy_read import (
    PICTURES,
    EasyReadError,
    openmoji_dir,
    openmoji_version,
    parse_rows,
)
from connecting_people.paths import REPO_ROOT

logger = logging.getLogger(__name__)

PICTURE_FOLDER = "cp-easy-read"  # inside the book's _vendor folder, which git ignores
PICTURE_SIZE = 96  # pixels: easy read pictures are large enough to see at a glance
STYLESHEET = "cp-easy-read.css"
STATIC_DIR = Path(__file__).resolve().parent.parent / "easy_read" / "static"


def _installed_openmoji() -> Path:
    """The OpenMoji package, installing the pinned front-end files once if it is missing.

    A checkout whose node_modules predates the package would otherwise fail
    here; ``npm ci`` installs exactly what the lock file names.
    """
    try:
        return openmoji_dir()
    except EasyReadError:
        npm = shutil.which("npm")
        if npm is None:
            raise
        logger.info("connecting_people: installing the easy read pictures with `npm ci`")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                       cwd=REPO_ROOT, check=True)
        return openmoji_dir()


def copy_pictures(destination: Path) -> None:
    """Copy every picture in the vocabulary, and the set's licence, into ``destination``."""
    source = _installed_openmoji()
    destination.mkdir(parents=True, exist_ok=True)
    for picture in PICTURES.values():
        shutil.copy2(source / "color" / "svg" / picture.filename, destination / picture.filename)
    shutil.copy2(source / "LICENSE.txt", destination / "OPENMOJI-LICENSE.txt")


class EasyReadDirective(SphinxDirective):
    """Rows of ``% picture`` then one sentence; see ``connecting_people.easy_read``."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        try:
            rows = parse_rows(list(self.content))
        except EasyReadError as error:
            return [self.state.document.reporter.error(f"easy-read: {error}",
                                                       line=self.lineno)]
        box = nodes.container(classes=["cp-easy-read"])
        for row in rows:
            line = nodes.container(classes=["cp-easy-read-row"])
            image = nodes.image(
                uri=f"/_vendor/{PICTURE_FOLDER}/{row.picture.filename}",
                alt=row.picture.alt, width=f"{PICTURE_SIZE}px", height=f"{PICTURE_SIZE}px",
                classes=["cp-easy-read-picture"],
            )
            line += image
            sentence = nodes.paragraph(classes=["cp-easy-read-words"])
            text, messages = self.state.inline_text(row.sentence,
                                                    self.content_offset + row.line)
            sentence.extend(text)
            line += sentence
            line.extend(messages)
            box += line
        return [box]


class EasyReadCreditDirective(SphinxDirective):
    """Who made the pictures and under what licence, read from the installed package."""

    def run(self) -> list[nodes.Node]:
        try:
            version = openmoji_version()
        except EasyReadError as error:
            return [self.state.document.reporter.error(f"easy-read-credit: {error}",
                                                       line=self.lineno)]
        para = nodes.paragraph(classes=["cp-easy-read-credit"])
        para += nodes.Text(f"The pictures on this page are from OpenMoji {version}, the "
                           "open-source emoji and icon project (")
        para += nodes.reference("", "openmoji.org", refuri="https://openmoji.org/")
        para += nodes.Text("). They are shared under the Creative Commons Attribution-"
                           "ShareAlike 4.0 licence (")
        para += nodes.reference("", "CC BY-SA 4.0",
                                refuri="https://creativecommons.org/licenses/by-sa/4.0/")
        para += nodes.Text("). We use them as they are, without changes. ")
        # The licence travels with the pictures: vendor's _vendor folder is a static path.
        depth = self.env.docname.count("/")
        licence = "../" * depth + f"_static/{PICTURE_FOLDER}/OPENMOJI-LICENSE.txt"
        para += nodes.reference("", "Read the licence", refuri=licence)
        para += nodes.Text(".")
        return [para]


def _on_config_inited(app: Sphinx, config) -> None:
    copy_pictures(Path(app.srcdir) / "_vendor" / PICTURE_FOLDER)
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _on_config_inited)
    app.add_css_file(STYLESHEET)
    app.add_directive("easy-read", EasyReadDirective)
    app.add_directive("easy-read-credit", EasyReadCreditDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
