// The network-map exercise in the browser: draw a person's map together, keep
// it private, save and reopen it, and compare two dated maps.
//
// Why it is built this way: on the book's static page there is no kernel, so
// everything a person does happens here, with the rules in rules.js and the
// drawing in draw.js. This file holds the map's state and ties the parts
// together; each part has its own module (form.js, list.js, files.js,
// compare.js, drawing.js). Nothing is sent anywhere. Nothing is stored on the
// device unless the person ticks "Remember on this device"; "Clear" removes
// it. In Jupyter and Voila the map is also synced to Python through the "map"
// and "compare_with" traits.
//
// Two voices: "worker" (practice guidance, training) and "person" (the
// service user's guide), which says "you" and "your map" and names no map type.
//
// Every control is a real, labelled form control reachable by keyboard; every
// change is announced in a polite live region; user text is escaped (esc) or
// set as textContent, never parsed as HTML.

import { h } from "../common/dom.js";
import {
  FORMAT_NAME,
  FORMAT_VERSION,
  GIVES,
  MAX_ENTRIES,
  MapError,
  NETWORK_TYPES,
  describe,
  displayName,
  emptyMapDoc,
  joinWords,
  longDate,
  newMapId,
  parseMap,
  summarise,
  toJson,
} from "./rules.js";
import { esc, svgTitle } from "./draw.js";
import { Picture } from "./drawing.js";
import { drawLinks, fillForm, formMarkup, readForm } from "./form.js";
import { CIRCLE_WORDS, EntryList } from "./list.js";
import { comparisonMarkup } from "./compare.js";
import {
  downloadBlob,
  forgetOnDevice,
  mapFileName,
  pngBlob,
  printMap,
  readMapFile,
  readRemembered,
  rememberOnDevice,
  withMapId,
  worksheetHtml,
} from "./files.js";

let instances = 0;

export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const toDoc = (map) => JSON.parse(toJson(map));

/** Run `task` just after the browser's next paint. */
function afterPaint(task) {
  requestAnimationFrame(() => setTimeout(task, 0));
}

/** Run `task` once the page is idle (soon after the next paint at the latest). */
function whenIdle(task) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: 500 });
  else afterPaint(task);
}

