"""Whole-number percentages, rounded the one way every page and file of the book rounds them.

Halves go up, in integer arithmetic (no float drift), and a share of nobody
is 0%. The browser's copies (network/rules.js, fidelity/scoring.js) round the
same way; their parity tests hold them to it.
"""

from __future__ import annotations


def percent(part: int, whole: int) -> int:
    """``part / whole`` as a whole percentage, rounded half up (0 when ``whole`` is 0)."""
    return (200 * part + whole) // (2 * whole) if whole else 0
