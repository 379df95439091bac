// Draw a network map as an SVG string: the browser's copy of svg.py.
//
// The static page draws in the browser and the book's build draws in Python;
// both follow the same layout (rules.js / layout.py) and the same markup, so a
// case study in the book looks like the map a person makes on screen. The
// parity test compares the two drawings of each fixture map.
//
// Pure string building (no DOM), so it runs under node --test too. All user
// text goes through esc().

import {
  CIRCLES,
  CONTACT,
  GIVES,
  KIND_SINGULAR,
  KINDS,
  TIES,
  TRIED,
  WISHES,
  describe,
  joinWords,
  kindCounts,
  layout,
  point,
  possessive,
  round1,
} from "./rules.js";
import { LABEL_FONT, LABEL_FONT_NARROW, frameBoxes, placeLabels, sectorName } from "./labels.js";

export const KIND_COLOURS = {
  family: "#1d4e89",
  friend: "#2e7d32",
  neighbour: "#7a5c00",
  work_study: "#6a3d9a",
  group_activity: "#b5451b",
  place: "#00607a",
  online: "#545454",
  professional_service: "#7a1f3d",
};
export const SECTOR_NAMES = {
  family: "Family",
  friend: "Friends",
  neighbour: "Neighbours",
  work_study: "Work, study",
  group_activity: "Groups",
  place: "Places",
  online: "Online",
  professional_service: "Services",
};
const SQUARE_KINDS = ["group_activity", "place", "professional_service"];
const TIE_STYLE = {
  strong: { stroke: "#1d4e89", width: "3.0", dash: "" },
  weak: { stroke: "#4d4d4d", width: "1.6", dash: "7 5" },
  stressful: { stroke: "#b3261e", width: "2.0", dash: "" },
  // A tie nobody has rated yet: a faint dotted line, so the picture claims nothing.
  unset: { stroke: "#6b6b6b", width: "1.2", dash: "2 4" },
};
export const HIGHLIGHT = {
  new: ["#1b7f3b", "new"],
  closer: ["#a35c00", "closer"],
  further: ["#a35c00", "further out"],
  gone: ["#b3261e", "gone"],
};
export const LABEL_CHARS = 16;
export const LABEL_CHARS_NARROW = 11;
export const NARROW = 480;
export const LABEL_LIMIT = 300;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export function fmt(value) {
  const rounded = round1(value);
  return Number.isInteger(rounded) ? String(rounded === 0 ? 0 : rounded) : rounded.toFixed(1);
}

