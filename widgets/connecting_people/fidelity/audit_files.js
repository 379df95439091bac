// Saving and opening audits: "Save this audit as a file", opening a saved
// audit, opening an earlier audit to compare, "Start a new audit", and in
// Voila "Save to the team's records". Messages about files are shown here.
//
// Why it exists: files are the only way an audit leaves the static page, so
// checking them (the same rules as Python's file import) is kept in one place.

import { h } from "../common/dom.js";
import { parseAuditText } from "./scoring.js";
import { slug } from "./audit_state.js";

// on: {save() -> doc or {problems}, open(audit), compare(audit), fresh(), store()}
export function auditFiles({ uid, checklist, on }) {
  const message = h("div", { class: "cp-audit-message", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const errors = h("div", { class: "cp-audit-problems", role: "alert", "aria-atomic": "true" });
  const openInput = h("input", { type: "file", accept: ".json,application/json", id: `${uid}-open`, class: "cp-file-input" });
  const compareInput = h("input", { type: "file", accept: ".json,application/json", id: `${uid}-compare`, class: "cp-file-input" });
  const saveButton = h("button", { type: "button", class: "cp-button cp-save-file", text: "Save this audit as a file" });
  const storeButton = h("button", { type: "button", class: "cp-button cp-save-store", text: "Save to the team's records" });
  const newButton = h("button", { type: "button", class: "cp-button cp-secondary cp-new-audit", text: "Start a new audit" });
  const element = h("section", { class: "cp-audit-files", "aria-labelledby": `${uid}-files` },
    h("h3", { id: `${uid}-files`, text: "Save or open an audit" }),
    h("p", { class: "cp-hint", text: "Nothing leaves this computer unless you save it. A saved file holds the team's answers, notes and action plan; keep it somewhere the team can find it, and open it again next time to compare." }),
    h("div", { class: "cp-buttons" }, storeButton, saveButton, newButton),
    h("div", { class: "cp-field" }, h("label", { for: `${uid}-open`, text: "Open a saved audit" }), openInput),
    h("div", { class: "cp-field" }, h("label", { for: `${uid}-compare`, text: "Open your previous audit to compare" }), compareInput),
    message, errors);

  const showMessage = (text) => { errors.replaceChildren(); message.textContent = text; };
  const showProblems = (intro, problems) => {
    message.textContent = "";
    errors.replaceChildren(h("p", { text: intro }), h("ul", {}, ...problems.map((p) => h("li", { text: p.message }))));
  };

  const download = (doc) => {
    const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = h("a", { href: url, download: `self-audit-${slug(doc.team.name)}-${doc.date}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    showMessage(`Saved the audit of ${doc.date} as a file. Keep it with the team's records.`);
  };

  async function readFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return null;
    const checked = parseAuditText(await file.text(), checklist);
    if (checked.problems.length) {
      showProblems(`${file.name} could not be opened:`, checked.problems);
      return null;
    }
    return checked.audit;
  }

  saveButton.addEventListener("click", () => {
    const checked = on.save();
    if (checked.problems.length) showProblems("The audit cannot be saved yet:", checked.problems);
    else download(checked.doc);
  });
  openInput.addEventListener("change", async () => {
    const audit = await readFile(openInput);
    if (!audit) return;
    on.open(audit);
    const older = audit.checklist_version !== checklist.version
      ? ` It was made with checklist version ${audit.checklist_version}; this page uses ${checklist.version}.` : "";
    showMessage(`Opened the audit of ${audit.date}. The answers on this page were replaced by the ones in the file.${older}`);
  });
  compareInput.addEventListener("change", async () => {
    const audit = await readFile(compareInput);
    if (!audit) return;
    on.compare(audit);
    showMessage(`Comparing with the audit of ${audit.date}.`);
  });
  newButton.addEventListener("click", () => {
    on.fresh();
    showMessage("Started a new audit. The form is empty.");
  });
  storeButton.addEventListener("click", () => {
    on.store();
    showMessage("Saving...");
  });
  const showMode = (mode) => { storeButton.hidden = mode !== "store"; };
  return { element, showMessage, showProblems, showMode };
}
