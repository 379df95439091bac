// The self-audit rules in the browser (widgets/connecting_people/fidelity/scoring.js)
// against the shared hand-worked cases (fidelity_cases.json), and, when run from
// tests/unit/test_fidelity_js_parity.py, against Python's full results.
//
// Run alone:   node --test tests/js/fidelity_parity.test.mjs
// From pytest: FIDELITY_PARITY_FILE points at Python's results for many audits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { loadBundle } from "./shipped.mjs";

const here = dirname(fileURLToPath(import.meta.url));
// The widget ships scoring.js and self_audit.js as one bundle: test that very file.
const rules = await loadBundle("fidelity");
const cases = JSON.parse(readFileSync(join(here, "fidelity_cases.json"), "utf8"));
const parityFile = process.env.FIDELITY_PARITY_FILE;
const parity = parityFile ? JSON.parse(readFileSync(parityFile, "utf8")) : null;
const checklist = parity ? parity.checklist : JSON.parse(process.env.FIDELITY_CHECKLIST_JSON || "null");

function partial(actual, expected, where) {
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(actual[key], value, `${where}: ${key}`);
  }
}

test("the module exports the widget view and the rules", () => {
  assert.equal(typeof rules.default.render, "function");
  assert.equal(typeof rules.scoreAudit, "function");
});

test("hand-worked scoring cases", { skip: !checklist && "needs the checklist (run from pytest)" }, () => {
  for (const c of cases.scoring) {
    const result = rules.scoreAudit(checklist, c.answers);
    if (c.expect.total) partial(result.total, c.expect.total, `${c.name} total`);
    for (const [id, expected] of Object.entries(c.expect.domains || {})) {
      partial(result.domains.find((d) => d.id === id), expected, `${c.name} ${id}`);
    }
    for (const key of ["plan", "weakest"]) {
      if (c.expect[key]) assert.deepEqual(result[key], c.expect[key], `${c.name} ${key}`);
    }
  }
});

test("hand-worked comparisons", { skip: !checklist && "needs the checklist (run from pytest)" }, () => {
  for (const c of cases.comparisons) {
    const result = rules.compareAudits(checklist, c.previous, c.current);
    for (const [key, value] of Object.entries(c.expect)) {
      if (key === "total") partial(result.total, value, `${c.name} total`);
      else assert.deepEqual(result[key], value, `${c.name} ${key}`);
    }
  }
});

test("opening files: the same files accepted and refused, for the same reasons", { skip: !checklist && "needs the checklist (run from pytest)" }, () => {
  for (const c of cases.files) {
    const { problems, audit } = rules.parseAuditText(c.text, checklist);
    const codes = [...new Set(problems.map((p) => p.code))].sort();
    assert.deepEqual(codes, c.expect_codes, `${c.name}: ${problems.map((p) => p.message).join(" | ")}`);
    assert.equal(audit === null, c.expect_codes.length > 0, c.name);
    for (const p of problems) assert.ok(p.message.length > 20, `${c.name}: message too short`);
  }
});

test("scores agree with Python on every audit", { skip: !parity && "run from pytest for the Python results" }, () => {
  for (const c of parity.scoring) {
    assert.deepEqual(rules.scoreAudit(checklist, c.answers), c.python, c.name);
  }
});

test("comparisons agree with Python", { skip: !parity && "run from pytest for the Python results" }, () => {
  for (const c of parity.comparisons) {
    assert.deepEqual(rules.compareAudits(checklist, c.previous, c.current), c.python, c.name);
  }
});

test("file checks agree with Python, and opened audits match", { skip: !parity && "run from pytest for the Python results" }, () => {
  for (const c of parity.files) {
    const { problems, audit } = rules.parseAuditText(c.text, checklist);
    const codes = [...new Set(problems.map((p) => p.code))].sort();
    assert.deepEqual(codes, c.python_codes, c.name);
    if (c.python_audit) assert.deepEqual(audit, c.python_audit, c.name);
  }
});

test("a document written by the browser is one Python accepts", { skip: !parity && "run from pytest" }, () => {
  const doc = rules.auditDocument({
    checklist_version: checklist.version, audit_id: rules.newAuditId(),
    team: { name: "Team", trust: "", service: "" }, date: "2026-01-02", participants: [],
    notes: "", answers: { "team.directory": 3 }, item_notes: {}, action_plan: [],
  });
  assert.deepEqual(rules.validateAuditDocument(doc, checklist).problems, []);
  assert.match(doc.audit_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