export function esc(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

export function shortLabel(label, limit = LABEL_CHARS) {
  const clean = Array.from(label.split(/\s+/).filter(Boolean).join(" "));
  if (clean.length <= limit) return clean.join("");
  return clean.slice(0, limit - 1).join("").trimEnd() + "…";
}

export function zigzag(x1, y1, x2, y2, step = 8.0, amp = 4.0) {
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (length < 1) return `${fmt(x1)},${fmt(y1)} ${fmt(x2)},${fmt(y2)}`;
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const nx = -uy;
  const ny = ux;
  const count = Math.max(2, Math.floor(length / step));
  const points = [`${fmt(x1)},${fmt(y1)}`];
  for (let i = 1; i < count; i += 1) {
    const t = (i * length) / count;
    const side = i % 2 ? amp : -amp;
    points.push(`${fmt(x1 + ux * t + nx * side)},${fmt(y1 + uy * t + ny * side)}`);
  }
  points.push(`${fmt(x2)},${fmt(y2)}`);
  return points.join(" ");
}

export function tieLine(tie, x1, y1, x2, y2, key = null) {
  const style = TIE_STYLE[tie || "unset"];
  const data = key !== null ? ` data-id="${esc(key)}"` : "";
  if (tie === "stressful") {
    return `<polyline${data} points="${zigzag(x1, y1, x2, y2)}" fill="none" ` +
      `stroke="${style.stroke}" stroke-width="${style.width}"/>`;
  }
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : "";
  return `<line${data} x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}" ` +
    `stroke="${style.stroke}" stroke-width="${style.width}"${dash}/>`;
}

export function marker(kind, x, y) {
  const colour = KIND_COLOURS[kind];
  if (SQUARE_KINDS.includes(kind)) {
    return `<rect x="${fmt(x - 7)}" y="${fmt(y - 7)}" width="14" height="14" rx="2" ` +
      `fill="${colour}" stroke="white" stroke-width="1.5"/>`;
  }
  return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="7" fill="${colour}" stroke="white" ` +
    `stroke-width="1.5"/>`;
}

export function entryTitle(entry) {
  const parts = [KIND_SINGULAR[entry.kind], CIRCLES[entry.circle]];
  parts.push(entry.contact ? `in contact ${CONTACT[entry.contact]}` : "contact not said yet");
  parts.push(entry.tie ? `${TIES[entry.tie]} tie` : "tie not said yet");
  if (!Array.isArray(entry.gives)) parts.push("support not said yet");
  else {
    parts.push(entry.gives.length ? `gives ${joinWords(entry.gives.map((g) => GIVES[g]))}`
      : "no support marked");
  }
  parts.push(entry.wish ? `wants ${WISHES[entry.wish]}` : "wish not said yet");
  if (entry.suggestion) parts.push(`a suggestion to try (${TRIED[entry.suggestion.tried]})`);
  return `${entry.label}: ${parts.join(", ")}`;
}

/** The key: tie lines, then each kind drawn (its own colour and shape), then wishes. */
export function legendItems(compare = false, kinds = []) {
  const items = [
    [tieLine("strong", 0, 0, 32, 0), "Strong tie"],
    [tieLine("weak", 0, 0, 32, 0), "Weak tie"],
    [tieLine("stressful", 0, 0, 32, 0), "Stressful tie"],
    [tieLine(null, 0, 0, 32, 0), "Tie not said yet"],
    ...kinds.map((kind) => [marker(kind, 16, 0), KINDS[kind]]),
    ['<text x="10" y="5" font-size="14" fill="#1b7f3b">▲</text>', "Wants more contact"],
    ['<text x="10" y="5" font-size="14" fill="#6b6b6b">▼</text>', "Wants less contact"],
  ];
  if (compare) {
    for (const [colour, words] of Object.values(HIGHLIGHT)) {
      const dash = words === "gone" ? ' stroke-dasharray="4 3"' : "";
      items.push([
        `<circle cx="16" cy="0" r="9" fill="none" stroke="${colour}" stroke-width="3"${dash}/>`,
        `Marked ${words}`,
      ]);
    }
  }
  return items;
}

export function legend(width, items, top) {
  const parts = [];
  let x = 12.0;
  let y = top + 18;
  for (const [sample, words] of items) {
    const itemW = 62 + 7.2 * Array.from(words).length;
    if (x + itemW > width && x > 12) {
      x = 12.0;
      y += 24;
    }
    parts.push(`<g transform="translate(${fmt(x)},${fmt(y)})">${sample}` +
      `<text x="40" y="4" font-size="13">${esc(words)}</text></g>`);
    x += itemW;
  }
  return [parts.join(""), y + 14 - top];
}

function entryLabel(entry, label, mark, font = LABEL_FONT) {
  const arrow = { more: ' <tspan fill="#1b7f3b">▲</tspan>', less: ' <tspan fill="#6b6b6b">▼</tspan>' }[
    entry.wish || ""
  ] || "";
  const tx = fmt(label.x);
  const decoration = mark === "gone" ? ' text-decoration="line-through"' : "";
  const tag = mark
    ? `<tspan x="${tx}" dy="14" font-size="12" font-style="italic" ` +
      `fill="${HIGHLIGHT[mark][0]}">${HIGHLIGHT[mark][1]}</tspan>`
    : "";
  return `<text x="${tx}" y="${fmt(label.y)}" font-size="${fmt(font)}" fill="#1b1b1b" ` +
    `text-anchor="${label.anchor}" paint-order="stroke" stroke="white" ` +
    `stroke-width="3" stroke-linejoin="round"><tspan${decoration}>${esc(label.text)}</tspan>` +
    `${arrow}${tag}</text>`;
}

/**
 * The drawing in named parts, so the widget can redraw one part, or one entry, alone:
 * frame (circles and slices), links, ties and entries (each [id, markup]), person, legend.
 */
export function renderParts(map, options = {}) {
  const size = options.size || 640;
  const highlights = options.highlights || {};
  const withLegend = options.withLegend !== false;
  const plan = layout(map, size, options.basis || null);
  const c = plan.centre;
  const showLabels = map.entries.length <= LABEL_LIMIT;
  const frame = [];
  const tints = ["#fafbfd", "#f4f7fb", "#eef3fa"];
  [...plan.circle_r].reverse().forEach((radius, i) => {
    frame.push(`<circle cx="${fmt(c)}" cy="${fmt(c)}" r="${fmt(radius)}" fill="${tints[i]}" ` +
      'stroke="#8797ad" stroke-width="1.2"/>');
  });
  ["inner", "middle", "outer"].forEach((words, i) => {
    frame.push(`<text x="${fmt(c)}" y="${fmt(c - plan.circle_r[i] + 15)}" font-size="12" ` +
      `fill="#3d4b5c" text-anchor="middle">${words}</text>`);
  });
  const outer = plan.circle_r[2];
  const names = [];
  for (const sector of plan.sectors) {
    const [x1, y1] = point(c, plan.person_r, sector.start);
    const [x2, y2] = point(c, outer, sector.start);
    frame.push(`<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}" ` +
      'stroke="#c3ccd8" stroke-width="1" stroke-dasharray="2 4"/>');
    const name = sectorName(c, outer, sector.middle, SECTOR_NAMES[sector.kind], size);
    names.push(name);
    frame.push(`<text x="${fmt(name.x)}" y="${fmt(name.y)}" font-size="13" font-weight="600" ` +
      `fill="${KIND_COLOURS[sector.kind]}" text-anchor="${name.anchor}" ` +
      'paint-order="stroke" stroke="white" stroke-width="3">' +
      `${SECTOR_NAMES[sector.kind]}</text>`);
  }
  let labels = new Map();
  const narrow = size < NARROW;
  const font = narrow ? LABEL_FONT_NARROW : LABEL_FONT;
  const personWords = shortLabel(map.person.trim() || "Me", narrow ? 7 : 9);
  const personFont = narrow ? 12 : 14;
  if (showLabels) {
    const obstacles = frameBoxes(c, plan.circle_r, plan.person_r, names,
      [personWords, personFont]);
    const limit = size >= NARROW ? LABEL_CHARS : LABEL_CHARS_NARROW;
    const tags = Object.fromEntries(Object.entries(HIGHLIGHT).map(([k, v]) => [k, v[1]]));
    labels = placeLabels(map.entries, plan.placed, c, size, limit, highlights, obstacles, tags,
      font);
  }
  const where = new Map(plan.placed.map((p) => [p.index, p]));
  const ids = new Map(map.entries.map((e, i) => [e.id, i]));
  // Each link keyed by its two ends, so the widget can redraw one link alone.
  const linkItems = map.links.map((link) => {
    const a = where.get(ids.get(link.from));
    const b = where.get(ids.get(link.to));
    return [JSON.stringify([link.from, link.to]),
      `<line x1="${fmt(a.x)}" y1="${fmt(a.y)}" x2="${fmt(b.x)}" y2="${fmt(b.y)}" ` +
      'stroke="#9aa5b4" stroke-width="1"/>'];
  });
  const links = linkItems.map(([, markup]) => markup);
  const ties = [];
  const entries = [];
  map.entries.forEach((entry, index) => {
    const p = where.get(index);
    const dx = p.x - c;
    const dy = p.y - c;
    const dist = Math.hypot(dx, dy) || 1.0;
    ties.push([entry.id, tieLine(entry.tie, c + (dx / dist) * plan.person_r,
      c + (dy / dist) * plan.person_r, p.x - (dx / dist) * 9, p.y - (dy / dist) * 9, entry.id)]);
    const mark = highlights[entry.id];
    let html = `<g class="cp-entry" data-id="${esc(entry.id)}">` +
      `<title>${esc(entryTitle(entry))}</title>`;
    if (mark) {
      const dash = mark === "gone" ? ' stroke-dasharray="4 3"' : "";
      html += `<circle cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="12" fill="white" ` +
        `stroke="${HIGHLIGHT[mark][0]}" stroke-width="3"${dash}/>`;
    }
    html += marker(entry.kind, p.x, p.y);
    if (labels.has(index)) html += entryLabel(entry, labels.get(index), mark, font);
    entries.push([entry.id, html + "</g>"]);
  });
  const person = `<circle cx="${fmt(c)}" cy="${fmt(c)}" r="${fmt(plan.person_r)}" fill="#1b1b1b"/>` +
    `<text x="${fmt(c)}" y="${fmt(c + 5)}" font-size="${personFont}" ` +
    'font-weight="700" fill="white" text-anchor="middle">' +
    `${esc(personWords)}</text>`;
  let height = size;
  let legendSvg = "";
  if (withLegend) {
    const kinds = plan.sectors.map((sector) => sector.kind);
    const [svg, legendH] = legend(size, legendItems(Object.keys(highlights).length > 0, kinds),
      size);
    legendSvg = svg;
    height = size + legendH;
  }
  return { size, height, frame: frame.join(""), links: links.join(""), linkItems, ties, person,
    entries, legend: legendSvg };
}

