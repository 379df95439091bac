// Audits as CSV on the static page: write the one audit on screen in the
// long format the dashboards export (export.py's items_csv: one row per
// item, the same columns), and read such a file back as audits, with a
// report of every row that was not used and why.
//
// Why it exists: teams keep audits in spreadsheets. A CSV carries only the
// answers and evidence notes (not who took part, the notes or the action
// plan), so the page says so. Each audit read is checked by the same rules
// as a saved JSON file (validateAuditDocument), so nothing unchecked gets in.
// No DOM here, so Node can load it.

import { AUDIT_FORMAT, AUDIT_VERSION, parseDate, validateAuditDocument } from "./scoring.js";
import { csvText, parseCsv, unsafeCell } from "./csv_cells.js";

export const CSV_COLUMNS = ["team", "trust", "service", "audit_date", "audit_id", "domain", "item_id",
  "item", "score", "answer", "evidence_note"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ANSWERS = ["rated", "cannot rate", "not answered"];
const MAX_CHARS = 2000000; // common/csvtools.py's MAX_UPLOAD_BYTES
const MAX_ROWS = 5000;

export function auditCsv(audit, checklist) {
  const domains = Object.fromEntries(checklist.domains.map((d) => [d.id, d.label]));
  const has = (id) => Object.prototype.hasOwnProperty.call(audit.answers, id);
  const rows = checklist.items.map((item) => {
    const value = audit.answers[item.id];
    const answer = !has(item.id) ? "not answered" : value === null ? "cannot rate" : "rated";
    return {
      team: audit.team.name, trust: audit.team.trust, service: audit.team.service, audit_date: audit.date,
      audit_id: audit.audit_id, domain: domains[item.domain], item_id: item.id, item: item.title,
      score: answer === "rated" ? String(value) : "", answer, evidence_note: audit.item_notes[item.id] || "",
    };
  });
  return csvText(CSV_COLUMNS, rows);
}

// -> {audits: [validated audit], rejects: [{row, reason}], problems: [text]}.
// `problems` are about the whole file (nothing was read); `rejects` name rows.
export function auditsFromCsv(text, checklist) {
  const none = (message) => ({ audits: [], rejects: [], problems: [message] });
  if (text.length > MAX_CHARS) return none("The file is larger than 2 MB, far larger than any audits' CSV.");
  let table;
  try { table = parseCsv(text); } catch (error) { return none(`The file could not be read as CSV: ${error.message}.`); }
  table = table.filter((row) => row.some((cell) => cell.trim() !== ""));
  if (!table.length) return none("The file is empty.");
  const headings = table[0].map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !headings.includes(c));
  const unknown = headings.filter((c) => !CSV_COLUMNS.includes(c));
  if (missing.length || unknown.length) {
    const parts = [];
    if (missing.length) parts.push(`it has no column ${missing.join(", ")}`);
    if (unknown.length) parts.push(`it has columns this page does not know: ${unknown.join(", ")}`);
    return none(`This is not a self-audit CSV: ${parts.join("; ")}. Use a CSV saved from the self-audit page or exported from the dashboards.`);
  }
  if (table.length - 1 > MAX_ROWS) return none(`The file has ${table.length - 1} rows; the most this page reads is ${MAX_ROWS}.`);
  const known = Object.fromEntries(checklist.items.map((item) => [item.id, item]));
  const rejects = [];
  const byAudit = new Map(); // audit id -> {doc, rows: [numbers]}
  table.slice(1).forEach((cells, index) => {
    const number = index + 2; // as a spreadsheet shows it: the headings are row 1
    const row = Object.fromEntries(headings.map((h, i) => [h, unsafeCell((cells[i] || "").trim())]));
    const reject = (reason) => rejects.push({ row: number, reason });
    if (cells.length !== headings.length) return reject(`it has ${cells.length} cells where the headings have ${headings.length}.`);
    if (!UUID.test(row.audit_id)) return reject("the audit_id is missing or not an audit id.");
    if (!known[row.item_id]) return reject(`the item '${row.item_id.slice(0, 40)}' is not on this checklist.`);
    if (!ANSWERS.includes(row.answer)) return reject(`the answer must be one of: ${ANSWERS.join(", ")}.`);
    if (row.answer === "rated" && !/^[1-5]$/.test(row.score)) return reject("a rated item needs a score that is a whole number from 1 to 5.");
    if (row.answer !== "rated" && row.score !== "") return reject(`an item marked "${row.answer}" must have no score.`);
    const dateProblems = [];
    parseDate(row.audit_date, "the audit date", dateProblems);
    if (dateProblems.length) return reject(dateProblems[0].message);
    let entry = byAudit.get(row.audit_id);
    if (!entry) {
      entry = { first: number, doc: {
        format: AUDIT_FORMAT, version: AUDIT_VERSION, checklist_version: checklist.version, audit_id: row.audit_id,
        team: { name: row.team, trust: row.trust, service: row.service }, date: row.audit_date,
        participants: [], notes: "", answers: {}, item_notes: {}, action_plan: [] } };
      byAudit.set(row.audit_id, entry);
    }
    const { doc } = entry;
    if (row.team !== doc.team.name || row.trust !== doc.team.trust || row.service !== doc.team.service || row.audit_date !== doc.date) {
      return reject(`its team or date differs from row ${entry.first}, the first row of the same audit.`);
    }
    const seen = Object.prototype.hasOwnProperty.call(doc.answers, row.item_id) || entry.notAnswered?.has(row.item_id);
    if (seen) return reject(`item ${row.item_id} appears twice in the same audit.`);
    if (row.answer === "rated") doc.answers[row.item_id] = Number(row.score);
    else if (row.answer === "cannot rate") doc.answers[row.item_id] = null;
    else (entry.notAnswered ||= new Set()).add(row.item_id);
    if (row.evidence_note) doc.item_notes[row.item_id] = row.evidence_note;
  });
  const audits = [];
  const problems = [];
  for (const [auditId, entry] of byAudit) {
    const checked = validateAuditDocument(entry.doc, checklist);
    if (checked.problems.length) {
      problems.push(`The audit ${auditId} (from row ${entry.first}) was not used: ${checked.problems.map((p) => p.message).join(" ")}`);
    } else audits.push(checked.audit);
  }
  return { audits, rejects, problems };
}
