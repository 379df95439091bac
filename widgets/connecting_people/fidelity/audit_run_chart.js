// The run chart on the static page: open several saved audits of one team and
// see the whole-audit score, or one domain's, over time, with the bands as zones, the threshold
// line (where "Mostly implemented" starts, read from the checklist), the
// median line, the run rules' findings in plain words, the rule and its
// source, a data table beside it, and downloads as PNG and CSV. Each action
// a file records as done is marked on the day it was done (a triangle and a
// dotted line, its words on hover), listed in a table and in the CSV; above
// the chart, the actions overdue and when the next audit is due.
//
// Why it exists: the rules are in run_chart.js (the same as run_chart.py);
// this draws and explains them. Colours come from classes, so the chart
// follows light and dark mode; the PNG copies the colours the screen shows.
// Nothing is fetched: the PNG is drawn on a canvas from the chart's own SVG.

import { h, s } from "../common/dom.js";
import { formatTenths, scoreAudit } from "./scoring.js";
import { analyseRun } from "./run_chart.js";
import { bandLabel, slug, ukDate } from "./audit_state.js";
import { csvText } from "./csv_cells.js";
import { doneInFiles, latestEntries } from "./follow_up.js";
import { followUpSummary } from "./audit_follow_up.js";
import { saveBlob, saveText } from "./audit_download.js";

export const SOURCE = "Perla RJ, Provost LP, Murray SK (2011). The run chart: a simple analytical tool for learning from variation in healthcare processes. BMJ Quality & Safety 20(1):46-51.";
const RULE = "A change is more than noise when six or more audits in a row are all above or all below the median (a shift), five or more in a row all go up or all go down (a trend), or there are too few or too many runs for the number of audits (counted from 10 audits off the median). Audits on the median are skipped.";
const W = 640;
const H = 320;
const PAD = { left: 44, right: 150, top: 14, bottom: 54 };
// action_done: an action done, in the words of the team progress chart's
// table (run_chart_figure.team_chart_rows' "Action done"), on a row of its
// own whose audit_date is the day it was done and whose scope is "Action".
const CSV_COLUMNS = ["team", "audit_date", "audit_id", "scope", "score", "band", "median", "threshold", "action_done"];

const THRESHOLD_BAND = "mostly";

export function medianText(median) {
  const whole = Math.floor(median);
  return formatTenths(whole) + (median !== whole ? "5" : "");
}

// The audits in date order with their scores for one scope ("total" or a
// domain id); audits with no score there are left out of the chart (not drawn
// as zero), as run_chart.py's team_series does.
export function runChartData(checklist, audits, scopeId = "total") {
  const ordered = [...audits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.audit_id < b.audit_id ? -1 : 1));
  const index = checklist.domains.findIndex((d) => d.id === scopeId);
  const points = [];
  for (const audit of ordered) {
    const result = scoreAudit(checklist, audit.answers);
    const scope = index === -1 ? result.total : result.domains[index];
    if (scope.tenths !== null) points.push({ audit, tenths: scope.tenths, band: scope.band });
  }
  const analysis = analyseRun(points.map((p) => p.tenths), points.map((p) => ukDate(p.audit.date)));
  const threshold = Math.round(checklist.bands.find((b) => b.id === THRESHOLD_BAND).from * 10);
  return { points, analysis, threshold, left: ordered.length - points.length };
}

// Where a day falls on the chart's audit axis, as a position between audits:
// 0 is the first audit, 1.5 halfway (in days) between the second and third;
// before the first or after the last audit it is held at the end.
export function dayPosition(dates, day) {
  if (!dates.length || day <= dates[0]) return 0;
  const days = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86400000;
  for (let i = 1; i < dates.length; i += 1) {
    if (day <= dates[i]) {
      const span = days(dates[i]) - days(dates[i - 1]);
      return i - 1 + (span ? (days(day) - days(dates[i - 1])) / span : 1);
    }
  }
  return dates.length - 1;
}

// The actions done, for the marks, the table and the CSV: [{audit_id, entry,
// title, text, owner}], in the order done.
export function actionMarks(checklist, files) {
  const items = Object.fromEntries(checklist.items.map((item) => [item.id, item]));
  return doneInFiles(files).map((m) => {
    const item = items[m.entry.item_id];
    return { ...m, title: item ? item.title : m.entry.item_id, text: item ? item.action.text : m.entry.item_id, owner: m.entry.owner || "no owner" };
  });
}

const markTitle = (mark) => `Action done on ${ukDate(mark.entry.done)}: ${mark.title} (owner ${mark.owner}). ${mark.text}`;

