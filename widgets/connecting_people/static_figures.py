"""Simple bar-and-line figures drawn as SVG when the book is built, with their numbers beside them.

Why: plotly.js is over 1 MB even with only the book's traces, and an exercise
page should be about as light as a page of text. A figure that is only bars
and straight lines (the capacity planner's, for one) needs no script at all:
this draws it from the same plotly figure, as an SVG picture with a title and
description, and puts its numbers in a table beside it, which screen readers
and printouts can use too. A figure asks for it with ``layout.meta`` set to
``{"cp_render": "static"}``; the book's renderer (``plotting``) does the rest.
JupyterLab still gets the interactive plotly figure (Voila's pages show the
same HTML as the book, with the book's plotly.js).

Pure: figure dictionary in, HTML text out. Every text is escaped.
"""

from __future__ import annotations

import math
from html import escape

STATIC_META = {"cp_render": "static"}
SUPPORTED = {"bar", "scatter"}
WIDTH = 640
DEFAULT_COLOURS = ["#1d4e89", "#b5451b", "#2e7d32", "#6a3d9a"]


def wants_static(fig_dict: dict) -> bool:
    meta = fig_dict.get("layout", {}).get("meta")
    return isinstance(meta, dict) and meta.get("cp_render") == "static"


def can_draw(fig_dict: dict) -> bool:
    traces = fig_dict.get("data", [])
    return bool(traces) and all(
        trace.get("type", "scatter") in SUPPORTED
        and all(isinstance(x, int | float) for x in trace.get("x", []))
        for trace in traces
    )


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    return escape(str(value or ""))


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [round(i * step, 6) for i in range(math.ceil(top / step - 1e-9) + 1)]


def _number(value: float) -> str:
    return f"{value:g}"


def figure_svg(fig_dict: dict, figure_id: str) -> str:
    layout = fig_dict.get("layout", {})
    traces = fig_dict["data"]
    height = int(layout.get("height") or 380)
    margin = {"l": 70, "r": 20, "t": 16, "b": 60}
    ident = escape(figure_id)
    legend_rows = len(traces)
    plot_bottom = height - margin["b"] - 22 * legend_rows
    xs = [x for trace in traces for x in trace.get("x", [])]
    ys = [y for trace in traces for y in trace.get("y", [])]
    x_low, x_high = min(xs) - 0.5, max(xs) + 0.5
    ticks = nice_ticks(max(ys))
    y_high = ticks[-1]

    def px(x: float) -> float:
        return margin["l"] + (x - x_low) / (x_high - x_low) * (WIDTH - margin["l"] - margin["r"])

    def py(y: float) -> float:
        return plot_bottom - y / y_high * (plot_bottom - margin["t"])

    title = _text(layout.get("title"))
    x_title = _text(layout.get("xaxis", {}).get("title"))
    y_title = _text(layout.get("yaxis", {}).get("title"))
    names = ", ".join(_text(trace.get("name")) for trace in traces)
    parts = [
        f'<svg class="cp-static-figure-svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        'style="width: 100%; max-width: 40rem; height: auto" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-size="14" fill="currentColor">',
        f'<title id="{ident}-title">{title}</title>',
        f'<desc id="{ident}-desc">{x_title} against {y_title}: {names}. '
        "The numbers are in the table below the picture.</desc>",
    ]
    for tick in ticks:
        y = py(tick)
        parts.append(f'<line x1="{margin["l"]}" x2="{WIDTH - margin["r"]}" y1="{y:.1f}" '
                     f'y2="{y:.1f}" stroke="#8a8a8a" stroke-opacity="0.35"/>')
        parts.append(f'<text x="{margin["l"] - 8}" y="{y + 5:.1f}" text-anchor="end">'
                     f"{_number(tick)}</text>")
    bars = [trace for trace in traces if trace.get("type") == "bar"]
    slot = (px(1) - px(0)) * 0.8
    for index, trace in enumerate(bars):
        colour = escape(str(trace.get("marker", {}).get("color") or DEFAULT_COLOURS[index % 4]))
        width = slot / len(bars)
        for x, y in zip(trace["x"], trace["y"], strict=True):
            left = px(x) - slot / 2 + index * width
            parts.append(f'<rect x="{left:.1f}" y="{py(y):.1f}" width="{width:.1f}" '
                         f'height="{py(0) - py(y):.1f}" fill="{colour}"/>')
    for index, trace in enumerate(t for t in traces if t.get("type") != "bar"):
        line = trace.get("line", {})
        colour = escape(str(line.get("color") or DEFAULT_COLOURS[(index + 1) % 4]))
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(trace["x"], trace["y"],
                                                                       strict=True))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="{line.get("width", 3)}"/>')
    for x in sorted({x for trace in bars for x in trace["x"]}):
        parts.append(f'<text x="{px(x):.1f}" y="{plot_bottom + 20:.1f}" text-anchor="middle">'
                     f"{_number(x)}</text>")
    parts.append(f'<line x1="{margin["l"]}" x2="{WIDTH - margin["r"]}" y1="{py(0):.1f}" '
                 f'y2="{py(0):.1f}" stroke="currentColor"/>')
    parts.append(f'<text x="{(margin["l"] + WIDTH - margin["r"]) / 2:.1f}" '
                 f'y="{plot_bottom + 42:.1f}" text-anchor="middle">{x_title}</text>')
    middle = (margin["t"] + plot_bottom) / 2
    parts.append(f'<text transform="translate(18 {middle:.1f}) rotate(-90)" '
                 f'text-anchor="middle">{y_title}</text>')
    for row, trace in enumerate(traces):
        y = plot_bottom + 62 + 22 * row
        is_bar = trace.get("type") == "bar"
        colour = escape(str((trace.get("marker", {}) if is_bar else trace.get("line", {}))
                            .get("color") or DEFAULT_COLOURS[row % 4]))
        swatch = (f'<rect x="{margin["l"]}" y="{y - 12}" width="24" height="14" fill="{colour}"/>'
                  if is_bar else
                  f'<line x1="{margin["l"]}" x2="{margin["l"] + 24}" y1="{y - 5}" y2="{y - 5}" '
                  f'stroke="{colour}" stroke-width="4"/>')
        parts.append(swatch + f'<text x="{margin["l"] + 32}" y="{y}">'
                     f"{_text(trace.get('name'))}</text>")
    parts.append("</svg>")
    return "\n".join(parts)


