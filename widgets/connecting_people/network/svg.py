"""Draw a network map as a self-contained, accessible SVG string, in pure Python.

Used by the book's build (case-study maps, drawn by the ``{network-map}``
directive), by reports and by the Python side of the widget. The browser draws
the same picture from the same layout rules (``rules.js``/``widget.js``).

The drawing follows ecomap conventions a worker will know: the person in the
middle, tie quality by line style (solid = strong, dashed = weak, red
zig-zag = stressful), with a legend, so it also reads in greyscale print.
Every piece of user text is escaped; the SVG carries ``role="img"`` with a
``<title>`` and a ``<desc>`` made from the plain-words description, and each
entry has its own ``<title>`` so a pointer or screen reader can get details.
"""

from __future__ import annotations

import html
import math

from connecting_people.network.labels import (
    LABEL_FONT,
    LABEL_FONT_NARROW,
    Label,
    frame_boxes,
    place_labels,
    sector_name,
)
from connecting_people.network.layout import Layout, kind_counts, layout, point, round1
from connecting_people.network.model import (
    CIRCLES,
    CONTACT,
    GIVES,
    KIND_SINGULAR,
    KINDS,
    TIES,
    TRIED,
    WISHES,
    Entry,
    NetworkMap,
)
from connecting_people.network.rules import describe, join_words, possessive

# One colour per kind, each at least 4.5:1 on white; the slice labels carry the
# same information in words, so colour is never the only clue.
KIND_COLOURS = {
    "family": "#1d4e89",
    "friend": "#2e7d32",
    "neighbour": "#7a5c00",
    "work_study": "#6a3d9a",
    "group_activity": "#b5451b",
    "place": "#00607a",
    "online": "#545454",
    "professional_service": "#7a1f3d",
}
# Short names for the slices, so they fit beside the outer circle on a phone.
SECTOR_NAMES = {
    "family": "Family",
    "friend": "Friends",
    "neighbour": "Neighbours",
    "work_study": "Work, study",
    "group_activity": "Groups",
    "place": "Places",
    "online": "Online",
    "professional_service": "Services",
}
# Groups, places and services are squares; people are discs (as on paper ecomaps).
SQUARE_KINDS = ("group_activity", "place", "professional_service")
TIE_STYLE = {
    "strong": {"stroke": "#1d4e89", "width": 3.0, "dash": ""},
    "weak": {"stroke": "#4d4d4d", "width": 1.6, "dash": "7 5"},
    "stressful": {"stroke": "#b3261e", "width": 2.0, "dash": ""},
    # A tie nobody has rated yet: a faint dotted line, so the picture claims nothing.
    "unset": {"stroke": "#6b6b6b", "width": 1.2, "dash": "2 4"},
}
HIGHLIGHT = {  # comparison marks: colour and the word shown beside the label
    "new": ("#1b7f3b", "new"),
    "closer": ("#a35c00", "closer"),
    "further": ("#a35c00", "further out"),
    "gone": ("#b3261e", "gone"),
}
LABEL_CHARS = 16  # longer labels are shortened on the picture; the full text is in its <title>
LABEL_CHARS_NARROW = 11  # the same on a drawing narrower than NARROW pixels (a phone)
NARROW = 480
LABEL_LIMIT = 300  # with more entries than this, labels are left off (the list has them)
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def fmt(value: float) -> str:
    """A coordinate as text: one decimal place at most, no trailing '.0' (as JavaScript prints)."""
    value = round1(value)
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def esc(text: object) -> str:
    """Escape text for SVG/HTML content and attribute values alike."""
    return html.escape(str(text), quote=True)


