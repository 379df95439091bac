"""What every directive that prints the book's own data files needs, once.

The timings tables and the training course's agendas and plans each read a
data file, rebuild a page when it changes, report a broken file as a build
error (so ``-W`` fails loudly), link to other pages and print tables. They had
a copy each of that scaffolding; a directive family now subclasses
``DataDirective``, names its files and its error, and writes ``render``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class DataDirective(SphinxDirective):
    """Load the data, then ``render`` it; a broken data file becomes a build error."""

    # Set by each family: the error its loader raises for a broken file.
    data_error: type[Exception] = ValueError

    def data_files(self) -> list[Path]:
        """The files a page that prints this data depends on."""
        raise NotImplementedError

    def read_data(self) -> Any:
        raise NotImplementedError

    def render(self, data: Any) -> list[nodes.Node]:
        raise NotImplementedError

    def load(self) -> Any:
        # Rebuild any page that prints the data when a data file changes.
        for path in self.data_files():
            self.env.note_dependency(str(path))
        return self.read_data()

    def run(self) -> list[nodes.Node]:
        try:
            data = self.load()
        except self.data_error as error:
            return self.fail(str(error))
        return self.render(data)

    def fail(self, message: str) -> list[nodes.Node]:
        """An error in the build's log naming the directive; the page gets no content."""
        return [self.state.document.reporter.error(f"{self.name}: {message}", line=self.lineno)]

    def page_link(self, page: str, text: str | None = None) -> nodes.Node:
        """A link to a book page; without ``text`` it shows the page's own title."""
        ref = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", reftarget="/" + page,
            refexplicit=text is not None, refwarn=True, refdoc=self.env.docname,
        )
        ref += nodes.inline(text=text or page, classes=["doc"])
        return ref

    @staticmethod
    def table(headers: list[str], rows: list[list], widths: list[int],
              title: str | None = None, classes: tuple[str, ...] = ()) -> nodes.table:
        """A table; a cell is text, a node, or a list of nodes."""
        table = nodes.table(classes=list(classes))
        if title:
            table += nodes.title(text=title)
        group = nodes.tgroup(cols=len(headers))
        table += group
        for width in widths:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head_row = nodes.row()
        for header in headers:
            head_row += nodes.entry("", nodes.paragraph(text=header))
        head += head_row
        body = nodes.tbody()
        group += body
        for cells in rows:
            row = nodes.row()
            for cell in cells:
                entry = nodes.entry()
                if isinstance(cell, str):
                    entry += nodes.paragraph(text=cell)
                else:
                    entry.extend(cell if isinstance(cell, list) else [cell])
                row += entry
            body += row
        return table


def serve_static(app: Sphinx, folder: Path, stylesheet: str) -> None:
    """Copy ``folder`` into the site and load ``stylesheet`` from it on every page."""

    def add_path(app: Sphinx) -> None:
        if str(folder) not in app.config.html_static_path:
            app.config.html_static_path.append(str(folder))

    app.connect("builder-inited", add_path)
    app.add_css_file(stylesheet)
