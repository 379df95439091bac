// The self-audit's rules in the browser: scores, bands, weakest items, the
// action plan, the comparison with a previous audit, and the checks on an
// opened file. A line-for-line mirror of scoring.py, compare.py and audit.py,
// so the static page shows exactly what the reports and dashboards show.
// tests/unit/test_fidelity_js_parity.py runs tests/js/fidelity_parity.test.mjs
// under `node --test` against the Python results on shared fixture files.
//
// Pure functions only: no DOM here. self_audit.js (the view) is appended to
// this file to make the widget's single ES module.
//
// The one import, follow_up.js, imports back from here; nothing is used while
// the modules load, only when called, so the cycle is safe.

import { statusProblems } from "./follow_up.js";

export const AUDIT_FORMAT = "connecting-people/fidelity-audit";
// Version 2 added each action's follow-up (status, day done, reason); version 1 files still open.
export const AUDIT_VERSION = 2;
const ACTION_STATUS_IDS = ["not_started", "in_progress", "done", "dropped"];
const MAX_FILE_CHARS = 1000000;
const LIMITS = { name: 120, notes: 4000, item_note: 1000 };
const MAX_PARTICIPANTS = 40;
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

export function roundHalfUpTenths(total, count) {
  // 10 * total / count rounded half up, in whole numbers (as Python does).
  return Math.floor((20 * total + count) / (2 * count));
}

export function percent(part, whole) {
  return whole ? Math.floor((200 * part + whole) / (2 * whole)) : 0;
}

