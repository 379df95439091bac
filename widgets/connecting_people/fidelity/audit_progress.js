// The progress line: how many items are answered and the score so far.
//
// Why it exists: a person filling in forty items needs to see progress, and a
// screen reader user needs to hear it, but only what changed. The visible line
// (sticky at the bottom of the widget) is not a live region; a separate,
// atomic, visually hidden status says only the figure that changed, such as
// "6 of 40 answered" or "Score 3.2, Developing".

import { h } from "../common/dom.js";
import { formatTenths } from "./scoring.js";
import { bandLabel } from "./audit_state.js";

export function progressLine(checklist) {
  const line = h("p", { class: "cp-audit-progress" });
  const spoken = h("p", { class: "cp-visually-hidden cp-audit-announce", role: "status", "aria-atomic": "true" });
  let before = null; // {answered, score} last shown

  const show = (result, { announce = true } = {}) => {
    const total = result.total;
    const answered = total.items - total.unanswered;
    const band = total.band ? bandLabel(checklist, total.band) : "";
    const score = total.tenths === null ? "" : `${formatTenths(total.tenths)}${band ? `, ${band}` : ""}`;
    line.textContent = `${answered} of ${total.items} items answered. `
      + (total.tenths === null ? "No score yet." : `Score so far ${formatTenths(total.tenths)}${band ? `: ${band}` : ""}.`);
    const said = [];
    if (before && answered !== before.answered) said.push(`${answered} of ${total.items} answered`);
    if (before && score !== before.score) said.push(score ? `Score ${score}` : "No score yet");
    if (announce && said.length) spoken.textContent = `${said.join(". ")}.`;
    before = { answered, score };
  };
  return { elements: [line, spoken], line, show };
}
