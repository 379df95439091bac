// The self-audit widget's entry point: it joins the parts and keeps the state.
//
// The parts, one job each: audit_form.js (the questions), audit_progress.js
// (the progress line and its short announcements), audit_report.js (scores,
// chart, plan, comparison; the chart itself in audit_radar.js), audit_files.js
// (save, open, compare, JSON or CSV), audit_raters.js (two raters agree),
// audit_run_chart.js (scores over time), audit_print.js (the printed form),
// audit_state.js (the audit as data). Every rule is in scoring.js, raters.js,
// run_chart.js and checklist_versions.js; nothing here computes a score.
//
// On the static book page there is no kernel: everything happens here and the
// audit leaves the browser only as a file the person saves. In Voila
// (mode "store") a "Save to the team's records" button asks Python to save.
// Every text a person typed is put on the page with textContent, never as HTML.

import { h, keepFocusInView } from "../common/dom.js";
import { auditDocument, scoreAudit, validateAuditDocument } from "./scoring.js";
import { emptyState, fromDocument, planDetailsFrom } from "./audit_state.js";
import { aboutForm, itemsForm } from "./audit_form.js";
import { progressLine } from "./audit_progress.js";
import { auditReport } from "./audit_report.js";
import { auditFiles, readAuditFiles } from "./audit_files.js";
import { auditRaters } from "./audit_raters.js";
import { auditRunChart } from "./audit_run_chart.js";
import { printSpans } from "./audit_print.js";

function render({ model, el }) {
  const checklist = model.get("checklist");
  const uid = `cpa${Math.random().toString(36).slice(2, 8)}`;
  let state = fromDocument(model.get("audit"), checklist);
  let previous = null; // {audit, result} of an audit opened to compare with

  const linkFor = (page) => `${model.get("link_base") || "../"}${page}.html`;

  // Send the form to Python (Voila) as a saved-file document; harmless on the
  // static page, where there is no kernel to receive it.
  const publish = () => {
    state.action_plan = report.currentPlan(state.answers);
    model.set("audit", auditDocument(state));
    model.save_changes();
  };

  const about = aboutForm({ uid, onChange: () => { about.read(state); publish(); about.check(state); report.refreshFollowUp(state.answers); } });
  const progress = progressLine(checklist);
  const items = itemsForm({
    uid, checklist,
    onAnswer: (itemId, value) => { state.answers[itemId] = value; update(); publish(); },
    onNote: (itemId, text) => { state.item_notes[itemId] = text; publish(); },
  });
  const report = auditReport({
    uid, checklist, linkFor, onPlanChange: publish,
    getAudit: () => ({ date: state.date, band: scoreAudit(checklist, state.answers).total.band }),
  });
  report.setPlanDetails(planDetailsFrom(state.action_plan));

  const writeForm = () => {
    about.write(state, model.get("team_locked"));
    items.write(state);
  };
  const replaceState = (next) => {
    state = next;
    report.setPlanDetails(planDetailsFrom(state.action_plan));
    writeForm();
    if (printing) printing.refresh(); // the form's date was set from code
  };

  function update({ announce = true } = {}) {
    const result = scoreAudit(checklist, state.answers);
    progress.show(result, { announce });
    report.show(result, state.answers, previous);
  }

  const files = auditFiles({
    uid, checklist,
    on: {
      save: () => {
        about.read(state);
        state.action_plan = report.currentPlan(state.answers);
        const doc = auditDocument(state);
        return { doc, problems: validateAuditDocument(doc, checklist).problems };
      },
      open: (audit) => { replaceState(audit); update(); publish(); },
      compare: (audit) => { previous = { audit, result: scoreAudit(checklist, audit.answers) }; update(); },
      fresh: () => {
        const next = emptyState(checklist);
        if (model.get("team_locked")) next.team = fromDocument(model.get("audit"), checklist).team;
        replaceState(next);
        update();
        publish();
      },
      store: () => { about.read(state); publish(); model.send({ type: "save" }); },
    },
  });

  let printing = null;
  const raters = auditRaters({
    uid, checklist,
    on: { useAgreed: (audit) => { replaceState(audit); update(); publish(); } },
  });
  const runChart = auditRunChart({ uid, checklist, readAudits: (chosen) => readAuditFiles(chosen, checklist) });

  const onStoreAudit = () => {
    // The model's audit also changes when this view publishes; reload the form
    // only when Python replaced it with another audit (or cleared it).
    const doc = model.get("audit");
    if (!doc || !doc.audit_id || doc.audit_id !== state.audit_id) {
      replaceState(fromDocument(doc, checklist));
      update({ announce: false });
    }
  };
  const onStatus = () => {
    const status = model.get("status") || {};
    if (!status.message) return;
    if (status.kind === "error") files.showProblems(status.message, (status.problems || []).map((m) => ({ message: m })));
    else files.showMessage(status.message);
  };
  const onPrevious = () => {
    const doc = model.get("previous");
    const checked = doc && doc.format ? validateAuditDocument(doc, checklist) : { audit: null };
    previous = checked.audit ? { audit: checked.audit, result: scoreAudit(checklist, checked.audit.answers) } : null;
    update({ announce: false });
  };
  const onMode = () => {
    files.showMode(model.get("mode"));
    report.setFollowUpHere(model.get("mode") !== "store");
    update({ announce: false });
  };
  const onLock = () => about.write(state, model.get("team_locked"));
  model.on("change:audit", onStoreAudit);
  model.on("change:status", onStatus);
  model.on("change:previous", onPrevious);
  model.on("change:mode", onMode);
  model.on("change:team_locked", onLock);

  el.classList.add("cp-audit");
  el.append(
    h("p", { class: "cp-audit-lead", text: "Rate each item from the evidence you have, not from what you would like to be true. If you have no evidence, choose \"Cannot rate\". Scores, the band and the action plan update as you go." }),
    about.element, ...progress.elements, items.element, report.element, files.element,
    raters.element, runChart.element);
  printing = printSpans(el);
  const stopKeeping = keepFocusInView(el, progress.line);
  onMode();
  writeForm();
  const startPrevious = model.get("previous");
  if (startPrevious && startPrevious.format) onPrevious();
  else update({ announce: false });

  return () => {
    stopKeeping();
    printing.stop();
    model.off("change:audit", onStoreAudit);
    model.off("change:status", onStatus);
    model.off("change:previous", onPrevious);
    model.off("change:mode", onMode);
    model.off("change:team_locked", onLock);
  };
}

export default { render };
