// The capacity planner in the browser: the same rules as capacity/rules.py,
// and the form and answer a team sees. It runs with no Python behind it, so
// the planner works on the book's static page. The rules are exported on their
// own (validate, plan) so Node's test runner can check them against the shared
// cases in capacity/parity_cases.json; keep every sum in whole minutes, as the
// Python does, so both give exactly the same answers.

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

function make(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text; // textContent: nothing typed is ever read as HTML
  return node;
}

function render({ model, el }) {
  const spec = model.get("spec");
  const uid = `cp-capacity-${Math.random().toString(36).slice(2, 9)}`;
  const root = make("div", { class: "cp-capacity" });
  const form = make("form", { class: "cp-capacity-form", novalidate: "" });
  form.addEventListener("submit", (event) => event.preventDefault());
  const inputs = {};
  for (const group of spec.groups) {
    const fieldset = make("fieldset");
    fieldset.append(make("legend", {}, group.title));
    for (const key of group.fields) {
      const field = spec.fields[key];
      const row = make("div", { class: "cp-capacity-row" });
      const id = `${uid}-${key}`;
      const label = make("label", { for: id }, field.label);
      const input = make("input", {
        id,
        name: key,
        type: "number",
        inputmode: field.kind === "whole" ? "numeric" : "decimal",
        min: String(field.min),
        max: String(field.max),
        step: field.kind === "whole" ? "1" : "0.5",
        "aria-describedby": `${id}-help ${id}-error`,
      });
      const unit = make("span", { class: "cp-capacity-unit" }, field.unit);
      const help = make("p", { id: `${id}-help`, class: "cp-capacity-help" }, field.help);
      const error = make("p", { id: `${id}-error`, class: "cp-capacity-error" });
      input.addEventListener("input", () => update(true));
      row.append(label, make("div", { class: "cp-capacity-control" }), help, error);
      row.children[1].append(input, unit);
      fieldset.append(row);
      inputs[key] = { input, error };
    }
    form.append(fieldset);
  }
  const answer = make("section", { class: "cp-capacity-answer", "aria-live": "polite" });
  const headline = make("p", { class: "cp-capacity-headline" });
  const bars = make("div", { class: "cp-capacity-bars", role: "img" });
  const detailList = make("ul", { class: "cp-capacity-details" });
  const suggestTitle = make("h4", {}, "What would make it fit");
  const suggestList = make("ul", { class: "cp-capacity-suggestions" });
  answer.append(headline, bars, detailList, suggestTitle, suggestList);
  // A copy of the headline that stays at the bottom of the screen while the form scrolls,
  // so a change to any box shows its effect at once. Screen readers get the live answer.
  const sticky = make("p", { class: "cp-capacity-sticky", "aria-hidden": "true" });
  root.append(form, sticky, answer);
  el.append(root);

  function bar(label, minutes, widest, css) {
    const row = make("div", { class: "cp-capacity-bar-row" });
    const width = widest ? Math.max(1, Math.round((100 * minutes) / widest)) : 0;
    const meter = make("div", { class: `cp-capacity-bar ${css}` });
    meter.style.width = `${width}%`;
    row.append(make("span", { class: "cp-capacity-bar-label" }, label), meter,
      make("span", { class: "cp-capacity-bar-value" }, `${hours(minutes)} hours a month`));
    return row;
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
      sticky.textContent = headline.textContent;
      suggestTitle.hidden = true;
    } else {
      root.dataset.status = result.status;
      headline.textContent = result.headline;
      sticky.textContent = result.headline;
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
      for (const line of result.details) detailList.append(make("li", {}, line));
      for (const line of result.suggestions) suggestList.append(make("li", {}, line));
      suggestTitle.hidden = result.status === "fits" || result.suggestions.length === 0;
    }
    if (fromUser) {
      const values = {};
      for (const [key, { input }] of Object.entries(inputs)) {
        const number = toNumber(input.value);
        values[key] = number === null ? input.value : number;
      }
      model.set("inputs", values);
      model.save_changes();
    }
  }

  fill(model.get("inputs"));
  update(false);
  const onChange = () => {
    fill(model.get("inputs"));
    update(false);
  };
  model.on("change:inputs", onChange);
  return () => model.off("change:inputs", onChange);
}

export default { render };
