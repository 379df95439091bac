// The capacity planner in the browser: the same rules as capacity/rules.py,
// and the form and answer a team sees. It runs with no Python behind it, so
// the planner works on the book's static page. The rules are exported on their
// own (validate, plan) so Node's test runner can check them against the shared
// cases in capacity/parity_cases.json; keep every sum in whole minutes, as the
// Python does, so both give exactly the same answers.

import { h, keepFocusInView } from "../common/dom.js";

const WHOLE = /^\s*-?\d+\s*$/;
const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;
const STEP_FIELDS = [
  "explain_minutes",
  "map_minutes",
  "goals_minutes",
  "connection_minutes",
  "review_minutes",
];

function toNumber(value) {
  if (typeof value === "boolean" || value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && DECIMAL.test(value)) return parseFloat(value);
  return null;
}

export function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function validate(raw, spec) {
  const clean = {};
  const errors = [];
  for (const [key, field] of Object.entries(spec.fields)) {
    const value = raw[key];
    const label = field.label;
    if (value === null || value === undefined || (typeof value === "string" && !value.trim())) {
      errors.push({ field: key, message: `${label}: please enter a number` });
      continue;
    }
    const number = toNumber(value);
    if (number === null) {
      errors.push({ field: key, message: `${label}: please enter a number` });
      continue;
    }
    if (!(field.min <= number && number <= field.max)) {
      errors.push({ field: key, message: `${label}: use a number from ${field.min} to ${field.max}` });
      continue;
    }
    if (field.kind === "whole") {
      if (!Number.isInteger(number) || (typeof value === "string" && !WHOLE.test(value))) {
        errors.push({ field: key, message: `${label}: use a whole number` });
        continue;
      }
      clean[key] = number;
    } else {
      const halves = number * 2;
      if (!Number.isInteger(halves)) {
        errors.push({ field: key, message: `${label}: use whole or half hours, such as 7.5` });
        continue;
      }
      clean[key] = halves; // half hours, a whole number
    }
  }
  return { clean, errors };
}

const hours = (minutes) => Math.floor((minutes + 30) / 60);
const people = (count) => `${count} ${count === 1 ? "person" : "people"}`;
const floorDiv = (a, b) => Math.floor(a / b);
const ceilDiv = (a, b) => -Math.floor(-a / b);

export function plan(raw, spec) {
  const { clean, errors } = validate(raw, spec);
  if (errors.length) return { ok: false, errors };
  const months = spec.months_in_programme;
  const starts = clean.starts_per_month;
  const caseload = clean.caseload;
  const loss = clean.crisis_loss_percent;
  const oneOff = STEP_FIELDS.reduce((sum, f) => sum + clean[f], 0);
  const support = clean.support_minutes * months;
  const perPerson = oneOff + support;
  const demand = starts * perPerson;
  const weekly = clean.protected_hours * 30;
  const capacity = floorDiv(weekly * 52 * (100 - loss), 1200);
  const inWork = starts * months;
  const timeFits = demand <= capacity;
  const caseloadOk = inWork <= caseload;
  const maxStarts = perPerson ? floorDiv(capacity, perPerson) : null;
  const used = capacity ? floorDiv(200 * demand + capacity, 2 * capacity) : null;
  const monthsToAll = starts ? floorDiv(caseload + starts - 1, starts) : null;
  let status;
  if (starts === 0) status = "nothing_planned";
  else if (capacity === 0) status = "no_time";
  else if (timeFits && caseloadOk) status = "fits";
  else status = "does_not_fit";
  const r = {
    ok: true,
    errors: [],
    status,
    fits: status === "fits",
    time_fits: timeFits,
    caseload_ok: caseloadOk,
    one_off_minutes: oneOff,
    support_minutes_total: support,
    minutes_per_person: perPerson,
    demand_minutes: demand,
    capacity_minutes: capacity,
    used_percent: used,
    max_starts: maxStarts,
    people_in_work: inWork,
    months_to_offer_everyone: monthsToAll,
  };
  r.headline = headline(r);
  r.details = details(r, clean, months);
  r.suggestions = suggestions(r, clean, months, spec);
  return r;
}

