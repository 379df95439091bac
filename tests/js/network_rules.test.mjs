// JavaScript-only checks of the network rules and drawing: the things the
// parity test cannot show (browser-only helpers) and quick sanity checks that
// run even without Python.

import assert from "node:assert/strict";
import { test } from "node:test";

import { loadBundle } from "./shipped.mjs";

// The rules and drawing from the bundle the widget ships.
const {
  MapError,
  compare,
  esc,
  fmt,
  joinWords,
  JsonFloat,
  loads,
  parseJson,
  parseMap,
  pyFloatRepr,
  percent,
  renderSvg,
  shortLabel,
  summarise,
  toJson,
} = await loadBundle("network");

const entry = (id, label, extra = {}) => ({
  id, label, kind: "friend", circle: 2, contact: "weekly", tie: "weak", gives: [], wish: "same",
  note: "", ...extra,
});
const doc = (entries, extra = {}) => ({
  format: "connecting-people/network-map", version: 2, person: "Aisha", date: "2026-03-01",
  entries, links: [], notes: "", ...extra,
});

test("percent rounds halves up, as Python's rule does", () => {
  assert.equal(percent(1, 8), 13);
  assert.equal(percent(1, 3), 33);
  assert.equal(percent(0, 0), 0);
});

test("joinWords uses semicolons when a label holds a comma", () => {
  assert.equal(joinWords(["a", "b", "c"]), "a, b and c");
  assert.equal(joinWords(["Ruth, CPN", "b"]), "Ruth, CPN and b");
  assert.equal(joinWords(["Ruth, CPN", "b", "c"]), "Ruth, CPN; b and c");
  assert.equal(joinWords(["1", "2", "3", "4", "5", "6", "7"]), "1, 2, 3, 4, 5 and 2 others");
});

test("a saved map reads back to the same map", () => {
  const map = parseMap(doc([entry("a", "Mum", { gives: ["company", "practical"] })]));
  assert.deepEqual(map.entries[0].gives, ["practical", "company"]);
  assert.deepEqual(loads(toJson(map)), map);
});

test("hostile text is escaped in the drawing", () => {
  const map = parseMap(doc([entry("a", "<img src=x onerror=alert(1)>")], { person: "<b>x</b>" }));
  const svg = renderSvg(map);
  assert.ok(!svg.includes("<img"));
  assert.ok(!svg.includes("<b>"));
  assert.ok(svg.includes("&lt;img src=x"));
  assert.equal(esc(`<&>"'`), "&lt;&amp;&gt;&quot;&#x27;");
});

test("bad input gets a MapError with plain words", () => {
  assert.throws(() => loads("nope"), MapError);
  assert.throws(() => parseMap(doc([entry("a", "x", { circle: 4 })])), /circle must be 1, 2 or 3/);
  assert.throws(() => parseMap(doc([], { version: 3 })), /newer version/);
  assert.throws(() => parseMap(doc([entry("a", "\ud800")])), /broken characters/);
});

test("numbers print without a trailing .0", () => {
  assert.equal(fmt(320), "320");
  assert.equal(fmt(12.34), "12.3");
  assert.equal(fmt(-0.01), "0");
  assert.equal(shortLabel("  a   very long label indeed, yes  "), "a very long lab…");
});

test("a 10,000-entry map validates and summarises quickly", () => {
  const entries = Array.from({ length: 10000 }, (_, i) => entry(`e${i}`, `Person ${i}`));
  const started = performance.now();
  const map = parseMap(doc(entries));
  assert.equal(summarise(map).size, 10000);
  assert.ok(performance.now() - started < 2000);
  assert.throws(() => parseMap(doc([...entries, entry("x", "one too many")])), /most a map can hold/);
});

test("comparison matches by id, then by label", () => {
  const before = parseMap(doc([entry("a", "Mum"), entry("b", "Dad", { circle: 3 })]));
  const after = parseMap(doc([entry("a", "Mum", { circle: 1 }), entry("zz", " dad ")],
    { date: "2026-09-01" }));
  const result = compare(after, before);
  assert.equal(result.before_date, "2026-03-01");
  assert.deepEqual(result.added, []);
  assert.deepEqual(result.closer.map((m) => m.label), ["Mum", " dad "]);
});

test("floats print as Python's json writes them", () => {
  // Each pair is (value, Python's repr), checked by hand with python3.
  const cases = [[2, "2.0"], [2.5, "2.5"], [1e16, "1e+16"], [1e-5, "1e-05"], [0.0001, "0.0001"],
    [123456789012345680, "1.2345678901234568e+17"], [-0.5, "-0.5"], [1e22, "1e+22"]];
  for (const [value, python] of cases) assert.equal(pyFloatRepr(value), python);
});

test("the strict reader keeps floats, refuses repeats and odd text", () => {
  assert.ok(parseJson("2.0") instanceof JsonFloat);
  assert.equal(parseJson("2"), 2);
  assert.equal(parseJson(' {"__proto__": 1} ').__proto__, 1);
  assert.throws(() => parseJson('{"a": 1, "a": 2}'), /repeated key a/);
  for (const bad of ["", "[1,]", "{\"a\" 1}", "01", "1.", "'a'", "[1] x", "\"tab\there\"", "NaN"]) {
    assert.throws(() => parseJson(bad), SyntaxError, bad);
  }
  const sample = '[{"a": [true, false, null, "x\\u00e9"]}]';
  assert.equal(JSON.stringify(parseJson(sample)), JSON.stringify(JSON.parse(sample)));
});

test("an entry with only a name saves with no answers in it", () => {
  const map = parseMap(doc([{ id: "a", label: "Mum", kind: "family", circle: 1 }]));
  const saved = JSON.parse(toJson(map)).entries[0];
  assert.deepEqual(Object.keys(saved), ["id", "label", "kind", "circle", "note"]);
  assert.equal(summarise(map).regular_contact, 0);
  assert.equal(summarise(map).network_type, "unnamed");
});
