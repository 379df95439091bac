"""Where each name goes on the picture, so that no name covers another or a circle's name.

On a phone a crowded map used to draw "Dr Patel" over "Grandad Ke…" and put
"Community allot…" on the "Groups" slice name. Here every label is placed in
turn (inner circle first) at the first free spot among a few beside, above and
below its mark, shortened if no spot fits, and left off the picture if even a
short form does not fit. A label left off or shortened is still in full in the
list under the picture and in the mark's own title, so nothing is lost.

Widths are estimated generously from the characters (wide letters, capitals
and Chinese, Japanese or Korean characters count for more), so the estimate is
never smaller than what a browser draws with the usual fonts; the browser tests
then measure the drawn boxes (``getBBox``) at 360, 390, 640 and 1280 pixels.
The same rules run in the browser (``labels.js``); the parity test holds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from connecting_people.network.layout import point, round1

LABEL_FONT = 13.0
# On a drawing narrower than svg.NARROW (a phone) names are drawn smaller. On a 360 px
# phone the picture is 302 px wide: at 13 px the crowded 60-entry map had room for 12
# names, at 11 px for 17 (18 and 20 on a 390 px phone). Placing names in rounds, or further
# from their marks with leader lines, gained at most 2 more on the crowded fixtures for up
# to ten times the work on every change, so the size is the lever.
LABEL_FONT_NARROW = 11.0
TAG_FONT = 12.0
# Vertical extent of a line of text around its baseline, at LABEL_FONT, with room to spare.
ASCENT, DESCENT = 13.0, 4.0
MARK_HALF = 8.0  # half the size of an entry's mark, plus its white edge
GAP = 11.0  # from the mark's centre to the start of its label
SHIFTS = (0.0, -14.0, 14.0, -28.0, 28.0)
SHORTER = (8, 5)  # the shorter forms tried, in characters, when the full label fits nowhere
GRID = 40.0  # the side of a cell in the look-up grid of boxes already taken
NARROW_CHARS = frozenset("ijlI.,:;'!|ftr ()[]-")
WIDE_CHARS = frozenset("mwMW@%")
ARROW = {"more": "▲", "less": "▼"}

Box = tuple[float, float, float, float]


def char_width(char: str) -> float:
    """A generous width for one character at LABEL_FONT pixels."""
    code = ord(char)
    if char in NARROW_CHARS:
        return 5.5
    if char in WIDE_CHARS:
        return 13.0
    if "A" <= char <= "Z":
        return 10.0
    if "a" <= char <= "z" or "0" <= char <= "9":
        return 8.4
    if (0x1100 <= code <= 0x11FF or 0x2E80 <= code <= 0xA4CF or 0xAC00 <= code <= 0xD7AF
            or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFF60
            or code >= 0x1F000):
        return 14.0  # Chinese, Japanese and Korean characters, full-width forms, emoji
    return 10.0


def text_width(text: str, font: float = LABEL_FONT, bold: bool = False) -> float:
    width = sum(char_width(char) for char in text) * font / LABEL_FONT
    return width * 1.12 if bold else width


def short_text(label: str, limit: int) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


class Taken:
    """Boxes already on the picture, in a grid so that a look-up is quick on a big map."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> Iterable[tuple[int, int]]:
        for i in range(int(box[0] // GRID), int(box[2] // GRID) + 1):
            for j in range(int(box[1] // GRID), int(box[3] // GRID) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def hits(self, box: Box) -> bool:
        for cell in self._cells(box):
            for other in self.cells.get(cell, ()):
                if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] \
                        and other[1] < box[3]:
                    return True
        return False


@dataclass(frozen=True)
class SectorName:
    x: float
    y: float  # baseline
    anchor: str
    words: str


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float  # baseline
    anchor: str  # start, end or middle


def sector_name(centre: float, outer: float, middle: float, words: str, size: float
                ) -> SectorName:
    """Where a slice's name goes: just outside the outer circle, kept inside the drawing."""
    lx, ly = point(centre, outer + 12, middle)
    anchor = "start" if lx > centre + 4 else "end" if lx < centre - 4 else "middle"
    wide = 8 * len(words)  # about 8 pixels a letter, bold
    if anchor == "start" and lx + wide > size - 2:
        lx = size - 2 - wide
    elif anchor == "end" and lx - wide < 2:
        lx = 2 + wide
    return SectorName(round1(lx), round1(ly + 4), anchor, words)


def text_box(x: float, y: float, width: float, anchor: str, font: float = LABEL_FONT,
             lines: float = 0.0) -> Box:
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    scale = font / LABEL_FONT
    return (left - 1, y - ASCENT * scale - 1, left + width + 1, y + DESCENT * scale + lines + 1)


def frame_boxes(centre: float, circle_r: Iterable[float], person_r: float,
                names: Iterable[SectorName], person: tuple[str, float] | None = None
                ) -> list[Box]:
    """The boxes of what is drawn before the labels: circle names, slice names, the person.

    ``person`` is the person's own name and its size: a long name is wider than the circle
    it sits on, so it gets a box of its own (bold, centred just below the middle).
    """
    boxes = [(centre - person_r, centre - person_r, centre + person_r, centre + person_r)]
    if person is not None:
        words, font = person
        boxes.append(text_box(centre, centre + 5, text_width(words, font, bold=True), "middle",
                              font))
    for words, radius in zip(("inner", "middle", "outer"), circle_r, strict=True):
        y = round1(centre - radius + 15)
        boxes.append(text_box(centre, y, text_width(words, 12), "middle", 12))
    for name in names:
        boxes.append(text_box(name.x, name.y, text_width(name.words, bold=True), name.anchor))
    return boxes


def place_labels(entries, placed, centre: float, size: float, limit: int,
                 highlights: dict[str, str], obstacles: list[Box],
                 tags: dict[str, str], font: float = LABEL_FONT) -> dict[int, Label]:
    """A label for each entry that has room for one: entry index -> where its label goes.

    ``font`` is the names' size in pixels (LABEL_FONT, or LABEL_FONT_NARROW on a phone).
    """
    names = Taken()  # labels and fixed names: never overlapped
    for box in obstacles:
        names.add(box)
    marks = Taken()  # other entries' marks: avoided when possible
    where = {p.index: p for p in placed}
    for p in placed:
        marks.add((p.x - MARK_HALF, p.y - MARK_HALF, p.x + MARK_HALF, p.y + MARK_HALF))
    order = sorted(range(len(entries)), key=lambda i: (entries[i].circle, i))
    found: dict[int, Label] = {}
    for index in order:
        entry, p = entries[index], where[index]
        mark = highlights.get(entry.id)
        tag = tags[mark] if mark else ""
        arrow = ARROW.get(entry.wish or "", "")
        away = "start" if p.x >= centre else "end"
        toward = "end" if away == "start" else "start"
        texts = [short_text(entry.label, limit)]
        texts += [t for t in (short_text(entry.label, n) for n in SHORTER if n < limit)
                  if t not in texts]
        label = None
        for strict in (True, False):
            for text in texts:
                width = text_width(text + (" " + arrow if arrow else ""), font)
                width = max(width, text_width(tag, TAG_FONT)) if tag else width
                extra = 15.0 if tag else 0.0
                spots = [(p.x + GAP if side == "start" else p.x - GAP, p.y + 4 + shift, side)
                         for side in (away, toward) for shift in SHIFTS]
                spots += [(p.x, p.y - 13, "middle"), (p.x, p.y + 22, "middle")]
                for x, y, anchor in spots:
                    box = text_box(x, y, width, anchor, font, lines=extra)
                    if box[0] < 0 or box[2] > size or box[1] < 0 or box[3] > size:
                        continue
                    if names.hits(box) or (strict and marks.hits(box)):
                        continue
                    label = Label(text, round1(x), round1(y), anchor)
                    names.add(box)
                    break
                if label:
                    break
            if label:
                break
        if label:
            found[index] = label
    return found