function headline(r) {
  const need = hours(r.demand_minutes);
  const have = hours(r.capacity_minutes);
  if (r.status === "nothing_planned") {
    if (r.max_starts === null) return "No one is planned to start yet, so there is nothing to fit.";
    return (
      "No one is planned to start yet. The protected time would let the team start " +
      `up to ${people(r.max_starts)} a month.`
    );
  }
  if (r.status === "no_time") {
    return "The team protects no time for this work yet, so the plan cannot fit.";
  }
  if (r.status === "fits") {
    return (
      `The plan fits: it needs about ${need} of the ${have} hours a month the team ` +
      `protects (${r.used_percent}%).`
    );
  }
  if (!r.time_fits) {
    return (
      `The plan does not fit: it needs about ${need} hours a month, but the team ` +
      `protects only about ${have} (the plan needs ${r.used_percent}% of it).`
    );
  }
  return (
    "The plan does not fit the caseload: it would have more people in the work than " +
    "the team supports."
  );
}

function details(r, clean, months) {
  const support = clean.support_minutes
    ? `${clean.support_minutes} minutes of support a month`
    : "no extra support in between";
  const lines = [
    `Each person needs about ${hours(r.minutes_per_person)} hours over ${months} months: ` +
      `${r.one_off_minutes} minutes for the steps and ${support}.`,
  ];
  if (clean.starts_per_month) {
    lines.push(
      `Starting ${people(clean.starts_per_month)} a month, about ` +
        `${people(r.people_in_work)} are in the work at any one time.`,
    );
    lines.push(
      `At this rate it takes ${r.months_to_offer_everyone} months to offer Connecting ` +
        `People to everyone on a caseload of ${clean.caseload}.`,
    );
  }
  if (clean.crisis_loss_percent) {
    lines.push(
      `The protected time allows for ${clean.crisis_loss_percent}% being lost to ` +
        "crisis work.",
    );
  }
  return lines;
}

function suggestions(r, clean, months, spec) {
  if (r.status === "fits" || r.status === "nothing_planned") {
    if (r.status === "fits" && r.max_starts !== null) {
      return [
        `The protected time would let the team start up to ${people(r.max_starts)} ` + "a month.",
      ];
    }
    return [];
  }
  const out = [];
  const maxStarts = r.max_starts;
  if (!r.caseload_ok) {
    const most = floorDiv(clean.caseload, months);
    if (maxStarts === null || most <= maxStarts) {
      return [
        `Start no more than ${people(most)} a month, so that no more people are in the ` +
          `work than the ${clean.caseload} on the caseload. The protected time allows ` +
          "that.",
      ];
    }
    if (maxStarts === 0) return ["The protected time is not enough for even one person a month."];
    return [
      `Start no more than ${people(maxStarts)} a month: that is what the protected time ` +
        "allows, and it keeps within the caseload.",
    ];
  }
  if (maxStarts) {
    out.push(
      `Start no more than ${people(maxStarts)} a month: that is what the protected time ` +
        "allows.",
    );
  } else if (maxStarts === 0) {
    out.push("The protected time is not enough for even one person a month.");
  }
  const loss = clean.crisis_loss_percent;
  const demand = r.demand_minutes;
  const weeklyNeeded = ceilDiv(demand * 1200, 52 * (100 - loss));
  const extraHalves = ceilDiv(weeklyNeeded - clean.protected_hours * 30, 30);
  const nowHours = clean.protected_hours / 2;
  // More hours than the planner accepts is not a suggestion a team can act on.
  if (nowHours + extraHalves / 2 <= spec.fields.protected_hours.max) {
    out.push(
      `Or protect about ${formatNumber(extraHalves / 2)} more ` +
        `${extraHalves === 2 ? "hour" : "hours"} a week (from ` +
        `${formatNumber(nowHours)} to ${formatNumber(nowHours + extraHalves / 2)}).`,
    );
  }
  const target = floorDiv(r.capacity_minutes, clean.starts_per_month);
  if (target > 0 && target < r.minutes_per_person) {
    out.push(
      `Or bring the time each person needs down from ${r.minutes_per_person} to ` +
        `${target} minutes over ${months} months, for example by sharing accompanied ` +
        "visits or finding things faster in the team's directory.",
    );
  }
  const weekly = clean.protected_hours * 30;
  if (loss && weekly) {
    const allowedLoss = 100 - ceilDiv(demand * 1200, weekly * 52);
    if (allowedLoss >= 0) {
      out.push(
        "Or keep crisis work out of the protected time: the plan fits if no more than " +
          `${allowedLoss}% of it is lost (now ${loss}%).`,
      );
    }
  }
  return out;
}

