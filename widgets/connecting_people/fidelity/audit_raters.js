// Two raters on the static page: open both raters' saved files, talk through
// each item they score 2 or more apart (both scores and both evidence notes
// side by side), agree a score, and download the agreed audit.
//
// Why it exists: the rules are in raters.js (the same as raters.py); this is
// only the view. It is a step-by-step guide so that a team, or one person
// using a keyboard or a screen reader, is never lost: one item at a time,
// focus moves to the next item's heading, and a live region says how many
// items are agreed. The two original files are only read, never changed.

import { h } from "../common/dom.js";
import { auditDocument, parseAuditText, validateAuditDocument } from "./scoring.js";
import { agreeRaters, compareRaters } from "./raters.js";
import { CANNOT, slug } from "./audit_state.js";
import { saveText } from "./audit_download.js";
import { sizeProblem } from "./audit_files.js";

const scoreText = (value) => (value === null || value === undefined ? "Cannot rate" : String(value));

// on: {useAgreed(audit)} puts the agreed audit into the form.
export function auditRaters({ uid, checklist, on }) {
  const itemsById = Object.fromEntries(checklist.items.map((item) => [item.id, item]));
  const numberOf = Object.fromEntries(checklist.items.map((item, i) => [item.id, i + 1]));
  const raters = [0, 1].map((i) => {
    const which = i === 0 ? "first" : "second";
    const input = h("input", { type: "file", accept: ".json,application/json", id: `${uid}-rater${i}-file`, class: "cp-file-input" });
    const name = h("input", { type: "text", maxlength: 120, autocomplete: "off", id: `${uid}-rater${i}-name` });
    const field = h("div", { class: "cp-rater" },
      h("div", { class: "cp-field" }, h("label", { for: input.id, text: `The ${which} rater's saved audit` }), input),
      h("div", { class: "cp-field" }, h("label", { for: name.id, text: `The ${which} rater's name` }), name));
    return { input, name, field, audit: null };
  });
  const problems = h("div", { class: "cp-audit-problems", role: "alert", "aria-atomic": "true" });
  const agreement = h("p", { class: "cp-raters-agreement" });
  const spoken = h("p", { class: "cp-raters-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const stepBox = h("div", { class: "cp-raters-step" });
  const doneBox = h("div", { class: "cp-raters-done" });
  const element = h("section", { class: "cp-audit-raters", "aria-labelledby": `${uid}-raters` },
    h("h3", { id: `${uid}-raters`, text: "Two raters: compare and agree" }),
    h("p", { class: "cp-hint", text: "Each rater fills in the audit on their own copy of this page and saves a file. Open both files here. The page shows every item where the two scores are 2 or more apart, with both raters' evidence notes, one at a time, so that you can agree a score. The two original files are not changed." }),
    h("div", { class: "cp-raters-files" }, raters.map((r) => r.field)),
    problems, agreement, spoken, stepBox, doneBox);

  let comparison = null;
  let decisions = {};
  let step = 0;

  const showProblems = (intro, list) => problems.replaceChildren(h("p", { text: intro }), h("ul", {}, ...list.map((p) => h("li", { text: p }))));
  const namesOf = () => raters.map((r, i) => r.name.value.trim() || (i === 0 ? "First rater" : "Second rater"));
  const agreedCount = () => comparison.to_discuss.filter((d) => Object.prototype.hasOwnProperty.call(decisions, d.item_id)).length;
  const say = () => {
    const total = comparison.to_discuss.length;
    spoken.textContent = `${agreedCount()} of ${total} item${total === 1 ? "" : "s"} agreed.`;
  };

  function start() {
    problems.replaceChildren();
    stepBox.replaceChildren();
    doneBox.replaceChildren();
    agreement.textContent = "";
    spoken.textContent = "";
    comparison = null;
    const [first, second] = raters.map((r) => r.audit);
    if (!first || !second) return;
    const compared = compareRaters(checklist, first, second);
    if (compared.problems.length) {
      showProblems("These two audits cannot be compared:", compared.problems);
      return;
    }
    comparison = compared;
    decisions = {};
    step = 0;
    agreement.textContent = comparison.sentence;
    if (!comparison.to_discuss.length) {
      spoken.textContent = "No item is 2 or more points apart, so there is nothing to talk through.";
      showDone(false);
    } else {
      say();
      showStep(false);
    }
  }

  function showStep(moveFocus) {
    const diff = comparison.to_discuss[step];
    const item = itemsById[diff.item_id];
    const [firstName, secondName] = namesOf();
    const headingId = `${uid}-raters-step`;
    const heading = h("h4", { id: headingId, tabindex: "-1", class: "cp-raters-heading" },
      `Item ${step + 1} of ${comparison.to_discuss.length} to agree: ${numberOf[item.id]}. ${item.title}`);
    const side = (name, score, note) => h("div", { class: "cp-raters-side" },
      h("h5", { text: `${name}: ${scoreText(score)}` }),
      h("p", { class: "cp-hint", text: score === null ? "" : item.anchors[String(score)] }),
      h("p", { class: "cp-raters-note", text: note ? `Evidence: ${note}` : "No evidence note." }));
    const name = `${uid}-agree-${item.id}`;
    const choices = ["1", "2", "3", "4", "5", CANNOT].map((value) => {
      const id = `${name}-${value}`;
      const chosen = Object.prototype.hasOwnProperty.call(decisions, item.id)
        && scoreText(decisions[item.id]) === (value === CANNOT ? "Cannot rate" : value);
      return h("label", { for: id, class: `cp-option cp-option-${value}` },
        h("input", { type: "radio", name, id, value, checked: chosen }),
        h("span", { class: "cp-option-score", text: value === CANNOT ? "Cannot rate" : value }),
        h("span", { class: "cp-option-anchor", text: value === CANNOT ? "No evidence to rate this item." : item.anchors[value] }));
    });
    const group = h("fieldset", { class: "cp-raters-choice" },
      h("legend", { text: `Agreed score for item ${numberOf[item.id]}` }), h("div", { class: "cp-options" }, choices));
    const stepProblem = h("p", { class: "cp-audit-problems", role: "alert" });
    const agreeButton = h("button", { type: "button", class: "cp-button cp-raters-agree",
      text: step + 1 < comparison.to_discuss.length ? "Agree this score and go to the next item" : "Agree this score and finish" });
    const backButton = h("button", { type: "button", class: "cp-button cp-secondary cp-raters-back", text: "Back to the previous item" });
    backButton.hidden = step === 0;
    agreeButton.addEventListener("click", () => {
      const picked = group.querySelector("input:checked");
      if (!picked) {
        stepProblem.textContent = "Choose the score you agree on first, or \"Cannot rate\".";
        group.querySelector("input").focus();
        return;
      }
      decisions[item.id] = picked.value === CANNOT ? null : Number(picked.value);
      say();
      const next = comparison.to_discuss.findIndex((d) => !Object.prototype.hasOwnProperty.call(decisions, d.item_id));
      if (next === -1) showDone(true);
      else { step = next; showStep(true); }
    });
    backButton.addEventListener("click", () => { step -= 1; showStep(true); });
    stepBox.replaceChildren(heading,
      h("p", { class: "cp-raters-question", text: item.question }),
      h("div", { class: "cp-raters-sides" }, side(firstName, diff.first, diff.first_note), side(secondName, diff.second, diff.second_note)),
      group, stepProblem, h("div", { class: "cp-buttons" }, backButton, agreeButton));
    doneBox.replaceChildren();
    if (moveFocus) heading.focus();
  }

  function showDone(moveFocus) {
    const [first, second] = raters.map((r) => r.audit);
    const [firstName, secondName] = namesOf();
    const result = agreeRaters(checklist, first, second, decisions, { firstName, secondName });
    stepBox.replaceChildren();
    if (result.problems.length) { showProblems("The agreed audit cannot be made yet:", result.problems); return; }
    const doc = auditDocument(result.audit);
    const checked = validateAuditDocument(doc, checklist);
    if (checked.problems.length) { showProblems("The agreed audit cannot be saved:", checked.problems.map((p) => p.message)); return; }
    const heading = h("h4", { tabindex: "-1", class: "cp-raters-heading", text: "The agreed audit is ready" });
    const rows = comparison.to_discuss.map((d) => h("tr", {},
      h("th", { scope: "row", text: `${numberOf[d.item_id]}. ${itemsById[d.item_id].title}` }),
      h("td", { text: scoreText(d.first) }), h("td", { text: scoreText(d.second) }),
      h("td", { text: scoreText(decisions[d.item_id]) })));
    const table = rows.length ? h("div", { class: "cp-audit-table" }, h("table", { class: "cp-raters-table" },
      h("caption", { text: "Items the raters talked through" }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Item" }), h("th", { scope: "col", text: firstName }),
        h("th", { scope: "col", text: secondName }), h("th", { scope: "col", text: "Agreed" }))),
      h("tbody", {}, rows))) : null;
    const download = h("button", { type: "button", class: "cp-button cp-raters-download", text: "Download the agreed audit" });
    const use = h("button", { type: "button", class: "cp-button cp-secondary cp-raters-use", text: "Show the agreed audit in the form above" });
    download.addEventListener("click", () => {
      saveText(`self-audit-${slug(doc.team.name)}-${doc.date}-agreed.json`, JSON.stringify(doc, null, 2), "application/json");
      spoken.textContent = "Downloaded the agreed audit. Keep it with the two raters' own files.";
    });
    use.addEventListener("click", () => {
      on.useAgreed(checked.audit);
      spoken.textContent = "The form now shows the agreed audit.";
    });
    doneBox.replaceChildren(heading,
      h("p", { text: `Items where the two raters were within 1 point take the lower score, and an item only one rater scored takes that score; you can change any of them in the form. The agreed file names both original audits (${firstName} and ${secondName}); their own files are not changed.` }),
      table, h("div", { class: "cp-buttons" }, download, use));
    if (moveFocus) heading.focus();
  }

  raters.forEach((rater, i) => {
    rater.input.addEventListener("change", async () => {
      const file = rater.input.files && rater.input.files[0];
      if (!file) return;
      const big = sizeProblem(file);
      const checked = big ? { problems: [{ message: big }] } : parseAuditText(await file.text(), checklist);
      if (checked.problems.length) {
        rater.audit = null;
        start();
        showProblems(`${file.name} could not be opened:`, checked.problems.map((p) => p.message));
        return;
      }
      rater.audit = checked.audit;
      if (!rater.name.value.trim() && checked.audit.participants.length) rater.name.value = checked.audit.participants[0];
      start();
      if (!raters[1 - i].audit) spoken.textContent = `Opened the ${i === 0 ? "first" : "second"} rater's audit. Now open the other one.`;
    });
  });
  return { element };
}
