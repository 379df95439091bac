// The comparison of two dated maps: both pictures, what changed, the figures.
//
// Why a module of its own: a re-map months later is how a person and a
// worker see whether the plan worked, so the comparison has its own view,
// drawn from rules.js's compare() (the same words Python gives) in the
// page's voice.

import { compare, longDate } from "./rules.js";
import { esc, renderPair } from "./draw.js";

/** The comparison's markup (user text escaped), or "" when there is nothing to compare. */
export function comparisonMarkup(earlier, map, { size, idPrefix, voice }) {
  if (!earlier) return "";
  const result = compare(earlier, map, voice);
  const [before, after] = earlier.date <= map.date ? [earlier, map] : [map, earlier];
  const pictureSize = Math.max(300, Math.min(480, size));
  const [left, right] = renderPair(before, after, result, { size: pictureSize, idPrefix, voice });
  return `
<h3 tabindex="-1">What changed since ${esc(longDate(result.before_date))}</h3>
<div class="cpn-pair">
  <div><p><strong>Before: ${esc(longDate(before.date))}</strong></p>${left}</div>
  <div><p><strong>After: ${esc(longDate(after.date))}</strong></p>${right}</div>
</div>
<ul data-role="changes">${result.sentences.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>
<table class="cpn-figures"><caption class="cpn-sr">Figures before and after</caption>
<thead><tr><th scope="col">Figure</th><th scope="col">${esc(longDate(result.before_date))}</th>
<th scope="col">${esc(longDate(result.after_date))}</th></tr></thead>
<tbody>${result.figures.map((f) => `<tr><th scope="row">${esc(f.name)}</th><td>${f.before}</td>` +
  `<td>${f.after}</td></tr>`).join("")}</tbody></table>`;
}
