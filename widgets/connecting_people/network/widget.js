// The network-map exercise in the browser: draw a person's map together, keep
// it private, save and reopen it, and compare two dated maps.
//
// Why it is built this way: on the book's static page there is no kernel, so
// everything a person does happens here, with the rules in rules.js and the
// drawing in draw.js (Python concatenates the three files into the widget's
// _esm; the import lines below are for Node and are dropped in that bundle).
// Nothing is sent anywhere. Nothing is stored on the device unless the person
// ticks "Remember on this device"; "Clear" removes it. In Jupyter and Voila the
// map is also synced to Python through the "map" and "compare_with" traits.
//
// Every control is a real, labelled form control reachable by keyboard; every
// change is announced in a polite live region; user text is escaped (esc) or
// set as textContent, never parsed as HTML.

import {
  CIRCLES,
  CONTACT,
  FORMAT_NAME,
  FORMAT_VERSION,
  GIVES,
  KIND_SINGULAR,
  KINDS,
  MAX_ENTRIES,
  MapError,
  TIES,
  WISHES,
  compare,
  describe,
  displayName,
  joinWords,
  loads,
  longDate,
  parseMap,
  summarise,
  toJson,
} from "./rules.js";
import { assembleSvg, esc, renderPair, renderParts, renderSvg, svgTitle } from "./draw.js";

export const STORAGE_KEY = "connecting-people/network-map/v1";
const CIRCLE_WORDS = { 1: "inner", 2: "middle", 3: "outer" };
const TIE_WORDS = { strong: "Strong", weak: "Weak (light)", stressful: "Stressful (hard)" };
const WISH_WORDS = { more: "More contact", same: "About the same", less: "Less contact" };
let instances = 0;

export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function emptyMap(date = today()) {
  return { person: "", date, entries: [], links: [], notes: "" };
}

function toDoc(map) {
  return JSON.parse(toJson(map));
}

function fileSafe(text) {
  return (text || "map").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "map";
}

// Choices in a list read better starting with a capital ("Work or study"),
// while the same words sit mid-sentence in the description, so only here.
const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function options(vocabulary, words = vocabulary) {
  return Object.keys(vocabulary)
    .map((value) => `<option value="${esc(value)}">${esc(capitalised(words[value]))}</option>`)
    .join("");
}

