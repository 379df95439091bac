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
 * children whose markup changed. `made` remembers each child's markup by key.
 */
export function reconcileMarkup(container, items, made, namespace = null) {
  const existing = new Map();
  for (const child of container.children) existing.set(child.dataset.id, child);
  if (!existing.size && items.length) {
    // First drawing of this group: one parse and one insertion, not one per child.
    const holder = namespace ? document.createElementNS(namespace, "g")
      : document.createElement("template");
    holder.innerHTML = items.map(([, markup]) => markup).join("");
    items.forEach(([key, markup]) => made.set(key, markup));
    container.append(...(namespace ? holder.childNodes : holder.content.childNodes));
    return;
  }
  let cursor = container.firstElementChild;
  for (const [key, markup] of items) {
    let node = existing.get(key);
    existing.delete(key);
    if (!node || made.get(key) !== markup) {
      const holder = namespace ? document.createElementNS(namespace, "g")
        : document.createElement("template");
      holder.innerHTML = markup;
      const fresh = namespace ? holder.firstElementChild : holder.content.firstElementChild;
      made.set(key, markup);
      if (node) {
        if (cursor === node) cursor = fresh;
        node.replaceWith(fresh);
      }
      node = fresh;
    }
    if (node !== cursor) container.insertBefore(node, cursor);
    else cursor = cursor.nextElementSibling;
  }
  existing.forEach((node, key) => {
    node.remove();
    made.delete(key);
  });
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
        links: parts.links, person: parts.person, legend: parts.legend,
        ties: new Map(parts.ties), entries: new Map(parts.entries) };
      return;
    }
    const group = (name) => svg.querySelector(`:scope > g.cp-${name}`);
    const titleNode = svg.querySelector(":scope > title");
    if (titleNode.textContent !== title) titleNode.textContent = title;
    const descNode = svg.querySelector(":scope > desc");
    if (descNode.textContent !== description) descNode.textContent = description;
    for (const name of ["frame", "links", "person", "legend"]) {
      if (drawn[name] !== parts[name]) {
        group(name).innerHTML = parts[name];
        drawn[name] = parts[name];
      }
    }
    reconcileMarkup(group("ties"), parts.ties, drawn.ties, SVG_NS);
    reconcileMarkup(group("entries"), parts.entries, drawn.entries, SVG_NS);
  }

  /** The picture drawn from scratch: the browser tests check the patched one equals it. */
  fresh(map, { title, description }) {
    return renderSvg(map, { size: this.size, idPrefix: this.idPrefix, title, description });
  }
}
