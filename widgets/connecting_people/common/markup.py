"""HTML for the team tools' messages, tables and download links, with every piece of text escaped.

Pure functions with no widget import, so the book pages can use them too.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence


def message_html(lines: Iterable[str] | str, *, tone: str = "info") -> str:
    """A message box; ``tone`` is info, error or done. Each line is escaped."""
    if isinstance(lines, str):
        lines = [lines]
    items = [html.escape(line) for line in lines]
    body = (
        items[0] if len(items) == 1 else "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    )
    role = "alert" if tone == "error" else "status"
    return f'<div class="cp-message cp-{tone}" role="{role}">{body}</div>'


def table_html(
    headings: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    caption: str = "",
    raw_columns: Iterable[int] = (),
) -> str:
    """An escaped HTML table; ``raw_columns`` are cells already built from escaped parts."""
    raw = set(raw_columns)
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{cell if i in raw else html.escape(str(cell))}</td>" for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="cp-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def download_link(filename: str, text: str, label: str, *, mime: str = "text/csv") -> str:
    """A link that saves ``text`` as a file, built in the page so it works in Voila."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a class="cp-download" download="{html.escape(filename)}" '
        f'href="data:{mime};charset=utf-8;base64,{payload}">{html.escape(label)}</a>'
    )
