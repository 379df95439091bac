// The form for adding or changing one entry, and its links to others.
//
// Why it is built this way: a person may give only a name. Everything under
// "More about this connection" therefore starts unanswered ("Not answered"
// is a real, chosen-by-default option), and an answer left alone is saved as
// no answer, never as a default. Each control is a labelled form control that
// works by keyboard, including the links between entries (who knows whom).

import { h } from "../common/dom.js";
import { CIRCLES, CONTACT, GIVES, KIND_SINGULAR, KINDS, TIES, TRIED, WISHES } from "./rules.js";
import { esc } from "./draw.js";

const TIE_WORDS = { "": "Not answered", strong: "Strong", weak: "Weak (light)",
  stressful: "Stressful (hard)" };
const WISH_WORDS = { "": "Not answered", more: "More contact", same: "About the same",
  less: "Less contact" };
const TRIED_WORDS = { not_yet: "Not yet", yes: "Yes", no: "No" };
const GIVES_NONE = "none";

// Choices in a list read better starting with a capital ("Work or study"),
// while the same words sit mid-sentence in the description, so only here.
const capitalFirst = (words) => words.charAt(0).toUpperCase() + words.slice(1);

function optionsOf(values, words) {
  return values.map((value) =>
    `<option value="${esc(value)}">${esc(capitalFirst(words[value]))}</option>`).join("");
}

function radiosOf(name, values, words, checked) {
  return values.map((value) => `<label class="cpn-choice"><input type="radio" name="${name}" ` +
    `value="${esc(value)}"${String(value) === String(checked) ? " checked" : ""}> ` +
    `${esc(words[value])}</label>`).join("");
}

/** The form's markup; `id(name)` gives this widget's own element ids. No user text in it. */
export function formMarkup(id, voice) {
  const you = voice === "person";
  const contactWords = { "": "Not answered", ...CONTACT };
  return `
  <form class="cpn-form" data-role="form" novalidate aria-labelledby="${id("form-title")}">
    <h3 id="${id("form-title")}" data-role="form-title">Add someone or something</h3>
    <div class="cpn-field"><label for="${id("label")}">Name</label>
      <input id="${id("label")}" data-role="label" maxlength="80" autocomplete="off"
        aria-describedby="${id("label-hint")} ${id("form-error")}">
      <span class="cpn-hint" id="${id("label-hint")}">A person, a group, an activity, a place
        or a service. A first name or a nickname is enough.</span></div>
    <div class="cpn-field"><label for="${id("kind")}">What kind</label>
      <select id="${id("kind")}" data-role="kind">${optionsOf(Object.keys(KINDS), KIND_SINGULAR)}</select></div>
    <fieldset class="cpn-fieldset"><legend>Which circle</legend>
      ${radiosOf(id("circle"), Object.keys(CIRCLES), { 1: "Inner (closest)", 2: "Middle", 3: "Outer" }, 2)}
    </fieldset>
    <details class="cpn-more" data-role="more"><summary>More about this connection (you can skip this)</summary>
      <p class="cpn-hint">Anything you skip stays unanswered${you ? "" : " and is not counted"}.</p>
      <p class="cpn-hint" data-role="earlier-hint" hidden>These answers came from the earlier
        version of this exercise, which filled in answers that were skipped. Saving confirms them.</p>
      <div class="cpn-field"><label for="${id("contact")}">How often in contact</label>
        <select id="${id("contact")}" data-role="contact">${optionsOf(["", ...Object.keys(CONTACT)], contactWords)}</select></div>
      <fieldset class="cpn-fieldset"><legend>What they give${you ? " you" : ""}</legend>
        ${Object.keys(GIVES).map((g) => `<label class="cpn-choice"><input type="checkbox"
          name="${id("gives")}" value="${g}"> ${esc(capitalFirst(GIVES[g]))}</label>`).join("")}
        <label class="cpn-choice"><input type="checkbox" name="${id("gives")}"
          value="${GIVES_NONE}"> None of these</label>
      </fieldset>
      <fieldset class="cpn-fieldset"><legend>How the tie feels</legend>
        ${radiosOf(id("tie"), ["", ...Object.keys(TIES)], TIE_WORDS, "")}</fieldset>
      <fieldset class="cpn-fieldset"><legend>Would like</legend>
        ${radiosOf(id("wish"), ["", ...Object.keys(WISHES)], WISH_WORDS, "")}</fieldset>
      <div class="cpn-field"><label for="${id("note")}">Note (optional)</label>
        <textarea id="${id("note")}" data-role="note" rows="2" maxlength="2000"></textarea></div>
      <label class="cpn-choice"><input type="checkbox" data-role="suggest"
        aria-controls="${id("suggestion")}"> This is a suggestion to try</label>
      <fieldset class="cpn-fieldset" id="${id("suggestion")}" data-role="suggestion" hidden>
        <legend>The suggestion</legend>
        <div class="cpn-field"><label for="${id("suggested")}">Suggested on</label>
          <input id="${id("suggested")}" data-role="suggested" type="date"></div>
        <fieldset class="cpn-fieldset"><legend>Tried it?</legend>
          ${radiosOf(id("tried"), Object.keys(TRIED), TRIED_WORDS, "not_yet")}</fieldset>
        <div class="cpn-field"><label for="${id("outcome")}">What helped or got in the way</label>
          <textarea id="${id("outcome")}" data-role="outcome" rows="2" maxlength="2000"></textarea></div>
      </fieldset>
      <fieldset class="cpn-fieldset cpn-links" data-role="links-box">
        <legend>Links: who knows whom</legend>
        <p class="cpn-hint" data-role="links-hint">To link this entry to others on the map,
          add it first, then choose Edit.</p>
        <ul class="cpn-link-list" data-role="links"></ul>
        <div class="cpn-field" data-role="link-add" hidden><label for="${id("link-target")}">Knows</label>
          <select id="${id("link-target")}" data-role="link-target"></select></div>
        <button type="button" data-role="link-button" hidden>Add link</button>
      </fieldset>
    </details>
    <p class="cpn-error" data-role="form-error" id="${id("form-error")}" hidden></p>
    <div class="cpn-buttons">
      <button type="submit" class="cpn-primary" data-role="submit">Add to the map</button>
      <button type="button" data-role="cancel" hidden>Cancel changes</button>
    </div>
  </form>`;
}

