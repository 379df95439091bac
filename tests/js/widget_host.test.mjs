// The static site's widget host: its model follows anywidget's front-end
// module standard (get, set, on, off, save_changes, send) with no kernel, and
// it reads back binary traits saved beside the state. The page wiring (main.js)
// is exercised by the browser tests of every exercise.
import assert from "node:assert/strict";
import { test } from "node:test";

import { StaticModel } from "../../widgets/connecting_people/frontend/host/model.js";
import { withBuffers } from "../../widgets/connecting_people/frontend/host/state.js";

test("set changes the value and tells change:name and change listeners, once per real change", () => {
  const model = new StaticModel("m1", { count: 1, map: { a: 1 } }, null);
  const seen = [];
  model.on("change:count", (who, value) => seen.push(["count", who === model, value]));
  model.on("change", () => seen.push(["any"]));
  model.set("count", 2);
  model.set("count", 2);
  model.set("map", { a: 1 });
  assert.equal(model.get("count"), 2);
  assert.deepEqual(seen, [["count", true, 2], ["any"]]);
});

test("off removes one listener, all listeners of an event, or every listener", () => {
  const model = new StaticModel("m2", { x: 0 }, null);
  let calls = 0;
  const one = () => { calls += 1; };
  const two = () => { calls += 10; };
  model.on("change:x", one);
  model.on("change:x", two);
  model.off("change:x", one);
  model.set("x", 1);
  assert.equal(calls, 10);
  model.off("change:x");
  model.set("x", 2);
  model.on("change:x", one);
  model.off();
  model.set("x", 3);
  assert.equal(calls, 10);
});

test("save_changes and send are accepted with no kernel, and a failing listener does not stop others", () => {
  const model = new StaticModel("m3", { x: 0 }, null);
  const errors = [];
  const original = console.error;
  console.error = (error) => errors.push(error.message);
  let reached = false;
  try {
    model.on("change:x", () => { throw new Error("listener broke"); });
    model.on("change:x", () => { reached = true; });
    model.set("x", 1);
    model.save_changes();
    model.send({ kind: "save" });
  } finally {
    console.error = original;
  }
  assert.equal(reached, true);
  assert.deepEqual(errors, ["listener broke"]);
  assert.equal(model.get("x"), 1);
});

test("binary traits saved as base64 are put back as DataViews at their path", () => {
  const state = withBuffers({ data: { raw: null }, keep: 1 }, [
    { path: ["data", "raw"], encoding: "base64", data: Buffer.from([1, 2, 3]).toString("base64") },
  ]);
  assert.equal(state.keep, 1);
  assert.deepEqual([...new Uint8Array(state.data.raw.buffer)], [1, 2, 3]);
});