class MapView {
  constructor(model, root) {
    this.model = model;
    this.root = root;
    this.voice = model.get("voice") === "person" ? "person" : "worker";
    this.p = `cpn${(instances += 1)}-${Math.random().toString(36).slice(2, 7)}`;
    this.editing = null;
    this.lastRemoved = null;
    this.disposers = [];
    this.map = this.readTrait("map") || emptyMapDoc(today(), newMapId());
    this.compareWith = this.readTrait("compare_with");
    this.build();
    this.restoreRemembered();
    if (!this.map.entries.length && (this.map.date !== today() || !this.map.id)) {
      // A page saved at build time carries the build's date and id; a new map is made today,
      // with an id of its own, so no two people's saved maps share a name.
      this.map = { ...this.map, date: today(), id: newMapId() };
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
      const observer = new ResizeObserver(() => {
        if (this.picture.fit()) this.drawPicture();
      });
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

  words() {
    const you = this.voice === "person";
    return {
      name: you ? "Your name, or any name you like"
        : "The person's first name, or a name they choose",
      list: you ? "On your map" : "On the map",
      shows: you ? "What your map shows" : "What the map shows",
    };
  }

  build() {
    const words = this.words();
    const id = (name) => this.id(name);
    this.root.innerHTML = `
<section class="cpn" aria-label="Network map exercise">
  <p class="cpn-print-only" data-role="print-title"></p>
  <div class="cpn-top">
    <div class="cpn-field"><label for="${id("person")}">${words.name}</label>
      <input id="${id("person")}" data-role="person" maxlength="40" autocomplete="off"></div>
    <div class="cpn-field"><label for="${id("date")}">Date of this map</label>
      <input id="${id("date")}" data-role="date" type="date" required></div>
  </div>
  <div class="cpn-picture" data-role="picture"></div>
  ${formMarkup(id, this.voice)}
  <h3 id="${id("list-title")}">${words.list}</h3>
  <p data-role="count"></p>
  <ul class="cpn-list" data-role="list" aria-labelledby="${id("list-title")}"></ul>
  <p class="cpn-undo" data-role="undo-row" hidden><span data-role="undo-text"></span>
    <button type="button" data-role="undo">Undo</button></p>
  <h3>${words.shows}</h3>
  <div data-role="summary"></div>
  <div data-role="compare"></div>
  <h3 class="cpn-print-hide">Save, open and print</h3>
  <div class="cpn-actions">
    <button type="button" data-role="save">Save map file</button>
    <label class="cpn-file">Open a saved map<input type="file" accept=".json,application/json"
      data-role="open"></label>
    <button type="button" data-role="download-svg">Download picture (SVG)</button>
    <button type="button" data-role="download-png">Download picture (PNG)</button>
    <button type="button" data-role="print-map">Print this map</button>
    <button type="button" data-role="print">Print blank worksheet</button>
    <button type="button" data-role="remap">Start a new dated map from this one</button>
    <label class="cpn-file">Compare with a saved map<input type="file" accept=".json,application/json"
      data-role="compare-file"></label>
    <button type="button" data-role="stop-compare" hidden>Stop comparing</button>
  </div>
  <div class="cpn-error" data-role="file-error" role="alert" tabindex="-1" hidden></div>
  <h3 class="cpn-print-hide">Privacy</h3>
  <p class="cpn-privacy">This map stays in this browser. Nothing is sent anywhere.
    It is forgotten when you close the page, unless you tick the box below.
    Only tick it on your own phone or computer.</p>
  <div class="cpn-privacy-controls">
    <label class="cpn-choice"><input type="checkbox" data-role="remember"> Remember on this device</label>
    <button type="button" data-role="clear">Clear</button>
  </div>
  <p class="cpn-confirm" data-role="confirm" hidden>
    <span id="${id("confirm-text")}">Clear the map from this screen and from this device?</span>
    <button type="button" data-role="confirm-yes" aria-describedby="${id("confirm-text")}">Yes, clear it</button>
    <button type="button" data-role="confirm-no">No, keep it</button></p>
  <p class="cpn-status" data-role="storage-status"></p>
  <div class="cpn-live" aria-live="polite" aria-atomic="true" data-role="live"></div>
</section>`;
    this.picture = new Picture(this.q("picture"), this.id("map"));
    this.list = new EntryList(this.q("list"), this.q("count"));
    this.bindEvents();
  }

  bindEvents() {
    const on = (role, event, handler) => {
      this.q(role).addEventListener(event, (e) => {
        try {
          const result = handler(e);
          if (result && typeof result.catch === "function") {
            result.catch((error) => this.showFileError([`Something went wrong: ${error.message}`]));
          }
        } catch (error) {
          this.showFileError([`Something went wrong: ${error.message}`]);
        }
      });
    };
    on("person", "input", (e) => {
      this.map = { ...this.map, person: e.target.value.slice(0, 40) };
      this.push();
      this.drawPicture();
      this.drawSummary();
      this.drawCompare();
      this.drawPrintTitle();
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
    on("suggest", "change", (e) => {
      this.q("suggestion").hidden = !e.target.checked;
      if (e.target.checked && !this.q("suggested").value) this.q("suggested").value = today();
    });
    on("link-button", "click", () => this.addLink(this.q("link-target").value));
    on("links", "click", (e) => {
      const button = e.target.closest("button[data-link]");
      if (button) this.removeLink(button.dataset.link);
    });
    on("cancel", "click", () => this.stopEditing(true));
    on("list", "click", (e) => {
      const button = e.target.closest("button[data-act]");
      if (!button) return;
      this.act(button.dataset.act, button.closest("li").dataset.id);
    });
    on("picture", "click", (e) => {
      const group = e.target.closest("g.cp-entry");
      if (group) this.list.focus(group.dataset.id, "edit");
    });
    on("undo", "click", () => this.undoRemove());
    on("save", "click", () => {
      this.ensureMapId();
      const name = mapFileName(this.map, "json");
      downloadBlob(this.root, new Blob([toJson(this.map)], { type: "application/json" }), name);
      this.announce(`Saved the map as a file. Look for ${name} in your downloads.`);
    });
    on("download-svg", "click", () => {
      this.ensureMapId();
      const name = mapFileName(this.map, "svg");
      const svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + this.picture.fresh(this.map, {
        title: svgTitle(this.map, this.voice), description: this.description().text });
      downloadBlob(this.root, new Blob([svg], { type: "image/svg+xml" }), name);
      this.announce(`Downloaded the picture. Look for ${name} in your downloads.`);
    });
    on("download-png", "click", async () => {
      this.ensureMapId();
      const name = mapFileName(this.map, "png");
      const drawn = this.picture.drawn;
      const svg = this.picture.fresh(this.map, { title: svgTitle(this.map, this.voice),
        description: this.description().text });
      const blob = await pngBlob(svg, drawn.size, drawn.height);
      downloadBlob(this.root, blob, name);
      this.announce(`Downloaded the picture. Look for ${name} in your downloads.`);
    });
    on("print-map", "click", () => {
      this.drawPrintTitle();
      printMap(this.root);
    });
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
    // Copying a big map to Python (or to the device) must not hold up the next paint.
    whenIdle(() => this.flush());
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

  /** A map from a file made before version 2 gets its own id when first saved. */
  ensureMapId() {
    if (this.map.id) return;
    this.map = withMapId(this.map);
    this.push();
  }

  nextId() {
    const used = new Set(this.map.entries.map((e) => e.id));
    if (this.compareWith) this.compareWith.entries.forEach((e) => used.add(e.id));
    let n = this.map.entries.length + 1;
    while (used.has(`e${n}`)) n += 1;
    return `e${n}`;
  }

  formError(message) {
    const box = this.q("form-error");
    box.textContent = message;
    box.hidden = !message;
    if (message) this.q("label").setAttribute("aria-invalid", "true");
    else this.q("label").removeAttribute("aria-invalid");
  }

  submitForm() {
    const values = readForm(this.q("form"), (name) => this.id(name), today());
    // Answers saved through the form are the person's own now, so the earlier-version mark goes.
    const entry = { id: this.editing || this.nextId(), ...values };
    let checked;
    try {
      // Only the new or changed entry needs checking; the rest of the map already passed.
      [checked] = parseMap({ format: FORMAT_NAME, version: FORMAT_VERSION, person: "",
        date: this.map.date, entries: [entry] }).entries;
      if (!this.editing && this.map.entries.length >= MAX_ENTRIES) {
        throw new MapError([`The map is full: it can hold ${MAX_ENTRIES} entries.`]);
      }
    } catch (error) {
      if (!(error instanceof MapError)) throw error;
      const words = error.problems.join(" ").replace(/Entry \d+( \([^)]*\))?: /g, "");
      this.formError(values.label ? words : "Type a name first.");
      this.q("label").focus();
      return;
    }
    this.formError("");
    const wasEditing = this.editing;
    const entries = wasEditing
      ? this.map.entries.map((e) => (e.id === wasEditing ? checked : e))
      : [...this.map.entries, checked];
    this.map = { ...this.map, entries };
    this.push();
    const where = CIRCLE_WORDS[checked.circle];
    if (wasEditing) {
      this.drawAll();
      this.stopEditing(false);
      this.announce(`Saved changes to ${checked.label}, in the ${where} circle.`);
      this.list.focus(checked.id, "edit");
      return;
    }
    // The map is redrawn at once; the list, the figures, the focus and the announcement
    // follow just after it is painted, so a big map still answers as fast as an empty one.
    fillForm(this.q("form"), (name) => this.id(name), null, today());
    this.drawPicture();
    afterPaint(() => {
      this.drawList();
      this.drawSummary();
      this.drawCompare();
      this.q("label").focus();
      this.announce(`Added ${checked.label} to the ${where} circle. ` +
        `${this.map.entries.length} on the map.`);
    });
  }

  stopEditing(announce) {
    const id = this.editing;
    this.editing = null;
    this.q("form-title").textContent = "Add someone or something";
    this.q("submit").textContent = "Add to the map";
    this.q("cancel").hidden = true;
    fillForm(this.q("form"), (name) => this.id(name), null, today());
    drawLinks(this.q("form"), this.map, null);
    this.formError("");
    if (announce && id) {
      this.announce("Changes cancelled.");
      this.list.focus(id, "edit");
    }
  }

  addLink(other) {
    const id = this.editing;
    if (!id || !other) return;
    const names = new Map(this.map.entries.map((e) => [e.id, e.label]));
    this.map = { ...this.map, links: [...this.map.links, { from: id, to: other }] };
    this.push();
    this.drawPicture();
    drawLinks(this.q("form"), this.map, id);
    this.announce(`Linked ${names.get(id)} and ${names.get(other)}: they know each other.`);
    this.q("link-target").focus();
  }

  removeLink(other) {
    const id = this.editing;
    if (!id) return;
    const names = new Map(this.map.entries.map((e) => [e.id, e.label]));
    this.map = { ...this.map, links: this.map.links.filter((k) =>
      !((k.from === id && k.to === other) || (k.from === other && k.to === id))) };
    this.push();
    this.drawPicture();
    drawLinks(this.q("form"), this.map, id);
    this.announce(`Removed the link between ${names.get(id)} and ${names.get(other)}.`);
    this.q("link-target").focus();
  }

  act(action, id) {
    const entry = this.map.entries.find((e) => e.id === id);
    if (!entry) return;
    if (action === "edit") {
      this.editing = id;
      fillForm(this.q("form"), (name) => this.id(name), entry, today());
      drawLinks(this.q("form"), this.map, id);
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
      this.list.focus(id, (circle === 1 && action === "closer") || (circle === 3 && action === "further")
        ? fallback : action);
      return;
    }
    if (action === "remove") {
      const index = this.map.entries.findIndex((e) => e.id === id);
      const links = this.map.links;
      this.lastRemoved = { entry, index, links };
      const entries = this.map.entries.filter((e) => e.id !== id);
      this.map = { ...this.map, entries, links: links.filter((k) => k.from !== id && k.to !== id) };
      if (this.editing === id) this.stopEditing(false);
      this.push();
      // As with adding: the map first; the list, figures, focus and announcement follow
      // just after it is painted, so removing from a big map answers as fast as a small one.
      this.drawPicture();
      const removed = this.map;
      afterPaint(() => {
        this.drawList();
        this.drawSummary();
        this.drawCompare();
        if (this.map !== removed) return; // changed again meanwhile: that change says so
        this.q("undo-text").textContent = `Removed ${entry.label}.`;
        this.q("undo").setAttribute("aria-label", `Undo removing ${entry.label}`);
        this.q("undo-row").hidden = false;
        this.announce(`Removed ${entry.label}. ${entries.length} on the map. ` +
          "Undo is after the list.");
        const next = entries[Math.min(index, entries.length - 1)];
        if (next) this.list.focus(next.id, "remove");
        else this.q("label").focus();
      });
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
    this.list.focus(entry.id, "edit");
  }

  remap() {
    const previous = withMapId(this.map);
    this.compareWith = previous;
    // The same map id: a re-map is the same person's map on a new date.
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
    this.map = emptyMapDoc(today(), newMapId());
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

  async openFile(input, purpose) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    this.hideFileError();
    let map;
    try {
      map = await readMapFile(file);
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
      const owner = this.voice === "person" ? "your" : `${displayName(map.person)}'s`;
      this.announce(`Opened ${owner} map from ${longDate(map.date)}, with ` +
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
    box.replaceChildren(
      h("p", {}, h("strong", {}, `${name ? `Could not ${what} ${name}.` : "Something went wrong."} ` +
        "Your current map has not changed.")),
      h("ul", {}, problems.map((problem) => h("li", {}, problem))));
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
      downloadBlob(this.root, new Blob([worksheetHtml()], { type: "text/html" }),
        "network-map-worksheet.html");
      this.announce("Saved a blank worksheet to print.");
    }
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ------------------------------------------------------------ device storage

  persist() {
    try {
      rememberOnDevice(this.map, this.compareWith, toDoc);
      this.q("storage-status").textContent = "Remembered on this device.";
    } catch {
      this.q("remember").checked = false;
      this.q("storage-status").textContent = "This browser will not let the page remember the map.";
    }
  }

  forget() {
    forgetOnDevice();
    this.q("storage-status").textContent = "Nothing is remembered on this device.";
  }

  restoreRemembered() {
    let saved;
    try {
      saved = readRemembered();
    } catch {
      this.q("storage-status").textContent =
        "A remembered map could not be read, so it was not used. Press Clear to remove it.";
      return;
    }
    if (!saved) {
      this.q("storage-status").textContent = "Nothing is remembered on this device.";
      return;
    }
    if (this.map.entries.length) return; // a map given by Python wins
    this.map = saved.map;
    this.compareWith = saved.compareWith;
    this.q("remember").checked = true;
    this.q("storage-status").textContent = "Remembered on this device.";
    this.push(false);
  }

  // ------------------------------------------------------------ drawing

  announce(message) {
    const live = this.q("live");
    live.textContent = "";
    // A fresh text node after a tick makes screen readers read repeated messages too.
    setTimeout(() => { live.textContent = message; }, 30);
    live.dataset.last = message;
  }

  description(summary = null) {
    return describe(this.map, summary, this.voice);
  }

  drawAll() {
    // The size comes from the resize observer, never from reading the layout here: a
    // layout read after changing the page would force the whole book page to lay out again.
    if (this.q("person").value !== this.map.person) this.q("person").value = this.map.person;
    if (this.q("date").value !== this.map.date) this.q("date").value = this.map.date;
    this.drawPicture();
    this.drawList();
    this.drawSummary();
    this.drawCompare();
    this.drawPrintTitle();
    if (this.pendingError) {
      this.showFileError(this.pendingError.problems || [String(this.pendingError)]);
      this.pendingError = null;
    }
  }

  drawPrintTitle() {
    const owner = this.voice === "person" ? "Your" : `${displayName(this.map.person)}'s`;
    const title = `${owner} network map, ${longDate(this.map.date)}`;
    const node = this.q("print-title");
    if (node.textContent !== title) node.textContent = title; // no change, no relayout
  }

  drawPicture() {
    this.picture.draw(this.map, { title: svgTitle(this.map, this.voice),
      description: this.description().text });
  }

  /** The picture drawn from scratch: the browser tests check the patched one equals it. */
  freshPicture() {
    return this.picture.fresh(this.map, { title: svgTitle(this.map, this.voice),
      description: this.description().text });
  }

  drawList() {
    this.list.draw(this.map);
  }

  drawSummary() {
    const s = summarise(this.map);
    const words = this.description(s);
    const names = (list) => (list.length ? esc(joinWords(list)) : "no one yet");
    const asked = s.answered.contact;
    const rows = [
      ["Connections on the map", s.size],
      ["Inner, middle and outer circle", s.by_circle.join(", ")],
      ["Professionals and services", s.size ? `${s.professionals} (${s.professional_percent}%)` : "0"],
      ["Kinds of connection", `${s.kinds_present} of 8`],
      ["Support covered", s.support_covered.length
        ? esc(joinWords(s.support_covered.map((g) => GIVES[g]))) : "none marked yet"],
      // Only answers given count: a skipped "how often" is not "every day".
      ["In contact weekly or more", asked
        ? `${s.regular_contact} (of the ${asked} with an answer)` : "not answered yet"],
      ["Would like more contact with", names(s.want_more)],
    ];
    if (s.suggestions) {
      rows.push(["Things suggested to try", `${s.suggestions} (${s.suggestions_tried} tried)`]);
    }
    let type = "";
    if (this.voice === "worker") {
      // The rule is stated where the type is named, so no one reads more into it.
      type = `<p class="cpn-type" data-role="type">The book's own map type: ` +
        `<strong>${esc(words.type_name)}</strong></p>` +
        `<p class="cpn-hint" data-role="type-rule">${esc(NETWORK_TYPES.unnamed[1])} ` +
        "Services are not counted, and the type describes the map, not the person.</p>";
    }
    const markup = `
<table class="cpn-figures" data-role="figures"><caption class="cpn-sr">Summary figures</caption>
<tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join("")}</tbody></table>
<h4>In plain words</h4>
${type}
<div data-role="description">${words.sentences.map((t) => `<p>${esc(t)}</p>`).join("")}</div>`;
    if (markup !== this.summaryMarkup) {
      this.q("summary").innerHTML = markup;
      this.summaryMarkup = markup;
    }
  }

  drawCompare() {
    this.q("stop-compare").hidden = !this.compareWith;
    const markup = comparisonMarkup(this.compareWith, this.map, {
      size: this.picture.size, idPrefix: this.id("pair"), voice: this.voice });
    if (markup !== this.compareMarkup) {
      this.q("compare").innerHTML = markup;
      this.compareMarkup = markup;
    }
  }

  destroy() {
    this.disposers.forEach((dispose) => dispose());
  }
}

function render({ model, el }) {
  const view = new MapView(model, el);
  el.cpnView = view; // for the browser tests and the benchmark
  return () => view.destroy();
}

export default { render };
