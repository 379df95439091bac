// The network map's rules, for the browser: the same vocabulary, validation,
// summary figures, plain-words description, comparison and layout as the
// Python package (model.py, validate.py, rules.py, compare.py, layout.py).
//
// Why a second copy: on the static book page there is no Python, and a
// person's map must never leave their browser, so the browser computes
// everything itself. The parity test (tests/unit/test_network_parity.py, which
// runs tests/js/network_parity.test.mjs under `node --test`) feeds both copies
// the same fixture maps and requires the same answers. Change one, change both.
//
// Pure functions only: no DOM, no storage, no network. The widget imports
// these; Python concatenates this file into the widget's _esm.

export const FORMAT_NAME = "connecting-people/network-map";
export const FORMAT_VERSION = 2;

export const KINDS = {
  family: "Family",
  friend: "Friends",
  neighbour: "Neighbours",
  work_study: "Work or study",
  group_activity: "Groups and activities",
  place: "Places",
  online: "Online",
  professional_service: "Professionals and services",
};
export const KIND_SINGULAR = {
  family: "family",
  friend: "friend",
  neighbour: "neighbour",
  work_study: "work or study",
  group_activity: "group or activity",
  place: "place",
  online: "online",
  professional_service: "professional or service",
};
export const CIRCLES = { 1: "inner circle (closest)", 2: "middle circle", 3: "outer circle" };
export const CONTACT = {
  daily: "every day or most days",
  weekly: "about once a week",
  monthly: "about once a month",
  less_often: "less often",
  never: "no contact now",
};
export const GIVES = {
  practical: "practical help",
  emotional: "emotional support",
  advice: "advice or information",
  company: "company",
};
export const TIES = { strong: "strong", weak: "weak", stressful: "stressful" };
export const WISHES = { more: "more contact", same: "the same", less: "less contact" };
export const TRIED = { yes: "tried", no: "not tried", not_yet: "not yet" };

export const MAX_ENTRIES = 10000;
export const MAX_LINKS = 20000;
export const MAX_LABEL = 80;
export const MAX_PERSON = 40;
export const MAX_NOTE = 2000;
export const MAX_ID = 64;
export const MAX_PROBLEMS = 12;
const REQUIRED = ["id", "label", "kind", "circle"];
// The person's answers: each may be left out, which means "not answered".
const ANSWERS = [["contact", CONTACT], ["tie", TIES], ["wish", WISHES]];
const MAP_ID = /^[A-Za-z0-9_-]{1,64}$/;

const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
// An answer nobody gave is absent (undefined) or null, never a default value.
export const answered = (value) => value !== undefined && value !== null;
const keys = (vocabulary) => Object.keys(vocabulary);
// Lengths and slices by code point, as Python counts them.
const chars = (text) => Array.from(text);
const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value) &&
  !(value instanceof JsonFloat);