/** Put the parts together as one SVG document string (as svg.py writes it). */
export function assembleSvg(parts, { idPrefix = "cp-map", title, description }) {
  const prefix = esc(idPrefix);
  return '<svg xmlns="http://www.w3.org/2000/svg" class="cp-network-svg" ' +
    `viewBox="0 0 ${fmt(parts.size)} ${fmt(parts.height)}" width="100%" ` +
    `style="max-width:${fmt(parts.size)}px;height:auto;display:block;background:#fff" ` +
    'role="img" ' +
    `aria-labelledby="${prefix}-title ${prefix}-desc" font-family="${esc(FONT)}">` +
    `<title id="${prefix}-title">${esc(title)}</title>` +
    `<desc id="${prefix}-desc">${esc(description)}</desc>` +
    `<g class="cp-frame">${parts.frame}</g>` +
    `<g class="cp-links">${parts.links}</g>` +
    `<g class="cp-ties">${parts.ties.map(([, html]) => html).join("")}</g>` +
    `<g class="cp-person">${parts.person}</g>` +
    `<g class="cp-entries">${parts.entries.map(([, html]) => html).join("")}</g>` +
    `<g class="cp-legend">${parts.legend}</g>` +
    "</svg>";
}

export const svgTitle = (map, voice = "worker") =>
  `${voice === "person" ? "Your" : possessive(map.person)} network map, ${map.date}`;

