// What the capacity planner says to a screen reader after each change: one
// short sentence (at most 120 characters), never the whole answer, for every
// shared case and for bad input. Tests the bundle the widget ships.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { loadBundle } from "./shipped.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const spec = JSON.parse(readFileSync(join(here, "..", "..", "widgets", "connecting_people", "capacity", "spec.json"), "utf8"));
const cases = JSON.parse(readFileSync(join(here, "capacity_cases.json"), "utf8")).cases;
const planner = await loadBundle("capacity");

test("every shared case is announced in one short sentence with both figures", () => {
  for (const { name, inputs } of cases) {
    const result = planner.plan(inputs, spec);
    const said = planner.announcement(result);
    assert.ok(said.length <= 120, `${name}: ${said.length} characters`);
    if (result.ok) assert.ok(said.length <= result.headline.length, `${name}: longer than the headline`);
    if (result.ok && (result.status === "fits" || result.status === "does_not_fit")) {
      assert.match(said, /^The plan (fits|does not fit): it needs about \d+ of \d+ hours a month\.$/);
    }
  }
});

test("bad input names the first box to check", () => {
  const result = planner.plan({ ...cases[0].inputs, protected_hours: "2.25" }, spec);
  assert.equal(planner.announcement(result),
    "Check the numbers: Hours a week the team protects for this work: use whole or half hours, such as 7.5.");
});
