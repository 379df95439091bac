// The self-audit widget's view: the checklist as keyboard-friendly radio
// groups, live scores and bands, a radar chart of the domains (with a table
// as its text alternative), the action plan, and saving or opening an audit
// as a file. The rules all live in scoring.js; this file only draws and
// listens. connecting_people/frontend bundles the two into one module.
//
// On the static book page there is no kernel: everything happens here and the
// audit leaves the browser only as a file the person saves. In Voila
// (mode "store") a "Save to the team's records" button asks Python to save.
// Every text a person typed is put on the page with textContent, never as HTML.

import {
  auditDocument,
  compareAudits,
  formatTenths,
  newAuditId,
  parseAuditText,
  scoreAudit,
  textProblem,
  validateAuditDocument,
} from "./scoring.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const CANNOT = "cannot";

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function s(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function slug(text) {
  return (text || "team").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "team";
}

function emptyState(checklist) {
  return {
    audit_id: newAuditId(),
    checklist_version: checklist.version,
    team: { name: "", trust: "", service: "" },
    date: today(),
    participants: [],
    notes: "",
    answers: {},
    item_notes: {},
    action_plan: [],
  };
}

function fromDocument(doc, checklist) {
  // The model's `audit` (set by Python in Voila) in the same shape as a file.
  if (!doc || typeof doc !== "object" || !doc.format) return emptyState(checklist);
  const checked = validateAuditDocument(doc, checklist);
  return checked.audit ? checked.audit : emptyState(checklist);
}

function bandLabel(checklist, bandId) {
  const band = checklist.bands.find((b) => b.id === bandId);
  return band ? band.label : "";
}

function scopeSentence(checklist, scope) {
  if (scope.tenths === null) return "No score yet: nothing is rated.";
  const score = formatTenths(scope.tenths);
  if (scope.band) return `${score} out of 5: ${bandLabel(checklist, scope.band)}.`;
  return `${score} out of 5: not enough items rated for a band.`;
}

// ------------------------------------------------------------ radar chart
function radarChart(checklist, result, previous, titleId, descId) {
  const size = 420;
  const centre = size / 2;
  const radius = 130;
  const count = checklist.domains.length;
  const point = (index, value) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
    const r = (radius * value) / 5;
    return [centre + r * Math.cos(angle), centre + r * Math.sin(angle)];
  };
  const svg = s("svg", {
    // Wide margins so the domain names beside the chart are never cut off.
    viewBox: `-130 -10 ${size + 260} ${size + 20}`, width: "100%", role: "img",
    "aria-labelledby": titleId, "aria-describedby": descId, class: "cp-audit-radar",
  });
  const title = s("title", { id: titleId });
  title.textContent = "Radar chart of the domain scores";
  svg.append(title);
  const desc = s("desc", { id: descId });
  desc.textContent = checklist.domains.map((d, i) => {
    const scope = result.domains[i];
    return `${d.short}: ${scope.tenths === null ? "no score" : formatTenths(scope.tenths)}`;
  }).join("; ") + ". The table below gives the same figures.";
  svg.append(desc);
  for (let ring = 1; ring <= 5; ring += 1) {
    const pts = checklist.domains.map((_, i) => point(i, ring).join(",")).join(" ");
    svg.append(s("polygon", { points: pts, fill: "none", stroke: ring === 5 ? "#6b6b6b" : "#c8c8c8", "stroke-width": 1 }));
    const [lx, ly] = point(0, ring);
    const label = s("text", { x: lx + 4, y: ly + 4, "font-size": 12, fill: "#4a4a4a" });
    label.textContent = String(ring);
    svg.append(label);
  }
  checklist.domains.forEach((domain, i) => {
    const [x, y] = point(i, 5);
    svg.append(s("line", { x1: centre, y1: centre, x2: x, y2: y, stroke: "#c8c8c8" }));
    const [tx, ty] = point(i, 6.1);
    const anchor = Math.abs(tx - centre) < 5 ? "middle" : tx > centre ? "start" : "end";
    const text = s("text", { x: tx, y: ty + 5, "text-anchor": anchor, "font-size": 15, fill: "#1b1b1b" });
    text.textContent = domain.short;
    svg.append(text);
  });
  const shape = (scores, cls, colour, dashed) => {
    const pts = scores.domains.map((scope, i) => point(i, scope.tenths === null ? 0 : scope.tenths / 10).join(",")).join(" ");
    svg.append(s("polygon", {
      points: pts, class: cls, fill: colour, "fill-opacity": dashed ? 0 : 0.18, stroke: colour,
      "stroke-width": 3, "stroke-dasharray": dashed ? "8 6" : "none",
    }));
    scores.domains.forEach((scope, i) => {
      if (scope.tenths === null) return;
      const [x, y] = point(i, scope.tenths / 10);
      svg.append(s("circle", { cx: x, cy: y, r: 5, fill: colour }));
    });
  };
  if (previous) shape(previous, "cp-radar-previous", "#b5451b", true);
  shape(result, "cp-radar-current", "#1d4e89", false);
  return svg;
}

