// The form: "About this audit" and every checklist item as a radio group
// with its evidence and an optional note.
//
// Why it exists: the form only reads and writes the audit state and says when
// something changed; it never scores. Scores and the report are other modules.

import { h } from "../common/dom.js";
import { textProblem } from "./scoring.js";
import { CANNOT } from "./audit_state.js";

const ABOUT_FIELDS = [
  // [field, label, hint, make]
  ["team-name", "Team name", null, () => h("input", { type: "text", maxlength: 120, autocomplete: "off" })],
  ["trust", "NHS Trust or organisation", null, () => h("input", { type: "text", maxlength: 120, autocomplete: "off" })],
  ["service", "Service", "For example: Adult community mental health, North locality.",
    () => h("input", { type: "text", maxlength: 120, autocomplete: "off" })],
  ["date", "Date of the audit", null, () => h("input", { type: "date", required: true })],
  ["participants", "Who took part", "One role or name a line, for example: team manager, two workers, a service user member.",
    () => h("textarea", { rows: 3 })],
  ["notes", "Notes", null, () => h("textarea", { rows: 3, maxlength: 4000 })],
];

// The "About this audit" fieldset. onChange() runs after every keystroke.
export function aboutForm({ uid, onChange }) {
  const inputs = {};
  const fieldset = h("fieldset", { class: "cp-audit-about" }, h("legend", { text: "About this audit" }));
  for (const [key, labelText, hint, make] of ABOUT_FIELDS) {
    const input = make();
    const id = `${uid}-${key}`;
    input.id = id;
    input.dataset.field = key;
    if (hint) input.setAttribute("aria-describedby", `${id}-hint`);
    inputs[key] = input;
    fieldset.append(h("div", { class: "cp-field" },
      h("label", { for: id, text: labelText }),
      hint ? h("span", { class: "cp-hint", id: `${id}-hint`, text: hint }) : null,
      input));
  }
  const problemsBox = h("div", { class: "cp-audit-problems", role: "alert", "aria-atomic": "true" });
  fieldset.append(problemsBox);

  const read = (state) => {
    state.team = { name: inputs["team-name"].value, trust: inputs.trust.value, service: inputs.service.value };
    state.date = inputs.date.value;
    state.participants = inputs.participants.value.split("\n").map((p) => p.trim()).filter((p) => p);
    state.notes = inputs.notes.value;
  };
  const write = (state, locked) => {
    inputs["team-name"].value = state.team.name;
    inputs.trust.value = state.team.trust;
    inputs.service.value = state.team.service;
    inputs.date.value = state.date;
    inputs.participants.value = state.participants.join("\n");
    inputs.notes.value = state.notes;
    for (const key of ["team-name", "trust", "service"]) inputs[key].readOnly = !!locked;
  };
  // Problems with what was typed, shown under the fields. The alert is
  // rewritten only when the problems change, so it is not re-read on every key.
  let shown = "";
  const check = (state) => {
    const problems = [];
    const add = (value, where, kind, multi) => {
      const reason = textProblem(value, kind, multi);
      if (reason) problems.push(`${where} ${reason}.`);
    };
    add(state.team.name, "The team name", "name", false);
    add(state.team.trust, "The Trust", "name", false);
    add(state.team.service, "The service", "name", false);
    state.participants.forEach((p, i) => add(p, `Person ${i + 1} who took part`, "name", false));
    add(state.notes, "The notes", "notes", true);
    if (problems.join("\n") !== shown) {
      shown = problems.join("\n");
      problemsBox.replaceChildren(...problems.map((p) => h("p", { text: p })));
    }
    return problems;
  };
  for (const input of Object.values(inputs)) input.addEventListener("input", onChange);
  return { element: fieldset, read, write, check };
}

// Every item of the checklist, grouped by domain. onAnswer(itemId, value)
// gets a score 1-5 or null for "cannot rate"; onNote(itemId, text) a note.
export function itemsForm({ uid, checklist, onAnswer, onNote }) {
  const evidenceById = Object.fromEntries(checklist.evidence_sources.map((e) => [e.id, e]));
  const radios = {}; // item id -> {value: input}
  const noteAreas = {};
  const box = h("div", { class: "cp-audit-items" });
  let number = 0;
  for (const domain of checklist.domains) {
    // The heading, its description and the first item are one block, so a
    // printed page never ends with a domain heading alone (self_audit.css).
    const start = h("div", { class: "cp-domain-start" },
      h("h3", { id: `${uid}-d-${domain.id}`, text: domain.label }),
      h("p", { class: "cp-hint", text: domain.description }));
    const section = h("section", { class: "cp-audit-domain", "aria-labelledby": `${uid}-d-${domain.id}` }, start);
    for (const item of checklist.items.filter((i) => i.domain === domain.id)) {
      number += 1;
      const group = itemGroup(uid, item, number, evidenceById, radios, noteAreas, onAnswer, onNote);
      (start.childElementCount === 2 ? start : section).append(group);
    }
    box.append(section);
  }
  const write = (state) => {
    for (const item of checklist.items) {
      const answer = state.answers[item.id];
      for (const [value, input] of Object.entries(radios[item.id])) {
        input.checked = answer === undefined ? false : (answer === null ? value === CANNOT : value === String(answer));
      }
      noteAreas[item.id].value = state.item_notes[item.id] || "";
    }
  };
  return { element: box, write };
}

function itemGroup(uid, item, number, evidenceById, radios, noteAreas, onAnswer, onNote) {
  const name = `${uid}-${item.id}`;
  const options = h("div", { class: "cp-options" });
  radios[item.id] = {};
  const choices = [1, 2, 3, 4, 5].map((score) => [String(score), String(score), item.anchors[String(score)]]);
  choices.push([CANNOT, "Cannot rate", "No evidence to rate this item."]);
  for (const [value, short, anchor] of choices) {
    const id = `${name}-${value}`;
    const input = h("input", { type: "radio", name, id, value });
    input.addEventListener("change", () => onAnswer(item.id, value === CANNOT ? null : Number(value)));
    radios[item.id][value] = input;
    options.append(h("label", { for: id, class: `cp-option cp-option-${value}` },
      input,
      h("span", { class: "cp-option-score", text: short }),
      h("span", { class: "cp-option-anchor", text: anchor })));
  }
  const evidence = item.evidence.map((e) => evidenceById[e].label).join("; ");
  const note = h("textarea", { rows: 2, maxlength: 1000, id: `${name}-note` });
  note.addEventListener("input", () => onNote(item.id, note.value));
  noteAreas[item.id] = note;
  return h("fieldset", { class: "cp-item", id: `${name}-box`, "data-item": item.id },
    h("legend", {}, h("span", { class: "cp-item-number", text: `${number}. ` }), item.question),
    h("p", { class: "cp-evidence", text: `Evidence: ${evidence}.` }),
    options,
    h("details", { class: "cp-item-note" },
      h("summary", { text: "Add a note on the evidence (optional)" }),
      h("label", { for: `${name}-note`, class: "cp-hint", text: `What evidence did you use for item ${number}?` }),
      note));
}
