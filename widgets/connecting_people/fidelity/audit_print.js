// What prints in place of controls that print badly: dates as "1 December
// 2026" ("not set" when empty, never the browser's "mm/dd/yyyy"), and typed
// notes in full (a text box prints only the lines it shows, and an item's
// evidence note sits in a closed <details>, which prints nothing).
//
// Why it exists: beside every date input and text area this keeps a text
// span with the same content; self_audit.css shows the spans, not the
// controls, in print. The spans are hidden from screen readers (the controls
// say the same) and are not shown on screen.

import { h } from "../common/dom.js";
import { ukDate } from "./audit_state.js";

function spanAfter(anchor, cls) {
  let span = anchor.nextElementSibling;
  if (!span || !span.classList.contains(cls)) {
    span = h("span", { class: cls, "aria-hidden": "true" });
    anchor.after(span);
  }
  return span;
}

export function printSpans(root) {
  const refresh = () => {
    for (const input of root.querySelectorAll('input[type="date"]')) {
      const span = spanAfter(input, "cp-print-date");
      const text = ukDate(input.value);
      if (span.textContent !== text) span.textContent = text;
    }
    for (const area of root.querySelectorAll("textarea")) {
      const details = area.closest("details");
      const span = spanAfter(details || area, "cp-print-text");
      const text = area.value.trim() ? `${details ? "Evidence note: " : ""}${area.value}` : "";
      if (span.textContent !== text) span.textContent = text;
    }
  };
  // Typing fires events; the form and plan also set values from code (opening
  // a file, a new plan row), which fires none, so watch the DOM as well.
  const observer = new MutationObserver(refresh);
  observer.observe(root, { childList: true, subtree: true });
  root.addEventListener("input", refresh);
  root.addEventListener("change", refresh);
  window.addEventListener("beforeprint", refresh);
  refresh();
  return { refresh, stop: () => {
    observer.disconnect();
    root.removeEventListener("input", refresh);
    root.removeEventListener("change", refresh);
    window.removeEventListener("beforeprint", refresh);
  } };
}
