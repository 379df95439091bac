// Dates as they print: "1 December 2026", and "not set" for an empty date,
// never the browser's "mm/dd/yyyy" placeholder.
//
// Why it exists: a date input prints as the browser draws it, which is not
// the UK form and shows a placeholder when empty. Beside every date input
// this keeps a text span with the date in words; self_audit.css shows the
// span, not the input, in print. The span is hidden from screen readers on
// screen (the input says the same).

import { h } from "../common/dom.js";
import { ukDate } from "./audit_state.js";

export function printDates(root) {
  const refresh = () => {
    for (const input of root.querySelectorAll('input[type="date"]')) {
      let span = input.nextElementSibling;
      if (!span || !span.classList.contains("cp-print-date")) {
        span = h("span", { class: "cp-print-date", "aria-hidden": "true" });
        input.after(span);
      }
      const text = ukDate(input.value);
      if (span.textContent !== text) span.textContent = text;
    }
  };
  // Typing fires events; the form and plan also set dates from code (opening
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
