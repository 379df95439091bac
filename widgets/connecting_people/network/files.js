// Files in and out of the browser: save and open a map, download the picture
// (SVG or PNG), print, and remember on this device only when asked.
//
// Why a module of its own: everything that leaves or enters the page goes
// through here, so one place decides the file's name (its date and the map's
// own id: never the person's name, which may be in any script), reads files
// strictly (rules.js loadsBytes: UTF-8 JSON only, the same contract as
// Python) and keeps the map on the device only when the person ticks the box.

import { h } from "../common/dom.js";
import { KINDS, emptyMapDoc, loadsBytes, newMapId, parseMap } from "./rules.js";
import { renderSvg } from "./draw.js";

export const STORAGE_KEY = "connecting-people/network-map/v1";
// A saved map is at most a few megabytes even at the format's limits.
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** The file name for a map: its date and its own id, e.g. map-2026-06-20-3f9c2a71b0de.json. */
export function mapFileName(map, extension) {
  return `map-${map.date}-${map.id}.${extension}`;
}

/** The map with an id of its own (maps from files before version 2 have none). */
export function withMapId(map) {
  return map.id ? map : { ...map, id: newMapId() };
}

export function downloadBlob(root, blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Read a chosen file as a map; throws MapError (with the validator's words) if it is not. */
export async function readMapFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`${file.name} is too big to be a saved map.`);
  }
  return loadsBytes(new Uint8Array(await file.arrayBuffer()));
}

/** The picture as a PNG, drawn from its SVG at twice the size for a sharp print. */
export function pngBlob(svgMarkup, width, height) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const scale = 2;
      const canvas = h("canvas", { width: width * scale, height: height * scale });
      const context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG made"))),
        "image/png");
    };
    image.onerror = () => reject(new Error("The picture could not be turned into a PNG."));
    // The SVG names its size so the image is drawn at it, not at a default 300 by 150.
    const sized = svgMarkup.replace("<svg ", `<svg width="${width}" height="${height}" `)
      .replace(' width="100%"', "");
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sized)}`;
  });
}

/**
 * Print the map, its list and its figures, and nothing else on the page: the widget's
 * ancestors are marked for the print style (widget.css) for the length of the print.
 */
export function printMap(root) {
  const marked = [];
  for (let node = root.parentElement; node && node !== document.body; node = node.parentElement) {
    node.classList.add("cpn-print-path");
    marked.push(node);
  }
  root.classList.add("cpn-print-root");
  document.documentElement.classList.add("cpn-printing");
  const done = () => {
    window.removeEventListener("afterprint", done);
    marked.forEach((node) => node.classList.remove("cpn-print-path"));
    root.classList.remove("cpn-print-root");
    document.documentElement.classList.remove("cpn-printing");
  };
  window.addEventListener("afterprint", done);
  window.print();
  return done;
}

// ------------------------------------------------------------ device storage

export function rememberOnDevice(map, compareWith, toDoc) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({
    map: toDoc(map),
    compare_with: compareWith ? toDoc(compareWith) : null,
  }));
}

export function forgetOnDevice() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage blocked: then nothing was stored either.
  }
}

/** The remembered map, null if none, or throws if one is there but cannot be read. */
export function readRemembered() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  if (!saved) return null;
  const data = JSON.parse(saved);
  return { map: parseMap(data.map), compareWith: data.compare_with ? parseMap(data.compare_with)
    : null };
}

/** A printable page: three empty circles with the kinds around them, for mapping on paper. */
export function worksheetHtml() {
  const counts = Object.fromEntries(Object.keys(KINDS).map((k) => [k, 1]));
  const svg = renderSvg(emptyMapDoc(""), {
    size: 640,
    basis: counts,
    idPrefix: "worksheet",
    title: "Blank network map worksheet",
    description: "Three empty circles around the word Me, with the kinds of connection around the edge.",
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My network map</title>
<style>body{font-family:system-ui,Arial,sans-serif;margin:1.5cm;color:#1b1b1b}
.line{display:inline-block;border-bottom:1px solid #1b1b1b;min-width:6cm;margin-right:1cm}
svg{max-width:17cm} button{font:inherit;padding:.5em 1em}
@media print{.no-print{display:none}}</style></head><body><h1>My network map</h1>
<p class="no-print"><button type="button" onclick="window.print()">Print</button></p>
<p>Name: <span class="line">&nbsp;</span> Date: <span class="line">&nbsp;</span></p>
<p>Write each person, group, place or service in a circle: the closer they feel, the nearer the
middle. Draw a solid line for a strong tie, a dashed line for a weak one, and a zig-zag for a
stressful one.</p>${svg}</body></html>`;
}
