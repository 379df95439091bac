// Two raters, one checklist, in the browser: where they differ, how often they
// agree, and the agreed audit. The same rules as fidelity/raters.py (read its
// docstring for why): items 2 or more apart are talked through; agreement is
// the share of items both rated that are within 1 point, and an item one or
// both could not rate is left out of that share and counted separately; the
// rest are proposed (the same score, the lower of two 1 apart, or the one
// score given). Checked against Python on tests/js/raters_cases.json.
//
// The agreed audit names its two originals (`agreed_from`: each one's
// audit_id and rater); the originals themselves stay the raters' own files.

import { isScore, newAuditId, percent } from "./scoring.js";

export const DISCUSS_AT = 2;
export const AGREE_WITHIN = 1;

const fold = (text) => (text || "").trim().toLowerCase();

function sameChecklist(checklist, first, second) {
  const problems = [];
  const known = new Set(checklist.items.map((item) => item.id));
  for (const [which, audit] of [["first", first], ["second", second]]) {
    if (audit.checklist_version !== checklist.version) {
      problems.push(`The ${which} rater's audit uses checklist version ${audit.checklist_version}; this is version ${checklist.version}.`);
    }
    const unknown = Object.keys(audit.answers).filter((id) => !known.has(id)).sort();
    if (unknown.length) problems.push(`The ${which} rater's audit has items this checklist does not have: ${unknown.join(", ")}.`);
  }
  if (fold(first.team.name) !== fold(second.team.name)) {
    problems.push(`The two audits are for different teams: ${first.team.name} and ${second.team.name}.`);
  }
  return problems;
}

// {problems} when they cannot be compared, else the comparison.
export function compareRaters(checklist, first, second) {
  const problems = sameChecklist(checklist, first, second);
  if (problems.length) return { problems };
  const toDiscuss = [];
  const oneRated = [];
  const neitherRated = [];
  const proposed = {};
  let both = 0;
  let within = 0;
  for (const { id } of checklist.items) {
    const a = first.answers[id];
    const b = second.answers[id];
    if (isScore(a) && isScore(b)) {
      both += 1;
      if (Math.abs(a - b) <= AGREE_WITHIN) within += 1;
      if (Math.abs(a - b) >= DISCUSS_AT) {
        toDiscuss.push({ item_id: id, first: a, second: b, first_note: first.item_notes[id] || "", second_note: second.item_notes[id] || "" });
      } else proposed[id] = Math.min(a, b);
    } else if (isScore(a) || isScore(b)) {
      oneRated.push(id);
      proposed[id] = isScore(a) ? a : b;
    } else {
      neitherRated.push(id);
      proposed[id] = null;
    }
  }
  return {
    problems: [],
    to_discuss: toDiscuss,
    both_rated: both,
    within_one: within,
    one_rated: oneRated,
    neither_rated: neitherRated,
    proposed,
    agreement_percent: both ? percent(within, both) : null,
    sentence: agreementSentence(both, within, oneRated.length + neitherRated.length),
  };
}

export function agreementSentence(both, within, leftOut) {
  if (!both) return "No item was rated by both, so agreement cannot be given.";
  let text = `The two raters agree within 1 point on ${within} of the ${both} items both rated (${percent(within, both)}%).`;
  if (leftOut) text += ` ${leftOut} item${leftOut !== 1 ? "s" : ""} rated by one or neither ${leftOut !== 1 ? "are" : "is"} left out of that share.`;
  return text;
}

function combinedNote(first, second, firstName, secondName) {
  if ((first || "").trim() === (second || "").trim()) return first || "";
  return [[firstName, first], [secondName, second]]
    .filter(([, note]) => (note || "").trim())
    .map(([name, note]) => `${name}: ${note}`).join("\n");
}

// The agreed audit (saved-file fields) or {problems}. `decisions` settles every
// item to discuss (a score, or null for "cannot rate") and may change others.
export function agreeRaters(checklist, first, second, decisions, { firstName = "First rater", secondName = "Second rater" } = {}) {
  const comparison = compareRaters(checklist, first, second);
  if (comparison.problems.length) return { problems: comparison.problems };
  const problems = [];
  const has = (id) => Object.prototype.hasOwnProperty.call(decisions, id);
  const missing = comparison.to_discuss.map((d) => d.item_id).filter((id) => !has(id));
  if (missing.length) problems.push(`Agree a score for every item the raters differ on by 2 or more: ${missing.join(", ")}.`);
  const known = new Set(checklist.items.map((item) => item.id));
  const unknown = Object.keys(decisions).filter((id) => !known.has(id)).sort();
  if (unknown.length) problems.push(`These are not items on the checklist: ${unknown.join(", ")}.`);
  const bad = Object.keys(decisions).filter((id) => decisions[id] !== null && !isScore(decisions[id])).sort();
  if (bad.length) problems.push(`An agreed score is a whole number from 1 to 5, or "cannot rate": ${bad.join(", ")}.`);
  if (problems.length) return { problems };
  const answers = {};
  const notes = {};
  for (const { id } of checklist.items) {
    answers[id] = has(id) ? decisions[id] : comparison.proposed[id];
    const note = combinedNote(first.item_notes[id], second.item_notes[id], firstName, secondName);
    if (note) notes[id] = note;
  }
  const audit = {
    ...first,
    audit_id: newAuditId(),
    date: first.date > second.date ? first.date : second.date, // ISO dates sort as text
    answers,
    item_notes: notes,
    participants: [...new Set([...first.participants, ...second.participants])],
    notes: combinedNote(first.notes, second.notes, firstName, secondName),
    agreed_from: [{ audit_id: first.audit_id, rater: firstName }, { audit_id: second.audit_id, rater: secondName }],
  };
  return { problems: [], audit, settled: comparison.to_discuss.map((d) => d.item_id) };
}
