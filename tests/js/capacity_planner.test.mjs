// The capacity planner's rules in the browser copy (planner.js), under Node's own test runner.
// Run by tests/unit/test_capacity_parity.py, which also hands over the Python answers for
// every shared case (CP_CAPACITY_PARITY) so the two copies are compared field by field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { loadBundle } from "./shipped.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..", "..", "widgets", "connecting_people", "capacity");
// The bundle the widget ships (built from planner.js by the one front-end build).
const planner = await loadBundle("capacity");
const spec = JSON.parse(readFileSync(join(packageDir, "spec.json"), "utf8"));
const defaults = Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, f.default]));

test("the book's starting numbers fit, with the sums done by hand", () => {
  const r = planner.plan(defaults, spec);
  assert.equal(r.ok, true);
  // The steps from the chapter on time: 30 + 30 + 30 + 180 + 30 minutes, no extra support.
  assert.equal(r.minutes_per_person, 300);
  assert.equal(r.demand_minutes, 3 * 300);
  // 5 hours a week = 300 minutes; x 52 / 12 = 1300 a month; less 20% = 1040.
  assert.equal(r.capacity_minutes, 1040);
  assert.equal(r.max_starts, 3);
  assert.equal(r.status, "fits");
});

test("halving the protected hours makes the plan not fit", () => {
  const r = planner.plan({ ...defaults, protected_hours: "2.5" }, spec);
  assert.equal(r.status, "does_not_fit");
  assert.equal(r.capacity_minutes, 520);
  assert.equal(r.max_starts, 1);
  assert.match(r.suggestions[0], /Start no more than 1 person a month/);
  assert.match(r.suggestions[1], /protect about 2 more hours a week \(from 2\.5 to 4\.5\)/);
});

test("bad input gives a message for each field and no plan", () => {
  const r = planner.plan({ ...defaults, caseload: "", starts_per_month: "<b>x</b>" }, spec);
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors.map((e) => e.field), ["caseload", "starts_per_month"]);
});

test("each suggestion, taken alone, would make the plan fit", () => {
  const base = { ...defaults, protected_hours: 2.5 };
  const r = planner.plan(base, spec);
  const more = r.suggestions[1].match(/from ([\d.]+) to ([\d.]+)/);
  assert.equal(planner.plan({ ...base, protected_hours: Number(more[2]) }, spec).time_fits, true);
  assert.equal(planner.plan({ ...base, starts_per_month: r.max_starts }, spec).time_fits, true);
});

const parityFile = process.env.CP_CAPACITY_PARITY;
test("the browser rules give exactly the Python answers on every shared case", { skip: !parityFile && "run from pytest (CP_CAPACITY_PARITY unset)" }, () => {
  const cases = JSON.parse(readFileSync(parityFile, "utf8"));
  assert.ok(cases.length > 20, "expected the shared cases and the generated ones");
  for (const item of cases) {
    assert.deepEqual(planner.plan(item.inputs, spec), item.python, `case: ${item.name}`);
  }
});
