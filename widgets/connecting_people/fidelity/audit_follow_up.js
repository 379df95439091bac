// Following up the action plan on the static page: each action's progress
// (not started, in progress, done on a day, dropped with a reason), which
// actions are overdue, and when the next audit is due.
//
// Why it exists: on the static page the saved file is the team's record, so
// the follow-up is kept in it (format version 2) and the page says what is
// late. The rules are in follow_up.js (the same as follow_up.py); this only
// draws them. Every typed text is put on the page with textContent.

import { h } from "../common/dom.js";
import { ACTION_STATUSES, CYCLE_TEXT, nextReview, overdueActions, overdueSentence, reviewSentence, statusProblems } from "./follow_up.js";
import { today, ukDate } from "./audit_state.js";

// The problems the form shows for one action, as the saved file would have
// them: a day done only counts when done, a reason only when dropped.
export function entryProblems(details, auditDate, on = today()) {
  const status = details.status || "not_started";
  return statusProblems(status, status === "dropped" ? details.reason || "" : "",
    status === "done" ? details.done || "" : "", { auditDate: auditDate || null, today: on });
}

// The controls in one action plan row. details: {owner, due, status, done,
// reason}, kept up to date here; onChange() after every change.
export function followUpCell({ uid, item, details, getAuditDate, onChange }) {
  const base = `${uid}-follow-${item.id.replace(/\W/g, "-")}`;
  const hidden = (text) => h("span", { class: "cp-visually-hidden", text });
  const select = h("select", { id: `${base}-status` },
    Object.entries(ACTION_STATUSES).map(([value, label]) => h("option", { value, text: label })));
  select.value = details.status || "not_started";
  const done = h("input", { type: "date", id: `${base}-done` });
  done.value = details.done || "";
  const reason = h("textarea", { id: `${base}-reason`, rows: 3, maxlength: 500 });
  reason.value = details.reason || "";
  const problemsBox = h("div", { class: "cp-audit-problems", id: `${base}-problems`, role: "alert", "aria-atomic": "true" });
  const doneField = h("div", { class: "cp-field cp-follow-done" },
    h("label", { for: done.id }, "Day it was done", hidden(`: ${item.title}`)), done);
  const reasonField = h("div", { class: "cp-field cp-follow-reason" },
    h("label", { for: reason.id }, "Why it was dropped", hidden(`: ${item.title}`)), reason);
  // What prints: the status in words on one line (a drop-down prints badly).
  const printed = h("span", { class: "cp-print-status", "aria-hidden": "true" });
  let shown = "";

  const refresh = () => {
    const status = select.value;
    doneField.hidden = status !== "done";
    reasonField.hidden = status !== "dropped";
    printed.textContent = `Progress: ${status === "done" ? `done on ${ukDate(details.done)}`
      : status === "dropped" ? `dropped: ${details.reason || ""}` : ACTION_STATUSES[status].toLowerCase()}.`;
    const problems = entryProblems(details, getAuditDate());
    if (problems.join("\n") !== shown) {
      shown = problems.join("\n");
      problemsBox.replaceChildren(...problems.map((p) => h("p", { text: p })));
    }
    for (const control of [done, reason]) {
      const showing = !control.closest(".cp-field").hidden;
      if (showing && problems.length) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", problemsBox.id);
      } else {
        control.removeAttribute("aria-invalid");
        control.removeAttribute("aria-describedby");
      }
    }
  };
  select.addEventListener("change", () => { details.status = select.value; refresh(); onChange(); });
  done.addEventListener("input", () => { details.done = done.value; refresh(); onChange(); });
  reason.addEventListener("input", () => { details.reason = reason.value; refresh(); onChange(); });
  refresh();
  const element = h("div", { class: "cp-follow-up" },
    h("div", { class: "cp-field cp-follow-status" },
      h("label", { for: select.id }, "Progress", hidden(` on the action for ${item.title}`)), select, printed),
    doneField, reasonField, problemsBox);
  return { element, refresh };
}

// "N actions are overdue", each in plain words, and when the next audit is
// due. entries: [{item_id, owner, due, status}] (the plan on screen, or the
// newest entry of each action in several files); actionText(itemId) gives
// the action's words.
export function followUpSummary(className = "cp-follow-summary") {
  const element = h("div", { class: className });
  const show = ({ checklist, entries, actionText, audit = null, on = today() }) => {
    const actions = entries.map((e) => ({ ...e, text: actionText(e.item_id), owner: e.owner || "no owner" }));
    const late = overdueActions(actions, on);
    const parts = [h("p", { class: "cp-follow-overdue" }, h("strong", {
      text: late.length === 0 ? "No action is overdue." : `${late.length} action${late.length === 1 ? " is" : "s are"} overdue.`,
    }))];
    if (late.length) parts.push(h("ul", { class: "cp-follow-overdue-list" }, late.map((a) => h("li", { text: overdueSentence(a, on) }))));
    if (audit && audit.date) {
      parts.push(h("p", { class: "cp-follow-next" }, reviewSentence(nextReview(checklist, audit.date, audit.band), on)));
      parts.push(h("p", { class: "cp-hint", text: `The cycle: ${CYCLE_TEXT}` }));
    }
    element.replaceChildren(...parts);
  };
  return { element, show };
}
