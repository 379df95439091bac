// Two raters in the browser (fidelity/raters.js, as the widget bundle ships it)
// against the hand-worked cases in raters_cases.json, which
// tests/parity/test_raters_parity.py checks against fidelity/raters.py.
//
// Run alone:   node --test tests/js/raters_parity.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { loadBundle } from "./shipped.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const rules = await loadBundle("fidelity");
const { cases } = JSON.parse(readFileSync(join(here, "raters_cases.json"), "utf8"));
// The real checklist, as Python gives it to the widget: the pytest side
// (tests/parity/test_raters_parity.py) passes it in; alone, the cases skip.
const checklist = JSON.parse(process.env.FIDELITY_CHECKLIST_JSON || "null");
const skip = !checklist && "needs the checklist (run from pytest)";
const firstSix = checklist ? checklist.items.slice(0, 6).map((item) => item.id) : [];
const pick = (object) => Object.fromEntries(Object.entries(object).filter(([id]) => firstSix.includes(id)));

function open(doc) {
  const checked = rules.validateAuditDocument(doc, checklist);
  assert.deepEqual(checked.problems, []);
  return checked.audit;
}

for (const example of cases) {
  test(`two raters: ${example.name}`, { skip }, () => {
    const [first, second] = [open(example.first), open(example.second)];
    const got = rules.compareRaters(checklist, first, second);
    if (example.expect.problems.length) {
      assert.deepEqual(got.problems, example.expect.problems);
    } else {
      const { to_discuss, both_rated, within_one, one_rated, agreement_percent, sentence } = got;
      assert.deepEqual({ problems: got.problems, to_discuss, both_rated, within_one, one_rated,
        neither_rated: got.neither_rated.length, agreement_percent, sentence, proposed: pick(got.proposed) }, example.expect);
    }
    const [firstName, secondName] = example.names;
    const agreed = rules.agreeRaters(checklist, first, second, example.decisions, { firstName, secondName });
    if (example.agreed.problems.length) {
      assert.deepEqual(agreed.problems, example.agreed.problems);
      return;
    }
    const doc = rules.auditDocument(agreed.audit);
    assert.deepEqual({ problems: agreed.problems, answers: pick(doc.answers), item_notes: doc.item_notes, date: doc.date,
      participants: doc.participants, notes: doc.notes, agreed_from: doc.agreed_from, settled: agreed.settled }, example.agreed);
    assert.equal(Object.keys(doc.answers).length, checklist.items.length);
    assert.notEqual(doc.audit_id, first.audit_id);
    // The agreed file opens again, with its two originals named.
    assert.deepEqual(open(doc).agreed_from, example.agreed.agreed_from);
  });
}
