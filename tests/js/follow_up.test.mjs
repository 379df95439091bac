// Following up actions in the browser (fidelity/follow_up.js, as the widget
// bundle ships it) against the worked cases in follow_up_cases.json, which
// tests/parity/test_follow_up_parity.py checks against fidelity/follow_up.py.
//
// Run alone:   node --test tests/js/follow_up.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { loadBundle } from "./shipped.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const rules = await loadBundle("fidelity");
const cases = JSON.parse(readFileSync(join(here, "follow_up_cases.json"), "utf8"));
const checklist = { bands: cases.bands };

for (const c of cases.status) {
  test(`status: ${c.name}`, () => {
    assert.deepEqual(rules.statusProblems(c.status, c.reason, c.done, { auditDate: c.audit_date, today: c.today }), c.problems);
  });
}

for (const c of cases.overdue) {
  test(`overdue: ${c.name}`, () => {
    const late = rules.overdueActions(c.actions, c.on);
    assert.deepEqual(late.map((a) => a.item_id), c.overdue);
    assert.deepEqual(late.map((a) => rules.overdueSentence(a, c.on)), c.sentences);
  });
}

test("add months", () => {
  for (const [day, months, expected] of cases.add_months) assert.equal(rules.addMonths(day, months), expected, `${day} + ${months}`);
});

for (const c of cases.review) {
  test(`next review: ${c.name}`, () => {
    const review = rules.nextReview(checklist, c.audit_date, c.band);
    assert.deepEqual([review.due, review.months, review.reason], [c.due, c.months, c.reason]);
    assert.equal(rules.reviewSentence(review, c.on), c.sentence);
  });
}

for (const c of cases.latest_review) {
  test(`latest review: ${c.name}`, () => {
    const review = rules.latestReview(checklist, c.audits);
    assert.equal(review ? review.due : null, c.due);
  });
}

for (const c of cases.done_in_files) {
  test(`done marks: ${c.name}`, () => {
    assert.deepEqual(rules.doneInFiles(c.files).map((m) => [m.audit_id, m.entry.item_id, m.entry.done]), c.marks);
  });
}
