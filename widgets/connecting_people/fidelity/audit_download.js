// Handing a file to the person: the one way anything leaves the static page.
//
// Why it exists: the audit file, the agreed audit, the CSV and the chart's
// PNG and CSV all download the same way; one helper keeps it one rule.

import { h } from "../common/dom.js";

export function saveBlob(fileName, blob) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function saveText(fileName, text, type) {
  saveBlob(fileName, new Blob([text], { type }));
}
