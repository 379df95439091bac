"""Where each entry sits on the drawing: by circle (distance) and by kind (direction).

The person is at the centre and three circles surround them, innermost
closest, as in the convoy model and GENIE. The circles are cut into one slice
per kind present (family, friends, groups ...), always in the same order,
starting just clockwise of twelve o'clock, so that a kind sits in the same
place each time a person re-maps and two maps can be compared at a glance.
When two maps are compared, both are laid out from the kinds of the pair
(``basis``), so the slices line up.

Each slice has room for its kind's entries in slots of four (``SLOT_GROUP``),
filled from the middle of the slice outwards, and a new entry takes the next
free slot. So adding someone does not move anyone already on the map, unless
their kind needs four more slots: a person watching the map grow sees it grow,
not shuffle, and the widget only has to draw the new entry.

The arithmetic is deliberately plain (no randomness, no force layout) so the
browser's copy in ``rules.js`` gives the same positions; the parity test checks
them. Sizes scale with ``size``, the drawing's width in pixels, so the widget
can draw at one pixel per unit on a phone and the text stays readable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from connecting_people.network.model import KINDS, NetworkMap

# Room kept outside the outer circle for the slices' names, in pixels, so they fit on a phone.
MARGIN = 62.0
# Proportions of the outer circle's radius: the person's disc and the circles' outer edges.
PERSON_R = 0.16
CIRCLE_R = (0.47, 0.75, 1.0)
# The top of the drawing is kept free for the circles' names.
GAP_DEGREES = 24.0
MIN_SPACING = 24.0  # pixels between entries along an arc before they are staggered
SLOT_GROUP = 4  # a slice grows by this many slots at a time


@dataclass(frozen=True)
class Sector:
    kind: str
    start: float  # degrees, clockwise from twelve o'clock
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True)
class Placed:
    index: int  # position in ``map.entries``
    x: float
    y: float
    angle: float  # degrees, clockwise from twelve o'clock


@dataclass(frozen=True)
class Layout:
    size: float
    centre: float
    person_r: float
    circle_r: tuple[float, float, float]
    sectors: tuple[Sector, ...]
    placed: tuple[Placed, ...]


def round1(value: float) -> float:
    """Round to one decimal place, halves up (JavaScript's Math.round does the same)."""
    return math.floor(value * 10 + 0.5) / 10


def kind_counts(*maps: NetworkMap) -> dict[str, int]:
    """How many entries of each kind, taking the largest count over the maps given."""
    counts = {kind: 0 for kind in KINDS}
    for network in maps:
        own = {kind: 0 for kind in KINDS}
        for entry in network.entries:
            own[entry.kind] += 1
        for kind in KINDS:
            counts[kind] = max(counts[kind], own[kind])
    return counts


def capacity(count: int) -> int:
    """Slots a kind with ``count`` entries gets: the next multiple of four."""
    return SLOT_GROUP * math.ceil(count / SLOT_GROUP)


def slot_order(slots: int) -> list[int]:
    """Slots from the middle of a slice outwards (ties go clockwise first)."""
    middle = (slots - 1) / 2
    return sorted(range(slots), key=lambda slot: (abs(slot - middle), slot))


def sectors_for(counts: dict[str, int]) -> tuple[Sector, ...]:
    """One slice per kind present, sized by its slots, in the fixed order of the kinds."""
    present = [kind for kind in KINDS if counts.get(kind, 0) > 0]
    if not present:
        return ()
    total = sum(capacity(counts[kind]) for kind in present)
    usable = 360.0 - 2 * GAP_DEGREES
    angle = GAP_DEGREES
    sectors = []
    for kind in present:
        span = usable * capacity(counts[kind]) / total
        sectors.append(Sector(kind, angle, angle + span))
        angle += span
    return tuple(sectors)


def point(centre: float, radius: float, degrees: float) -> tuple[float, float]:
    theta = math.radians(degrees)
    return centre + radius * math.sin(theta), centre - radius * math.cos(theta)


def layout(network: NetworkMap, size: float = 640, basis: dict[str, int] | None = None) -> Layout:
    """Place every entry of ``network`` on a drawing ``size`` pixels square."""
    half = size / 2
    outer = half - MARGIN
    person_r = outer * PERSON_R
    circle_r = tuple(outer * r for r in CIRCLE_R)
    counts = basis or kind_counts(network)
    sectors = sectors_for(counts)
    by_kind = {sector.kind: sector for sector in sectors}
    orders = {kind: slot_order(capacity(counts[kind])) for kind in by_kind}
    taken = {kind: 0 for kind in by_kind}
    placed: list[Placed] = []
    for index, entry in enumerate(network.entries):
        sector = by_kind[entry.kind]
        slots = len(orders[entry.kind])
        slot = orders[entry.kind][taken[entry.kind]]
        taken[entry.kind] += 1
        step = (sector.end - sector.start) / slots
        inner_edge = person_r if entry.circle == 1 else circle_r[entry.circle - 2]
        outer_edge = circle_r[entry.circle - 1]
        middle_r = (inner_edge + outer_edge) / 2
        # Crowded: neighbouring slots sit in and out within their band.
        crowded = math.radians(step) * middle_r < MIN_SPACING
        offset = (outer_edge - inner_edge) * 0.22 if crowded else 0.0
        radius = middle_r + (offset if slot % 2 else -offset)
        angle = sector.start + (slot + 0.5) * step
        x, y = point(half, radius, angle)
        placed.append(Placed(index, round1(x), round1(y), round1(angle)))
    placed.sort(key=lambda p: p.index)
    return Layout(size=size, centre=half, person_r=round1(person_r),
                  circle_r=tuple(round1(r) for r in circle_r), sectors=sectors,
                  placed=tuple(placed))