// ---- the view -------------------------------------------------------------

// A short sentence for screen readers after each change: whether the plan
// fits and the two figures, or what is wrong with a box. The whole answer
// (about 550 characters) stays on the page to read at will.
export function announcement(result) {
  if (!result.ok) return `Check the numbers: ${result.errors[0].message}.`;
  const need = hours(result.demand_minutes);
  const have = hours(result.capacity_minutes);
  if (result.status === "nothing_planned") return "No one is planned to start yet.";
  if (result.status === "no_time") return "The team protects no time yet, so the plan cannot fit.";
  const verdict = result.status === "fits" ? "The plan fits" : "The plan does not fit";
  return `${verdict}: it needs about ${need} of ${have} hours a month.`;
}

function render({ model, el }) {
  const spec = model.get("spec");
  const uid = `cp-capacity-${Math.random().toString(36).slice(2, 9)}`;
  const root = h("div", { class: "cp-capacity" });
  const form = h("form", { class: "cp-capacity-form", novalidate: true });
  form.addEventListener("submit", (event) => event.preventDefault());
  const inputs = {};
  for (const group of spec.groups) {
    const fieldset = h("fieldset", {}, h("legend", { text: group.title }));
    for (const key of group.fields) {
      const field = spec.fields[key];
      const id = `${uid}-${key}`;
      const input = h("input", {
        id,
        name: key,
        type: "number",
        inputmode: field.kind === "whole" ? "numeric" : "decimal",
        min: String(field.min),
        max: String(field.max),
        step: field.kind === "whole" ? "1" : "0.5",
        "aria-describedby": `${id}-help ${id}-error`,
      });
      const error = h("p", { id: `${id}-error`, class: "cp-capacity-error" });
      input.addEventListener("input", () => update(true));
      fieldset.append(h("div", { class: "cp-capacity-row" },
        h("label", { for: id, text: field.label }),
        h("div", { class: "cp-capacity-control" }, input, h("span", { class: "cp-capacity-unit", text: field.unit })),
        h("p", { id: `${id}-help`, class: "cp-capacity-help", text: field.help }),
        error));
      inputs[key] = { input, error };
    }
    form.append(fieldset);
  }
  const headline = h("p", { class: "cp-capacity-headline" });
  const bars = h("div", { class: "cp-capacity-bars", role: "img" });
  const detailList = h("ul", { class: "cp-capacity-details" });
  const suggestTitle = h("h3", { text: "What would make it fit" });
  const suggestList = h("ul", { class: "cp-capacity-suggestions" });
  const answer = h("section", { class: "cp-capacity-answer", "aria-label": "The answer" },
    headline, bars, detailList, suggestTitle, suggestList);
  // What a screen reader hears after a change: one short sentence, not the answer.
  const spoken = h("p", { class: "cp-capacity-announce cp-visually-hidden", role: "status", "aria-atomic": "true" });
  // While the answer is off screen, its headline also shows in a bar at the
  // bottom, so a change to any box shows its effect at once. The bar hides as
  // soon as the answer itself is in view, so the result is never shown twice,
  // and it is left out of print. Screen readers get the short announcement.
  const sticky = h("p", { class: "cp-capacity-sticky", "aria-hidden": "true" });
  root.append(form, sticky, answer, spoken);
  el.append(root);
  const stopKeeping = keepFocusInView(form, sticky);
  let watcher = null;
  if (typeof IntersectionObserver === "function") {
    watcher = new IntersectionObserver((entries) => {
      for (const entry of entries) sticky.classList.toggle("cp-answer-in-view", entry.isIntersecting);
    });
    watcher.observe(headline);
  }

  function bar(label, minutes, widest, css) {
    const width = widest ? Math.max(1, Math.round((100 * minutes) / widest)) : 0;
    const meter = h("div", { class: `cp-capacity-bar ${css}` });
    meter.style.width = `${width}%`;
    return h("div", { class: "cp-capacity-bar-row" },
      h("span", { class: "cp-capacity-bar-label", text: label }),
      h("div", { class: "cp-capacity-bar-track" }, meter),
      h("span", { class: "cp-capacity-bar-value", text: `${hours(minutes)} hours a month` }));
  }

  function fill(values) {
    for (const [key, { input }] of Object.entries(inputs)) {
      const value = values[key];
      input.value = value === undefined || value === null ? "" : String(value);
    }
  }

  function update(fromUser) {
    const raw = {};
    for (const [key, { input }] of Object.entries(inputs)) raw[key] = input.value;
    const result = plan(raw, spec);
    for (const { input, error } of Object.values(inputs)) {
      input.removeAttribute("aria-invalid");
      error.textContent = "";
    }
    detailList.replaceChildren();
    suggestList.replaceChildren();
    bars.replaceChildren();
    if (!result.ok) {
      for (const problem of result.errors) {
        inputs[problem.field].input.setAttribute("aria-invalid", "true");
        inputs[problem.field].error.textContent = problem.message;
      }
      root.dataset.status = "invalid";
      headline.textContent = "Please check the numbers marked below the boxes.";
      suggestTitle.hidden = true;
    } else {
      root.dataset.status = result.status;
      headline.textContent = result.headline;
      const widest = Math.max(result.demand_minutes, result.capacity_minutes);
      bars.append(
        bar("The plan needs", result.demand_minutes, widest, "cp-need"),
        bar("The team protects", result.capacity_minutes, widest, "cp-have"),
      );
      bars.setAttribute(
        "aria-label",
        `The plan needs about ${hours(result.demand_minutes)} hours a month; the team ` +
          `protects about ${hours(result.capacity_minutes)}.`,
      );
      for (const line of result.details) detailList.append(h("li", { text: line }));
      for (const line of result.suggestions) suggestList.append(h("li", { text: line }));
      suggestTitle.hidden = result.status === "fits" || result.suggestions.length === 0;
    }
    sticky.textContent = headline.textContent;
    if (fromUser) {
      // Only a change a person made is announced, and only when the sentence changes.
      const sentence = announcement(result);
      if (spoken.textContent !== sentence) spoken.textContent = sentence;
      const values = {};
      for (const [key, { input }] of Object.entries(inputs)) {
        const number = toNumber(input.value);
        values[key] = number === null ? input.value : number;
      }
      model.set("inputs", values);
      model.save_changes();
      // Also as a message, which the widget front end never holds back (planner.py says why).
      model.send({ kind: "typed", inputs: values });
    }
  }

  fill(model.get("inputs"));
  update(false);
  const onChange = () => {
    fill(model.get("inputs"));
    update(false);
  };
  model.on("change:inputs", onChange);
  return () => {
    model.off("change:inputs", onChange);
    stopKeeping();
    if (watcher) watcher.disconnect();
  };
}

export default { render };