// ---------------------------------------------------------------- the view
function render({ model, el }) {
  const checklist = model.get("checklist");
  const uid = `cpa${Math.random().toString(36).slice(2, 8)}`;
  const itemsById = Object.fromEntries(checklist.items.map((item) => [item.id, item]));
  const evidenceById = Object.fromEntries(checklist.evidence_sources.map((e) => [e.id, e]));
  let state = fromDocument(model.get("audit"), checklist);
  let previous = null; // {audit, result} of an audit opened to compare with
  const radios = {}; // item id -> {value: input}
  const noteAreas = {};

  const linkFor = (page) => `${model.get("link_base") || "../"}${page}.html`;

  // Send the form to Python (Voila) as a saved-file document; harmless on the
  // static page, where there is no kernel to receive it.
  const publish = () => {
    state.action_plan = currentPlan();
    model.set("audit", auditDocument(state));
    model.save_changes();
  };

  // ---- about this audit
  const field = (labelText, input, hint) => {
    const id = `${uid}-${input.dataset.field}`;
    input.id = id;
    return h("div", { class: "cp-field" },
      h("label", { for: id, text: labelText }),
      hint ? h("span", { class: "cp-hint", id: `${id}-hint`, text: hint }) : null,
      input);
  };
  const teamName = h("input", { type: "text", maxlength: 120, autocomplete: "off" });
  teamName.dataset.field = "team-name";
  const trust = h("input", { type: "text", maxlength: 120, autocomplete: "off" });
  trust.dataset.field = "trust";
  const service = h("input", { type: "text", maxlength: 120, autocomplete: "off" });
  service.dataset.field = "service";
  const date = h("input", { type: "date", required: true });
  date.dataset.field = "date";
  const participants = h("textarea", { rows: 3, "aria-describedby": `${uid}-participants-hint` });
  participants.dataset.field = "participants";
  const notes = h("textarea", { rows: 3, maxlength: 4000 });
  notes.dataset.field = "notes";
  const about = h("fieldset", { class: "cp-audit-about" },
    h("legend", { text: "About this audit" }),
    field("Team name", teamName),
    field("NHS Trust or organisation", trust),
    field("Service", service, "For example: Adult community mental health, North locality."),
    field("Date of the audit", date),
    field("Who took part", participants, "One role or name a line, for example: team manager, two workers, a service user member."),
    field("Notes", notes));
  const aboutProblems = h("div", { class: "cp-audit-problems", role: "alert" });
  about.append(aboutProblems);

  const readAbout = () => {
    state.team = { name: teamName.value, trust: trust.value, service: service.value };
    state.date = date.value;
    state.participants = participants.value.split("\n").map((p) => p.trim()).filter((p) => p);
    state.notes = notes.value;
  };
  const writeAbout = () => {
    teamName.value = state.team.name;
    trust.value = state.team.trust;
    service.value = state.team.service;
    date.value = state.date;
    participants.value = state.participants.join("\n");
    notes.value = state.notes;
    const locked = model.get("team_locked");
    for (const input of [teamName, trust, service]) input.readOnly = !!locked;
  };
  for (const input of [teamName, trust, service, date, participants, notes]) {
    input.addEventListener("input", () => { readAbout(); publish(); checkAbout(); });
  }

  // ---- progress line (live)
  const progress = h("p", { class: "cp-audit-progress", role: "status", "aria-live": "polite" });

  // ---- the items
  const itemsBox = h("div", { class: "cp-audit-items" });
  let number = 0;
  for (const domain of checklist.domains) {
    const section = h("section", { class: "cp-audit-domain", "aria-labelledby": `${uid}-d-${domain.id}` },
      h("h3", { id: `${uid}-d-${domain.id}`, text: domain.label }),
      h("p", { class: "cp-hint", text: domain.description }));
    for (const item of checklist.items.filter((i) => i.domain === domain.id)) {
      number += 1;
      const name = `${uid}-${item.id}`;
      const options = h("div", { class: "cp-options" });
      radios[item.id] = {};
      const choices = [1, 2, 3, 4, 5].map((score) => [String(score), String(score), item.anchors[String(score)]]);
      choices.push([CANNOT, "Cannot rate", "No evidence to rate this item."]);
      for (const [value, short, anchor] of choices) {
        const id = `${name}-${value}`;
        const input = h("input", { type: "radio", name, id, value });
        input.addEventListener("change", () => {
          state.answers[item.id] = value === CANNOT ? null : Number(value);
          update();
          publish();
        });
        radios[item.id][value] = input;
        options.append(h("label", { for: id, class: `cp-option cp-option-${value}` },
          input,
          h("span", { class: "cp-option-score", text: short }),
          h("span", { class: "cp-option-anchor", text: anchor })));
      }
      const evidence = item.evidence.map((e) => evidenceById[e].label).join("; ");
      const note = h("textarea", { rows: 2, maxlength: 1000, id: `${name}-note` });
      note.addEventListener("input", () => { state.item_notes[item.id] = note.value; publish(); });
      noteAreas[item.id] = note;
      section.append(h("fieldset", { class: "cp-item", id: `${name}-box`, "data-item": item.id },
        h("legend", {}, h("span", { class: "cp-item-number", text: `${number}. ` }), item.question),
        h("p", { class: "cp-evidence", text: `Evidence: ${evidence}.` }),
        options,
        h("details", { class: "cp-item-note" },
          h("summary", { text: "Add a note on the evidence (optional)" }),
          h("label", { for: `${name}-note`, class: "cp-hint", text: `What evidence did you use for item ${number}?` }),
          note)));
    }
    itemsBox.append(section);
  }

  // ---- results
  const summary = h("div", { class: "cp-audit-summary" });
  const chartBox = h("div", { class: "cp-audit-chart" });
  const tableBox = h("div", { class: "cp-audit-table" });
  const weakestBox = h("div", { class: "cp-audit-weakest" });
  const planBox = h("div", { class: "cp-audit-plan" });
  const compareBox = h("div", { class: "cp-audit-compare" });
  const planDetails = {}; // item id -> {owner, due}, kept when the plan changes
  for (const entry of state.action_plan) planDetails[entry.item_id] = { owner: entry.owner, due: entry.due };

  const currentPlan = () => scoreAudit(checklist, state.answers).plan.map((id) => ({
    item_id: id,
    owner: (planDetails[id] || {}).owner || "",
    due: (planDetails[id] || {}).due || "",
  }));

  const results = h("section", { class: "cp-audit-results", "aria-labelledby": `${uid}-results` },
    h("h3", { id: `${uid}-results`, text: "Your results" }),
    summary, chartBox, tableBox,
    h("h4", { text: "Weakest items" }), weakestBox,
    h("h4", { text: "Action plan" }), planBox,
    compareBox);

  // ---- files
  const message = h("div", { class: "cp-audit-message", role: "status", "aria-live": "polite" });
  const errors = h("div", { class: "cp-audit-problems", role: "alert" });
  const openInput = h("input", { type: "file", accept: ".json,application/json", id: `${uid}-open`, class: "cp-file-input" });
  const compareInput = h("input", { type: "file", accept: ".json,application/json", id: `${uid}-compare`, class: "cp-file-input" });
  const saveButton = h("button", { type: "button", class: "cp-button cp-save-file", text: "Save this audit as a file" });
  const storeButton = h("button", { type: "button", class: "cp-button cp-save-store", text: "Save to the team's records" });
  const newButton = h("button", { type: "button", class: "cp-button cp-secondary cp-new-audit", text: "Start a new audit" });
  const files = h("section", { class: "cp-audit-files", "aria-labelledby": `${uid}-files` },
    h("h3", { id: `${uid}-files`, text: "Save or open an audit" }),
    h("p", { class: "cp-hint", text: "Nothing leaves this computer unless you save it. A saved file holds the team's answers, notes and action plan; keep it somewhere the team can find it, and open it again next time to compare." }),
    h("div", { class: "cp-buttons" }, storeButton, saveButton, newButton),
    h("div", { class: "cp-field" }, h("label", { for: `${uid}-open`, text: "Open a saved audit" }), openInput),
    h("div", { class: "cp-field" }, h("label", { for: `${uid}-compare`, text: "Open your previous audit to compare" }), compareInput),
    message, errors);

  const showMessage = (text) => { errors.replaceChildren(); message.textContent = text; };
  const showProblems = (intro, problems) => {
    message.textContent = "";
    errors.replaceChildren(h("p", { text: intro }), h("ul", {}, ...problems.map((p) => h("li", { text: p.message }))));
  };

  function checkAbout() {
    readAbout();
    const problems = [];
    const check = (value, where, kind, multi) => {
      const reason = textProblem(value, kind, multi);
      if (reason) problems.push(`${where} ${reason}.`);
    };
    check(state.team.name, "The team name", "name", false);
    check(state.team.trust, "The Trust", "name", false);
    check(state.team.service, "The service", "name", false);
    state.participants.forEach((p, i) => check(p, `Person ${i + 1} who took part`, "name", false));
    check(state.notes, "The notes", "notes", true);
    aboutProblems.replaceChildren(...problems.map((p) => h("p", { text: p })));
    return problems;
  }

  function saveFile() {
    readAbout();
    state.action_plan = currentPlan();
    const doc = auditDocument(state);
    const checked = validateAuditDocument(doc, checklist);
    if (checked.problems.length) {
      showProblems("The audit cannot be saved yet:", checked.problems);
      return;
    }
    const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = h("a", { href: url, download: `self-audit-${slug(state.team.name)}-${state.date}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    showMessage(`Saved the audit of ${state.date} as a file. Keep it with the team's records.`);
  }

  async function readFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return null;
    const text = await file.text();
    const checked = parseAuditText(text, checklist);
    if (checked.problems.length) {
      showProblems(`${file.name} could not be opened:`, checked.problems);
      return null;
    }
    return checked.audit;
  }

  openInput.addEventListener("change", async () => {
    const audit = await readFile(openInput);
    if (!audit) return;
    state = audit;
    for (const key of Object.keys(planDetails)) delete planDetails[key];
    for (const entry of audit.action_plan) planDetails[entry.item_id] = { owner: entry.owner, due: entry.due };
    writeForm();
    update();
    publish();
    const older = audit.checklist_version !== checklist.version
      ? ` It was made with checklist version ${audit.checklist_version}; this page uses ${checklist.version}.` : "";
    showMessage(`Opened the audit of ${audit.date}. The answers on this page were replaced by the ones in the file.${older}`);
  });

  compareInput.addEventListener("change", async () => {
    const audit = await readFile(compareInput);
    if (!audit) return;
    previous = { audit, result: scoreAudit(checklist, audit.answers) };
    update();
    showMessage(`Comparing with the audit of ${audit.date}.`);
  });

  saveButton.addEventListener("click", saveFile);
  newButton.addEventListener("click", () => {
    state = emptyState(checklist);
    if (model.get("team_locked")) {
      const locked = fromDocument(model.get("audit"), checklist).team;
      state.team = locked;
    }
    for (const key of Object.keys(planDetails)) delete planDetails[key];
    writeForm();
    update();
    publish();
    showMessage("Started a new audit. The form is empty.");
  });
  storeButton.addEventListener("click", () => {
    readAbout();
    publish();
    model.send({ type: "save" });
    showMessage("Saving...");
  });

  const showMode = () => { storeButton.hidden = model.get("mode") !== "store"; };

  function writeForm() {
    writeAbout();
    for (const item of checklist.items) {
      const answer = state.answers[item.id];
      for (const [value, input] of Object.entries(radios[item.id])) {
        input.checked = answer === undefined ? false : (answer === null ? value === CANNOT : value === String(answer));
      }
      noteAreas[item.id].value = state.item_notes[item.id] || "";
    }
  }

  // ---- live results
  function update() {
    const result = scoreAudit(checklist, state.answers);
    const total = result.total;
    const answered = total.items - total.unanswered;
    progress.textContent = `${answered} of ${total.items} items answered. `
      + (total.tenths === null ? "No score yet." : `Score so far ${formatTenths(total.tenths)}${total.band ? `: ${bandLabel(checklist, total.band)}` : ""}.`);

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

    chartBox.replaceChildren(radarChart(checklist, result, previous ? previous.result : null, `${uid}-radar-title`, `${uid}-radar-desc`));
    if (previous) {
      chartBox.append(h("p", { class: "cp-legend" },
        h("span", { class: "cp-key cp-key-current" }), "This audit  ",
        h("span", { class: "cp-key cp-key-previous" }), `Previous audit (${previous.audit.date})`));
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

    weakestBox.replaceChildren(result.weakest.length
      ? h("ol", {}, ...result.weakest.map((id) => h("li", { text: `${itemsById[id].title}: ${state.answers[id]}` })))
      : h("p", { text: "No items rated below 5 yet." }));

    if (!result.plan.length) {
      planBox.replaceChildren(h("p", { text: "The plan lists the three to five lowest-rated items once you rate some below 5." }));
    } else {
      const planRows = result.plan.map((id) => {
        const item = itemsById[id];
        planDetails[id] = planDetails[id] || { owner: "", due: "" };
        const owner = h("input", { type: "text", maxlength: 120, id: `${uid}-owner-${id}`, value: planDetails[id].owner });
        owner.value = planDetails[id].owner;
        owner.addEventListener("input", () => { planDetails[id].owner = owner.value; publish(); });
        const due = h("input", { type: "date", id: `${uid}-due-${id}` });
        due.value = planDetails[id].due;
        due.addEventListener("input", () => { planDetails[id].due = due.value; publish(); });
        // Each link names its item for screen readers, so ten links are not all "How to act on this".
        const hidden = (text) => h("span", { class: "cp-visually-hidden", text });
        const links = [h("a", { href: linkFor(item.action.page) }, "How to act on this", hidden(`: ${item.title}`))];
        if (item.action.see_also) {
          links.push(" ", h("a", { href: linkFor(item.action.see_also) }, "See also", hidden(`: ${item.title}`)));
        }
        return h("tr", {},
          h("th", { scope: "row" }, `${item.title} (${state.answers[id]})`),
          h("td", {}, h("p", { text: item.action.text }), h("p", {}, ...links)),
          h("td", {}, h("label", { for: owner.id, class: "cp-visually-hidden", text: `Who will do the action on ${item.title}` }), owner),
          h("td", {}, h("label", { for: due.id, class: "cp-visually-hidden", text: `By when, for ${item.title}` }), due));
      });
      planBox.replaceChildren(h("table", { class: "cp-plan-table" },
        h("caption", { class: "cp-visually-hidden", text: "Action plan: the lowest-rated items and what to do about them" }),
        h("thead", {}, h("tr", {}, ...["Item (score)", "Suggested action", "Who", "By when"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, ...planRows)));
    }

    if (previous) {
      const cmp = compareAudits(checklist, previous.audit.answers, state.answers);
      const list = (entries, empty) => (entries.length
        ? h("ul", {}, ...entries.map((c) => h("li", { text: `${itemsById[c.item_id].title}: ${c.before} to ${c.after}` })))
        : h("p", { text: empty }));
      const totalChange = cmp.total.change_tenths === null ? "cannot be compared"
        : `${cmp.total.change_tenths >= 0 ? "up" : "down"} ${formatTenths(Math.abs(cmp.total.change_tenths))}`;
      compareBox.replaceChildren(
        h("h4", { text: `Compared with the audit of ${previous.audit.date}` }),
        h("p", { text: `Whole audit: ${totalChange}.` }),
        h("h5", { text: "What improved" }), list(cmp.improved, "No item went up."),
        h("h5", { text: "What slipped" }), list(cmp.slipped, "No item went down."),
        cmp.no_longer_rated.length ? h("p", { text: `Rated last time but not now: ${cmp.no_longer_rated.map((id) => itemsById[id].title).join(", ")}.` }) : null);
    } else {
      compareBox.replaceChildren();
    }
  }

  const onAuditFromPython = () => {
    state = fromDocument(model.get("audit"), checklist);
    for (const key of Object.keys(planDetails)) delete planDetails[key];
    for (const entry of state.action_plan) planDetails[entry.item_id] = { owner: entry.owner, due: entry.due };
    writeForm();
    update();
  };
  const onStatus = () => {
    const status = model.get("status") || {};
    if (!status.message) return;
    if (status.kind === "error") showProblems(status.message, (status.problems || []).map((m) => ({ message: m })));
    else showMessage(status.message);
  };
  const onPrevious = () => {
    const doc = model.get("previous");
    const checked = doc && doc.format ? validateAuditDocument(doc, checklist) : { audit: null };
    previous = checked.audit ? { audit: checked.audit, result: scoreAudit(checklist, checked.audit.answers) } : null;
    update();
  };
  const onStoreAudit = () => {
    // The model's audit also changes when this view publishes; reload the form
    // only when Python replaced it with another audit (or cleared it).
    const doc = model.get("audit");
    if (!doc || !doc.audit_id || doc.audit_id !== state.audit_id) onAuditFromPython();
  };
  model.on("change:audit", onStoreAudit);
  model.on("change:status", onStatus);
  model.on("change:previous", onPrevious);
  model.on("change:mode", showMode);
  model.on("change:team_locked", writeAbout);

  el.classList.add("cp-audit");
  el.append(
    h("p", { class: "cp-audit-lead", text: "Rate each item from the evidence you have, not from what you would like to be true. If you have no evidence, choose \"Cannot rate\". Scores, the band and the action plan update as you go." }),
    about, progress, itemsBox, results, files);
  showMode();
  writeForm();
  const startPrevious = model.get("previous");
  if (startPrevious && startPrevious.format) onPrevious();
  else update();

  return () => {
    model.off("change:audit", onStoreAudit);
    model.off("change:status", onStatus);
    model.off("change:previous", onPrevious);
    model.off("change:mode", showMode);
    model.off("change:team_locked", writeAbout);
  };
}

export default { render };