def short_label(label: str, limit: int = LABEL_CHARS) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def zigzag(x1: float, y1: float, x2: float, y2: float, step: float = 8.0, amp: float = 4.0) -> str:
    """Points of a zig-zag line from (x1, y1) to (x2, y2), for a stressful tie."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return f"{fmt(x1)},{fmt(y1)} {fmt(x2)},{fmt(y2)}"
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    count = max(2, math.floor(length / step))
    points = [f"{fmt(x1)},{fmt(y1)}"]
    for i in range(1, count):
        t = i * length / count
        side = amp if i % 2 else -amp
        points.append(f"{fmt(x1 + ux * t + nx * side)},{fmt(y1 + uy * t + ny * side)}")
    points.append(f"{fmt(x2)},{fmt(y2)}")
    return " ".join(points)


def tie_line(tie: str | None, x1: float, y1: float, x2: float, y2: float,
             key: str | None = None) -> str:
    """One tie's line; ``key`` (the entry's id) lets the widget update it on its own."""
    style = TIE_STYLE[tie or "unset"]
    data = f' data-id="{esc(key)}"' if key is not None else ""
    if tie == "stressful":
        return (f'<polyline{data} points="{zigzag(x1, y1, x2, y2)}" fill="none" '
                f'stroke="{style["stroke"]}" stroke-width="{style["width"]}"/>')
    dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
    return (f'<line{data} x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
            f'stroke="{style["stroke"]}" stroke-width="{style["width"]}"{dash}/>')


def marker(kind: str, x: float, y: float) -> str:
    colour = KIND_COLOURS[kind]
    if kind in SQUARE_KINDS:
        return (f'<rect x="{fmt(x - 7)}" y="{fmt(y - 7)}" width="14" height="14" rx="2" '
                f'fill="{colour}" stroke="white" stroke-width="1.5"/>')
    return (f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="7" fill="{colour}" stroke="white" '
            f'stroke-width="1.5"/>')


def entry_title(entry: Entry) -> str:
    """The words a pointer or screen reader gets for one entry on the picture."""
    parts = [KIND_SINGULAR[entry.kind], CIRCLES[entry.circle]]
    parts.append(f"in contact {CONTACT[entry.contact]}" if entry.contact
                 else "contact not said yet")
    parts.append(f"{TIES[entry.tie]} tie" if entry.tie else "tie not said yet")
    if entry.gives is None:
        parts.append("support not said yet")
    else:
        parts.append(f"gives {join_words([GIVES[g] for g in entry.gives])}" if entry.gives
                     else "no support marked")
    parts.append(f"wants {WISHES[entry.wish]}" if entry.wish else "wish not said yet")
    if entry.suggestion is not None:
        parts.append(f"a suggestion to try ({TRIED[entry.suggestion.tried]})")
    return f"{entry.label}: {', '.join(parts)}"


def legend_items(compare: bool = False, kinds: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The key: tie lines, then each kind drawn (its own colour and shape), then wishes."""
    items = [
        (tie_line("strong", 0, 0, 32, 0), "Strong tie"),
        (tie_line("weak", 0, 0, 32, 0), "Weak tie"),
        (tie_line("stressful", 0, 0, 32, 0), "Stressful tie"),
        (tie_line(None, 0, 0, 32, 0), "Tie not said yet"),
    ]
    items += [(marker(kind, 16, 0), KINDS[kind]) for kind in kinds]
    items += [
        ('<text x="10" y="5" font-size="14" fill="#1b7f3b">▲</text>', "Wants more contact"),
        ('<text x="10" y="5" font-size="14" fill="#6b6b6b">▼</text>', "Wants less contact"),
    ]
    if compare:
        for colour, words in HIGHLIGHT.values():
            dash = ' stroke-dasharray="4 3"' if words == "gone" else ""
            items.append((f'<circle cx="16" cy="0" r="9" fill="none" stroke="{colour}" '
                          f'stroke-width="3"{dash}/>', f"Marked {words}"))
    return items


def legend(width: float, items: list[tuple[str, str]], top: float) -> tuple[str, float]:
    """Legend items in rows that wrap to the width; returns the SVG and the height used."""
    parts = []
    x, y = 12.0, top + 18
    for sample, words in items:
        item_w = 62 + 7.2 * len(words)
        if x + item_w > width and x > 12:
            x, y = 12.0, y + 24
        parts.append(f'<g transform="translate({fmt(x)},{fmt(y)})">{sample}'
                     f'<text x="40" y="4" font-size="13">{esc(words)}</text></g>')
        x += item_w
    return "".join(parts), y + 14 - top