/** The entry the form describes; answers left alone are left out. */
export function readForm(form, id, today) {
  const q = (role) => form.querySelector(`[data-role="${role}"]`);
  const checked = (name) => form.querySelector(`input[name="${id(name)}"]:checked`);
  const entry = {
    label: q("label").value.trim(),
    kind: q("kind").value,
    circle: Number(checked("circle").value),
  };
  if (q("contact").value) entry.contact = q("contact").value;
  const ticked = [...form.querySelectorAll(`input[name="${id("gives")}"]:checked`)]
    .map((input) => input.value);
  const gives = ticked.filter((g) => g !== GIVES_NONE);
  if (gives.length) entry.gives = gives;
  else if (ticked.includes(GIVES_NONE)) entry.gives = [];
  if (checked("tie").value) entry.tie = checked("tie").value;
  if (checked("wish").value) entry.wish = checked("wish").value;
  entry.note = q("note").value;
  if (q("suggest").checked) {
    entry.suggestion = { suggested: q("suggested").value || today,
      tried: checked("tried").value, outcome: q("outcome").value };
  }
  return entry;
}

export function fillForm(form, id, entry, today) {
  const q = (role) => form.querySelector(`[data-role="${role}"]`);
  const set = (name, value) => {
    form.querySelectorAll(`input[name="${id(name)}"]`).forEach((input) => {
      input.checked = Array.isArray(value) ? value.includes(input.value)
        : input.value === String(value);
    });
  };
  q("label").value = entry ? entry.label : "";
  if (entry) q("kind").value = entry.kind;
  set("circle", entry ? entry.circle : 2);
  q("contact").value = (entry && entry.contact) || "";
  const gives = entry && Array.isArray(entry.gives) ? entry.gives : null;
  set("gives", gives === null ? [] : gives.length ? gives : [GIVES_NONE]);
  set("tie", (entry && entry.tie) || "");
  set("wish", (entry && entry.wish) || "");
  q("note").value = entry ? entry.note : "";
  const suggestion = entry && entry.suggestion;
  q("suggest").checked = Boolean(suggestion);
  q("suggestion").hidden = !suggestion;
  q("suggested").value = suggestion ? suggestion.suggested : today;
  set("tried", suggestion ? suggestion.tried : "not_yet");
  q("outcome").value = suggestion ? suggestion.outcome : "";
  q("earlier-hint").hidden = !(entry && entry.recorded_by);
}

/** The links part of the form, for the entry being changed (or none while adding). */
export function drawLinks(form, map, editing) {
  const q = (role) => form.querySelector(`[data-role="${role}"]`);
  const list = q("links");
  list.replaceChildren();
  q("links-hint").hidden = Boolean(editing);
  q("link-add").hidden = !editing;
  q("link-button").hidden = !editing;
  if (!editing) return;
  const names = new Map(map.entries.map((e) => [e.id, e.label]));
  const linked = new Set();
  for (const link of map.links) {
    if (link.from !== editing && link.to !== editing) continue;
    const other = link.from === editing ? link.to : link.from;
    linked.add(other);
    list.append(h("li", {}, h("span", {}, `Knows ${names.get(other)}`), " ",
      h("button", { type: "button", "data-link": other,
        "aria-label": `Remove the link between ${names.get(editing)} and ${names.get(other)}` },
      "Remove link")));
  }
  const select = q("link-target");
  const choices = map.entries.filter((e) => e.id !== editing && !linked.has(e.id));
  select.replaceChildren(...choices.map((e) => h("option", { value: e.id }, e.label)));
  select.disabled = !choices.length;
  q("link-button").disabled = !choices.length;
}