function drawChart(checklist, data, label, titleId, descId, marks = []) {
  const { points, analysis, threshold } = data;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const y = (tenths) => PAD.top + innerH * (1 - (tenths - 10) / 40);
  const x = (i) => PAD.left + (points.length === 1 ? innerW / 2 : (innerW * i) / (points.length - 1));
  const parts = [];
  const bands = checklist.bands;
  bands.forEach((band, i) => {
    const from = Math.round(band.from * 10);
    const to = i + 1 < bands.length ? Math.round(bands[i + 1].from * 10) : 50;
    parts.push(s("rect", { x: PAD.left, y: y(to), width: innerW, height: y(from) - y(to), class: `cp-run-zone cp-run-zone-${i % 4}` }));
    parts.push(s("text", { x: W - PAD.right + 6, y: (y(from) + y(to)) / 2 + 4, class: "cp-run-label", text: band.label.replace(" implemented", "") }));
  });
  for (let t = 10; t <= 50; t += 10) {
    parts.push(s("text", { x: PAD.left - 8, y: y(t) + 4, "text-anchor": "end", class: "cp-run-axis", text: formatTenths(t) }));
  }
  parts.push(s("line", { x1: PAD.left, x2: PAD.left + innerW, y1: y(threshold), y2: y(threshold), class: "cp-run-threshold" }));
  if (analysis.median !== null) {
    parts.push(s("line", { x1: PAD.left, x2: PAD.left + innerW, y1: y(analysis.median), y2: y(analysis.median), class: "cp-run-median" }));
    parts.push(s("text", { x: PAD.left + 4, y: y(analysis.median) - 5, class: "cp-run-axis", text: `median ${medianText(analysis.median)}` }));
  }
  if (points.length > 1) {
    parts.push(s("polyline", { points: points.map((p, i) => `${x(i)},${y(p.tenths)}`).join(" "), class: "cp-run-line" }));
  }
  const every = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    parts.push(s("circle", { cx: x(i), cy: y(p.tenths), r: 5, class: "cp-run-point" },
      s("title", { text: `${ukDate(p.audit.date)}: ${formatTenths(p.tenths)}` })));
    if (i % every === 0 || i === points.length - 1) {
      parts.push(s("text", { x: x(i), y: H - PAD.bottom + 20, "text-anchor": "middle", class: "cp-run-axis", text: ukDate(p.audit.date).replace(/^\d+ /, "") }));
    }
  });
  parts.push(s("text", { x: PAD.left + innerW / 2, y: H - 8, "text-anchor": "middle", class: "cp-run-axis", text: "Audit date" }));
  // Each action done: a dotted line down the chart and a triangle at its top.
  const dates = points.map((p) => p.audit.date);
  const top = PAD.top;
  for (const mark of marks) {
    const at = points.length === 1 ? x(0) : PAD.left + (innerW * dayPosition(dates, mark.entry.done)) / (points.length - 1);
    parts.push(s("g", { class: "cp-run-action" },
      s("title", { text: markTitle(mark) }),
      s("line", { x1: at, x2: at, y1: top, y2: PAD.top + innerH, class: "cp-run-action-line" }),
      s("path", { d: `M ${at - 7} ${top} L ${at + 7} ${top} L ${at} ${top + 11} Z`, class: "cp-run-action-mark" })));
  }
  const actionsText = marks.length ? ` Triangles mark ${marks.length} action${marks.length === 1 ? "" : "s"} done, listed in the table of actions done.` : "";
  const description = points.length
    ? `${points.length} audits from ${ukDate(points[0].audit.date)} to ${ukDate(points.at(-1).audit.date)}. ${label} scores: ${points.map((p) => formatTenths(p.tenths)).join(", ")}. The dashed line at ${formatTenths(threshold)} is where "${bandLabel(checklist, THRESHOLD_BAND)}" starts. The table beside the chart gives the same figures.${actionsText}`
    : "No audit with a score yet.";
  return s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-labelledby": titleId, "aria-describedby": descId, class: "cp-run-chart", xmlns: "http://www.w3.org/2000/svg" },
    s("title", { id: titleId, text: `Run chart of the ${label.toLowerCase()} score over time` }),
    s("desc", { id: descId, text: description }),
    ...parts);
}

