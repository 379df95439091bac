// The results: the whole-audit summary, the radar chart and its table, the
// weakest items, the action plan (with who, by when and its progress, and
// what is overdue and when the next audit is due) and the comparison with an
// earlier audit.
//
// Why it exists: the report only shows what the rules in scoring.js worked
// out; it keeps the action plan's "who", "by when" and progress as the plan
// changes (the progress controls are in audit_follow_up.js).

import { h } from "../common/dom.js";
import { compareAudits, formatTenths, scoreAudit } from "./scoring.js";
import { bandLabel, scopeSentence, ukDate } from "./audit_state.js";
import { radarChart } from "./audit_radar.js";
import { followUpCell, followUpSummary } from "./audit_follow_up.js";

// getAudit() -> {date, band}: the audit on screen, for the checks on a day
// done and for when the next audit is due.
export function auditReport({ uid, checklist, linkFor, onPlanChange, getAudit }) {
  const itemsById = Object.fromEntries(checklist.items.map((item) => [item.id, item]));
  const summary = h("div", { class: "cp-audit-summary" });
  const chartBox = h("div", { class: "cp-audit-chart" });
  const tableBox = h("div", { class: "cp-audit-table" });
  const weakestBox = h("div", { class: "cp-audit-weakest" });
  const planBox = h("div", { class: "cp-audit-plan" });
  const compareBox = h("div", { class: "cp-audit-compare" });
  const summaryOfPlan = followUpSummary();
  let planDetails = {}; // item id -> {owner, due, status, done, reason}, kept when the plan changes
  let cells = [];
  // In Voila the store keeps each action's progress (the team progress
  // dashboard); the form then plans actions only, so nothing is edited twice.
  let followUpHere = true;

  const element = h("section", { class: "cp-audit-results", "aria-labelledby": `${uid}-results` },
    h("h3", { id: `${uid}-results`, text: "Your results" }),
    summary, chartBox, tableBox,
    h("h4", { text: "Weakest items" }), weakestBox,
    h("h4", { text: "Action plan" }), summaryOfPlan.element, planBox,
    compareBox);

  const setPlanDetails = (details) => { planDetails = details; };
  const currentPlan = (answers) => scoreAudit(checklist, answers).plan.map((id) => {
    const details = planDetails[id] || {};
    return { item_id: id, owner: details.owner || "", due: details.due || "", status: details.status || "not_started",
      done: details.done || "", reason: details.reason || "" };
  });
  const showFollowUp = (plan) => {
    if (!followUpHere) { summaryOfPlan.element.replaceChildren(); return; }
    summaryOfPlan.show({ checklist, entries: plan, actionText: (id) => itemsById[id].action.text, audit: getAudit() });
  };
  // The audit's date changed, or a day done or a status: check again.
  const refreshFollowUp = (answers) => {
    for (const cell of cells) cell.refresh();
    showFollowUp(currentPlan(answers));
  };

  const showSummary = (total) => {
    const lines = [h("p", { class: "cp-audit-total" }, h("strong", { text: "Whole audit: " }), scopeSentence(checklist, total))];
    lines.push(h("p", { text: `${total.rated} of ${total.items} items rated; ${total.unrated_percent}% not rated (${total.cannot_rate} cannot rate, ${total.unanswered} not answered yet).` }));
    if (total.warning) {
      lines.push(h("p", { class: "cp-warning", role: "note" },
        h("strong", { text: "Treat these scores with caution. " }),
        `More than ${checklist.scoring.unrated_warning_percent}% of the items are not rated. Find the evidence for them, or record that there is none, before you rely on the score.`));
    }
    if (total.band_withheld) {
      lines.push(h("p", { class: "cp-warning", text: `No band is given until at least ${checklist.scoring.band_min_rated_percent}% of the items are rated.` }));
    }
    summary.replaceChildren(...lines);
  };

  const showChart = (result, previous) => {
    chartBox.replaceChildren(radarChart(checklist, result, previous ? previous.result : null, `${uid}-radar-title`, `${uid}-radar-desc`));
    if (previous) {
      chartBox.append(h("p", { class: "cp-legend" },
        h("span", { class: "cp-key cp-key-current" }), "This audit  ",
        h("span", { class: "cp-key cp-key-previous" }), `Previous audit (${ukDate(previous.audit.date)})`));
    }
    const rows = checklist.domains.map((domain, i) => {
      const scope = result.domains[i];
      return h("tr", {},
        h("th", { scope: "row", text: domain.label }),
        h("td", { text: scope.tenths === null ? "no score" : formatTenths(scope.tenths) }),
        h("td", { text: scope.band ? bandLabel(checklist, scope.band) : (scope.band_withheld ? "too few rated" : "none") }),
        h("td", { text: `${scope.rated} of ${scope.items}${scope.warning ? " (caution)" : ""}` }));
    });
    tableBox.replaceChildren(h("table", {},
      h("caption", { text: "Scores by domain (the same figures as the chart)" }),
      h("thead", {}, h("tr", {}, ...["Domain", "Score", "Band", "Items rated"].map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, ...rows)));
  };

  const showPlan = (result, answers) => {
    weakestBox.replaceChildren(result.weakest.length
      ? h("ol", {}, ...result.weakest.map((id) => h("li", { text: `${itemsById[id].title}: ${answers[id]}` })))
      : h("p", { text: "No items rated below 5 yet." }));
    cells = [];
    if (!result.plan.length) {
      summaryOfPlan.element.replaceChildren();
      planBox.replaceChildren(h("p", { text: "The plan lists the three to five lowest-rated items once you rate some below 5." }));
      return;
    }
    const changed = () => { showFollowUp(currentPlan(answers)); onPlanChange(); };
    const planRows = result.plan.map((id) => {
      const item = itemsById[id];
      planDetails[id] = planDetails[id] || { owner: "", due: "", status: "not_started", done: "", reason: "" };
      const owner = h("input", { type: "text", maxlength: 120, id: `${uid}-owner-${id}` });
      owner.value = planDetails[id].owner;
      owner.addEventListener("input", () => { planDetails[id].owner = owner.value; changed(); });
      const due = h("input", { type: "date", id: `${uid}-due-${id}` });
      due.value = planDetails[id].due;
      due.addEventListener("input", () => { planDetails[id].due = due.value; changed(); });
      const cell = followUpHere
        ? followUpCell({ uid, item, details: planDetails[id], getAuditDate: () => getAudit().date, onChange: changed })
        : null;
      if (cell) cells.push(cell);
      // Each link names its item for screen readers, so ten links are not all "How to act on this".
      const hidden = (text) => h("span", { class: "cp-visually-hidden", text });
      const links = [h("a", { href: linkFor(item.action.page) }, "How to act on this", hidden(`: ${item.title}`))];
      if (item.action.see_also) {
        links.push(" ", h("a", { href: linkFor(item.action.see_also) }, "See also", hidden(`: ${item.title}`)));
      }
      const row = h("tr", {},
        h("th", { scope: "row" }, `${item.title} (${answers[id]})`),
        h("td", {}, h("p", { text: item.action.text }), h("p", {}, ...links)),
        h("td", {}, h("label", { for: owner.id, class: "cp-visually-hidden", text: `Who will do the action on ${item.title}` }), owner),
        h("td", {}, h("label", { for: due.id, class: "cp-visually-hidden", text: `By when, for ${item.title}` }), due));
      // The progress goes on a full-width row under its action, so the
      // table stays four columns wide (readable on a phone).
      return cell ? [row, h("tr", { class: "cp-plan-progress" }, h("td", { colspan: 4 }, cell.element))] : [row];
    });
    const headings = ["Item (score)", "Suggested action", "Who", "By when"];
    planBox.replaceChildren(h("table", { class: "cp-plan-table" },
      h("caption", { class: "cp-visually-hidden", text: "Action plan: the lowest-rated items, what to do about them and how far each has got" }),
      h("thead", {}, h("tr", {}, ...headings.map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, ...planRows.flat())));
    showFollowUp(currentPlan(answers));
  };

  const showComparison = (answers, previous) => {
    if (!previous) {
      compareBox.replaceChildren();
      return;
    }
    const cmp = compareAudits(checklist, previous.audit.answers, answers);
    const list = (entries, empty) => (entries.length
      ? h("ul", {}, ...entries.map((c) => h("li", { text: `${itemsById[c.item_id].title}: ${c.before} to ${c.after}` })))
      : h("p", { text: empty }));
    const totalChange = cmp.total.change_tenths === null ? "cannot be compared"
      : `${cmp.total.change_tenths >= 0 ? "up" : "down"} ${formatTenths(Math.abs(cmp.total.change_tenths))}`;
    compareBox.replaceChildren(
      h("h4", { text: `Compared with the audit of ${ukDate(previous.audit.date)}` }),
      h("p", { text: `Whole audit: ${totalChange}.` }),
      h("h5", { text: "What improved" }), list(cmp.improved, "No item went up."),
      h("h5", { text: "What slipped" }), list(cmp.slipped, "No item went down."),
      cmp.no_longer_rated.length ? h("p", { text: `Rated last time but not now: ${cmp.no_longer_rated.map((id) => itemsById[id].title).join(", ")}.` }) : null);
  };

  // Draw everything from the answers and the audit to compare with (or null).
  const show = (result, answers, previous) => {
    showSummary(result.total);
    showChart(result, previous);
    showPlan(result, answers);
    showComparison(answers, previous);
  };
  const setFollowUpHere = (here) => { followUpHere = here; };
  return { element, show, currentPlan, setPlanDetails, refreshFollowUp, setFollowUpHere };
}
