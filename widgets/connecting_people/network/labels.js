// Where each name goes on the picture, so that no name covers another or a
// circle's name: the browser's copy of labels.py (see there for why and how).
// The parity test requires the same placements from both. Pure: no DOM.

import { point, round1 } from "./rules.js";

export const LABEL_FONT = 13.0;
// Names are drawn smaller on a phone-sized drawing (see labels.py for the measurements).
export const LABEL_FONT_NARROW = 11.0;
export const TAG_FONT = 12.0;
const ASCENT = 13.0;
const DESCENT = 4.0;
const MARK_HALF = 8.0;
const GAP = 11.0;
const SHIFTS = [0.0, -14.0, 14.0, -28.0, 28.0];
const SHORTER = [8, 5];
const GRID = 40.0;
const NARROW_CHARS = new Set("ijlI.,:;'!|ftr ()[]-");
const WIDE_CHARS = new Set("mwMW@%");
const ARROW = { more: "▲", less: "▼" };

export function charWidth(char) {
  const code = char.codePointAt(0);
  if (NARROW_CHARS.has(char)) return 5.5;
  if (WIDE_CHARS.has(char)) return 13.0;
  if (char >= "A" && char <= "Z") return 10.0;
  if ((char >= "a" && char <= "z") || (char >= "0" && char <= "9")) return 8.4;
  if ((code >= 0x1100 && code <= 0x11ff) || (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
    code >= 0x1f000) {
    return 14.0;
  }
  return 10.0;
}

export function textWidth(words, font = LABEL_FONT, bold = false) {
  let width = 0;
  for (const char of words) width += charWidth(char);
  width = (width * font) / LABEL_FONT;
  return bold ? width * 1.12 : width;
}

export function shortText(label, limit) {
  const clean = Array.from(label.split(/\s+/).filter(Boolean).join(" "));
  if (clean.length <= limit) return clean.join("");
  return clean.slice(0, limit - 1).join("").trimEnd() + "…";
}

// Boxes already on the picture, in a grid so that a look-up is quick on a big map. Cells
// are numbered (not named) and walked with plain loops: this runs on every change.
class Taken {
  constructor() {
    this.cells = new Map();
  }

  add(box) {
    const [i0, i1] = [Math.floor(box[0] / GRID), Math.floor(box[2] / GRID)];
    const [j0, j1] = [Math.floor(box[1] / GRID), Math.floor(box[3] / GRID)];
    for (let i = i0; i <= i1; i += 1) {
      for (let j = j0; j <= j1; j += 1) {
        const key = i * 4096 + j;
        const list = this.cells.get(key);
        if (list) list.push(box);
        else this.cells.set(key, [box]);
      }
    }
  }

  hits(box) {
    const [i0, i1] = [Math.floor(box[0] / GRID), Math.floor(box[2] / GRID)];
    const [j0, j1] = [Math.floor(box[1] / GRID), Math.floor(box[3] / GRID)];
    for (let i = i0; i <= i1; i += 1) {
      for (let j = j0; j <= j1; j += 1) {
        const list = this.cells.get(i * 4096 + j);
        if (!list) continue;
        for (const other of list) {
          if (box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3]) {
            return true;
          }
        }
      }
    }
    return false;
  }
}

/** Where a slice's name goes: just outside the outer circle, kept inside the drawing. */
export function sectorName(centre, outer, middle, words, size) {
  let [lx, ly] = point(centre, outer + 12, middle);
  const anchor = lx > centre + 4 ? "start" : lx < centre - 4 ? "end" : "middle";
  const wide = 8 * words.length; // about 8 pixels a letter, bold
  if (anchor === "start" && lx + wide > size - 2) lx = size - 2 - wide;
  else if (anchor === "end" && lx - wide < 2) lx = 2 + wide;
  return { x: round1(lx), y: round1(ly + 4), anchor, words };
}

export function textBox(x, y, width, anchor, font = LABEL_FONT, lines = 0.0) {
  const left = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
  const scale = font / LABEL_FONT;
  return [left - 1, y - ASCENT * scale - 1, left + width + 1, y + DESCENT * scale + lines + 1];
}

/** As labels.py's frame_boxes; `person` is [the person's name as drawn, its size]. */
export function frameBoxes(centre, circleR, personR, names, person = null) {
  const boxes = [[centre - personR, centre - personR, centre + personR, centre + personR]];
  if (person) {
    const [words, font] = person;
    boxes.push(textBox(centre, centre + 5, textWidth(words, font, true), "middle", font));
  }
  ["inner", "middle", "outer"].forEach((words, i) => {
    const y = round1(centre - circleR[i] + 15);
    boxes.push(textBox(centre, y, textWidth(words, 12), "middle", 12));
  });
  for (const name of names) {
    boxes.push(textBox(name.x, name.y, textWidth(name.words, LABEL_FONT, true), name.anchor));
  }
  return boxes;
}

/** A label for each entry that has room for one: Map of entry index -> where it goes. */
export function placeLabels(entries, placed, centre, size, limit, highlights, obstacles, tags,
  font = LABEL_FONT) {
  const names = new Taken();
  obstacles.forEach((box) => names.add(box));
  const marks = new Taken();
  const where = new Map(placed.map((p) => [p.index, p]));
  for (const p of placed) {
    marks.add([p.x - MARK_HALF, p.y - MARK_HALF, p.x + MARK_HALF, p.y + MARK_HALF]);
  }
  const order = entries.map((_, i) => i).sort((a, b) => entries[a].circle - entries[b].circle || a - b);
  const found = new Map();
  for (const index of order) {
    const entry = entries[index];
    const p = where.get(index);
    const mark = highlights[entry.id];
    const tag = mark ? tags[mark] : "";
    const arrow = ARROW[entry.wish || ""] || "";
    const away = p.x >= centre ? "start" : "end";
    const toward = away === "start" ? "end" : "start";
    const texts = [shortText(entry.label, limit)];
    for (const n of SHORTER) {
      if (n >= limit) continue;
      const shorter = shortText(entry.label, n);
      if (!texts.includes(shorter)) texts.push(shorter);
    }
    let label = null;
    for (const strict of [true, false]) {
      for (const words of texts) {
        let width = textWidth(words + (arrow ? ` ${arrow}` : ""), font);
        if (tag) width = Math.max(width, textWidth(tag, TAG_FONT));
        const extra = tag ? 15.0 : 0.0;
        const spots = [];
        for (const side of [away, toward]) {
          for (const shift of SHIFTS) {
            spots.push([side === "start" ? p.x + GAP : p.x - GAP, p.y + 4 + shift, side]);
          }
        }
        spots.push([p.x, p.y - 13, "middle"], [p.x, p.y + 22, "middle"]);
        for (const [x, y, anchor] of spots) {
          const box = textBox(x, y, width, anchor, font, extra);
          if (box[0] < 0 || box[2] > size || box[1] < 0 || box[3] > size) continue;
          if (names.hits(box) || (strict && marks.hits(box))) continue;
          label = { text: words, x: round1(x), y: round1(y), anchor };
          names.add(box);
          break;
        }
        if (label) break;
      }
      if (label) break;
    }
    if (label) found.set(index, label);
  }
  return found;
}