// The SVG with the colours the screen shows written into it, so it draws the
// same on a canvas (which cannot see the page's style sheet).
function standalone(svg) {
  const copy = svg.cloneNode(true);
  const live = svg.querySelectorAll("*");
  copy.querySelectorAll("*").forEach((node, i) => {
    const style = getComputedStyle(live[i]);
    node.setAttribute("style", ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-family"]
      .map((p) => `${p}:${style.getPropertyValue(p)}`).join(";"));
  });
  const back = getComputedStyle(svg.closest(".cp-audit")).backgroundColor;
  copy.insertBefore(s("rect", { x: 0, y: 0, width: W, height: H, style: `fill:${back}` }), copy.firstChild);
  copy.setAttribute("width", W * 2);
  copy.setAttribute("height", H * 2);
  return new XMLSerializer().serializeToString(copy);
}

function savePng(svg, fileName) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([standalone(svg)], { type: "image/svg+xml" }));
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = W * 2;
      canvas.height = H * 2;
      canvas.getContext("2d").drawImage(image, 0, 0, W * 2, H * 2);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => { if (blob) { saveBlob(fileName, blob); resolve(); } else reject(new Error("no image")); }, "image/png");
    };
    image.onerror = () => { URL.revokeObjectURL(url); reject(new Error("the chart could not be drawn")); };
    image.src = url;
  });
}