/** The map as an SVG string; highlights maps an entry id to new/closer/further/gone. */
export function renderSvg(map, options = {}) {
  return assembleSvg(renderParts(map, options), {
    idPrefix: options.idPrefix || "cp-map",
    title: options.title || svgTitle(map, options.voice),
    description: options.description ?? describe(map, null, options.voice || "worker").text,
  });
}

export function comparisonHighlights(comparison, before, after) {
  const matchedBefore = new Set(comparison.matched.map(([b]) => b));
  const matchedAfter = new Set(comparison.matched.map(([, a]) => a));
  const early = {};
  const late = {};
  before.entries.forEach((e) => { if (!matchedBefore.has(e.id)) early[e.id] = "gone"; });
  after.entries.forEach((e) => { if (!matchedAfter.has(e.id)) late[e.id] = "new"; });
  comparison.closer.forEach((m) => { late[m.id] = "closer"; });
  comparison.further.forEach((m) => { late[m.id] = "further"; });
  return [early, late];
}

export function renderPair(before, after, comparison, options = {}) {
  if (after.date < before.date) [before, after] = [after, before];
  const size = options.size || 640;
  const idPrefix = options.idPrefix || "cp-compare";
  const voice = options.voice || "worker";
  const basis = kindCounts(before, after);
  const [early, late] = comparisonHighlights(comparison, before, after);
  return [
    renderSvg(before, { size, basis, highlights: early, idPrefix: `${idPrefix}-a`, voice }),
    renderSvg(after, { size, basis, highlights: late, idPrefix: `${idPrefix}-b`, voice }),
  ];
}