def figure_table(fig_dict: dict) -> str:
    """The figure's numbers: one row per bar, and each line's values listed after."""
    layout = fig_dict.get("layout", {})
    traces = fig_dict["data"]
    bars = [trace for trace in traces if trace.get("type") == "bar"]
    lines = [trace for trace in traces if trace.get("type") != "bar"]
    x_title = _text(layout.get("xaxis", {}).get("title")) or "Value"
    head = "".join(f'<th scope="col">{_text(trace.get("name"))}</th>' for trace in bars)
    rows = []
    for x in sorted({x for trace in bars for x in trace["x"]}):
        values = [dict(zip(trace["x"], trace["y"], strict=True)).get(x) for trace in bars]
        cells = "".join(f"<td>{'' if v is None else _number(v)}</td>" for v in values)
        rows.append(f'<tr><th scope="row">{_number(x)}</th>{cells}</tr>')
    notes = "".join(
        f"<p>{_text(trace.get('name'))}: "
        + ", ".join(sorted({_number(y) for y in trace["y"]}, key=float)) + "</p>"
        for trace in lines
    )
    return (
        '<table class="cp-static-figure-table"><caption>The numbers in the figure</caption>'
        f'<thead><tr><th scope="col">{x_title}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{notes}"
    )


def static_figure_html(fig_dict: dict, figure_id: str) -> str:
    svg = figure_svg(fig_dict, figure_id)
    # The title is page text above the picture, so it wraps on a narrow screen.
    title = _text(fig_dict.get("layout", {}).get("title"))
    # The table is folded away under its caption; the picture's description points to it.
    return (f'<figure class="cp-static-figure" id="{escape(figure_id)}">'
            f'<p class="cp-static-figure-title"><strong>{title}</strong></p>{svg}'
            "<details><summary>The numbers in the figure</summary>"
            f"{figure_table(fig_dict)}</details></figure>")