// readAudits(files) -> {audits, problems: [text]} is given by the caller (the
// same checks as opening one file, JSON or CSV).
export function auditRunChart({ uid, checklist, readAudits }) {
  const input = h("input", { type: "file", multiple: true, accept: ".json,.csv,application/json,text/csv", id: `${uid}-run-files`, class: "cp-file-input" });
  const problems = h("div", { class: "cp-audit-problems", role: "alert", "aria-atomic": "true" });
  const status = h("p", { class: "cp-run-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const result = h("div", { class: "cp-run-result" });
  const scopes = [["total", "Whole audit"], ...checklist.domains.map((d) => [d.id, d.short])];
  const chooser = h("select", { id: `${uid}-run-scope` }, scopes.map(([id, label]) => h("option", { value: id, text: label })));
  const chooserField = h("div", { class: "cp-field cp-run-scope" }, h("label", { for: chooser.id, text: "Score to chart" }), chooser);
  chooserField.hidden = true;
  let shown = [];
  let shownFiles = []; // [{audit_id, action_plan}], oldest file first, for the action marks
  const follow = followUpSummary("cp-follow-summary cp-run-follow");
  const element = h("section", { class: "cp-audit-run", "aria-labelledby": `${uid}-run` },
    h("h3", { id: `${uid}-run`, text: "Your scores over time: the run chart" }),
    h("p", { class: "cp-hint", text: "Open the saved audits of one team (choose several files at once, JSON or CSV). The chart shows the whole-audit score (or one domain's) at each audit, the bands, the line where \"Mostly implemented\" starts, and the median, and says in plain words whether a change is more than noise." }),
    h("div", { class: "cp-field" }, h("label", { for: input.id, text: "Open several saved audits of one team" }), input),
    chooserField, problems, status, result);

  const show = (audits, files = shownFiles) => {
    shown = audits;
    shownFiles = files;
    chooserField.hidden = false;
    const scopeId = chooser.value;
    const label = scopes.find(([id]) => id === scopeId)[1];
    const data = runChartData(checklist, audits, scopeId);
    if (!data.points.length) {
      result.replaceChildren();
      status.textContent = `None of these audits has a score for ${label}.`;
      return;
    }
    const { points, analysis, threshold } = data;
    const team = audits[0].team.name;
    const marks = actionMarks(checklist, files);
    const rows = points.map((p) => ({
      team: p.audit.team.name, audit_date: p.audit.date, audit_id: p.audit.audit_id, scope: label, score: formatTenths(p.tenths),
      band: p.band ? bandLabel(checklist, p.band) : "", median: medianText(analysis.median), threshold: formatTenths(threshold), action_done: "",
    }));
    rows.push(...marks.map((m) => ({
      team, audit_date: m.entry.done, audit_id: m.audit_id, scope: "Action", score: "", band: "", median: "", threshold: "",
      action_done: `${m.text} (${m.owner})`,
    })));
    const svg = drawChart(checklist, data, label, `${uid}-run-title`, `${uid}-run-desc`, marks);
    const actionsTable = marks.length
      ? h("div", { class: "cp-audit-table cp-run-actions" }, h("table", {},
        h("caption", { text: "Actions done (the triangles on the chart)" }),
        h("thead", {}, h("tr", {}, ["Date", "Item", "Owner"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, marks.map((m) => h("tr", {},
          h("td", { text: ukDate(m.entry.done) }), h("th", { scope: "row", text: m.title }), h("td", { text: m.owner }))))))
      : h("p", { class: "cp-run-no-actions", text: "No actions are marked done in these files yet." });
    const lastAudit = [...audits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1);
    follow.show({
      checklist, entries: latestEntries(files).map((m) => m.entry),
      actionText: (id) => (checklist.items.find((i) => i.id === id) || { action: { text: id } }).action.text,
      audit: { date: lastAudit.date, band: scoreAudit(checklist, lastAudit.answers).total.band },
    });
    const table = h("div", { class: "cp-audit-table cp-run-table" }, h("table", {},
      h("caption", { text: "The same figures as the chart" }),
      h("thead", {}, h("tr", {}, ["Audit", "Date", `${label} score`, "Band", "Against the median"].map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, points.map((p, i) => h("tr", {},
        h("th", { scope: "row", text: String(i + 1) }), h("td", { text: ukDate(p.audit.date) }), h("td", { text: formatTenths(p.tenths) }),
        h("td", { text: p.band ? bandLabel(checklist, p.band) : "no band (too few rated)" }),
        h("td", { text: p.tenths > analysis.median ? "above" : p.tenths < analysis.median ? "below" : "on the median" }))))));
    const findings = h("ul", { class: "cp-run-findings" }, analysis.findings.map((f) => h("li", { class: `cp-run-${f.status}`, text: f.sentence })));
    const png = h("button", { type: "button", class: "cp-button cp-secondary cp-run-png", text: "Download the chart as PNG" });
    const csv = h("button", { type: "button", class: "cp-button cp-secondary cp-run-csv", text: "Download the figures as CSV" });
    const base = `run-chart-${slug(team)}${scopeId === "total" ? "" : `-${slug(scopeId)}`}`;
    png.addEventListener("click", async () => {
      try { await savePng(svg, `${base}.png`); status.textContent = "Downloaded the chart as a PNG picture."; } catch (error) { status.textContent = `The picture could not be made: ${error.message}.`; }
    });
    csv.addEventListener("click", () => {
      saveText(`${base}.csv`, csvText(CSV_COLUMNS, rows), "text/csv");
      status.textContent = "Downloaded the figures as a CSV file.";
    });
    result.replaceChildren(
      h("h4", { text: "Follow-up" }), follow.element,
      h("div", { class: "cp-run-layout" }, h("div", { class: "cp-run-figure" }, svg), h("div", {}, table, actionsTable)),
      h("h4", { text: "What the run rules say" }), findings,
      h("p", { class: "cp-run-rule" }, h("strong", { text: "The rule used: " }), RULE),
      h("p", { class: "cp-run-source" }, h("strong", { text: "Source: " }), SOURCE),
      h("p", { class: "cp-hint", text: "A triangle at the top of the chart marks the day an action was done: hover over it to read the action, or read the table of actions done. A file saved again after a follow-up replaces the older copy of the same audit." }),
      h("div", { class: "cp-buttons" }, png, csv));
    status.textContent = `Showing ${points.length} audits of ${team}: ${label.toLowerCase()}.${data.left ? ` ${data.left} with no score ${data.left === 1 ? "is" : "are"} left out.` : ""}`;
  };

  chooser.addEventListener("change", () => { if (shown.length) show(shown); });
  input.addEventListener("change", async () => {
    const files = Array.from(input.files || []);
    input.value = "";
    if (!files.length) return;
    problems.replaceChildren();
    const read = await readAudits(files);
    const list = [...read.problems];
    let audits = read.audits;
    if (audits.length) {
      const team = audits[0].team.name.trim().toLowerCase();
      const others = audits.filter((a) => a.team.name.trim().toLowerCase() !== team);
      if (others.length) list.push(`Left out ${others.length} audit${others.length === 1 ? "" : "s"} of another team (${[...new Set(others.map((a) => a.team.name))].join(", ")}): a run chart is for one team.`);
      // The same audit saved several times (followed up, then saved again):
      // the newest file wins, for its answers and its actions' progress.
      const saved = read.saved || [];
      const files = audits.map((audit, i) => ({ audit, saved: saved[i] || 0, order: i }))
        .filter((f) => f.audit.team.name.trim().toLowerCase() === team)
        .sort((a, b) => a.saved - b.saved || a.order - b.order);
      const newest = new Map(files.map((f) => [f.audit.audit_id, f.audit]));
      audits = [...newest.values()];
      shownFiles = files.map((f) => ({ audit_id: f.audit.audit_id, action_plan: f.audit.action_plan }));
    }
    if (list.length) problems.replaceChildren(h("p", { text: "Some files were not used:" }), h("ul", {}, list.map((p) => h("li", { text: p }))));
    if (audits.length) show(audits, shownFiles);
    else { result.replaceChildren(); status.textContent = "No audit could be shown."; }
  });
  return { element };
}