function radios(name, vocabulary, words, checked) {
  return Object.keys(vocabulary)
    .map((value) => `<label class="cpn-choice"><input type="radio" name="${name}" ` +
      `value="${esc(value)}"${String(value) === String(checked) ? " checked" : ""}> ` +
      `${esc(words[value])}</label>`)
    .join("");
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Make `container`'s children match `items` ([key, markup] in order), rebuilding only the
 * children whose markup changed. `made` remembers each child's markup by key. With a big
 * map this keeps a change to one entry from restyling and re-laying out every other one.
 */
function reconcile(container, items, made, namespace = null) {
  const existing = new Map();
  for (const child of container.children) existing.set(child.dataset.id, child);
  let cursor = container.firstElementChild;
  for (const [key, html] of items) {
    let node = existing.get(key);
    existing.delete(key);
    if (!node || made.get(key) !== html) {
      const holder = namespace ? document.createElementNS(namespace, "g")
        : document.createElement("template");
      holder.innerHTML = html;
      const fresh = namespace ? holder.firstElementChild : holder.content.firstElementChild;
      made.set(key, html);
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

/** Run `task` just after the browser's next paint. */
function afterPaint(task) {
  requestAnimationFrame(() => setTimeout(task, 0));
}

function rowHtml(e) {
  const name = esc(e.label);
  const details = [KIND_SINGULAR[e.kind], `${CIRCLE_WORDS[e.circle]} circle`, `${e.tie} tie`];
  if (e.wish !== "same") details.push(`wants ${WISHES[e.wish]}`);
  return `<li data-id="${esc(e.id)}" class="cpn-row cpn-circle-${e.circle}">` +
    `<span class="cpn-row-text"><strong>${name}</strong> ` +
    `<span class="cpn-row-details">${esc(details.join(", "))}</span></span>` +
    '<span class="cpn-row-buttons">' +
    `<button type="button" data-act="edit" aria-label="Edit ${name}">Edit</button>` +
    `<button type="button" data-act="closer" aria-label="Move ${name} closer"` +
    `${e.circle === 1 ? " disabled" : ""}>Closer</button>` +
    `<button type="button" data-act="further" aria-label="Move ${name} further out"` +
    `${e.circle === 3 ? " disabled" : ""}>Further out</button>` +
    `<button type="button" data-act="remove" aria-label="Remove ${name}">Remove</button>` +
    "</span></li>";
}

class MapView {
  constructor(model, root) {
    this.model = model;
    this.root = root;
    this.p = `cpn${(instances += 1)}-${Math.random().toString(36).slice(2, 7)}`;
    this.editing = null;
    this.lastRemoved = null;
    this.size = 640;
    this.disposers = [];
    this.map = this.readTrait("map") || emptyMap();
    this.compareWith = this.readTrait("compare_with");
    this.build();
    this.restoreRemembered();
    if (!this.map.entries.length && this.map.date !== today()) {
      // A page saved at build time carries the build's date; a new map is made today.
      this.map = { ...this.map, date: today() };
      this.push(false);
    }
    this.drawAll();
    const onMap = () => {
      if (this.pushing) return;
      const incoming = this.readTrait("map");
      if (incoming && JSON.stringify(toDoc(incoming)) !== JSON.stringify(toDoc(this.map))) {
        this.map = incoming;
        this.drawAll();
      }
    };
    const onCompare = () => {
      if (this.pushing) return;
      this.compareWith = this.readTrait("compare_with");
      this.drawAll();
    };
    model.on("change:map", onMap);
    model.on("change:compare_with", onCompare);
    this.disposers.push(() => model.off("change:map", onMap));
    this.disposers.push(() => model.off("change:compare_with", onCompare));
    if (typeof ResizeObserver !== "undefined") {
      const observer = new ResizeObserver(() => this.fitPicture());
      observer.observe(this.root);
      this.disposers.push(() => observer.disconnect());
    }
  }

  readTrait(name) {
    const value = this.model.get(name);
    if (!value || !Object.keys(value).length) return null;
    try {
      return parseMap(value);
    } catch (error) {
      this.pendingError = error;
      return null;
    }
  }

  q(role) {
    return this.root.querySelector(`[data-role="${role}"]`);
  }

  id(name) {
    return `${this.p}-${name}`;
  }

  build() {
    const you = this.model.get("audience") === "person";
    const nameWords = you
      ? "Your name, or any name you like"
      : "The person's first name, or a name they choose";
    this.root.innerHTML = `
<section class="cpn" aria-label="Network map exercise">
  <div class="cpn-top">
    <div class="cpn-field"><label for="${this.id("person")}">${nameWords}</label>
      <input id="${this.id("person")}" data-role="person" maxlength="40" autocomplete="off"></div>
    <div class="cpn-field"><label for="${this.id("date")}">Date of this map</label>
      <input id="${this.id("date")}" data-role="date" type="date" required></div>
  </div>
  <div class="cpn-picture" data-role="picture"></div>
  <form class="cpn-form" data-role="form" novalidate aria-labelledby="${this.id("form-title")}">
    <h3 id="${this.id("form-title")}" data-role="form-title">Add someone or something</h3>
    <div class="cpn-field"><label for="${this.id("label")}">Name</label>
      <input id="${this.id("label")}" data-role="label" maxlength="80" autocomplete="off"
        aria-describedby="${this.id("label-hint")} ${this.id("form-error")}">
      <span class="cpn-hint" id="${this.id("label-hint")}">A person, a group, a place or a service.
        A first name or a nickname is enough.</span></div>
    <div class="cpn-field"><label for="${this.id("kind")}">What kind</label>
      <select id="${this.id("kind")}" data-role="kind">${options(KINDS, KIND_SINGULAR)}</select></div>
    <fieldset class="cpn-fieldset"><legend>Which circle</legend>
      ${radios(this.id("circle"), CIRCLES, { 1: "Inner (closest)", 2: "Middle", 3: "Outer" }, 2)}
    </fieldset>
    <details class="cpn-more" data-role="more"><summary>More about this connection (you can skip this)</summary>
      <div class="cpn-field"><label for="${this.id("contact")}">How often in contact</label>
        <select id="${this.id("contact")}" data-role="contact">${options(CONTACT, CONTACT)}</select></div>
      <fieldset class="cpn-fieldset"><legend>What they give</legend>
        ${Object.keys(GIVES).map((g) => `<label class="cpn-choice"><input type="checkbox"
          name="${this.id("gives")}" value="${g}"> ${esc(capitalise(GIVES[g]))}</label>`).join("")}
      </fieldset>
      <fieldset class="cpn-fieldset"><legend>How the tie feels</legend>
        ${radios(this.id("tie"), TIES, TIE_WORDS, "weak")}</fieldset>
      <fieldset class="cpn-fieldset"><legend>Would like</legend>
        ${radios(this.id("wish"), WISHES, WISH_WORDS, "same")}</fieldset>
      <div class="cpn-field"><label for="${this.id("note")}">Note (optional)</label>
        <textarea id="${this.id("note")}" data-role="note" rows="2" maxlength="2000"></textarea></div>
    </details>
    <p class="cpn-error" data-role="form-error" id="${this.id("form-error")}" hidden></p>
    <div class="cpn-buttons">
      <button type="submit" class="cpn-primary" data-role="submit">Add to the map</button>
      <button type="button" data-role="cancel" hidden>Cancel changes</button>
    </div>
  </form>
  <h3 id="${this.id("list-title")}">On the map</h3>
  <p data-role="count"></p>
  <ul class="cpn-list" data-role="list" aria-labelledby="${this.id("list-title")}"></ul>
  <p class="cpn-undo" data-role="undo-row" hidden><span data-role="undo-text"></span>
    <button type="button" data-role="undo">Undo</button></p>
  <h3>What the map shows</h3>
  <div data-role="summary"></div>
  <div data-role="compare"></div>
  <h3>Save, open and print</h3>
  <div class="cpn-actions">
    <button type="button" data-role="save">Save map file</button>
    <label class="cpn-file">Open a saved map<input type="file" accept=".json,application/json"
      data-role="open"></label>
    <button type="button" data-role="download-svg">Download picture (SVG)</button>
    <button type="button" data-role="print">Print blank worksheet</button>
    <button type="button" data-role="remap">Start a new dated map from this one</button>
    <label class="cpn-file">Compare with a saved map<input type="file" accept=".json,application/json"
      data-role="compare-file"></label>
    <button type="button" data-role="stop-compare" hidden>Stop comparing</button>
  </div>
  <div class="cpn-error" data-role="file-error" role="alert" tabindex="-1" hidden></div>
  <h3>Privacy</h3>
  <p class="cpn-privacy">This map stays in this browser. Nothing is sent anywhere.
    It is forgotten when you close the page, unless you tick the box below.
    Only tick it on your own phone or computer.</p>
  <div class="cpn-privacy-controls">
    <label class="cpn-choice"><input type="checkbox" data-role="remember"> Remember on this device</label>
    <button type="button" data-role="clear">Clear</button>
  </div>
  <p class="cpn-confirm" data-role="confirm" hidden>
    <span id="${this.id("confirm-text")}">Clear the map from this screen and from this device?</span>
    <button type="button" data-role="confirm-yes" aria-describedby="${this.id("confirm-text")}">Yes, clear it</button>
    <button type="button" data-role="confirm-no">No, keep it</button></p>
  <p class="cpn-status" data-role="storage-status"></p>
  <div class="cpn-live" aria-live="polite" aria-atomic="true" data-role="live"></div>
</section>`;
    this.bindEvents();
  }

  bindEvents() {
    const on = (role, event, handler) => {
      const node = this.q(role);
      const bound = (e) => {
        try {
          handler(e);
        } catch (error) {
          this.showFileError([`Something went wrong: ${error.message}`]);
        }
      };
      node.addEventListener(event, bound);
    };
    on("person", "input", (e) => {
      this.map = { ...this.map, person: e.target.value.slice(0, 40) };
      this.push();
      this.drawPicture();
      this.drawSummary();
      this.drawCompare();
    });
    on("date", "change", (e) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) {
        this.map = { ...this.map, date: e.target.value };
        this.push();
        this.drawAll();
      }
    });
    on("form", "submit", (e) => {
      e.preventDefault();
      this.submitForm();
    });
    on("cancel", "click", () => this.stopEditing(true));
    on("list", "click", (e) => {
      const button = e.target.closest("button[data-act]");
      if (!button) return;
      const id = button.closest("li").dataset.id;
      this.act(button.dataset.act, id);
    });
    on("picture", "click", (e) => {
      const group = e.target.closest("g.cp-entry");
      if (!group) return;
      const button = this.q("list").querySelector(`li[data-id="${CSS.escape(group.dataset.id)}"] button`);
      if (button) button.focus();
    });
    on("undo", "click", () => this.undoRemove());
    on("save", "click", () => this.download(toJson(this.map), "application/json",
      `network-map-${fileSafe(this.map.person)}-${this.map.date}.json`, "Saved the map as a file."));
    on("download-svg", "click", () => this.download(
      '<?xml version="1.0" encoding="UTF-8"?>\n' + renderSvg(this.map, { size: 640, idPrefix: "map" }),
      "image/svg+xml", `network-map-${fileSafe(this.map.person)}-${this.map.date}.svg`,
      "Downloaded the picture."));
    on("print", "click", () => this.printWorksheet());
    on("open", "change", (e) => this.openFile(e.target, "open"));
    on("compare-file", "change", (e) => this.openFile(e.target, "compare"));
    on("remap", "click", () => this.remap());
    on("stop-compare", "click", () => {
      this.compareWith = null;
      this.push();
      this.drawCompare();
      this.announce("Stopped comparing.");
      this.q("remap").focus();
    });
    on("remember", "change", (e) => {
      if (e.target.checked) {
        this.persist();
        this.announce("This map will be remembered on this device until you press Clear.");
      } else {
        this.forget();
        this.announce("This map is no longer remembered on this device.");
      }
    });
    on("clear", "click", () => {
      this.q("confirm").hidden = false;
      this.q("confirm-yes").focus();
    });
    on("confirm-no", "click", () => {
      this.q("confirm").hidden = true;
      this.q("clear").focus();
    });
    on("confirm-yes", "click", () => this.clearAll());
  }

  // ------------------------------------------------------------ state changes

  push(persist = true) {
    // Syncing to Python (and to the device, if asked) waits until the new picture has been
    // painted: the person sees the change first. Our own change events are ignored.
    this.pendingPersist = this.pendingPersist || persist;
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    afterPaint(() => this.flush());
  }

  flush() {
    if (!this.pushScheduled) return;
    this.pushScheduled = false;
    this.pushing = true;
    try {
      this.model.set("map", toDoc(this.map));
      this.model.set("compare_with", this.compareWith ? toDoc(this.compareWith) : {});
      this.model.save_changes();
    } finally {
      this.pushing = false;
    }
    if (this.pendingPersist && this.q("remember").checked) this.persist();
    this.pendingPersist = false;
  }

  nextId() {
    const used = new Set(this.map.entries.map((e) => e.id));
    if (this.compareWith) this.compareWith.entries.forEach((e) => used.add(e.id));
    let n = this.map.entries.length + 1;
    while (used.has(`e${n}`)) n += 1;
    return `e${n}`;
  }

  readForm() {
    const form = this.q("form");
    const checked = (name) => form.querySelector(`input[name="${this.id(name)}"]:checked`);
    return {
      label: this.q("label").value.trim(),
      kind: this.q("kind").value,
      circle: Number(checked("circle").value),
      contact: this.q("contact").value,
      gives: [...form.querySelectorAll(`input[name="${this.id("gives")}"]:checked`)].map((i) => i.value),
      tie: checked("tie").value,
      wish: checked("wish").value,
      note: this.q("note").value,
    };
  }

  fillForm(entry) {
    const form = this.q("form");
    const set = (name, value) => {
      form.querySelectorAll(`input[name="${this.id(name)}"]`).forEach((input) => {
        input.checked = Array.isArray(value) ? value.includes(input.value)
          : input.value === String(value);
      });
    };
    this.q("label").value = entry ? entry.label : "";
    this.q("kind").value = entry ? entry.kind : this.q("kind").value;
    set("circle", entry ? entry.circle : 2);
    this.q("contact").value = entry ? entry.contact : "weekly";
    set("gives", entry ? entry.gives : []);
    set("tie", entry ? entry.tie : "weak");
    set("wish", entry ? entry.wish : "same");
    this.q("note").value = entry ? entry.note : "";
  }

  formError(message) {
    const box = this.q("form-error");
    box.textContent = message;
    box.hidden = !message;
    if (message) this.q("label").setAttribute("aria-invalid", "true");
    else this.q("label").removeAttribute("aria-invalid");
  }

  submitForm() {
    const values = this.readForm();
    const entry = { id: this.editing || this.nextId(), ...values };
    const entries = this.editing
      ? this.map.entries.map((e) => (e.id === this.editing ? entry : e))
      : [...this.map.entries, entry];
    let map;
    try {
      // Only the new or changed entry needs checking; the rest of the map already passed.
      const [checked] = parseMap({ format: FORMAT_NAME, version: FORMAT_VERSION, person: "",
        date: this.map.date, entries: [entry] }).entries;
      if (!this.editing && this.map.entries.length >= MAX_ENTRIES) {
        throw new MapError([`The map is full: it can hold ${MAX_ENTRIES} entries.`]);
      }
      map = { ...this.map, entries: entries.map((e) => (e === entry ? checked : e)) };
    } catch (error) {
      if (!(error instanceof MapError)) throw error;
      const words = error.problems.join(" ").replace(/Entry \d+( \([^)]*\))?: /g, "");
      this.formError(values.label ? words : "Type a name first.");
      this.q("label").focus();
      return;
    }
    this.formError("");
    const wasEditing = this.editing;
    this.map = map;
    this.push();
    const where = CIRCLE_WORDS[entry.circle];
    if (wasEditing) {
      this.drawAll();
      this.stopEditing(false);
      this.announce(`Saved changes to ${entry.label}, in the ${where} circle.`);
      this.focusRow(entry.id, "edit");
      return;
    }
    // The map is redrawn at once; the list, the figures, the focus and the announcement
    // follow just after it is painted, so a big map still answers as fast as an empty one.
    this.fillForm(null);
    this.drawPicture();
    afterPaint(() => {
      this.drawList();
      this.drawSummary();
      this.drawCompare();
      this.q("label").focus();
      this.announce(`Added ${entry.label} to the ${where} circle. ` +
        `${this.map.entries.length} on the map.`);
    });
  }

  stopEditing(announce) {
    const id = this.editing;
    this.editing = null;
    this.q("form-title").textContent = "Add someone or something";
    this.q("submit").textContent = "Add to the map";
    this.q("cancel").hidden = true;
    this.fillForm(null);
    this.formError("");
    if (announce && id) {
      this.announce("Changes cancelled.");
      this.focusRow(id, "edit");
    }
  }

  act(action, id) {
    const entry = this.map.entries.find((e) => e.id === id);
    if (!entry) return;
    if (action === "edit") {
      this.editing = id;
      this.fillForm(entry);
      this.q("form-title").textContent = `Change ${entry.label}`;
      this.q("submit").textContent = "Save changes";
      this.q("cancel").hidden = false;
      this.q("more").open = true;
      this.q("label").focus();
      this.announce(`Changing ${entry.label}. The form is filled in with its details.`);
      return;
    }
    if (action === "closer" || action === "further") {
      const circle = entry.circle + (action === "closer" ? -1 : 1);
      if (circle < 1 || circle > 3) return;
      this.map = { ...this.map, entries: this.map.entries.map((e) => (e.id === id ? { ...e, circle } : e)) };
      this.push();
      this.drawAll();
      this.announce(`Moved ${entry.label} to the ${CIRCLE_WORDS[circle]} circle.`);
      const fallback = action === "closer" ? "further" : "closer";
      this.focusRow(id, (circle === 1 && action === "closer") || (circle === 3 && action === "further")
        ? fallback : action);
      return;
    }
    if (action === "remove") {
      const index = this.map.entries.findIndex((e) => e.id === id);
      const links = this.map.links;
      this.lastRemoved = { entry, index, links };
      const entries = this.map.entries.filter((e) => e.id !== id);
      this.map = {
        ...this.map,
        entries,
        links: links.filter((k) => k.from !== id && k.to !== id),
      };
      if (this.editing === id) this.stopEditing(false);
      this.push();
      this.drawAll();
      this.q("undo-text").textContent = `Removed ${entry.label}.`;
      this.q("undo").setAttribute("aria-label", `Undo removing ${entry.label}`);
      this.q("undo-row").hidden = false;
      this.announce(`Removed ${entry.label}. ${entries.length} on the map. Undo is after the list.`);
      const next = entries[Math.min(index, entries.length - 1)];
      if (next) this.focusRow(next.id, "remove");
      else this.q("label").focus();
    }
  }

  undoRemove() {
    if (!this.lastRemoved) return;
    const { entry, index, links } = this.lastRemoved;
    const entries = [...this.map.entries];
    entries.splice(index, 0, entry);
    const ids = new Set(entries.map((e) => e.id));
    this.map = { ...this.map, entries, links: links.filter((k) => ids.has(k.from) && ids.has(k.to)) };
    this.lastRemoved = null;
    this.q("undo-row").hidden = true;
    this.push();
    this.drawAll();
    this.announce(`Put ${entry.label} back on the map.`);
    this.focusRow(entry.id, "edit");
  }

  focusRow(id, action) {
    const row = this.q("list").querySelector(`li[data-id="${CSS.escape(id)}"]`);
    const button = row && (row.querySelector(`button[data-act="${action}"]:not([disabled])`) ||
      row.querySelector("button:not([disabled])"));
    if (button) button.focus();
  }

  remap() {
    const previous = this.map;
    this.compareWith = previous;
    this.map = { ...previous, date: today() };
    this.push();
    this.drawAll();
    this.announce(`Started a new map dated ${longDate(this.map.date)}, copied from the map of ` +
      `${longDate(previous.date)}. Change what is different now; the comparison updates as you go.`);
    this.q("date").focus();
  }

  clearAll() {
    this.forget();
    this.q("remember").checked = false;
    this.map = emptyMap();
    this.compareWith = null;
    this.lastRemoved = null;
    this.q("undo-row").hidden = true;
    this.stopEditing(false);
    this.push(false);
    this.drawAll();
    this.q("confirm").hidden = true;
    this.hideFileError();
    this.announce("Cleared. The map is empty and nothing is remembered on this device.");
    this.q("person").focus();
  }

  // ------------------------------------------------------------ files

  download(content, type, name, message) {
    const blob = new Blob([content], { type });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    this.root.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    this.announce(`${message} Look for ${name} in your downloads.`);
  }

  async openFile(input, purpose) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    this.hideFileError();
    if (file.size > 8 * 1024 * 1024) {
      this.showFileError([`${file.name} is too big to be a saved map.`]);
      return;
    }
    let map;
    try {
      map = loads(await file.text());
    } catch (error) {
      const problems = error instanceof MapError ? error.problems : [String(error.message || error)];
      this.showFileError(problems, file.name, purpose);
      return;
    }
    if (purpose === "open") {
      this.map = map;
      this.stopEditing(false);
      this.push();
      this.drawAll();
      this.announce(`Opened ${displayName(map.person)}'s map from ${longDate(map.date)}, with ` +
        `${map.entries.length} on it.`);
    } else {
      this.compareWith = map;
      this.push();
      this.drawAll();
      this.announce(`Comparing with the map from ${longDate(map.date)}. What changed is listed ` +
        "under the two maps.");
      const heading = this.q("compare").querySelector("h3");
      if (heading) heading.focus();
    }
  }

  showFileError(problems, name = "", purpose = "open") {
    const box = this.q("file-error");
    const what = purpose === "compare" ? "compare with" : "open";
    box.innerHTML = `<p><strong>${esc(name ? `Could not ${what} ${name}.` : "Something went wrong.")}
      Your current map has not changed.</strong></p><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>`;
    box.hidden = false;
    box.focus();
  }

  hideFileError() {
    const box = this.q("file-error");
    box.hidden = true;
    box.textContent = "";
  }

  printWorksheet() {
    // A page of its own, with its own "Print" button: on phones, printing part of a page
    // is unreliable, and the person can look at the sheet before printing it.
    const url = URL.createObjectURL(new Blob([worksheetHtml()], { type: "text/html" }));
    const opened = window.open(url, "_blank");
    if (opened) {
      this.announce("Opened a blank worksheet in a new tab. Use its Print button.");
    } else {
      this.download(worksheetHtml(), "text/html", "network-map-worksheet.html",
        "Saved a blank worksheet to print.");
    }
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ------------------------------------------------------------ device storage

  persist() {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({
        map: toDoc(this.map),
        compare_with: this.compareWith ? toDoc(this.compareWith) : null,
      }));
      this.q("storage-status").textContent = "Remembered on this device.";
    } catch {
      this.q("remember").checked = false;
      this.q("storage-status").textContent = "This browser will not let the page remember the map.";
    }
  }

  forget() {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage blocked: then nothing was stored either.
    }
    this.q("storage-status").textContent = "Nothing is remembered on this device.";
  }

  restoreRemembered() {
    let saved = null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      saved = null;
    }
    if (!saved) {
      this.q("storage-status").textContent = "Nothing is remembered on this device.";
      return;
    }
    if (this.map.entries.length) return; // a map given by Python wins
    try {
      const data = JSON.parse(saved);
      this.map = parseMap(data.map);
      this.compareWith = data.compare_with ? parseMap(data.compare_with) : null;
      this.q("remember").checked = true;
      this.q("storage-status").textContent = "Remembered on this device.";
      this.push(false);
    } catch {
      this.q("storage-status").textContent =
        "A remembered map could not be read, so it was not used. Press Clear to remove it.";
    }
  }

  // ------------------------------------------------------------ drawing

  announce(message) {
    const live = this.q("live");
    live.textContent = "";
    // A fresh text node after a tick makes screen readers read repeated messages too.
    setTimeout(() => { live.textContent = message; }, 30);
    this.q("live").dataset.last = message;
  }

  fitPicture() {
    const width = this.q("picture").clientWidth || 640;
    const size = Math.max(300, Math.min(640, Math.floor(width)));
    if (Math.abs(size - this.size) >= 16) {
      this.size = size;
      this.drawPicture();
    }
  }

  drawAll() {
    // The size comes from fitPicture (on resize), never from reading the layout here: a
    // layout read after changing the page would force the whole book page to lay out again.
    this.q("person").value = this.map.person;
    this.q("date").value = this.map.date;
    this.drawPicture();
    this.drawList();
    this.drawSummary();
    this.drawCompare();
    if (this.pendingError) {
      this.showFileError(this.pendingError.problems || [String(this.pendingError)]);
      this.pendingError = null;
    }
  }

  drawPicture() {
    const words = describe(this.map);
    const parts = renderParts(this.map, { size: this.size });
    const box = this.q("picture");
    const drawn = this.drawn;
    const svg = box.firstElementChild;
    if (!svg || !drawn || drawn.size !== parts.size || drawn.height !== parts.height) {
      box.innerHTML = assembleSvg(parts, { idPrefix: this.id("map"), title: svgTitle(this.map),
        description: words.text });
      // Sized from the drawing's own proportions, so the page around it need not be laid
      // out again when the picture changes (see .cpn-picture in the CSS).
      box.style.aspectRatio = `${parts.size} / ${parts.height}`;
      box.style.maxWidth = `${parts.size}px`;
      this.drawn = { size: parts.size, height: parts.height, frame: parts.frame,
        links: parts.links, person: parts.person, ties: new Map(parts.ties),
        entries: new Map(parts.entries) };
      return;
    }
    // Redraw only what changed: usually one entry and its tie (see the layout's slots).
    const group = (name) => svg.querySelector(`:scope > g.cp-${name}`);
    svg.querySelector(":scope > title").textContent = svgTitle(this.map);
    svg.querySelector(":scope > desc").textContent = words.text;
    for (const name of ["frame", "links", "person"]) {
      if (drawn[name] !== parts[name]) {
        group(name).innerHTML = parts[name];
        drawn[name] = parts[name];
      }
    }
    reconcile(group("ties"), parts.ties, drawn.ties, SVG_NS);
    reconcile(group("entries"), parts.entries, drawn.entries, SVG_NS);
  }

  /** The picture drawn from scratch: the browser tests check the patched one equals it. */
  freshPicture() {
    return renderSvg(this.map, { size: this.size, idPrefix: this.id("map") });
  }

  drawList() {
    const count = this.map.entries.length;
    this.q("count").textContent = count
      ? `${count} on the map. Use the buttons to change, move or remove one.`
      : "No one yet. Use the form above to add the first.";
    const order = [...this.map.entries].sort((a, b) => a.circle - b.circle);
    this.rows = this.rows || new Map();
    reconcile(this.q("list"), order.map((e) => [e.id, rowHtml(e)]), this.rows);
  }

  drawSummary() {
    const s = summarise(this.map);
    const words = describe(this.map, s);
    const names = (list) => (list.length ? esc(joinWords(list)) : "no one yet");
    const rows = [
      ["Connections on the map", s.size],
      ["Inner, middle and outer circle", s.by_circle.join(", ")],
      ["Professionals and services", s.size ? `${s.professionals} (${s.professional_percent}%)` : "0"],
      ["Kinds of connection", `${s.kinds_present} of 8`],
      ["Support covered", s.support_covered.length
        ? esc(joinWords(s.support_covered.map((g) => GIVES[g]))) : "none marked yet"],
      ["In contact weekly or more", s.regular_contact],
      ["Would like more contact with", names(s.want_more)],
    ];
    this.q("summary").innerHTML = `
<table class="cpn-figures" data-role="figures"><caption class="cpn-sr">Summary figures</caption>
<tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join("")}</tbody></table>
<h4>In plain words</h4>
<p class="cpn-type" data-role="type">The book's own map type: <strong>${esc(words.type_name)}</strong></p>
<div data-role="description">${words.sentences.map((t) => `<p>${esc(t)}</p>`).join("")}</div>`;
  }

  drawCompare() {
    const area = this.q("compare");
    this.q("stop-compare").hidden = !this.compareWith;
    if (!this.compareWith) {
      area.innerHTML = "";
      return;
    }
    const result = compare(this.compareWith, this.map);
    const [before, after] = this.compareWith.date <= this.map.date
      ? [this.compareWith, this.map] : [this.map, this.compareWith];
    const size = Math.max(300, Math.min(480, this.size));
    const [left, right] = renderPair(before, after, result, { size, idPrefix: this.id("pair") });
    area.innerHTML = `
<h3 tabindex="-1">What changed since ${esc(longDate(result.before_date))}</h3>
<div class="cpn-pair">
  <div><p><strong>Before: ${esc(longDate(before.date))}</strong></p>${left}</div>
  <div><p><strong>After: ${esc(longDate(after.date))}</strong></p>${right}</div>
</div>
<ul data-role="changes">${result.sentences.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>
<table class="cpn-figures"><caption class="cpn-sr">Figures before and after</caption>
<thead><tr><th scope="col">Figure</th><th scope="col">${esc(longDate(result.before_date))}</th>
<th scope="col">${esc(longDate(result.after_date))}</th></tr></thead>
<tbody>${result.figures.map((f) => `<tr><th scope="row">${esc(f.name)}</th><td>${f.before}</td>` +
  `<td>${f.after}</td></tr>`).join("")}</tbody></table>`;
  }

  destroy() {
    this.disposers.forEach((dispose) => dispose());
  }
}

