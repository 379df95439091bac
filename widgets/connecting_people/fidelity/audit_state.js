// The audit on screen as plain data: a fresh audit, one read from a saved
// document, and the few sentences about a score that several parts show.
//
// Why it exists: the form, the report and the files all work on the same
// state object; keeping how it is made in one place means they agree on it.
// No DOM here, so Node can load it.

import { formatTenths, newAuditId, validateAuditDocument } from "./scoring.js";

export const CANNOT = "cannot";

export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function slug(text) {
  return (text || "team").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "team";
}

export function emptyState(checklist) {
  return {
    audit_id: newAuditId(),
    checklist_version: checklist.version,
    team: { name: "", trust: "", service: "" },
    date: today(),
    participants: [],
    notes: "",
    answers: {},
    item_notes: {},
    action_plan: [],
  };
}

// The model's `audit` (set by Python in Voila) is in the same shape as a file.
export function fromDocument(doc, checklist) {
  if (!doc || typeof doc !== "object" || !doc.format) return emptyState(checklist);
  const checked = validateAuditDocument(doc, checklist);
  return checked.audit ? checked.audit : emptyState(checklist);
}

// Who does each action, by when and how far it has got, by item id, from a
// saved action plan (a version 1 file's actions are not started).
export function planDetailsFrom(actionPlan) {
  const details = {};
  for (const entry of actionPlan || []) {
    details[entry.item_id] = { owner: entry.owner, due: entry.due, status: entry.status || "not_started",
      done: entry.done || "", reason: entry.reason || "" };
  }
  return details;
}

export function bandLabel(checklist, bandId) {
  const band = checklist.bands.find((b) => b.id === bandId);
  return band ? band.label : "";
}

export function scopeSentence(checklist, scope) {
  if (scope.tenths === null) return "No score yet: nothing is rated.";
  const score = formatTenths(scope.tenths);
  if (scope.band) return `${score} out of 5: ${bandLabel(checklist, scope.band)}.`;
  return `${score} out of 5: not enough items rated for a band.`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

// "2026-12-01" -> "1 December 2026", the UK form run_chart.py's uk_date writes;
// an empty or unreadable date is "not set".
export function ukDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return "not set";
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}
