"""The radar chart of domain scores as a small SVG string, for the printable report.

The static page draws the same chart in ``self_audit.js``; the dashboards use
plotly. A report must print with no script at all, so it gets plain SVG with
a title and description, and the table beside it carries the same numbers.
"""

from __future__ import annotations

import html
import math

from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.rules import AuditScore

CURRENT, PREVIOUS = "#1d4e89", "#b5451b"


def radar_svg(checklist: Checklist, result: AuditScore, previous: AuditScore | None = None,
              *, size: int = 420) -> str:
    centre, radius, count = size / 2, 130 * size / 420, len(checklist.domains)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * value / 5
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    def points(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))

    def values(score: AuditScore) -> list[float]:
        return [0 if s.tenths is None else s.tenths / 10 for s in score.domains]

    summary = "; ".join(
        f"{d.short}: {format_tenths(s.tenths) if s.tenths is not None else 'no score'}"
        for d, s in zip(checklist.domains, result.domains, strict=True)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-130 -10 {size + 260} {size + 20}" '
        'role="img" '
        f'class="cp-radar" aria-labelledby="radar-title radar-desc">',
        '<title id="radar-title">Radar chart of the domain scores</title>',
        f'<desc id="radar-desc">{html.escape(summary)}.</desc>',
    ]
    for ring in range(1, 6):
        stroke = "#6b6b6b" if ring == 5 else "#c8c8c8"
        parts.append(f'<polygon points="{points([ring] * count)}" fill="none" '
                     f'stroke="{stroke}"/>')
        x, y = point(0, ring)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="12" '
                     f'fill="#4a4a4a">{ring}</text>')
    for index, domain in enumerate(checklist.domains):
        x, y = point(index, 5)
        parts.append(f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" '
                     'stroke="#c8c8c8"/>')
        tx, ty = point(index, 6.1)
        anchor = "middle" if abs(tx - centre) < 5 else ("start" if tx > centre else "end")
        parts.append(f'<text x="{tx:.1f}" y="{ty + 5:.1f}" text-anchor="{anchor}" '
                     f'font-size="15">{html.escape(domain.short)}</text>')
    if previous is not None:
        parts.append(f'<polygon points="{points(values(previous))}" fill="none" '
                     f'stroke="{PREVIOUS}" stroke-width="3" stroke-dasharray="8 6"/>')
    parts.append(f'<polygon points="{points(values(result))}" fill="{CURRENT}" '
                 f'fill-opacity="0.18" stroke="{CURRENT}" stroke-width="3"/>')
    parts.append("</svg>")
    return "\n".join(parts)
