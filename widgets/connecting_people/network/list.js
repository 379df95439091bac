// The list of entries under the picture: every name in full, with its buttons.
//
// Why a module of its own: the list is how a keyboard or screen-reader user
// works with the map (the picture is one image to them), and where a name
// the picture had to shorten is shown in full. With 1,000 entries it must
// change one row at a time: each row is rebuilt only when its entry changed,
// and a first drawing is one insertion.

import { h } from "../common/dom.js";
import { CONTACT, KIND_SINGULAR, TRIED, WISHES, entryDoc } from "./rules.js";

export const CIRCLE_WORDS = { 1: "inner", 2: "middle", 3: "outer" };

/** The short details shown after a name: only answers given, and what is still open. */
export function rowDetails(entry) {
  const details = [KIND_SINGULAR[entry.kind], `${CIRCLE_WORDS[entry.circle]} circle`];
  if (entry.contact) details.push(`in contact ${CONTACT[entry.contact]}`);
  if (entry.tie) details.push(`${entry.tie} tie`);
  if (entry.wish && entry.wish !== "same") details.push(`wants ${WISHES[entry.wish]}`);
  if (entry.suggestion) details.push(`to try, ${TRIED[entry.suggestion.tried]}`);
  if (!entry.contact && !entry.tie && !Array.isArray(entry.gives) && !entry.wish) {
    details.push("more not answered yet");
  }
  if (entry.recorded_by) details.push("answers from the earlier version");
  return details.join(", ");
}

function rowNode(entry) {
  const name = entry.label;
  const button = (act, words, label, disabled = false) =>
    h("button", { type: "button", "data-act": act, "aria-label": label, disabled }, words);
  return h("li", { "data-id": entry.id, class: `cpn-row cpn-circle-${entry.circle}` },
    h("span", { class: "cpn-row-text" }, h("strong", {}, name), " ",
      h("span", { class: "cpn-row-details" }, rowDetails(entry))),
    h("span", { class: "cpn-row-buttons" },
      button("edit", "Edit", `Edit ${name}`),
      button("closer", "Closer", `Move ${name} closer`, entry.circle === 1),
      button("further", "Further out", `Move ${name} further out`, entry.circle === 3),
      button("remove", "Remove", `Remove ${name}`)));
}

// An entry's row depends only on the entry, and entries are never changed in place (a
// change makes a new object), so each entry's signature is worked out once.
const signatures = new WeakMap();
function signatureOf(entry) {
  let signature = signatures.get(entry);
  if (signature === undefined) {
    signature = JSON.stringify(entryDoc(entry));
    signatures.set(entry, signature);
  }
  return signature;
}

export class EntryList {
  constructor(list, count) {
    this.list = list;
    this.count = count;
    this.rows = new Map(); // id -> { signature, node }
  }

  draw(map) {
    const total = map.entries.length;
    const words = total
      ? `${total} on the map. Use the buttons to change, move or remove one.`
      : "No one yet. Use the form above to add the first.";
    if (this.count.textContent !== words) this.count.textContent = words;
    const order = [...map.entries].sort((a, b) => a.circle - b.circle);
    const seen = new Set();
    const fresh = !this.list.firstElementChild;
    const nodes = order.map((entry) => {
      seen.add(entry.id);
      const signature = signatureOf(entry);
      let row = this.rows.get(entry.id);
      if (!row || row.signature !== signature) {
        const node = rowNode(entry);
        if (row) row.node.replaceWith(node);
        row = { signature, node };
        this.rows.set(entry.id, row);
      }
      return row.node;
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.node.remove();
        this.rows.delete(id);
      }
    }
    if (fresh) {
      this.list.append(...nodes);
      return;
    }
    let cursor = this.list.firstElementChild;
    for (const node of nodes) {
      if (node !== cursor) this.list.insertBefore(node, cursor);
      else cursor = cursor.nextElementSibling;
    }
  }

  focus(id, action) {
    const row = this.rows.get(id);
    const node = row && row.node;
    const button = node && (node.querySelector(`button[data-act="${action}"]:not([disabled])`) ||
      node.querySelector("button:not([disabled])"));
    if (button) button.focus();
  }
}
