// The browser's copy of the network-map rules must give the Python package's
// answers. tests/unit/test_network_parity.py writes Python's answers for every
// fixture in tests/fixtures/network to a JSON file, then runs this file under
// `node --test` with NETWORK_PARITY_EXPECTED pointing at it. Run alone (no
// variable), the parity cases are skipped and only the JS-side checks run.

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { loadBundle } from "./shipped.mjs";

// The rules and drawing from the bundle the widget ships.
const {
  MapError,
  compare,
  describe,
  layout,
  loadsBytes,
  renderPair,
  renderSvg,
  summarise,
} = await loadBundle("network");

const FIXTURES = new URL("../fixtures/network/", import.meta.url).pathname;
const expectedPath = process.env.NETWORK_PARITY_EXPECTED;
const expected = expectedPath ? JSON.parse(readFileSync(expectedPath, "utf8")) : null;
const skip = expected ? false : "set NETWORK_PARITY_EXPECTED (the pytest parity test does)";

const readMap = (name) => loadsBytes(readFileSync(join(FIXTURES, "valid", `${name}.json`)));

// Drawings are compared with numbers allowed to differ by a rounding step:
// Python's and V8's sin/cos may differ in the last bit, which can flip a
// rounding. Everything else (markup, text, escaping) must match exactly.
const NUMBER = /-?\d+(?:\.\d+)?/g;
function assertSameSvg(actual, wanted, where) {
  if (actual === wanted) return;
  assert.equal(actual.replace(NUMBER, "#"), wanted.replace(NUMBER, "#"), `${where}: markup differs`);
  const a = actual.match(NUMBER).map(Number);
  const b = wanted.match(NUMBER).map(Number);
  assert.equal(a.length, b.length, `${where}: number count differs`);
  a.forEach((value, i) => {
    assert.ok(Math.abs(value - b[i]) <= 0.11, `${where}: number ${i} is ${value}, Python ${b[i]}`);
  });
}

function layoutClose(actual, wanted, where) {
  assert.equal(actual.placed.length, wanted.placed.length, `${where}: placed count`);
  actual.placed.forEach((p, i) => {
    const q = wanted.placed[i];
    assert.equal(p.index, q.index);
    for (const key of ["x", "y", "angle"]) {
      assert.ok(Math.abs(p[key] - q[key]) <= 0.11, `${where}: entry ${i} ${key} ${p[key]} vs ${q[key]}`);
    }
  });
  assert.deepEqual(actual.circle_r, wanted.circle_r);
  assert.deepEqual(actual.sectors.map((s) => s.kind), wanted.sectors.map((s) => s.kind));
}

test("every valid fixture: same summary, description, layout and drawing", { skip }, () => {
  for (const [name, want] of Object.entries(expected.valid)) {
    const map = readMap(name);
    assert.deepEqual(map, want.map, `${name}: parsed map`);
    assert.deepEqual(summarise(map), want.summary, `${name}: summary`);
    assert.deepEqual(describe(map), want.description, `${name}: description`);
    assert.deepEqual(describe(map, null, "person"), want.description_person, `${name}: person`);
    layoutClose(layout(map, 640), want.layout, name);
    layoutClose(layout(map, 360), want.layout_phone, `${name} at 360`);
    assertSameSvg(renderSvg(map, { idPrefix: "t" }), want.svg, `${name}: svg`);
    assertSameSvg(renderSvg(map, { size: 360, idPrefix: "t" }), want.svg_phone, `${name}: phone`);
  }
});

test("every invalid fixture: same problems, in the same words", { skip }, () => {
  for (const [name, problems] of Object.entries(expected.invalid)) {
    const bytes = readFileSync(join(FIXTURES, "invalid", name));
    assert.throws(() => loadsBytes(bytes), (error) => {
      assert.ok(error instanceof MapError, `${name}: ${error}`);
      assert.deepEqual(error.problems, problems, name);
      return true;
    });
  }
});

test("every fixture pair: same comparison and side-by-side drawing", { skip }, () => {
  for (const want of expected.pairs) {
    const first = readMap(want.first);
    const second = readMap(want.second);
    assert.deepEqual(compare(first, second), want.comparison, `${want.first} vs ${want.second}`);
    assert.deepEqual(compare(first, second, "person"), want.comparison_person,
      `${want.first} vs ${want.second}, person`);
    const pair = renderPair(first, second, want.comparison, { idPrefix: "p" });
    assertSameSvg(pair[0], want.svgs[0], `${want.first} pair left`);
    assertSameSvg(pair[1], want.svgs[1], `${want.second} pair right`);
  }
});

test("the fixture folders hold what the Python side expects", { skip }, () => {
  const valid = readdirSync(join(FIXTURES, "valid")).filter((f) => f.endsWith(".json"));
  assert.deepEqual(valid.map((f) => f.replace(/\.json$/, "")).sort(), Object.keys(expected.valid).sort());
});
