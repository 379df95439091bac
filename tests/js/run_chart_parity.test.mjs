// The run-chart rules in the browser (widgets/connecting_people/fidelity/run_chart.js)
// against the hand-worked cases in run_chart_cases.json, which
// tests/unit/test_fidelity_run_chart.py checks against run_chart.py: both
// languages meet the same expectations, so they agree.
//
// Run alone:   node --test tests/js/run_chart_parity.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..", "..", "widgets", "connecting_people", "fidelity");
const source = readFileSync(join(pkg, "run_chart.js"), "utf8");
const rules = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
const { cases } = JSON.parse(readFileSync(join(here, "run_chart_cases.json"), "utf8"));

for (const example of cases) {
  test(`run chart: ${example.name}`, () => {
    const result = rules.analyseRun(example.values, example.labels || null);
    assert.equal(result.points, example.values.length);
    assert.equal(result.median, example.median);
    assert.equal(result.useful, example.useful);
    assert.equal(result.runs, example.runs);
    const findings = example.values.length ? result.findings.slice(0, -1) : result.findings;
    assert.deepEqual(findings.map(({ rule, status, start, end, direction }) =>
      ({ rule, status, start, end, direction })), example.findings);
    if (example.values.length) assert.equal(result.findings.at(-1).rule, "astronomical");
    if (example.sentences) assert.deepEqual(result.findings.map((f) => f.sentence), example.sentences);
  });
}

test("the runs table starts at 10 points and ends at 60", () => {
  const sizes = Object.keys(rules.RUNS_LIMITS).map(Number);
  assert.equal(Math.min(...sizes), 10);
  assert.equal(Math.max(...sizes), 60);
  assert.equal(sizes.length, 51);
});

test("labels must match the points", () => {
  assert.throws(() => rules.analyseRun([30, 31], ["one"]), /one label for each point/);
});
