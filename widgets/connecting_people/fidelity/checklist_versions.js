// Warnings for an audit made with another checklist version, naming the
// questions that were added, removed or reworded in between.
//
// Why it exists: an answer only means something against the question it was
// given to. The checklist file may carry a `changes` list (what changed on
// the way to each version); this reads it. Python's model.version_warnings
// words the same warnings from the same rule; both are checked against
// tests/js/fidelity_version_cases.json. No imports, so Node loads it alone.

const FORMAT_VERSION = 2; // scoring.js AUDIT_VERSION (this file has no imports)

// "1.10" -> [1, 10], so that 1.10 comes after 1.9.
function versionKey(text) {
  return String(text).split(".").map((part) => Number.parseInt(part, 10) || 0);
}

export function compareVersions(a, b) {
  const [x, y] = [versionKey(a), versionKey(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] || 0) - (y[i] || 0);
    if (d) return d;
  }
  return 0;
}

// What changed between an older version and this checklist: {added, removed, reworded, recorded}.
export function changesSince(checklist, older) {
  const entries = (checklist.changes || [])
    .filter((e) => compareVersions(e.version, older) > 0 && compareVersions(e.version, checklist.version) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  const added = new Set();
  const removed = [];
  const reworded = new Set();
  for (const entry of entries) {
    for (const id of entry.added || []) added.add(id);
    for (const id of entry.reworded || []) if (!added.has(id)) reworded.add(id);
    for (const id of entry.removed || []) {
      reworded.delete(id);
      if (added.has(id)) added.delete(id); // added and removed again: nothing to say
      else if (!removed.includes(id)) removed.push(id);
    }
  }
  const order = checklist.items.map((item) => item.id);
  const inOrder = (set) => order.filter((id) => set.has(id));
  return { added: inOrder(added), removed, reworded: inOrder(reworded), recorded: entries.length > 0 };
}

function named(checklist, id) {
  const item = checklist.items.find((i) => i.id === id);
  return item ? `${item.title} (${id})` : id;
}

export function versionWarnings(doc, checklist) {
  const warnings = [];
  const madeWith = doc && typeof doc === "object" ? doc.checklist_version : undefined;
  if (typeof madeWith === "string" && madeWith !== checklist.version) {
    warnings.push(`This audit was made with checklist version ${madeWith}; this book uses checklist version ${checklist.version}. Check that the answers still fit the questions before comparing them.`);
    if (compareVersions(madeWith, checklist.version) < 0) {
      const changes = changesSince(checklist, madeWith);
      const list = (ids) => ids.map((id) => named(checklist, id)).join(", ");
      if (changes.added.length) warnings.push(`Questions added since version ${madeWith}, so the file has no answer to them: ${list(changes.added)}.`);
      if (changes.removed.length) warnings.push(`Questions removed since version ${madeWith}, so the file's answers to them are not used: ${list(changes.removed)}.`);
      if (changes.reworded.length) warnings.push(`Questions reworded since version ${madeWith}, so the file's answers were given to the old wording: ${list(changes.reworded)}.`);
      if (!changes.added.length && !changes.removed.length && !changes.reworded.length) {
        warnings.push(`This book's checklist records no added, removed or reworded questions since version ${madeWith}.`);
      }
    } else {
      warnings.push(`The file comes from a newer checklist (version ${madeWith}), so this page cannot tell which questions were added, removed or reworded. Update the book to see them.`);
      const known = new Set(checklist.items.map((item) => item.id));
      const unknown = [];
      for (const part of [doc.answers, doc.item_notes]) {
        if (part && typeof part === "object") {
          for (const id of Object.keys(part)) if (!known.has(id) && !unknown.includes(id)) unknown.push(id);
        }
      }
      if (unknown.length) warnings.push(`The file answers questions this checklist does not have: ${unknown.join(", ")}.`);
    }
  }
  const version = doc && typeof doc === "object" ? doc.version : undefined;
  if (Number.isInteger(version) && version < FORMAT_VERSION) {
    warnings.push(`This file uses the older format version ${version}; this book writes format version ${FORMAT_VERSION}. It was read the old way.`);
  }
  return warnings;
}
