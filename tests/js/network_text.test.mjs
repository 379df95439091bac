// The map's copy of the book's one text rule gives the Python rule's answers on the
// shared cases (tests/fixtures/text_cases.json, written for widgets/connecting_people/
// common/text.py): the same text is refused, with the same words, and stored the same.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { loadBundle } from "./shipped.mjs";

// The rule from the bundle the widget ships.
const { normaliseText, textProblem } = await loadBundle("network");

const CASES = JSON.parse(readFileSync(new URL("../fixtures/text_cases.json", import.meta.url),
  "utf8")).cases;

test("every shared text case: same answer as Python's rule", () => {
  assert.ok(CASES.length >= 20);
  for (const item of CASES) {
    if (item.ok) {
      assert.equal(textProblem(item.text.replace(/\r\n?/g, "\n"), item.multiline), null, item.name);
      assert.equal(normaliseText(item.text, item.multiline), item.stored, item.name);
    } else {
      const cleaned = item.multiline ? item.text.replace(/\r\n?/g, "\n") : item.text;
      assert.equal(textProblem(cleaned, item.multiline), item.problem, item.name);
      assert.throws(() => normaliseText(item.text, item.multiline), { message: item.problem });
    }
  }
});
