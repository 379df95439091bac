// Saving and opening audits: "Save this audit as a file", opening a saved
// audit, opening an earlier audit to compare, "Start a new audit", and in
// Voila "Save to the team's records". Messages about files are shown here.
//
// Why it exists: files are the only way an audit leaves the static page, so
// checking them (the same rules as Python's file import) is kept in one place.

import { h } from "../common/dom.js";
import { parseAuditText, validateAuditDocument } from "./scoring.js";
import { slug, ukDate } from "./audit_state.js";
import { auditCsv, auditsFromCsv } from "./audit_csv.js";
import { versionWarnings } from "./checklist_versions.js";
import { saveText } from "./audit_download.js";

const isCsv = (file) => /\.csv$/i.test(file.name) || file.type === "text/csv";
const MB = 1024 * 1024;

// A file far larger than any audit is refused before it is read, as the
// dashboards' file picker does (dashboards/file_picker.js): a saved audit is
// a few KB, so 1 MB for JSON and 2 MB for CSV (csvtools' upload limit).
export function sizeProblem(file) {
  const limit = isCsv(file) ? 2 * MB : MB;
  if (file.size <= limit) return null;
  return `${file.name} is ${(file.size / MB).toFixed(1)} MB; the largest file you can open is ${(limit / MB).toFixed(1)} MB. It was not opened.`;
}

// Saved audits from chosen files, JSON or CSV, with every problem in words:
// {audits, problems: [text], warnings: [text], refused: {file name: [text]},
// saved: [the time each audit's file was last changed]} (refused: files that
// gave no audit at all). Also used by the run chart, which keeps the newest
// file of an audit saved several times (a follow-up saves it again).
export async function readAuditFiles(files, checklist) {
  const audits = [];
  const saved = [];
  const problems = [];
  const warnings = [];
  const refused = {};
  for (const file of files) {
    const big = sizeProblem(file);
    if (big) {
      problems.push(big);
      refused[file.name] = [big];
      continue;
    }
    const text = await file.text();
    if (isCsv(file)) {
      const read = auditsFromCsv(text, checklist);
      problems.push(...read.problems.map((p) => `${file.name}: ${p}`));
      problems.push(...read.rejects.map((r) => `${file.name}, row ${r.row}: ${r.reason}`));
      if (!read.audits.length) refused[file.name] = [...read.problems, ...read.rejects.map((r) => `Row ${r.row}: ${r.reason}`)];
      audits.push(...read.audits);
      saved.push(...read.audits.map(() => file.lastModified || 0));
      continue;
    }
    const checked = parseAuditText(text, checklist);
    if (checked.problems.length) {
      problems.push(`${file.name} could not be opened: ${checked.problems.map((p) => p.message).join(" ")}`);
      refused[file.name] = checked.problems.map((p) => p.message);
      continue;
    }
    audits.push(checked.audit);
    saved.push(file.lastModified || 0);
    warnings.push(...versionWarnings(JSON.parse(text.replace(/^\ufeff/, "")), checklist));
  }
  return { audits, problems, warnings, refused, saved };
}