export function isScore(value) {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function formatTenths(tenths) {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

// The computer's own date, as YYYY-MM-DD: an action cannot have been done after it.
function localToday() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function has(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function bandStarts(checklist) {
  return checklist.bands.map((band) => Math.round(band.from * 10));
}

export function bandForTenths(checklist, tenths) {
  const starts = bandStarts(checklist);
  let chosen = checklist.bands[0];
  checklist.bands.forEach((band, index) => {
    if (tenths >= starts[index]) chosen = band;
  });
  return chosen;
}

export function bandRanges(checklist) {
  const starts = bandStarts(checklist);
  return checklist.bands.map((band, index) => ({
    ...band,
    from_tenths: starts[index],
    to_tenths: index + 1 < starts.length ? starts[index + 1] - 1 : 50,
  }));
}

export function domainItemIds(checklist, domainId) {
  return checklist.items.filter((item) => item.domain === domainId).map((item) => item.id);
}

function scope(checklist, scopeId, itemIds, answers) {
  const rules = checklist.scoring;
  const rated = itemIds.filter((id) => isScore(answers[id])).map((id) => answers[id]);
  const cannotRate = itemIds.filter((id) => has(answers, id) && answers[id] === null).length;
  const unanswered = itemIds.length - rated.length - cannotRate;
  const unrated = cannotRate + unanswered;
  const sum = rated.reduce((a, b) => a + b, 0);
  const tenths = rated.length ? roundHalfUpTenths(sum, rated.length) : null;
  const enough = rated.length * 100 >= rules.band_min_rated_percent * itemIds.length;
  return {
    id: scopeId,
    items: itemIds.length,
    rated: rated.length,
    cannot_rate: cannotRate,
    unanswered,
    sum,
    tenths,
    band: tenths !== null && enough ? bandForTenths(checklist, tenths).id : null,
    band_withheld: rated.length > 0 && !enough,
    warning: unrated * 100 > rules.unrated_warning_percent * itemIds.length,
    unrated_percent: percent(unrated, itemIds.length),
  };
}

export function rankWeakest(checklist, answers) {
  const ceiling = checklist.scoring.plan_never_include_at_or_above;
  const below = checklist.items
    .map((item, order) => ({ id: item.id, order }))
    .filter((entry) => isScore(answers[entry.id]) && answers[entry.id] < ceiling);
  below.sort((a, b) => answers[a.id] - answers[b.id] || a.order - b.order);
  return below.map((entry) => entry.id);
}

export function choosePlan(checklist, answers, ranked) {
  const rules = checklist.scoring;
  const plan = ranked.slice(0, rules.plan_min_items);
  if (plan.length < rules.plan_min_items) return plan;
  const third = answers[plan[plan.length - 1]];
  for (const id of ranked.slice(rules.plan_min_items, rules.plan_max_items)) {
    const score = answers[id];
    if (score <= third || score <= rules.plan_always_include_at_or_below) plan.push(id);
    else break;
  }
  return plan;
}

export function scoreAudit(checklist, answers) {
  const allIds = checklist.items.map((item) => item.id);
  const ranked = rankWeakest(checklist, answers);
  return {
    total: scope(checklist, "total", allIds, answers),
    domains: checklist.domains.map((d) =>
      scope(checklist, d.id, domainItemIds(checklist, d.id), answers)),
    weakest: ranked.slice(0, checklist.scoring.plan_max_items),
    plan: choosePlan(checklist, answers, ranked),
  };
}

function scopeChange(before, after) {
  const delta = before.tenths !== null && after.tenths !== null ? after.tenths - before.tenths : null;
  return {
    id: before.id,
    before_tenths: before.tenths,
    after_tenths: after.tenths,
    change_tenths: delta,
    before_band: before.band,
    after_band: after.band,
  };
}

export function compareAudits(checklist, previous, current) {
  const before = scoreAudit(checklist, previous);
  const after = scoreAudit(checklist, current);
  const changes = [];
  const unchanged = [];
  const newlyRated = [];
  const noLongerRated = [];
  checklist.items.forEach((item, order) => {
    const old = isScore(previous[item.id]) ? previous[item.id] : null;
    const now = isScore(current[item.id]) ? current[item.id] : null;
    if (old !== null && now !== null) {
      if (old === now) unchanged.push(item.id);
      else changes.push({ order, change: now - old, entry: { item_id: item.id, before: old, after: now } });
    } else if (now !== null) newlyRated.push(item.id);
    else if (old !== null) noLongerRated.push(item.id);
  });
  const improved = changes.filter((c) => c.change > 0).sort((a, b) => b.change - a.change || a.order - b.order);
  const slipped = changes.filter((c) => c.change < 0).sort((a, b) => a.change - b.change || a.order - b.order);
  return {
    total: scopeChange(before.total, after.total),
    domains: before.domains.map((b, i) => scopeChange(b, after.domains[i])),
    improved: improved.map((c) => c.entry),
    slipped: slipped.map((c) => c.entry),
    unchanged,
    newly_rated: newlyRated,
    no_longer_rated: noLongerRated,
  };
}

// ------------------------------------------------------------ text rules
const CONTROL_SINGLE_LINE = /[\x00-\x1f\x7f]/;
const CONTROL_MULTI_LINE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const MARKUP = /<[ \t\n\r]*[A-Za-z/!?]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function textProblem(value, kind = "name", multiLine = false) {
  const limit = LIMITS[kind];
  if (LONE_SURROGATE.test(value)) return "contains broken characters";
  const length = [...value].length; // code points, as Python counts
  if (length > limit) return `is ${length} characters long; the limit is ${limit}`;
  if ((multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) {
    return "contains control characters";
  }
  if (BIDI.test(value)) return "contains characters that reverse the direction of the text";
  if (MARKUP.test(value)) {
    return "contains something that looks like a web page tag (< followed by a letter)";
  }
  return null;
}

// ------------------------------------------------------- opening a file
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VERSION_TEXT = /^[0-9]+\.[0-9]+$/;
const ITEM_ID = /^[a-z]+\.[a-z_]+$/;

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function problem(code, message) {
  return { code, message };
}

export function parseDate(value, where, problems) {
  if (typeof value !== "string" || !DATE.test(value)) {
    problems.push(problem("date", `${where} must be a date written as YYYY-MM-DD.`));
    return null;
  }
  const [y, m, d] = value.split("-").map(Number);
  const real = new Date(Date.UTC(y, m - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d || y < 1) {
    problems.push(problem("date", `${where} (${value}) is not a real date.`));
    return null;
  }
  if (y < MIN_YEAR || y > MAX_YEAR) {
    problems.push(problem("date", `${where} (${value}) is outside ${MIN_YEAR} to ${MAX_YEAR}.`));
    return null;
  }
  return value;
}

function checkText(value, where, kind, multiLine, problems) {
  if (typeof value !== "string") {
    problems.push(problem("structure", `${where} must be text.`));
    return "";
  }
  const reason = textProblem(value, kind, multiLine);
  if (reason) problems.push(problem("text", `${where} ${reason}. Edit it and save the file again.`));
  return value;
}

function onlyKeys(object, allowed, where, problems) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      problems.push(problem("structure", `The file's layout is wrong at ${where}: '${key}' is not expected.`));
    }
  }
}

// The JSON Schema (audit_file.schema.json) as plain checks: run only when the
// named checks found nothing, as in audit.py.
function structureProblems(doc) {
  const problems = [];
  const bad = (where, what) => problems.push(problem("structure", `The file's layout is wrong at ${where}: ${what}.`));
  onlyKeys(doc, ["format", "version", "checklist_version", "audit_id", "team", "date",
    "participants", "notes", "answers", "item_notes", "action_plan", "agreed_from"], "the file", problems);
  for (const key of ["checklist_version", "audit_id", "team", "date", "answers"]) {
    if (!has(doc, key)) bad("the file", `'${key}' is required`);
  }
  if (has(doc, "checklist_version") && !(typeof doc.checklist_version === "string" && VERSION_TEXT.test(doc.checklist_version))) {
    bad("checklist_version", "not a version such as 1.0");
  }
  if (has(doc, "audit_id") && !(typeof doc.audit_id === "string" && UUID.test(doc.audit_id))) {
    bad("audit_id", "not an audit id");
  }
  if (has(doc, "team")) {
    if (!isObject(doc.team)) bad("team", "not an object");
    else {
      onlyKeys(doc.team, ["name", "trust", "service"], "team", problems);
      if (!has(doc.team, "name")) bad("team", "'name' is required");
    }
  }
  if (has(doc, "participants") && !Array.isArray(doc.participants)) bad("participants", "not a list");
  if (has(doc, "answers")) {
    if (!isObject(doc.answers)) bad("answers", "not an object");
    else {
      for (const key of Object.keys(doc.answers)) if (!ITEM_ID.test(key)) bad("answers", `'${key}' is not an item id`);
    }
  }
  if (has(doc, "item_notes") && !isObject(doc.item_notes)) bad("item_notes", "not an object");
  if (has(doc, "action_plan")) {
    if (!Array.isArray(doc.action_plan)) bad("action_plan", "not a list");
    else {
      if (doc.action_plan.length > 10) bad("action_plan", "more than 10 actions");
      doc.action_plan.forEach((entry, index) => {
        if (!isObject(entry)) bad(`action_plan/${index}`, "not an object");
        else {
          onlyKeys(entry, ["item_id", "owner", "due", "status", "done", "reason"], `action_plan/${index}`, problems);
          if (typeof entry.item_id !== "string") bad(`action_plan/${index}`, "'item_id' is required");
          for (const key of ["due", "done", "reason"]) if (has(entry, key) && typeof entry[key] !== "string") bad(`action_plan/${index}/${key}`, "not text");
          if (has(entry, "status") && !ACTION_STATUS_IDS.includes(entry.status)) bad(`action_plan/${index}/status`, "not a status");
        }
      });
    }
  }
  if (has(doc, "agreed_from")) agreedFromShape(doc.agreed_from, bad, problems);
  return problems;
}

// An agreed audit names the two raters' audits it came from (raters.js).
function agreedFromShape(list, bad, problems) {
  if (!Array.isArray(list) || list.length !== 2) { bad("agreed_from", "not a list of the two raters' audits"); return; }
  list.forEach((entry, index) => {
    if (!isObject(entry)) { bad(`agreed_from/${index}`, "not an object"); return; }
    onlyKeys(entry, ["audit_id", "rater"], `agreed_from/${index}`, problems);
    if (!(typeof entry.audit_id === "string" && UUID.test(entry.audit_id))) bad(`agreed_from/${index}/audit_id`, "not an audit id");
    if (!(typeof entry.rater === "string" && entry.rater.length >= 1)) bad(`agreed_from/${index}/rater`, "'rater' is required");
  });
}

// An action plan entry's status, day done and reason, checked by follow_up.js's
// rules (the same as follow_up.py's); a version 1 entry is not started.
function followUp(entry, index, auditDate, today, problems) {
  const status = has(entry, "status") ? entry.status : "not_started";
  let reason = has(entry, "reason") ? entry.reason : "";
  if (typeof reason !== "string") {
    problems.push(problem("structure", `The reason for action ${index} must be text.`));
    reason = "";
  }
  let done = "";
  if (has(entry, "done") && entry.done !== "" && entry.done !== null) {
    done = parseDate(entry.done, `The day action ${index} was done`, problems);
    if (!done) return { status: String(status), done: "", reason };
  }
  if (typeof status === "string") {
    for (const message of statusProblems(status, reason, done, { auditDate, today })) problems.push(problem("action", `Action ${index}: ${message}`));
  }
  return { status: String(status), done, reason };
}

export function validateAuditDocument(doc, checklist, { today: day = localToday() } = {}) {
  // Returns {audit, problems}: audit is null whenever problems is not empty.
  // `today` is the latest day an action can have been done.
  if (!isObject(doc) || doc.format !== AUDIT_FORMAT) {
    return { audit: null, problems: [problem("format", "This is not a Connecting People self-audit file. Choose a file saved from the self-audit page.")] };
  }
  const version = doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return { audit: null, problems: [problem("version", `The file's format version (${JSON.stringify(version)}) is not one this book knows.`)] };
  }
  if (version > AUDIT_VERSION) {
    return { audit: null, problems: [problem("version", `The file was saved by a newer version of the book (format version ${version}); this copy reads version ${AUDIT_VERSION}. Update the book and try again.`)] };
  }
  const problems = [];
  const known = new Set(checklist.items.map((item) => item.id));
  const answers = {};
  if (isObject(doc.answers)) {
    const unknown = Object.keys(doc.answers).filter((key) => !known.has(key));
    if (unknown.length) {
      const shown = unknown.slice(0, 5).map((key) => `'${key.slice(0, 40)}'`).join(", ");
      const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : "";
      problems.push(problem("unknown_item", `The file answers items this checklist does not have: ${shown}${more}. It may come from a different checklist.`));
    }
    for (const [key, value] of Object.entries(doc.answers)) {
      if (!known.has(key)) continue;
      if (value === null || isScore(value)) answers[key] = value;
      else problems.push(problem("score_range", `The answer to '${key}' is ${JSON.stringify(value)}; answers must be a whole number from 1 to 5, or cannot rate.`));
    }
  }
  const team = isObject(doc.team) ? doc.team : {};
  const name = checkText(has(team, "name") ? team.name : "", "The team name", "name", false, problems);
  if (typeof team.name === "string" && !name.trim()) problems.push(problem("text", "The team name is empty. Add the team's name."));
  const trust = checkText(has(team, "trust") ? team.trust : "", "The Trust", "name", false, problems);
  const service = checkText(has(team, "service") ? team.service : "", "The service", "name", false, problems);
  const date = parseDate(doc.date, "The audit date", problems);
  const participants = [];
  const participantsIn = has(doc, "participants") ? doc.participants : [];
  if (Array.isArray(participantsIn)) {
    if (participantsIn.length > MAX_PARTICIPANTS) {
      problems.push(problem("text", `The file lists ${participantsIn.length} people who took part; the limit is ${MAX_PARTICIPANTS}.`));
    }
    participantsIn.slice(0, MAX_PARTICIPANTS).forEach((person, index) => {
      participants.push(checkText(person, `Person ${index + 1} who took part`, "name", false, problems));
    });
  }
  const notes = checkText(has(doc, "notes") ? doc.notes : "", "The notes", "notes", true, problems);
  const itemNotes = {};
  const notesIn = has(doc, "item_notes") ? doc.item_notes : {};
  if (isObject(notesIn)) {
    for (const [key, value] of Object.entries(notesIn)) {
      if (!known.has(key)) {
        problems.push(problem("unknown_item", `The file has a note for an item this checklist does not have: '${key.slice(0, 40)}'.`));
        continue;
      }
      itemNotes[key] = checkText(value, `The note on '${key}'`, "item_note", true, problems);
    }
  }
  const plan = [];
  const planIn = has(doc, "action_plan") ? doc.action_plan : [];
  if (Array.isArray(planIn)) {
    planIn.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const itemId = entry.item_id;
      if (typeof itemId === "string" && !known.has(itemId)) {
        problems.push(problem("unknown_item", `Action ${index + 1} is for an item this checklist does not have: '${itemId.slice(0, 40)}'.`));
      }
      const owner = checkText(has(entry, "owner") ? entry.owner : "", `The owner of action ${index + 1}`, "name", false, problems);
      let due = "";
      if (has(entry, "due") && entry.due !== "" && entry.due !== null) {
        due = parseDate(entry.due, `The date of action ${index + 1}`, problems) || "";
      }
      const follow = followUp(entry, index + 1, date, day, problems);
      if (typeof itemId === "string") plan.push({ item_id: itemId, owner, due, ...follow });
    });
  }
  const agreedFrom = [];
  if (Array.isArray(doc.agreed_from)) {
    doc.agreed_from.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const rater = checkText(has(entry, "rater") ? entry.rater : "", `The name of rater ${index + 1}`, "name", false, problems);
      agreedFrom.push({ audit_id: entry.audit_id, rater: rater.trim() });
    });
  }
  const all = problems.length ? problems : structureProblems(doc);
  if (all.length) return { audit: null, problems: all };
  return {
    problems: [],
    audit: {
      audit_id: doc.audit_id,
      checklist_version: doc.checklist_version,
      team: { name: name.trim(), trust: trust.trim(), service: service.trim() },
      date,
      participants: participants.map((p) => p.trim()).filter((p) => p),
      notes,
      answers,
      item_notes: Object.fromEntries(Object.entries(itemNotes).filter(([, v]) => v.trim())),
      action_plan: plan,
      ...(agreedFrom.length ? { agreed_from: agreedFrom } : {}),
    },
  };
}

