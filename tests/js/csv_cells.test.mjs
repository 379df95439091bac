// Spreadsheet-safe CSV in the browser (fidelity/csv_cells.js) on the cases
// Python's common/csvtools.py meets (tests/parity/test_csv_cells_parity.py).
//
// Run alone:   node --test tests/js/csv_cells.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, "..", "..", "widgets", "connecting_people", "fidelity", "csv_cells.js"), "utf8");
const csv = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
const { cells, documents } = JSON.parse(readFileSync(join(here, "csv_cells_cases.json"), "utf8"));

test("every cell a spreadsheet would run is made text, and only those", () => {
  for (const { value, safe } of cells) assert.equal(csv.safeCell(value), safe, JSON.stringify(value));
});

test("reading a cell back takes off only the apostrophe safeCell added", () => {
  for (const { value, safe } of cells) {
    if (typeof value === "string" && !value.startsWith("'")) assert.equal(csv.unsafeCell(safe), value);
  }
  assert.equal(csv.unsafeCell("'already quoted"), "'already quoted");
});

test("whole documents are written as Python writes them and read back", () => {
  for (const { columns, rows, csv: expected } of documents) {
    assert.equal(csv.csvText(columns, rows), expected);
    const read = csv.parseCsv(expected);
    assert.deepEqual(read[0], columns);
    assert.deepEqual(read.slice(1).map((r) => r.map(csv.unsafeCell)),
      rows.map((row) => columns.map((c) => row[c] ?? "")));
  }
});

test("a quote never closed is refused", () => {
  assert.throws(() => csv.parseCsv('a,"b\r\n'), /never closed/);
});