/** A printable page: three empty circles with the kinds around them, for mapping on paper. */
export function worksheetHtml() {
  const counts = Object.fromEntries(Object.keys(KINDS).map((k) => [k, 1]));
  const svg = renderSvg(emptyMap(""), {
    size: 640,
    basis: counts,
    idPrefix: "worksheet",
    title: "Blank network map worksheet",
    description: "Three empty circles around the word Me, with the kinds of connection around the edge.",
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My network map</title>
<style>body{font-family:system-ui,Arial,sans-serif;margin:1.5cm;color:#1b1b1b}
.line{display:inline-block;border-bottom:1px solid #1b1b1b;min-width:6cm;margin-right:1cm}
svg{max-width:17cm} button{font:inherit;padding:.5em 1em}
@media print{.no-print{display:none}}</style></head><body><h1>My network map</h1>
<p class="no-print"><button type="button" onclick="window.print()">Print</button></p>
<p>Name: <span class="line">&nbsp;</span> Date: <span class="line">&nbsp;</span></p>
<p>Write each person, group, place or service in a circle: the closer they feel, the nearer the
middle. Draw a solid line for a strong tie, a dashed line for a weak one, and a zig-zag for a
stressful one.</p>${svg}</body></html>`;
}

function render({ model, el }) {
  const view = new MapView(model, el);
  el.cpnView = view; // for the browser tests and the benchmark
  return () => view.destroy();
}

export default { render };
