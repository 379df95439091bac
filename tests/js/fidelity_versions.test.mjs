// Checklist-version warnings in the browser (fidelity/checklist_versions.js)
// against tests/js/fidelity_version_cases.json, which Python's
// model.version_warnings meets too (tests/parity/): the same words both sides.
//
// Run alone:   node --test tests/js/fidelity_versions.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..", "..", "widgets", "connecting_people", "fidelity");
const source = readFileSync(join(pkg, "checklist_versions.js"), "utf8");
const rules = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
const { checklists, cases } = JSON.parse(readFileSync(join(here, "fidelity_version_cases.json"), "utf8"));

for (const example of cases) {
  test(`version warnings: ${example.name}`, () => {
    assert.deepEqual(rules.versionWarnings(example.document, checklists[example.checklist]), example.warnings);
  });
}

test("versions compare as numbers", () => {
  assert.ok(rules.compareVersions("1.10", "1.9") > 0);
  assert.equal(rules.compareVersions("1.0", "1.0"), 0);
  assert.ok(rules.compareVersions("0.9", "1.0") < 0);
});
