// The radar chart of the domain scores, drawn as SVG, with a text alternative.
//
// Why it exists: drawing is one job; the report module only asks for a chart.
// Colours come from classes (self_audit.css), so the chart follows the
// book's light and dark modes and keeps its contrast in both.

import { s } from "../common/dom.js";
import { formatTenths } from "./scoring.js";

const SIZE = 420;
const RADIUS = 130;

export function radarChart(checklist, result, previous, titleId, descId) {
  const centre = SIZE / 2;
  const count = checklist.domains.length;
  const point = (index, value) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
    const r = (RADIUS * value) / 5;
    return [centre + r * Math.cos(angle), centre + r * Math.sin(angle)];
  };
  const description = checklist.domains.map((d, i) => {
    const domainScope = result.domains[i];
    return `${d.short}: ${domainScope.tenths === null ? "no score" : formatTenths(domainScope.tenths)}`;
  }).join("; ") + ". The table below gives the same figures.";
  const svg = s("svg", {
    // Wide margins so the domain names beside the chart are never cut off.
    viewBox: `-130 -10 ${SIZE + 260} ${SIZE + 20}`, width: "100%", role: "img",
    "aria-labelledby": titleId, "aria-describedby": descId, class: "cp-audit-radar",
  },
  s("title", { id: titleId, text: "Radar chart of the domain scores" }),
  s("desc", { id: descId, text: description }));
  for (let ring = 1; ring <= 5; ring += 1) {
    const pts = checklist.domains.map((_, i) => point(i, ring).join(",")).join(" ");
    svg.append(s("polygon", { points: pts, class: ring === 5 ? "cp-radar-rim" : "cp-radar-ring" }));
    const [lx, ly] = point(0, ring);
    svg.append(s("text", { x: lx + 4, y: ly + 4, "font-size": 12, class: "cp-radar-scale", text: String(ring) }));
  }
  checklist.domains.forEach((domain, i) => {
    const [x, y] = point(i, 5);
    svg.append(s("line", { x1: centre, y1: centre, x2: x, y2: y, class: "cp-radar-ring" }));
    const [tx, ty] = point(i, 6.1);
    const anchor = Math.abs(tx - centre) < 5 ? "middle" : tx > centre ? "start" : "end";
    svg.append(s("text", { x: tx, y: ty + 5, "text-anchor": anchor, "font-size": 15, class: "cp-radar-label", text: domain.short }));
  });
  const shape = (scores, cls) => {
    const pts = scores.domains.map((sc, i) => point(i, sc.tenths === null ? 0 : sc.tenths / 10).join(",")).join(" ");
    svg.append(s("polygon", { points: pts, class: cls }));
    scores.domains.forEach((sc, i) => {
      if (sc.tenths === null) return;
      const [x, y] = point(i, sc.tenths / 10);
      svg.append(s("circle", { cx: x, cy: y, r: 5, class: `${cls}-dot` }));
    });
  };
  if (previous) shape(previous, "cp-radar-previous");
  shape(result, "cp-radar-current");
  return svg;
}
