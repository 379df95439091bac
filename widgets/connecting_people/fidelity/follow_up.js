// Following up an audit's action plan on the static page: the checks on each
// action's status, which actions are overdue, the actions done that the run
// chart marks, and when the next audit is due.
//
// Why it exists: the static page has no store, so the saved file keeps the
// follow-up, and these rules must be the ones fidelity/follow_up.py applies in
// Voila. Both are checked against tests/js/follow_up_cases.json. Dates are ISO
// text (YYYY-MM-DD) and "today" is always passed in, so tests are repeatable.
// No DOM here, so Node can load it.

import { textProblem } from "./scoring.js";
import { ukDate } from "./audit_state.js";

export const ACTION_STATUSES = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};
const CLOSED = new Set(["done", "dropped"]);
export const GOOD_BAND = "mostly"; // from this band on, the team reviews yearly
export const MAX_REASON = 500;
export const CYCLE_TEXT = "Audit again six months after each audit until the team reaches \"Mostly implemented\", then once a year.";

const DAY = 24 * 60 * 60 * 1000;
const utc = (iso) => { const [y, m, d] = iso.split("-").map(Number); return Date.UTC(y, m - 1, d); };
const daysBetween = (from, to) => Math.round((utc(to) - utc(from)) / DAY);
const plural = (n) => `${n} day${n === 1 ? "" : "s"}`;

// Every reason an action's follow-up cannot be kept in a saved file, as
// follow_up.status_problems words them. `done` is "" when there is no day.
export function statusProblems(status, reason, done, { auditDate = null, today = null } = {}) {
  const problems = [];
  if (!Object.hasOwn(ACTION_STATUSES, status)) {
    problems.push(`The status '${status}' is not one of: ${Object.values(ACTION_STATUSES).map((s) => s.toLowerCase()).join(", ")}.`);
  }
  if (status === "dropped") {
    if (!reason.trim()) problems.push("Say why the action was dropped.");
    else if ([...reason].length > MAX_REASON) problems.push(`The reason is ${[...reason].length} characters long; the limit is ${MAX_REASON}.`);
    else {
      const why = textProblem(reason, "item_note", true);
      if (why) problems.push(`The reason ${why}.`);
    }
  } else if (reason.trim()) {
    problems.push("A reason is kept only for a dropped action; clear it or drop the action.");
  }
  if (status === "done" && !done) problems.push("Give the date the action was done.");
  if (status !== "done" && done) problems.push("Only a done action has a date done; clear it or mark the action done.");
  if (status === "done" && done) {
    if (auditDate && done < auditDate) problems.push(`The action was done on ${ukDate(done)}, before the audit of ${ukDate(auditDate)}: give the day it was done.`);
    if (today && done > today) problems.push(`The day done, ${ukDate(done)}, is after today: give the day it was done.`);
  }
  return problems;
}

// action: {item_id, text, owner, due, status}; due "" when not set.
export function isOverdue(action, on) {
  return !CLOSED.has(action.status) && Boolean(action.due) && action.due < on;
}

// Open actions due before `on`, the longest overdue first.
export function overdueActions(actions, on) {
  return actions.filter((a) => isOverdue(a, on))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0));
}

export function overdueSentence(action, on) {
  return `${action.text} (owner ${action.owner}) was due on ${ukDate(action.due)}: ${plural(daysBetween(action.due, on))} overdue.`;
}

// The done actions of several saved files of one team: `files` is
// [{audit_id, action_plan}], oldest file first. The same action (audit id and
// item id) counts once, the newest file's entry winning; done means status
// done with a day done; in the order done. As follow_up.done_in_files.
export function doneInFiles(files) {
  const key = (m) => [m.entry.done, m.entry.item_id, m.audit_id];
  return latestEntries(files).filter((m) => m.entry.status === "done" && m.entry.done)
    .sort((a, b) => { const [x, y] = [key(a), key(b)]; for (let i = 0; i < 3; i += 1) { if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1; } return 0; });
}

// Each action (audit id and item id) once, from the newest file that has it:
// [{audit_id, entry}], in the order first seen.
export function latestEntries(files) {
  const latest = new Map();
  for (const file of files) {
    for (const entry of file.action_plan || []) latest.set(`${file.audit_id} ${entry.item_id}`, { audit_id: file.audit_id, entry });
  }
  return [...latest.values()];
}

// The same day `months` later; the month's last day when that day does not exist.
export function addMonths(iso, months) {
  const [y, m, d] = iso.split("-").map(Number);
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

const band = (checklist, id) => checklist.bands.find((b) => b.id === id);
const tenths = (b) => Math.round(b.from * 10);

export function reachedGoodBand(checklist, bandId) {
  if (!bandId) return false;
  return tenths(band(checklist, bandId)) >= tenths(band(checklist, GOOD_BAND));
}

// When the next audit is due after an audit on `auditDate` whose whole-audit
// band is `bandId` (null when withheld): {due, months, reason}.
export function nextReview(checklist, auditDate, bandId) {
  const good = band(checklist, GOOD_BAND).label;
  if (reachedGoodBand(checklist, bandId)) {
    return { due: addMonths(auditDate, 12), months: 12, reason: `The last audit reached "${band(checklist, bandId).label}", so the next one is due a year later.` };
  }
  const reached = bandId ? `was "${band(checklist, bandId).label}"` : "had too little rated for a band";
  return { due: addMonths(auditDate, 6), months: 6, reason: `The last audit ${reached}, so the next one is due six months later, until the team reaches "${good}".` };
}

export function reviewSentence(review, on) {
  if (review.due < on) return `The next audit was due on ${ukDate(review.due)}: ${plural(daysBetween(review.due, on))} ago. ${review.reason}`;
  return `The next audit is due on ${ukDate(review.due)}. ${review.reason}`;
}

// The next review after the newest of [audit date, whole-audit band] pairs, or null;
// on a tie for the newest day the later in the list wins, as in follow_up.py.
export function latestReview(checklist, audits) {
  if (!audits.length) return null;
  const newest = audits.reduce((a, b) => (b[0] >= a[0] ? b : a));
  return nextReview(checklist, newest[0], newest[1]);
}