export function parseAuditText(text, checklist, options = {}) {
  if (text.length > MAX_FILE_CHARS) {
    return { audit: null, problems: [problem("too_big", "The file is larger than 1 MB, far larger than any saved self-audit.")] };
  }
  let doc;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (error) {
    return { audit: null, problems: [problem("json", `The file is not a saved self-audit: it could not be read as JSON (${error.message}).`)] };
  }
  return validateAuditDocument(doc, checklist, options);
}

export function auditDocument(fields) {
  // The saved-file form of an audit, in the same field order as audit.py writes.
  return {
    format: AUDIT_FORMAT,
    version: AUDIT_VERSION,
    checklist_version: fields.checklist_version,
    audit_id: fields.audit_id,
    team: { name: fields.team.name, trust: fields.team.trust, service: fields.team.service },
    date: fields.date,
    participants: fields.participants,
    notes: fields.notes,
    answers: fields.answers,
    item_notes: fields.item_notes,
    // Every entry with all six fields, as audit.py writes them: a day done only
    // when done, a reason only when dropped.
    action_plan: (fields.action_plan || []).map((e) => {
      const status = e.status || "not_started";
      return { item_id: e.item_id, owner: e.owner || "", due: e.due || "", status,
        done: status === "done" ? e.done || "" : "", reason: status === "dropped" ? e.reason || "" : "" };
    }),
    // Only an agreed audit has it, so every other file stays as before.
    ...(fields.agreed_from && fields.agreed_from.length ? { agreed_from: fields.agreed_from } : {}),
  };
}

export function newAuditId() {
  if (globalThis.crypto && typeof globalThis.crypto.randomUUID === "function") {
    return globalThis.crypto.randomUUID();
  }
  // randomUUID needs a secure context; getRandomValues works everywhere.
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
