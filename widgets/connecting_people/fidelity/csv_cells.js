// CSV in the browser, written and read the way Python's common/csvtools.py
// does: a cell a spreadsheet would run as a formula (starting with = + - @,
// a tab or a carriage return) gets a leading apostrophe, so it shows as text;
// cells with a comma, a quote or a line break are quoted, quotes doubled;
// lines end in CRLF. tests/js/csv_cells_cases.json holds the cases both
// languages meet. No imports, so Node loads it alone.

export const FORMULA_START = ["=", "+", "-", "@", "\t", "\r"];

export function safeCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return FORMULA_START.some((start) => text.startsWith(start)) ? `'${text}` : text;
}

// Reading back a cell safeCell wrote: the apostrophe it added comes off again.
export function unsafeCell(text) {
  return text.startsWith("'") && FORMULA_START.some((start) => text.slice(1).startsWith(start)) ? text.slice(1) : text;
}

function quoted(cell) {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

// columns: headings; rows: objects keyed by heading. Every cell made safe.
export function csvText(columns, rows) {
  const lines = [columns.map((c) => quoted(safeCell(c))).join(",")];
  for (const row of rows) lines.push(columns.map((c) => quoted(safeCell(row[c]))).join(","));
  return lines.map((line) => `${line}\r\n`).join("");
}

// RFC 4180 reading: a list of rows, each a list of cells. Throws on a quote
// left open, the one thing that makes the whole file unreadable.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let inQuotes = false;
  let i = 0;
  text = text.replace(/^\ufeff/, "");
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { inQuotes = false; i += 1; continue; }
      cell += ch; i += 1; continue;
    }
    if (ch === '"' && cell === "") { inQuotes = true; i += 1; continue; }
    if (ch === ",") { row.push(cell); cell = ""; i += 1; continue; }
    if (ch === "\r" || ch === "\n") {
      row.push(cell); rows.push(row); row = []; cell = "";
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += ch; i += 1;
  }
  if (inQuotes) throw new Error("a quoted cell is never closed");
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