def _label(entry: Entry, label: Label, mark: str | None, font: float = LABEL_FONT) -> str:
    arrow = {"more": ' <tspan fill="#1b7f3b">▲</tspan>',
             "less": ' <tspan fill="#6b6b6b">▼</tspan>'}.get(entry.wish or "", "")
    tx = fmt(label.x)
    decoration = ' text-decoration="line-through"' if mark == "gone" else ""
    tag = ""
    if mark:
        tag = (f'<tspan x="{tx}" dy="14" font-size="12" font-style="italic" '
               f'fill="{HIGHLIGHT[mark][0]}">{HIGHLIGHT[mark][1]}</tspan>')
    return (f'<text x="{tx}" y="{fmt(label.y)}" font-size="{fmt(font)}" fill="#1b1b1b" '
            f'text-anchor="{label.anchor}" paint-order="stroke" stroke="white" '
            f'stroke-width="3" stroke-linejoin="round"><tspan{decoration}>{esc(label.text)}'
            f"</tspan>{arrow}{tag}</text>")


def render_svg(
    network: NetworkMap,
    *,
    size: float = 640,
    basis: dict[str, int] | None = None,
    highlights: dict[str, str] | None = None,
    id_prefix: str = "cp-map",
    title: str | None = None,
    description: str | None = None,
    with_legend: bool = True,
    voice: str = "worker",
) -> str:
    """The map as an SVG string; ``highlights`` maps an entry id to new/closer/further/gone."""
    highlights = highlights or {}
    plan: Layout = layout(network, size, basis)
    c = plan.centre
    owner = "Your" if voice == "person" else possessive(network.person)
    title = title or f"{owner} network map, {network.date}"
    description = description if description is not None \
        else describe(network, voice=voice)["text"]
    show_labels = len(network.entries) <= LABEL_LIMIT
    # Named groups, in drawing order, so the widget can redraw one part (or one entry) alone.
    frame: list[str] = []
    # Circles, outermost first so the inner tints sit on top.
    for radius, tint in zip(reversed(plan.circle_r), ("#fafbfd", "#f4f7fb", "#eef3fa"),
                            strict=True):
        frame.append(f'<circle cx="{fmt(c)}" cy="{fmt(c)}" r="{fmt(radius)}" fill="{tint}" '
                     f'stroke="#8797ad" stroke-width="1.2"/>')
    for words, radius in zip(("inner", "middle", "outer"), plan.circle_r, strict=True):
        frame.append(f'<text x="{fmt(c)}" y="{fmt(c - radius + 15)}" font-size="12" '
                     f'fill="#3d4b5c" text-anchor="middle">{words}</text>')
    # Slices: faint dividers, and the kind's name just outside the outer circle.
    outer = plan.circle_r[2]
    names = []
    for sector in plan.sectors:
        x1, y1 = point(c, plan.person_r, sector.start)
        x2, y2 = point(c, outer, sector.start)
        frame.append(f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
                     f'stroke="#c3ccd8" stroke-width="1" stroke-dasharray="2 4"/>')
        name = sector_name(c, outer, sector.middle, SECTOR_NAMES[sector.kind], size)
        names.append(name)
        frame.append(f'<text x="{fmt(name.x)}" y="{fmt(name.y)}" font-size="13" '
                     f'font-weight="600" fill="{KIND_COLOURS[sector.kind]}" '
                     f'text-anchor="{name.anchor}" paint-order="stroke" stroke="white" '
                     f'stroke-width="3">{SECTOR_NAMES[sector.kind]}</text>')
    where = {p.index: p for p in plan.placed}
    ids = {entry.id: i for i, entry in enumerate(network.entries)}
    links = []
    for link in network.links:
        a, b = where[ids[link.source]], where[ids[link.target]]
        links.append(f'<line x1="{fmt(a.x)}" y1="{fmt(a.y)}" x2="{fmt(b.x)}" y2="{fmt(b.y)}" '
                     f'stroke="#9aa5b4" stroke-width="1"/>')
    labels = {}
    narrow = size < NARROW
    font = LABEL_FONT_NARROW if narrow else LABEL_FONT
    person_words = short_label(network.person.strip() or "Me", 7 if narrow else 9)
    person_font = 12 if narrow else 14
    if show_labels:
        obstacles = frame_boxes(c, plan.circle_r, plan.person_r, names,
                                (person_words, person_font))
        limit = LABEL_CHARS if size >= NARROW else LABEL_CHARS_NARROW
        labels = place_labels(network.entries, plan.placed, c, size, limit, highlights,
                              obstacles, {k: v[1] for k, v in HIGHLIGHT.items()}, font)
    ties = []
    entries = []
    for index, entry in enumerate(network.entries):
        p = where[index]
        dx, dy = p.x - c, p.y - c
        dist = math.hypot(dx, dy) or 1.0
        ties.append(tie_line(entry.tie, c + dx / dist * plan.person_r,
                             c + dy / dist * plan.person_r, p.x - dx / dist * 9,
                             p.y - dy / dist * 9, key=entry.id))
        mark = highlights.get(entry.id)
        parts = [f'<g class="cp-entry" data-id="{esc(entry.id)}">'
                 f"<title>{esc(entry_title(entry))}</title>"]
        if mark:
            dash = ' stroke-dasharray="4 3"' if mark == "gone" else ""
            parts.append(f'<circle cx="{fmt(p.x)}" cy="{fmt(p.y)}" r="12" fill="white" '
                         f'stroke="{HIGHLIGHT[mark][0]}" stroke-width="3"{dash}/>')
        parts.append(marker(entry.kind, p.x, p.y))
        if index in labels:
            parts.append(_label(entry, labels[index], mark, font))
        parts.append("</g>")
        entries.append("".join(parts))
    person = (f'<circle cx="{fmt(c)}" cy="{fmt(c)}" r="{fmt(plan.person_r)}" fill="#1b1b1b"/>'
              f'<text x="{fmt(c)}" y="{fmt(c + 5)}" font-size="{person_font}" '
              f'font-weight="700" fill="white" text-anchor="middle">'
              f"{esc(person_words)}</text>")
    height = size
    legend_svg = ""
    if with_legend:
        kinds = tuple(sector.kind for sector in plan.sectors)
        legend_svg, legend_h = legend(size, legend_items(bool(highlights), kinds), size)
        height = size + legend_h
    prefix = esc(id_prefix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cp-network-svg" '
        f'viewBox="0 0 {fmt(size)} {fmt(height)}" width="100%" '
        f'style="max-width:{fmt(size)}px;height:auto;display:block;background:#fff" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-family="{esc(FONT)}">'
        f'<title id="{prefix}-title">{esc(title)}</title>'
        f'<desc id="{prefix}-desc">{esc(description)}</desc>'
        f'<g class="cp-frame">{"".join(frame)}</g>'
        f'<g class="cp-links">{"".join(links)}</g>'
        f'<g class="cp-ties">{"".join(ties)}</g>'
        f'<g class="cp-person">{person}</g>'
        f'<g class="cp-entries">{"".join(entries)}</g>'
        f'<g class="cp-legend">{legend_svg}</g>'
        "</svg>"
    )


