"""HTML fragments that show a map or a comparison with its words: for the book and for reports.

The book's ``{network-map}`` directive and the widget's Python side both need
"the picture, plus the same thing in words" (a caption, the plain-words
description, the list of entries, and for a comparison the change summary and
a table of figures). Building it once here keeps the text alternative and the
picture from drifting apart. Every piece of user text is escaped.
"""

from __future__ import annotations

from connecting_people.network.compare import compare, long_date
from connecting_people.network.model import (
    CIRCLES,
    CONTACT,
    GIVES,
    KIND_SINGULAR,
    WISHES,
    NetworkMap,
)
from connecting_people.network.rules import describe
from connecting_people.network.svg import esc, render_pair, render_svg

PAIR_SIZE = 440
NOT_ANSWERED = "not answered"
_TABLE = 'style="border-collapse:collapse;font-size:0.9em;margin:0.5em 0"'
_CELL = ('style="border:1px solid #c3ccd8;padding:0.25em 0.5em;text-align:left;'
         'vertical-align:top;color:#1b1b1b;background:#fff"')
# A map's figure is a light card with its own colours, so its words keep their contrast in
# the book's dark mode (the picture is drawn on white either way).
_CARD = ('style="margin:1em 0;padding:0.5em 0.75em;background:#fff;color:#1b1b1b;'
         'border-radius:6px"')
_TEXT = 'style="color:#1b1b1b"'


def entries_table(network: NetworkMap) -> str:
    """Every entry as a table row: the picture's full text alternative."""
    if not network.entries:
        return f"<p {_TEXT}>No entries yet.</p>"
    head = "".join(f"<th {_CELL} scope=\"col\">{h}</th>" for h in
                   ("Who or what", "Kind", "Circle", "Contact", "Gives", "Tie", "Wants"))
    rows = []
    for e in network.entries:
        if e.gives is None:
            gives = NOT_ANSWERED
        else:
            gives = ", ".join(GIVES[g] for g in e.gives) or "none of these"
        cells = (e.label, KIND_SINGULAR[e.kind], CIRCLES[e.circle],
                 CONTACT[e.contact] if e.contact else NOT_ANSWERED, gives,
                 e.tie or NOT_ANSWERED, WISHES[e.wish] if e.wish else NOT_ANSWERED)
        rows.append("<tr>" + "".join(f"<td {_CELL}>{esc(c)}</td>" for c in cells) + "</tr>")
    return (f"<table {_TABLE}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table>")


def map_figure(network: NetworkMap, *, caption: str = "", id_prefix: str = "cp-map",
               voice: str = "worker") -> str:
    """One map: picture, caption, and a collapsible 'the map in words'."""
    words = describe(network, voice=voice)
    caption_html = f"<figcaption><p {_TEXT}>{esc(caption)}</p></figcaption>" if caption else ""
    return (
        f'<figure class="cp-network-map" {_CARD}>'
        f"{render_svg(network, id_prefix=id_prefix, description=words['text'], voice=voice)}"
        f"{caption_html}"
        f'<details class="cp-network-words"><summary {_TEXT}>The map in words</summary>'
        f"<p {_TEXT}>{esc(words['text'])}</p>{entries_table(network)}</details>"
        f"</figure>"
    )


def figures_table(comparison: dict) -> str:
    head = (f"<tr><th {_CELL} scope=\"col\">Figure</th>"
            f"<th {_CELL} scope=\"col\">{esc(long_date(comparison['before_date']))}</th>"
            f"<th {_CELL} scope=\"col\">{esc(long_date(comparison['after_date']))}</th></tr>")
    rows = "".join(
        f"<tr><th {_CELL} scope=\"row\">{esc(f['name'])}</th><td {_CELL}>{f['before']}</td>"
        f"<td {_CELL}>{f['after']}</td></tr>"
        for f in comparison["figures"]
    )
    return f"<table {_TABLE}><thead>{head}</thead><tbody>{rows}</tbody></table>"


def compare_figure(first: NetworkMap, second: NetworkMap, *, caption: str = "",
                   id_prefix: str = "cp-compare") -> str:
    """Two maps side by side (stacked on a phone), differences marked, and what changed in words."""
    before, after = (second, first) if second.date < first.date else (first, second)
    comparison = compare(before, after)
    # Drawn smaller than a single map, so that side by side in a page column the words on
    # each stay readable (the drawing scales down less).
    left, right = render_pair(before, after, comparison, size=PAIR_SIZE, id_prefix=id_prefix)
    caption_html = f"<figcaption><p {_TEXT}>{esc(caption)}</p></figcaption>" if caption else ""
    column = 'style="flex:1 1 300px;min-width:0"'
    sentences = "".join(f"<li {_TEXT}>{esc(s)}</li>" for s in comparison["sentences"])
    return (
        f'<figure class="cp-network-map cp-network-compare" {_CARD}>'
        f'<div style="display:flex;flex-wrap:wrap;gap:1em">'
        f'<div {column}><p {_TEXT}><strong {_TEXT}>Before: {esc(long_date(before.date))}'
        f"</strong></p>{left}</div>"
        f'<div {column}><p {_TEXT}><strong {_TEXT}>After: {esc(long_date(after.date))}'
        f"</strong></p>{right}</div>"
        f"</div>{caption_html}"
        f'<div class="cp-network-change"><p {_TEXT}><strong {_TEXT}>What changed</strong></p>'
        f"<ul {_TEXT}>{sentences}</ul>{figures_table(comparison)}</div>"
        f'<details class="cp-network-words"><summary {_TEXT}>Both maps in words</summary>'
        f"<p {_TEXT}><strong {_TEXT}>{esc(long_date(before.date))}.</strong> "
        f"{esc(describe(before)['text'])}</p>{entries_table(before)}"
        f"<p {_TEXT}><strong {_TEXT}>{esc(long_date(after.date))}.</strong> "
        f"{esc(describe(after)['text'])}</p>"
        f"{entries_table(after)}</details>"
        f"</figure>"
    )