/** A fresh id for a new map: random, so two people's maps never share a file name. */
export function newMapId() {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// ---------------------------------------------------------------- strict JSON

// The browser's JSON.parse keeps the last of two equal keys and reads 2.0 as the
// whole number 2; Python's reader (validate.py) refuses both. So files are read
// here with a small strict reader: a number written with a point or an exponent
// stays a JsonFloat (Python's float), and a key given twice is an error.

/** A number written with a decimal point or exponent, as Python's json reads it. */
export class JsonFloat {
  constructor(value) {
    this.value = value;
  }
}

class RepeatedKey extends Error {
  constructor(key) {
    super(`repeated key ${key}`);
    this.key = key;
  }
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Parse JSON text strictly (see above); throws SyntaxError or RepeatedKey. */
export function parseJson(textIn) {
  let at = 0;
  const skip = () => {
    WS.lastIndex = at;
    WS.exec(textIn);
    at = WS.lastIndex;
  };
  const fail = () => {
    throw new SyntaxError(`not JSON at ${at}`);
  };
  const token = (pattern) => {
    pattern.lastIndex = at;
    const found = pattern.exec(textIn);
    if (!found) fail();
    at = pattern.lastIndex;
    return found;
  };
  const value = () => {
    skip();
    const c = textIn[at];
    if (c === "{") {
      at += 1;
      const object = Object.create(null);
      const seen = new Set();
      let repeated = null;
      skip();
      if (textIn[at] === "}") {
        at += 1;
        return object;
      }
      for (;;) {
        skip();
        if (textIn[at] !== '"') fail();
        const key = JSON.parse(token(STRING)[0]);
        skip();
        if (textIn[at] !== ":") fail();
        at += 1;
        const item = value();
        if (seen.has(key) && repeated === null) repeated = key;
        seen.add(key);
        object[key] = item;
        skip();
        if (textIn[at] === ",") {
          at += 1;
        } else if (textIn[at] === "}") {
          at += 1;
          // Python's reader sees the keys when the object closes; so does this one.
          if (repeated !== null) throw new RepeatedKey(repeated);
          return object;
        } else {
          fail();
        }
      }
    }
    if (c === "[") {
      at += 1;
      const array = [];
      skip();
      if (textIn[at] === "]") {
        at += 1;
        return array;
      }
      for (;;) {
        array.push(value());
        skip();
        if (textIn[at] === ",") at += 1;
        else if (textIn[at] === "]") {
          at += 1;
          return array;
        } else fail();
      }
    }
    if (c === '"') return JSON.parse(token(STRING)[0]);
    for (const [word, result] of [["true", true], ["false", false], ["null", null]]) {
      if (textIn.startsWith(word, at)) {
        at += word.length;
        return result;
      }
    }
    const found = token(NUMBER);
    const number = Number(found[0]);
    return found[1] !== undefined || found[2] !== undefined ? new JsonFloat(number) : number;
  };
  const result = value();
  skip();
  if (at !== textIn.length) fail();
  return result;
}

/** Python's repr of a float, which its json module writes (2.0, 1e-05, 1e+16). */
export function pyFloatRepr(v) {
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  if (Object.is(v, -0)) return "-0.0";
  const [mantissa, power] = v.toExponential().split("e");
  const exp = Number(power);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  let out;
  if (exp < -4 || exp >= 16) {
    out = digits[0] + (digits.length > 1 ? `.${digits.slice(1)}` : "") +
      `e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  } else if (exp < 0) {
    out = `0.${"0".repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = `${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return sign + out;
}

/** A value as Python's json.dumps(separators=(",", ":"), ensure_ascii=False) writes it. */
function pyDumps(value) {
  if (value === null || value === undefined) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (value instanceof JsonFloat) return pyFloatRepr(value.value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyDumps).join(",")}]`;
  return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${pyDumps(value[k])}`).join(",")}}`;
}

export function displayName(person) {
  return person.trim() || "The person";
}

// ---------------------------------------------------------------- validation

export class MapError extends Error {
  constructor(problems) {
    super(
      "This file could not be opened as a network map:\n" +
        problems.map((problem) => `- ${problem}`).join("\n"),
    );
    this.name = "MapError";
    this.problems = problems;
  }
}

function quote(value) {
  let text;
  if (typeof value === "string") text = `'${value}'`;
  else text = pyDumps(value);
  const all = chars(text);
  return all.length <= 40 ? text : all.slice(0, 37).join("") + "...";
}

function oneOf(vocabulary) {
  const names = keys(vocabulary);
  return names.slice(0, -1).join(", ") + " or " + names[names.length - 1];
}

const isInt = (value) => typeof value === "number" && Number.isInteger(value);

function v0ToV1(doc) {
  const entries = (Array.isArray(doc.entries) ? doc.entries : []).map((item) => {
    if (!isPlainObject(item)) return item;
    const copy = { ...item };
    if (has(copy, "ring") && !has(copy, "circle")) {
      copy.circle = copy.ring;
      delete copy.ring;
    }
    if (has(copy, "quality") && !has(copy, "tie")) {
      copy.tie = copy.quality;
      delete copy.quality;
    }
    return copy;
  });
  const upgraded = { ...doc };
  delete upgraded.name;
  delete upgraded.made;
  upgraded.format = FORMAT_NAME;
  upgraded.version = 1;
  upgraded.person = has(doc, "person") ? doc.person : has(doc, "name") ? doc.name : "";
  upgraded.date = has(doc, "date") ? doc.date : doc.made;
  upgraded.entries = entries;
  return upgraded;
}

function v1ToV2(doc) {
  // Version 1 always held every answer, filled in by the form when skipped. They are
  // kept as they were (a missing wish or gives meant "same" and none) and marked.
  const upgraded = { ...doc, version: 2 };
  if (Array.isArray(doc.entries)) {
    upgraded.entries = doc.entries.map((item) => {
      if (!isPlainObject(item)) return item;
      const copy = { ...item };
      if (!has(copy, "gives")) copy.gives = [];
      if (!has(copy, "wish")) copy.wish = "same";
      copy.recorded_by = 1;
      return copy;
    });
  }
  return upgraded;
}

export const MIGRATIONS = { 0: v0ToV1, 1: v1ToV2 };

export function upgrade(doc) {
  if (!isPlainObject(doc)) {
    throw new MapError(["The file does not hold a network map: it should be one JSON object."]);
  }
  const version = doc.version;
  if (version === undefined || version === null) {
    throw new MapError(["The file has no version number, so it is not a saved network map."]);
  }
  if (!isInt(version)) {
    throw new MapError([`The version must be a whole number, not ${quote(version)}.`]);
  }
  if (version > FORMAT_VERSION) {
    throw new MapError([
      `This map was saved by a newer version of the exercise (format version ${version}). ` +
        `This version reads format versions up to ${FORMAT_VERSION}: please update it.`,
    ]);
  }
  if (version < 0 || (version < FORMAT_VERSION && !has(MIGRATIONS, version))) {
    throw new MapError([`Format version ${version} is not one this exercise knows.`]);
  }
  if (version >= 1 && doc.format !== FORMAT_NAME) {
    throw new MapError([
      `The file is not a network map: its format is ${quote(doc.format)}, ` +
        `not '${FORMAT_NAME}'.`,
    ]);
  }
  while (doc.version < FORMAT_VERSION) doc = MIGRATIONS[doc.version](doc);
  return doc;
}

// ---- The book's one text rule (widgets/connecting_people/common/text.py), mirrored and
// checked against the shared cases in tests/fixtures/text_cases.json.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI_LINE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
const DIRECTION = /[\u202a-\u202e\u2066-\u2069]/;
// Beyond the rule: two characters XML cannot hold, so the map could not be exported as GraphML.
const NOT_XML = /[\ufffe\uffff]/;
// The spaces trimmed from the ends of a name: the ones Python and JavaScript both call
// white space, so that both sides say "is empty" of the same text (see validate.py).
const ENDS = /^[\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const trimEnds = (value) => value.replace(ENDS, "");
const codePoint = (char) => `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `value` breaks the text rule, as a phrase to follow a field's name; null when fine. */
export function textProblem(value, multiline = false) {
  if (!value.isWellFormed()) return "contains broken characters (damaged Unicode); please retype it";
  const control = (multiline ? CONTROL_MULTI_LINE : CONTROL).exec(value);
  if (control) {
    return `contains a hidden control character (${codePoint(control[0])}) at position ` +
      `${control.index + 1}; please retype it`;
  }
  const direction = DIRECTION.exec(value);
  if (direction) {
    return "contains a character that changes the direction of the text " +
      `(${codePoint(direction[0])}) at position ${direction.index + 1}; please remove it`;
  }
  return null;
}

/** `value` in NFC with plain line endings (multi-line), or throws Error(problem). */
export function normaliseText(value, multiline = false) {
  if (multiline) value = value.replace(/\r\n/g, "\n").replace(/\r/g, "\n");
  const problem = textProblem(value, multiline);
  if (problem) throw new Error(problem);
  return value.normalize("NFC");
}

function text(problems, where, value, { limit, required, oneLine = true }) {
  if (typeof value !== "string") {
    problems.push(`${where} must be text, not ${quote(value)}.`);
    return "";
  }
  if (!oneLine) value = value.replace(/\r\n/g, "\n").replace(/\r/g, "\n");
  let problem = textProblem(value, !oneLine);
  if (problem === null) {
    value = value.normalize("NFC");
    const odd = NOT_XML.exec(value);
    if (odd) {
      problem = `contains a character that cannot be saved in a file (${codePoint(odd[0])}); ` +
        "please remove it";
    }
  }
  if (required && !trimEnds(value)) problems.push(`${where} is empty.`);
  const length = chars(value).length;
  if (length > limit) {
    problems.push(`${where} is ${length} characters long; the most allowed is ${limit}.`);
  }
  if (problem) problems.push(`${where} ${problem}.`);
  return value;
}

function parseEntry(problems, index, item, seen) {
  let where = `Entry ${index + 1}`;
  if (!isPlainObject(item)) {
    problems.push(`${where} should be an object with a label, kind and circle.`);
    return null;
  }
  if (typeof item.label === "string" && trimEnds(item.label)) {
    where = `Entry ${index + 1} (${chars(trimEnds(item.label)).slice(0, 30).join("")})`;
  }
  const start = problems.length;
  const missing = REQUIRED.filter((key) => !has(item, key));
  if (missing.length) {
    problems.push(`${where} is missing: ${missing.join(", ")}.`);
    return null;
  }
  const id = text(problems, `${where}: the id`, item.id, { limit: MAX_ID, required: true });
  if (seen.has(id)) {
    problems.push(`${where}: the id '${id}' is used twice; each entry needs its own.`);
  }
  seen.add(id);
  const label = text(problems, `${where}: the label`, item.label, {
    limit: MAX_LABEL,
    required: true,
  });
  if (typeof item.kind !== "string" || !has(KINDS, item.kind)) {
    problems.push(`${where}: the kind must be ${oneOf(KINDS)}, not ${quote(item.kind)}.`);
  }
  const circle = item.circle;
  if (!isInt(circle) || ![1, 2, 3].includes(circle)) {
    problems.push(`${where}: the circle must be 1, 2 or 3, not ${quote(circle)}.`);
  }
  const answers = {};
  for (const [key, vocabulary] of ANSWERS) {
    const value = has(item, key) ? item[key] : null;
    if (value !== null && (typeof value !== "string" || !has(vocabulary, value))) {
      problems.push(
        `${where}: the ${key} must be ${oneOf(vocabulary)} or left out, not ${quote(value)}.`,
      );
    }
    answers[key] = value;
  }
  let gives = has(item, "gives") ? item.gives : null;
  if (gives === null) {
    // not answered
  } else if (!Array.isArray(gives) || gives.some((g) => typeof g !== "string" || !has(GIVES, g))) {
    problems.push(`${where}: gives must be a list of ${oneOf(GIVES)}.`);
    gives = null;
  } else if (new Set(gives).size !== gives.length) {
    problems.push(`${where}: gives names the same kind of support twice.`);
  }
  const note = text(problems, `${where}: the note`, has(item, "note") ? item.note : "", {
    limit: MAX_NOTE,
    required: false,
    oneLine: false,
  });
  const suggestion = parseSuggestion(problems, where, has(item, "suggestion") ? item.suggestion : null);
  const recordedBy = has(item, "recorded_by") ? item.recorded_by : null;
  if (recordedBy !== null && (!isInt(recordedBy) || recordedBy < 1 || recordedBy >= FORMAT_VERSION)) {
    problems.push(`${where}: recorded_by must be 1 or left out, not ${quote(recordedBy)}.`);
  }
  if (problems.length > start) return null;
  const entry = { id, label, kind: item.kind, circle };
  if (answers.contact !== null) entry.contact = answers.contact;
  if (gives !== null) entry.gives = keys(GIVES).filter((g) => gives.includes(g));
  if (answers.tie !== null) entry.tie = answers.tie;
  if (answers.wish !== null) entry.wish = answers.wish;
  entry.note = note;
  if (suggestion !== null) entry.suggestion = suggestion;
  if (recordedBy !== null) entry.recorded_by = recordedBy;
  return entry;
}

function datePattern(value, what) {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return `${what} must be written as year-month-day (2026-03-01), not ${quote(value)}.`;
  }
  if (!realDay(value)) return `${what} ${value} is not a real day.`;
  return null;
}

function parseSuggestion(problems, where, value) {
  if (value === null) return null;
  if (!isPlainObject(value)) {
    problems.push(`${where}: the suggestion should be an object with the date it was ` +
      "suggested and whether it was tried.");
    return null;
  }
  const start = problems.length;
  const suggested = has(value, "suggested") ? value.suggested : null;
  const problem = datePattern(suggested, `${where}: the date suggested`);
  if (problem) problems.push(problem);
  const tried = has(value, "tried") ? value.tried : "not_yet";
  if (typeof tried !== "string" || !has(TRIED, tried)) {
    problems.push(`${where}: tried must be ${oneOf(TRIED)}, not ${quote(tried)}.`);
  }
  const outcome = text(problems, `${where}: what helped or got in the way`,
    has(value, "outcome") ? value.outcome : "", { limit: MAX_NOTE, required: false, oneLine: false });
  if (problems.length > start) return null;
  return { suggested, tried, outcome };
}

function parseLinks(problems, links, ids) {
  if (!Array.isArray(links)) {
    problems.push("The links must be a list.");
    return [];
  }
  if (links.length > MAX_LINKS) {
    problems.push(`The map has ${links.length} links; the most allowed is ${MAX_LINKS}.`);
    return [];
  }
  const found = [];
  const pairs = new Set();
  links.forEach((item, index) => {
    const where = `Link ${index + 1}`;
    if (!isPlainObject(item) || typeof item.from !== "string" || typeof item.to !== "string") {
      problems.push(`${where} needs 'from' and 'to', each the id of an entry.`);
      return;
    }
    const unknown = [item.from, item.to].filter((end) => !ids.has(end));
    if (unknown.length) {
      problems.push(`${where} names an entry that is not on the map: ${quote(unknown[0])}.`);
      return;
    }
    if (item.from === item.to) {
      problems.push(`${where} joins an entry to itself.`);
      return;
    }
    const pair = JSON.stringify([item.from, item.to].sort());
    if (pairs.has(pair)) {
      problems.push(`${where} repeats a link that is already on the map.`);
      return;
    }
    pairs.add(pair);
    found.push({ from: item.from, to: item.to });
  });
  return found;
}

function realDay(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Validate a decoded JSON document (any supported version); return a clean map or throw. */
export function parseMap(doc) {
  doc = upgrade(doc);
  let problems = [];
  const person = text(problems, "The person's name", has(doc, "person") ? doc.person : "", {
    limit: MAX_PERSON,
    required: false,
  });
  const mapId = has(doc, "id") ? doc.id : "";
  if (typeof mapId !== "string" || (mapId && !MAP_ID.test(mapId))) {
    problems.push("The map's id must be up to 64 letters, digits, '-' or '_', " +
      `not ${quote(mapId)}.`);
  }
  const date = has(doc, "date") ? doc.date : null;
  const problem = datePattern(date, "The date");
  if (problem) problems.push(problem);
  let raw = doc.entries;
  const entries = [];
  if (!Array.isArray(raw)) {
    problems.push("The map has no list of entries.");
    raw = [];
  } else if (raw.length > MAX_ENTRIES) {
    problems.push(
      `The map has ${raw.length} entries; the most a map can hold is ${MAX_ENTRIES}.`,
    );
    raw = [];
  }
  const seen = new Set();
  for (let index = 0; index < raw.length; index += 1) {
    const entry = parseEntry(problems, index, raw[index], seen);
    if (entry !== null) entries.push(entry);
    if (problems.length > MAX_PROBLEMS) break;
  }
  const links =
    problems.length <= MAX_PROBLEMS
      ? parseLinks(problems, has(doc, "links") ? doc.links : [], new Set(entries.map((e) => e.id)))
      : [];
  const notes = text(problems, "The notes", has(doc, "notes") ? doc.notes : "", {
    limit: MAX_NOTE,
    required: false,
    oneLine: false,
  });
  if (problems.length) {
    if (problems.length > MAX_PROBLEMS) {
      const more = problems.length - MAX_PROBLEMS;
      problems = problems.slice(0, MAX_PROBLEMS).concat([`... and at least ${more} more problem(s).`]);
    }
    throw new MapError(problems);
  }
  const map = { format: FORMAT_NAME, version: FORMAT_VERSION };
  if (mapId) map.id = mapId;
  return Object.assign(map, { person, date, entries, links, notes });
}

/** Read a map from JSON text, with a clear message when the text is not JSON at all. */
export function loads(textIn) {
  if (textIn.startsWith("\ufeff")) textIn = textIn.slice(1);
  let doc;
  try {
    doc = parseJson(textIn);
  } catch (error) {
    if (error instanceof RepeatedKey) {
      throw new MapError([`The file is not a saved map: the key ${quote(error.key)} appears ` +
        "twice in one object."]);
    }
    throw new MapError(["The file is not a saved map: it is not valid JSON."]);
  }
  return parseMap(doc);
}

/** Read a map from a file's bytes: UTF-8 only (with or without a BOM), as Python reads it. */
export function loadsBytes(bytes) {
  let textIn;
  try {
    textIn = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new MapError(["The file is not text (it may be a picture or a document)."]);
  }
  return loads(textIn);
}

/** A new, empty map: the widget's starting point (a page gives it a fresh id). */
export function emptyMapDoc(date, id = "") {
  const map = { format: FORMAT_NAME, version: FORMAT_VERSION };
  if (id) map.id = id;
  return Object.assign(map, { person: "", date, entries: [], links: [], notes: "" });
}

/** The map as its versioned JSON document, as the Python package writes it. */
export function toJson(map) {
  const doc = { format: FORMAT_NAME, version: FORMAT_VERSION };
  if (map.id) doc.id = map.id;
  Object.assign(doc, {
    person: map.person,
    date: map.date,
    entries: map.entries.map(entryDoc),
    links: map.links.map((k) => ({ from: k.from, to: k.to })),
    notes: map.notes,
  });
  return JSON.stringify(doc, null, 2) + "\n";
}

/** One entry as the file holds it: answers nobody gave are left out (as in model.py). */
export function entryDoc(e) {
  const doc = { id: e.id, label: e.label, kind: e.kind, circle: e.circle };
  if (answered(e.contact)) doc.contact = e.contact;
  if (Array.isArray(e.gives)) doc.gives = keys(GIVES).filter((g) => e.gives.includes(g));
  if (answered(e.tie)) doc.tie = e.tie;
  if (answered(e.wish)) doc.wish = e.wish;
  doc.note = e.note || "";
  if (e.suggestion) {
    doc.suggestion = { suggested: e.suggestion.suggested, tried: e.suggestion.tried,
      outcome: e.suggestion.outcome };
  }
  if (answered(e.recorded_by)) doc.recorded_by = e.recorded_by;
  return doc;
}

// ---------------------------------------------------------------- summary and words

export const COMMUNITY_KINDS = ["neighbour", "work_study", "group_activity", "place", "online"];
export const CIRCLE_SHORT = { 1: "inner", 2: "middle", 3: "outer" };
export const KIND_COUNT_WORDS = {
  family: ["family member", "family members"],
  friend: ["friend", "friends"],
  neighbour: ["neighbour", "neighbours"],
  work_study: ["work or study link", "work or study links"],
  group_activity: ["group or activity", "groups or activities"],
  place: ["place", "places"],
  online: ["online contact", "online contacts"],
  professional_service: ["professional or service", "professionals or services"],
};
export const VOICES = ["worker", "person"];
export const NETWORK_TYPES = {
  empty: ["Not started", "Start with whoever feels closest."],
  unnamed: [
    "Not named yet",
    "A map type is named only when at least two thirds of the person's own connections " +
      "(not services) have an answer for how often they are in contact.",
  ],
  mostly_services: [
    "Mostly services",
    "At least half of the connections are with professionals and services. " +
      "That can mean there are few people to turn to outside services, so one or two " +
      "connections of the person's own could make a real difference.",
  ],
  small: [
    "Small",
    "There are only a few people, groups or places on the map. " +
      "Each one matters a lot, and one more connection would be a big step.",
  ],
  family_centred: [
    "Family-centred",
    "Most connections are with family, with few links to groups, places or people outside " +
      "the family. Family can be a strong base; a link outside the family adds something " +
      "different.",
  ],
  wide_and_active: [
    "Wide and active",
    "The map has many kinds of connection, including groups, places or people in the " +
      "community, and several are in touch every week. A wide map gives more ways to find " +
      "support and things to do.",
  ],
  mixed: [
    "Mixed",
    "The map has a mix of connections, with room to add more links in the community.",
  ],
};
export const LIST_LIMIT = 5;

export function percent(part, whole) {
  return whole === 0 ? 0 : Math.floor((200 * part + whole) / (2 * whole));
}

export function joinWords(items, limit = LIST_LIMIT) {
  items = [...items];
  if (items.length > limit) {
    const rest = items.length - limit;
    items = items.slice(0, limit).concat([rest === 1 ? `${rest} other` : `${rest} others`]);
  }
  if (!items.length) return "";
  if (items.length === 1) return items[0];
  const separator = items.some((item) => item.includes(",")) ? "; " : ", ";
  return items.slice(0, -1).join(separator) + " and " + items[items.length - 1];
}

const countWords = (count, one, many) => `${count} ${count === 1 ? one : many}`;
export const possessive = (person) => `${displayName(person)}'s`;

// How many of the person's own connections in touch weekly or more make a
// wide map "active" (services do not count: they are paid to be in touch).
export const ACTIVE_MIN_REGULAR = 3;
// A type is named only when this share of the person's own connections has a contact
// frequency: a type read from a few answers would describe the answers, not the map.
export const TYPE_MIN_ANSWERED = [2, 3];
export const ANSWER_KEYS = ["contact", "tie", "gives", "wish"];

export function networkType(summary) {
  const size = summary.size;
  if (size === 0) return "empty";
  const professionals = summary.professionals;
  const personal = size - professionals;
  const [top, bottom] = TYPE_MIN_ANSWERED;
  if (bottom * summary.own_with_contact < top * personal) return "unnamed";
  if (professionals >= personal) return "mostly_services";
  if (personal <= 4) return "small";
  const byKind = summary.by_kind;
  const community = COMMUNITY_KINDS.reduce((total, k) => total + byKind[k], 0);
  if (2 * byKind.family >= personal && community <= 1) return "family_centred";
  const personalKinds = keys(KINDS).filter((k) => k !== "professional_service" && byKind[k] > 0)
    .length;
  // "Active" means the person is in touch: a wide map of people they rarely
  // see is not the same shape, however many kinds it holds.
  const active = summary.regular_own >= ACTIVE_MIN_REGULAR;
  if (personalKinds >= 4 && community >= 2 && active) return "wide_and_active";
  return "mixed";
}

export function summarise(map) {
  const byKind = Object.fromEntries(keys(KINDS).map((k) => [k, 0]));
  const byCircle = [0, 0, 0];
  const ties = Object.fromEntries(keys(TIES).map((t) => [t, 0]));
  const given = Object.fromEntries(ANSWER_KEYS.map((k) => [k, 0]));
  const covered = new Set();
  const tried = { yes: 0, no: 0, not_yet: 0 };
  let regular = 0;
  let regularOwn = 0;
  let ownWithContact = 0;
  for (const entry of map.entries) {
    byKind[entry.kind] += 1;
    byCircle[entry.circle - 1] += 1;
    const own = entry.kind !== "professional_service";
    for (const key of ANSWER_KEYS) if (answered(entry[key])) given[key] += 1;
    if (answered(entry.tie)) ties[entry.tie] += 1;
    (entry.gives || []).forEach((g) => covered.add(g));
    if (entry.contact === "daily" || entry.contact === "weekly") {
      regular += 1;
      if (own) regularOwn += 1;
    }
    if (answered(entry.contact) && own) ownWithContact += 1;
    if (entry.suggestion) tried[entry.suggestion.tried] += 1;
  }
  const size = map.entries.length;
  const professionals = byKind.professional_service;
  const summary = {
    size,
    by_circle: byCircle,
    by_kind: byKind,
    professionals,
    professional_percent: percent(professionals, size),
    kinds_present: Object.values(byKind).filter((n) => n > 0).length,
    support_covered: keys(GIVES).filter((g) => covered.has(g)),
    support_missing: keys(GIVES).filter((g) => !covered.has(g)),
    ties,
    // How many entries have each answer; the rest are still unanswered.
    answered: given,
    unanswered: Object.fromEntries(ANSWER_KEYS.map((k) => [k, size - given[k]])),
    regular_contact: regular,
    // The person's own connections (not services) in touch weekly or more.
    regular_own: regularOwn,
    own_with_contact: ownWithContact,
    want_more: map.entries.filter((e) => e.wish === "more").map((e) => e.label),
    want_less: map.entries.filter((e) => e.wish === "less").map((e) => e.label),
    stressful: map.entries.filter((e) => e.tie === "stressful").map((e) => e.label),
    suggestions: tried.yes + tried.no + tried.not_yet,
    suggestions_tried: tried.yes,
    suggestions_not_tried: tried.no,
    suggestions_not_yet: tried.not_yet,
    recorded_by_earlier: map.entries.filter((e) => answered(e.recorded_by)).length,
  };
  summary.network_type = networkType(summary);
  return summary;
}

// What each unanswered question is called in the worker's description.
export const UNANSWERED_WORDS = { contact: "how often in contact", tie: "how the tie feels",
  gives: "what they give", wish: "whether more or less contact is wanted" };
// The person's voice uses short, everyday words (the page must read at Flesch 80+).
export const PERSON_UNANSWERED = { contact: "how often you see them", tie: "how it feels",
  gives: "what they give you", wish: "what you would like" };
export const PERSON_KIND_WORDS = {
  family: ["from your family", "from your family"],
  friend: ["friend", "friends"],
  neighbour: ["neighbour", "neighbours"],
  work_study: ["from work or study", "from work or study"],
  group_activity: ["group or thing you do", "groups or things you do"],
  place: ["place", "places"],
  online: ["you meet online", "you meet online"],
  professional_service: ["service", "services"],
};
export const PERSON_GIVES = { practical: "help with tasks", emotional: "someone to talk to",
  advice: "advice", company: "company" };

function suggestionSentence(summary, voice) {
  const count = summary.suggestions;
  if (!count) return null;
  const parts = [["suggestions_tried", "tried"], ["suggestions_not_tried", "not tried"],
    ["suggestions_not_yet", "not yet"]].filter(([k]) => summary[k])
    .map(([k, words]) => `${summary[k]} ${words}`);
  const things = count === 1 ? "thing" : "things";
  if (voice === "person") return `${count} ${things} to try: ${joinWords(parts)}.`;
  return `${count} ${things} suggested to try: ${joinWords(parts)}.`;
}

export function describe(map, summary = null, voice = "worker") {
  if (!VOICES.includes(voice)) throw new Error(`voice must be one of worker, person, not ${voice}`);
  summary = summary || summarise(map);
  if (voice === "person") {
    // The person's page names no map type: the type is a worker's shorthand.
    const sentences = personSentences(summary);
    return { type: null, type_name: null, sentences, text: sentences.join(" ") };
  }
  const owner = possessive(map.person);
  const name = displayName(map.person);
  const kind = summary.network_type;
  const [typeName, meaning] = NETWORK_TYPES[kind];
  const size = summary.size;
  const sentences = [];
  if (size === 0) {
    sentences.push(`${owner} map has no one on it yet.`);
  } else {
    const [inner, middle, outer] = summary.by_circle;
    sentences.push(
      `${owner} map has ${countWords(size, "connection", "connections")}: ${inner} in the ` +
        `inner circle, ${middle} in the middle circle and ${outer} in the outer circle.`,
    );
    const parts = keys(KINDS)
      .filter((k) => summary.by_kind[k])
      .map((k) => countWords(summary.by_kind[k], ...KIND_COUNT_WORDS[k]));
    sentences.push(`They are ${joinWords(parts, parts.length)}.`);
    const professionals = summary.professionals;
    if (professionals) {
      let verb =
        professionals === 1 ? "is a professional or service" : "are professionals or services";
      if (professionals === size) {
        verb = size === 1 ? "is a professional or service" : "are all professionals or services";
        sentences.push(`${size === 1 ? "It" : "They"} ${verb} (100%).`);
      } else {
        sentences.push(
          `${professionals} of the ${size} (${summary.professional_percent}%) ${verb}.`,
        );
      }
    }
    const covered = summary.support_covered.map((g) => GIVES[g]);
    const missing = summary.support_missing.map((g) => GIVES[g]);
    if (!covered.length) {
      sentences.push("No one on the map is marked as giving support yet.");
    } else if (!missing.length) {
      sentences.push(`Between them, they give all four kinds of support: ${joinWords(covered)}.`);
    } else {
      sentences.push(
        `Between them, they give ${joinWords(covered)}. Not marked yet: ${joinWords(missing)}.`,
      );
    }
    const stressful = summary.stressful;
    if (stressful.length) {
      const ties = stressful.length === 1 ? "tie feels" : "ties feel";
      sentences.push(`${stressful.length} ${ties} stressful: ${joinWords(stressful)}.`);
    }
    if (summary.want_more.length) {
      sentences.push(`${name} would like more contact with ${joinWords(summary.want_more)}.`);
    }
    if (summary.want_less.length) {
      sentences.push(`${name} would like less contact with ${joinWords(summary.want_less)}.`);
    }
    const suggestion = suggestionSentence(summary, "worker");
    if (suggestion) sentences.push(suggestion);
    const unanswered = ANSWER_KEYS.filter((k) => summary.unanswered[k])
      .map((k) => `${UNANSWERED_WORDS[k]} (${summary.unanswered[k]} of ${size})`);
    if (unanswered.length) sentences.push(`Not answered yet: ${joinWords(unanswered, 4)}.`);
    const earlier = summary.recorded_by_earlier;
    if (earlier) {
      sentences.push(`The answers for ${countWords(earlier, "entry", "entries")} were recorded ` +
        "by the earlier version of this exercise, which filled in skipped answers with " +
        `defaults: check them with ${name}.`);
    }
  }
  if (kind === "unnamed") {
    sentences.push(`No map type is named yet: ${meaning[0].toLowerCase()}${meaning.slice(1)} ` +
      `So far ${summary.own_with_contact} of ${size - summary.professionals} have one.`);
  } else {
    sentences.push(`The book's own name for this shape of map is "${typeName}". ${meaning}`);
  }
  return { type: kind, type_name: typeName, sentences, text: sentences.join(" ") };
}

/** The map described to the person, as "you", in short everyday words. */
function personSentences(summary) {
  const size = summary.size;
  if (size === 0) return ["Your map has no one on it yet."];
  const [inner, middle, outer] = summary.by_circle;
  const sentences = [`You have ${size} on your map.`,
    `${inner} ${inner === 1 ? "is" : "are"} in the inner circle, ${middle} in ` +
      `the middle one and ${outer} in the outer one.`];
  const parts = keys(KINDS).filter((k) => summary.by_kind[k])
    .map((k) => `${summary.by_kind[k]} ${PERSON_KIND_WORDS[k][summary.by_kind[k] === 1 ? 0 : 1]}`);
  sentences.push(`They are ${joinWords(parts, parts.length)}.`);
  const professionals = summary.professionals;
  if (professionals && professionals < size) {
    sentences.push(`${professionals} of the ${size} ` +
      `${professionals === 1 ? "is a service" : "are services"}.`);
  }
  const covered = summary.support_covered.map((g) => PERSON_GIVES[g]);
  const missing = summary.support_missing.map((g) => PERSON_GIVES[g]);
  if (!covered.length) {
    sentences.push("You have not marked what anyone gives you yet.");
  } else {
    sentences.push(`They give you ${joinWords(covered)}.`);
    if (missing.length) sentences.push(`No one is marked yet for ${joinWords(missing)}.`);
  }
  const stressful = summary.stressful;
  if (stressful.length) {
    sentences.push(`You find ${stressful.length} of them hard: ${joinWords(stressful)}.`);
  }
  if (summary.want_more.length) {
    sentences.push(`You would like to see more of ${joinWords(summary.want_more)}.`);
  }
  if (summary.want_less.length) {
    sentences.push(`You would like to see less of ${joinWords(summary.want_less)}.`);
  }
  const suggestion = suggestionSentence(summary, "person");
  if (suggestion) sentences.push(suggestion);
  const unanswered = ANSWER_KEYS.filter((k) => summary.unanswered[k])
    .map((k) => `${PERSON_UNANSWERED[k]} (${summary.unanswered[k]})`);
  if (unanswered.length) sentences.push(`Still to say for some: ${joinWords(unanswered, 4)}.`);
  if (summary.recorded_by_earlier) {
    sentences.push("Some answers came from an old copy of this page. It filled in any " +
      "you left out, so check them.");
  }
  return sentences;
}

// ---------------------------------------------------------------- comparison

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"];

export const FIGURES = [
  ["size", "Connections on the map", (s) => s.size],
  ["inner", "In the inner circle", (s) => s.by_circle[0]],
  ["middle", "In the middle circle", (s) => s.by_circle[1]],
  ["outer", "In the outer circle", (s) => s.by_circle[2]],
  ["professional_percent", "Professionals and services (%)", (s) => s.professional_percent],
  ["kinds_present", "Kinds of connection", (s) => s.kinds_present],
  ["support_types", "Kinds of support covered (of 4)", (s) => s.support_covered.length],
  ["regular_contact", "In contact weekly or more", (s) => s.regular_contact],
  ["stressful", "Stressful ties", (s) => s.ties.stressful],
  ["want_more", "Wants more contact with", (s) => s.want_more.length],
  ["suggestions", "Things suggested to try", (s) => s.suggestions],
  ["suggestions_tried", "Suggestions tried", (s) => s.suggestions_tried],
];

export function longDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const dayNumber = (iso) => {
  const [year, month, day] = iso.split("-").map(Number);
  return Date.UTC(year, month - 1, day) / 86400000;
};

const labelKey = (label) => label.trim().toLowerCase();

export function matchEntries(before, after) {
  const pairs = [];
  const afterIndex = new Map(after.entries.map((e, i) => [e.id, i]));
  const usedBefore = new Set();
  const usedAfter = new Set();
  before.entries.forEach((entry, i) => {
    if (afterIndex.has(entry.id)) {
      const j = afterIndex.get(entry.id);
      pairs.push([i, j]);
      usedBefore.add(i);
      usedAfter.add(j);
    }
  });
  const byLabel = new Map();
  after.entries.forEach((entry, j) => {
    if (usedAfter.has(j)) return;
    const key = labelKey(entry.label);
    if (!byLabel.has(key)) byLabel.set(key, []);
    byLabel.get(key).push(j);
  });
  before.entries.forEach((entry, i) => {
    if (usedBefore.has(i)) return;
    const candidates = byLabel.get(labelKey(entry.label));
    if (candidates && candidates.length) pairs.push([i, candidates.shift()]);
  });
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

export function compare(first, second, voice = "worker") {
  const [before, after] = second.date < first.date ? [second, first] : [first, second];
  const pairs = matchEntries(before, after);
  const matchedBefore = new Set(pairs.map(([i]) => i));
  const matchedAfter = new Set(pairs.map(([, j]) => j));
  const added = after.entries.filter((e, j) => !matchedAfter.has(j)).map((e) => e.label);
  const removed = before.entries.filter((e, i) => !matchedBefore.has(i)).map((e) => e.label);
  const closer = [];
  const further = [];
  const tieChanged = [];
  for (const [i, j] of pairs) {
    const old = before.entries[i];
    const now = after.entries[j];
    const move = { id: now.id, label: now.label, from: old.circle, to: now.circle };
    if (now.circle < old.circle) closer.push(move);
    else if (now.circle > old.circle) further.push(move);
    if (now.tie !== old.tie && answered(now.tie) && answered(old.tie)) tieChanged.push({ id: now.id, label: now.label, from: old.tie, to: now.tie });
  }
  const sBefore = summarise(before);
  const sAfter = summarise(after);
  const result = {
    before_date: before.date,
    after_date: after.date,
    days: dayNumber(after.date) - dayNumber(before.date),
    added,
    removed,
    closer,
    further,
    tie_changed: tieChanged,
    matched: pairs.map(([i, j]) => [before.entries[i].id, after.entries[j].id]),
    figures: FIGURES.map(([key, name, read]) => ({
      key,
      name,
      before: read(sBefore),
      after: read(sAfter),
    })),
    type_before: sBefore.network_type,
    type_after: sAfter.network_type,
    support_gained: sAfter.support_covered.filter((g) => !sBefore.support_covered.includes(g)),
    support_lost: sBefore.support_covered.filter((g) => !sAfter.support_covered.includes(g)),
  };
  result.sentences = changeSentences(before, after, result, sBefore, sAfter, voice);
  result.text = result.sentences.join(" ");
  return result;
}

const moves = (list) =>
  joinWords(list.map((m) => `${m.label} (${CIRCLE_SHORT[m.from]} to ${CIRCLE_SHORT[m.to]} circle)`));

function changeSentences(before, after, result, sBefore, sAfter, voice) {
  const sentences = [];
  const a = before.person.trim();
  const b = after.person.trim();
  if (a && b && a.toLowerCase() !== b.toLowerCase()) {
    sentences.push(
      `These maps have different names on them (${a} and ${b}): ` +
        "check that they belong to the same person.",
    );
  }
  const owner = voice === "person" ? "your" : possessive(after.person || before.person);
  const ownerInSentence = owner.startsWith("The ") ? owner.toLowerCase() : owner;
  const n1 = sBefore.size;
  const n2 = sAfter.size;
  let when = `Between ${longDate(before.date)} and ${longDate(after.date)}`;
  if (before.date === after.date) when = `On ${longDate(after.date)}`;
  const plural = n2 === 1 ? "" : "s";
  if (n1 === n2) {
    sentences.push(`${when}, ${ownerInSentence} map stayed at ${n2} connection${plural}.`);
  } else {
    const verb = n2 > n1 ? "grew" : "shrank";
    sentences.push(`${when}, ${ownerInSentence} map ${verb} from ${n1} to ${n2} connection${plural}.`);
  }
  if (result.added.length) sentences.push(`New on the map: ${joinWords(result.added)}.`);
  if (result.removed.length) sentences.push(`No longer on the map: ${joinWords(result.removed)}.`);
  if (result.closer.length) sentences.push(`Moved closer: ${moves(result.closer)}.`);
  if (result.further.length) sentences.push(`Moved further out: ${moves(result.further)}.`);
  if (result.tie_changed.length) {
    const changes = result.tie_changed.map((t) => `${t.label} (${t.from} to ${t.to})`);
    sentences.push(`Ties that changed: ${joinWords(changes)}.`);
  }
  const p1 = sBefore.professional_percent;
  const p2 = sAfter.professional_percent;
  if (p1 !== p2 && n1 && n2) {
    sentences.push(`Professionals and services went from ${p1}% to ${p2}% of the map.`);
  }
  if (result.support_gained.length) {
    sentences.push(
      "Support covered now that was not before: " +
        `${joinWords(result.support_gained.map((g) => GIVES[g]))}.`,
    );
  }
  if (result.support_lost.length) {
    sentences.push(
      `Support no longer covered: ${joinWords(result.support_lost.map((g) => GIVES[g]))}.`,
    );
  }
  if (sAfter.suggestions || sBefore.suggestions) {
    sentences.push(`Things suggested to try: ${sBefore.suggestions} before and ` +
      `${sAfter.suggestions} now, of which ${sAfter.suggestions_tried} tried.`);
  }
  const t1 = NETWORK_TYPES[sBefore.network_type][0];
  const t2 = NETWORK_TYPES[sAfter.network_type][0];
  if (voice === "person") {
    // the person's page names no map type
  } else if (t1 !== t2) {
    sentences.push(`The shape of the map changed from "${t1}" to "${t2}" (the book's own map types).`);
  } else {
    sentences.push(`The shape of the map is still "${t2}" (the book's own map types).`);
  }
  const changed =
    result.added.length || result.removed.length || result.closer.length ||
    result.further.length || result.tie_changed.length;
  if (!changed) sentences.push("No one was added, removed or moved.");
  return sentences;
}

// ---------------------------------------------------------------- layout

export const MARGIN = 62.0;
export const PERSON_R = 0.16;
export const CIRCLE_R = [0.47, 0.75, 1.0];
export const GAP_DEGREES = 24.0;
export const MIN_SPACING = 24.0;
export const SLOT_GROUP = 4;

// Slots a kind gets: the next multiple of four. Filled from the slice's middle outwards,
// so adding someone moves no one else (see layout.py).
export const capacity = (count) => SLOT_GROUP * Math.ceil(count / SLOT_GROUP);

export function slotOrder(slots) {
  const middle = (slots - 1) / 2;
  return Array.from({ length: slots }, (_, slot) => slot)
    .sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle) || a - b);
}

export const round1 = (value) => Math.floor(value * 10 + 0.5) / 10;

export function kindCounts(...maps) {
  const counts = Object.fromEntries(keys(KINDS).map((k) => [k, 0]));
  for (const map of maps) {
    const own = Object.fromEntries(keys(KINDS).map((k) => [k, 0]));
    for (const entry of map.entries) own[entry.kind] += 1;
    for (const kind of keys(KINDS)) counts[kind] = Math.max(counts[kind], own[kind]);
  }
  return counts;
}

export function sectorsFor(counts) {
  const present = keys(KINDS).filter((kind) => (counts[kind] || 0) > 0);
  if (!present.length) return [];
  const total = present.reduce((sum, kind) => sum + capacity(counts[kind]), 0);
  const usable = 360.0 - 2 * GAP_DEGREES;
  let angle = GAP_DEGREES;
  return present.map((kind) => {
    const span = (usable * capacity(counts[kind])) / total;
    const sector = { kind, start: angle, end: angle + span };
    sector.middle = (sector.start + sector.end) / 2;
    angle += span;
    return sector;
  });
}

export function point(centre, radius, degrees) {
  const theta = degrees * (Math.PI / 180); // as Python's math.radians
  return [centre + radius * Math.sin(theta), centre - radius * Math.cos(theta)];
}

export function layout(map, size = 640, basis = null) {
  const half = size / 2;
  const outer = half - MARGIN;
  const personR = outer * PERSON_R;
  const circleR = CIRCLE_R.map((r) => outer * r);
  const counts = basis || kindCounts(map);
  const sectors = sectorsFor(counts);
  const byKind = Object.fromEntries(sectors.map((s) => [s.kind, s]));
  const orders = Object.fromEntries(sectors.map((s) => [s.kind, slotOrder(capacity(counts[s.kind]))]));
  const taken = Object.fromEntries(sectors.map((s) => [s.kind, 0]));
  const placed = [];
  map.entries.forEach((entry, index) => {
    const sector = byKind[entry.kind];
    const slots = orders[entry.kind].length;
    const slot = orders[entry.kind][taken[entry.kind]];
    taken[entry.kind] += 1;
    const step = (sector.end - sector.start) / slots;
    const innerEdge = entry.circle === 1 ? personR : circleR[entry.circle - 2];
    const outerEdge = circleR[entry.circle - 1];
    const middleR = (innerEdge + outerEdge) / 2;
    const crowded = step * (Math.PI / 180) * middleR < MIN_SPACING;
    const offset = crowded ? (outerEdge - innerEdge) * 0.22 : 0.0;
    const radius = middleR + (slot % 2 ? offset : -offset);
    const angle = sector.start + (slot + 0.5) * step;
    const [x, y] = point(half, radius, angle);
    placed.push({ index, x: round1(x), y: round1(y), angle: round1(angle) });
  });
  placed.sort((a, b) => a.index - b.index);
  return {
    size,
    centre: half,
    person_r: round1(personR),
    circle_r: circleR.map(round1),
    sectors,
    placed,
  };
}