// on: {save() -> doc or {problems}, open(audit), compare(audit), fresh(), store()}
export function auditFiles({ uid, checklist, on }) {
  const message = h("div", { class: "cp-audit-message", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const errors = h("div", { class: "cp-audit-problems", role: "alert", "aria-atomic": "true" });
  // Version warnings and rows not used: the audit opened, but read these
  // first. Not a live region (they can be long); the status message points here.
  const warningBox = h("div", { class: "cp-audit-warnings" });
  const openInput = h("input", { type: "file", accept: ".json,.csv,application/json,text/csv", id: `${uid}-open`, class: "cp-file-input" });
  const compareInput = h("input", { type: "file", accept: ".json,application/json", id: `${uid}-compare`, class: "cp-file-input" });
  const saveButton = h("button", { type: "button", class: "cp-button cp-save-file", text: "Save this audit as a file" });
  const csvButton = h("button", { type: "button", class: "cp-button cp-secondary cp-save-csv", text: "Save this audit as CSV" });
  const storeButton = h("button", { type: "button", class: "cp-button cp-save-store", text: "Save to the team's records" });
  const newButton = h("button", { type: "button", class: "cp-button cp-secondary cp-new-audit", text: "Start a new audit" });
  const element = h("section", { class: "cp-audit-files", "aria-labelledby": `${uid}-files` },
    h("h3", { id: `${uid}-files`, text: "Save or open an audit" }),
    h("p", { class: "cp-hint", text: "Nothing leaves this computer unless you save it. A saved file holds the team's answers, notes and action plan with how far each action has got; keep it somewhere the team can find it, and open it again next time to compare." }),
    h("div", { class: "cp-buttons" }, storeButton, saveButton, csvButton, newButton),
    h("p", { class: "cp-hint", text: "A CSV file holds one row for each item, with the score and the evidence note, in the same columns as the dashboards' export. It does not hold who took part, the notes or the action plan: keep the saved file for those." }),
    h("div", { class: "cp-field" }, h("label", { for: `${uid}-open`, text: "Open a saved audit (JSON or CSV)" }), openInput),
    h("div", { class: "cp-field" }, h("label", { for: `${uid}-compare`, text: "Open your previous audit to compare" }), compareInput),
    message, warningBox, errors);

  const showMessage = (text) => { errors.replaceChildren(); warningBox.replaceChildren(); message.textContent = text; };
  const showProblems = (intro, problems) => {
    message.textContent = "";
    warningBox.replaceChildren();
    errors.replaceChildren(h("p", { text: intro }), h("ul", {}, ...problems.map((p) => h("li", { text: p.message }))));
  };

  const download = (doc) => {
    saveText(`self-audit-${slug(doc.team.name)}-${doc.date}.json`, JSON.stringify(doc, null, 2), "application/json");
    showMessage(`Saved the audit of ${ukDate(doc.date)} as a file. Keep it with the team's records.`);
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
  csvButton.addEventListener("click", () => {
    const checked = on.save();
    const audit = checked.problems.length ? null : validateAuditDocument(checked.doc, checklist).audit;
    if (!audit) { showProblems("The audit cannot be saved yet:", checked.problems); return; }
    saveText(`self-audit-${slug(audit.team.name)}-${audit.date}.csv`, auditCsv(audit, checklist), "text/csv");
    showMessage(`Saved the audit of ${ukDate(audit.date)} as a CSV file.`);
  });
  openInput.addEventListener("change", async () => {
    const files = Array.from(openInput.files || []);
    openInput.value = "";
    if (!files.length) return;
    const read = await readAuditFiles(files, checklist);
    if (!read.audits.length) {
      const reasons = read.refused[files[0].name] || ["It holds no audit."];
      showProblems(`${files[0].name} could not be opened:`, reasons.map((message) => ({ message })));
      return;
    }
    const audit = read.audits[0];
    on.open(audit);
    const more = read.audits.length > 1 ? ` The file holds ${read.audits.length} audits; this is the first. Open it in the run chart below to see them all.` : "";
    const notes = [...read.warnings.map((message) => ({ message })), ...read.problems.map((message) => ({ message }))];
    const readOn = notes.length ? ` Read the ${notes.length === 1 ? "note" : `${notes.length} notes`} below before you compare.` : "";
    showMessage(`Opened the audit of ${ukDate(audit.date)}. The answers on this page were replaced by the ones in the file.${more}${readOn}`);
    if (notes.length) {
      warningBox.replaceChildren(h("p", { text: read.problems.length ? "Some rows were not used:" : "Check before you compare:" }),
        h("ul", {}, ...notes.map((p) => h("li", { text: p.message }))));
    }
  });
  compareInput.addEventListener("change", async () => {
    const audit = await readFile(compareInput);
    if (!audit) return;
    on.compare(audit);
    showMessage(`Comparing with the audit of ${ukDate(audit.date)}.`);
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