def comparison_highlights(comparison: dict, before: NetworkMap, after: NetworkMap
                          ) -> tuple[dict[str, str], dict[str, str]]:
    """Marks for each side: gone on the earlier map; new, closer, further on the later one."""
    matched_before = {b for b, _ in comparison["matched"]}
    matched_after = {a for _, a in comparison["matched"]}
    early = {e.id: "gone" for e in before.entries if e.id not in matched_before}
    late = {e.id: "new" for e in after.entries if e.id not in matched_after}
    late.update({m["id"]: "closer" for m in comparison["closer"]})
    late.update({m["id"]: "further" for m in comparison["further"]})
    return early, late


def render_pair(before: NetworkMap, after: NetworkMap, comparison: dict, *, size: float = 640,
                id_prefix: str = "cp-compare", voice: str = "worker") -> tuple[str, str]:
    """Two SVGs laid out from the same slices, with the differences marked on each."""
    if after.date < before.date:
        before, after = after, before
    basis = kind_counts(before, after)
    early, late = comparison_highlights(comparison, before, after)
    return (
        render_svg(before, size=size, basis=basis, highlights=early, id_prefix=f"{id_prefix}-a",
                   voice=voice),
        render_svg(after, size=size, basis=basis, highlights=late, id_prefix=f"{id_prefix}-b",
                   voice=voice),
    )
