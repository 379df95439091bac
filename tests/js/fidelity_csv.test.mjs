// Audits as CSV in the browser (fidelity/audit_csv.js, as the widget bundle
// ships it) against Python's export.items_csv. Run from
// tests/parity/test_fidelity_csv_parity.py, which passes the checklist and
// Python's CSV for some audits in FIDELITY_CSV_PARITY_FILE.
//
// Run alone, the cases skip: node --test tests/js/fidelity_csv.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { loadBundle } from "./shipped.mjs";

const rules = await loadBundle("fidelity");
const file = process.env.FIDELITY_CSV_PARITY_FILE;
const parity = file ? JSON.parse(readFileSync(file, "utf8")) : null;
const skip = !parity && "needs Python's results (run from pytest)";

test("the page writes an audit's CSV exactly as Python's export does", { skip }, () => {
  for (const c of parity.audits) {
    const { audit, problems } = rules.validateAuditDocument(c.document, parity.checklist);
    assert.deepEqual(problems, []);
    assert.equal(rules.auditCsv(audit, parity.checklist), c.csv, c.name);
  }
});

test("the page reads Python's CSV back as the same audits", { skip }, () => {
  const read = rules.auditsFromCsv(parity.audits.map((c, i) => (i ? c.csv.split("\r\n").slice(1).join("\r\n") : c.csv)).join(""), parity.checklist);
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.rejects, []);
  assert.deepEqual(read.audits.map((a) => ({ audit_id: a.audit_id, team: a.team, date: a.date, answers: a.answers, item_notes: a.item_notes })),
    parity.audits.map((c) => c.read));
});

test("bad rows are named one by one and the rest of the audit is kept", { skip }, () => {
  const lines = parity.audits[0].csv.split("\r\n");
  const cells = (line) => line.split(",");
  lines[2] = cells(lines[2]).map((cell, i) => (i === 8 ? "7" : cell)).join(",");
  lines[3] = cells(lines[3]).map((cell, i) => (i === 3 ? "1 March 2026" : cell)).join(",");
  lines.splice(4, 0, lines[5]); // the same item twice
  const read = rules.auditsFromCsv(lines.join("\r\n"), parity.checklist);
  assert.deepEqual(read.rejects, [
    { row: 3, reason: "a rated item needs a score that is a whole number from 1 to 5." },
    { row: 4, reason: "the audit date must be a date written as YYYY-MM-DD." },
    { row: 7, reason: `item ${cells(lines[6])[6]} appears twice in the same audit.` },
  ]);
  assert.equal(read.audits.length, 1);
});

test("a file with other headings is refused as a whole", { skip }, () => {
  const read = rules.auditsFromCsv("team,score\r\nRiverside,3\r\n", parity.checklist);
  assert.equal(read.audits.length, 0);
  assert.match(read.problems[0], /^This is not a self-audit CSV: it has no column trust, service/);
});
