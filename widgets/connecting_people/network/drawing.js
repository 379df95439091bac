// The map's picture on the page: draw it once, then patch only what changed.
//
// Why a module of its own: the picture is the one part of the exercise whose
// cost grows with the map. Redrawing 1,000 entries on every key press would
// make each change re-create, re-style and re-lay-out every mark (and wake
// every observer the page's theme keeps on the document). So the picture is
// drawn from draw.js's named parts, and a change swaps only the parts whose
// markup changed, in one pass: reads first, writes after, never interleaved.

import { SVG_NS } from "../common/dom.js";
import { assembleSvg, renderParts, renderSvg } from "./draw.js";

/**
 * Make `container`'s children match `items` ([key, markup] in order), rebuilding only the
 * children whose markup changed. `made` maps each key to its { markup, node }, so nothing
 * is read back from the page to find a child.
 */
export function reconcileMarkup(container, items, made, namespace = null) {
  const parse = (markup) => {
    const holder = namespace ? document.createElementNS(namespace, "g")
      : document.createElement("template");
    holder.innerHTML = markup;
    return namespace ? holder : holder.content;
  };
  if (!made.size) {
    // First drawing of this group: one parse and one insertion, not one per child.
    container.replaceChildren();
    if (!items.length) return;
    const nodes = [...parse(items.map(([, markup]) => markup).join("")).children];
    items.forEach(([key, markup], i) => made.set(key, { markup, node: nodes[i] }));
    container.append(...nodes);
    return;
  }
  // Every child whose markup changed is parsed in one go (one parse, not one per child).
  const changed = items.filter(([key, markup]) => {
    const known = made.get(key);
    return !known || known.markup !== markup;
  });
  // When a kind's count crosses a multiple of four (its slots, see layout.py), every slice
  // is resized and nearly every mark, tie and link moves: on a 1,000-entry map that was
  // some 3,000 replaceWith calls, one DOM change each. When most children changed, the
  // group is rebuilt in one replaceChildren instead (measured: remove at 1,000 entries
  // went from 283 to 216 ms median to paint at a load average of 13 to 19).
  if (changed.length * 2 > items.length) {
    made.clear();
    const nodes = [...parse(items.map(([, markup]) => markup).join("")).children];
    items.forEach(([key, markup], i) => made.set(key, { markup, node: nodes[i] }));
    container.replaceChildren(...nodes);
    return;
  }
  if (changed.length) {
    const fresh = [...parse(changed.map(([, markup]) => markup).join("")).children];
    changed.forEach(([key, markup], i) => {
      const known = made.get(key);
      if (known) known.node.replaceWith(fresh[i]);
      made.set(key, { markup, node: fresh[i] });
    });
  }
  const wanted = new Set(items.map(([key]) => key));
  for (const [key, known] of made) {
    if (!wanted.has(key)) {
      known.node.remove();
      made.delete(key);
    }
  }
  let cursor = container.firstElementChild;
  for (const [key] of items) {
    const { node } = made.get(key);
    if (node !== cursor) container.insertBefore(node, cursor);
    else cursor = cursor.nextElementSibling;
  }
}

export class Picture {
  constructor(box, idPrefix) {
    this.box = box;
    this.idPrefix = idPrefix;
    this.size = 640;
    this.drawn = null;
  }

  /** The size the picture should be drawn at, from its box's width (a layout read). */
  fit() {
    const width = this.box.clientWidth || 640;
    const size = Math.max(300, Math.min(640, Math.floor(width)));
    if (Math.abs(size - this.size) < 16) return false;
    this.size = size;
    return true;
  }

  draw(map, { title, description }) {
    const parts = renderParts(map, { size: this.size });
    const drawn = this.drawn;
    const svg = this.box.firstElementChild;
    if (!svg || !drawn || drawn.size !== parts.size || drawn.height !== parts.height) {
      this.box.innerHTML = assembleSvg(parts, { idPrefix: this.idPrefix, title, description });
      // Sized from the drawing's own proportions, so the page around it need not be laid
      // out again when the picture changes (see .cpn-picture in the CSS).
      this.box.style.aspectRatio = `${parts.size} / ${parts.height}`;
      this.box.style.maxWidth = `${parts.size}px`;
      this.drawn = { size: parts.size, height: parts.height, frame: parts.frame,
        person: parts.person, legend: parts.legend,
        links: new Map(), ties: new Map(), entries: new Map() };
      // Remember each tie's and entry's node, so a later change finds them without a search.
      const svgNow = this.box.firstElementChild;
      for (const [name, items] of [["links", parts.linkItems], ["ties", parts.ties],
        ["entries", parts.entries]]) {
        const nodes = svgNow.querySelector(`:scope > g.cp-${name}`).children;
        items.forEach(([key, markup], i) => {
          this.drawn[name].set(key, { markup, node: nodes[i] });
        });
      }
      return;
    }
    const group = (name) => svg.querySelector(`:scope > g.cp-${name}`);
    const titleNode = svg.querySelector(":scope > title");
    if (titleNode.textContent !== title) titleNode.textContent = title;
    const descNode = svg.querySelector(":scope > desc");
    if (descNode.textContent !== description) descNode.textContent = description;
    for (const name of ["frame", "person", "legend"]) {
      if (drawn[name] !== parts[name]) {
        group(name).innerHTML = parts[name];
        drawn[name] = parts[name];
      }
    }
    reconcileMarkup(group("links"), parts.linkItems, drawn.links, SVG_NS);
    reconcileMarkup(group("ties"), parts.ties, drawn.ties, SVG_NS);
    reconcileMarkup(group("entries"), parts.entries, drawn.entries, SVG_NS);
  }

  /** The picture drawn from scratch: the browser tests check the patched one equals it. */
  fresh(map, { title, description }) {
    return renderSvg(map, { size: this.size, idPrefix: this.idPrefix, title, description });
  }
}
