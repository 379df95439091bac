// The one front-end build: every widget's anywidget module and the book's
// static widget host, bundled by the pinned esbuild (package.json) from the ES
// modules in each feature folder, as bundles.json lists them.
//
// Why one build: the widgets' `_esm` (read by connecting_people.frontend), the
// static site and the Node tests (tests/js) all use these same files, so what
// is tested is what ships. Output goes to dist/ (not committed: it is made from
// the sources on demand, see bundles.py), as .js files a package.json marks
// as ES modules. Each bundle is written with a small
// metafile listing its inputs, so Python can tell when it is older than any of
// them. No source maps: no reader needs them and the site ships none.
//
//   node widgets/connecting_people/frontend/build.mjs            (all bundles)
//   node widgets/connecting_people/frontend/build.mjs network    (some)
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = dirname(here);
export const DIST = join(here, "dist");
const config = JSON.parse(readFileSync(join(here, "bundles.json"), "utf8"));

// Browsers the book supports: anything from 2020 on runs ES2020 modules.
const COMMON = {
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  legalComments: "none",
  charset: "utf8",
  write: false,
  metafile: true,
  sourcemap: false,
  logLevel: "silent",
};

// plotly.js's own build settings (its esbuild-config.js), for its CommonJS source.
// Its registry names maplibre's stylesheet for the map traces, which the book
// does not draw: load CSS as nothing.
const SITE = {
  target: "es2016",
  loader: { ".css": "empty" },
  define: { global: "window", "define.amd": "false", "process.env.NODE_DEBUG": "false" },
};

const spec = (path) => JSON.stringify("./" + path);

// A widget bundle's entry, made here rather than committed, so adding a rules
// module to a feature means one line in bundles.json.
function widgetEntry({ view, exports_from: extra }) {
  const lines = [...extra, view].map((path) => `export * from ${spec(path)};`);
  lines.push(`export { default } from ${spec(view)};`);
  return lines.join("\n") + "\n";
}

export function allNames() {
  return [...Object.keys(config.widgets), ...Object.keys(config.site)];
}

export function outputPath(name) {
  return join(DIST, `${name}.js`);
}

async function buildOne(name) {
  const widget = config.widgets[name];
  const site = config.site[name];
  if (!widget && !site) throw new Error(`no bundle named ${JSON.stringify(name)} in bundles.json`);
  const options = widget
    ? { stdin: { contents: widgetEntry(widget), resolveDir: packageDir, sourcefile: `${name}.entry.js`, loader: "js" } }
    : { entryPoints: [join(packageDir, site.entry)], format: site.format, globalName: site.global, ...SITE };
  const result = await esbuild.build({ ...COMMON, ...options, outfile: outputPath(name) });
  const [output] = result.outputFiles;
  const inputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.startsWith("<stdin>") && !path.endsWith(".entry.js"))
    .map((path) => relative(packageDir, join(process.cwd(), path)));
  const meta = { name, inputs, exports: result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].exports };
  mkdirSync(DIST, { recursive: true });
  // The widget bundles are ES modules; this tells Node so (the iife site
  // scripts run the same either way). Browsers get them by other means.
  writeFileSync(join(DIST, "package.json"), '{"type": "module", "private": true}\n');
  // Written to a temporary name and renamed, so a kernel reading the bundle
  // while another process builds it never sees half a file.
  const tmp = `${output.path}.${process.pid}.tmp`;
  writeFileSync(tmp, output.contents);
  renameSync(tmp, output.path);
  const metaPath = join(DIST, `${name}.inputs.json`);
  writeFileSync(`${metaPath}.${process.pid}.tmp`, JSON.stringify(meta, null, 1) + "\n");
  renameSync(`${metaPath}.${process.pid}.tmp`, metaPath);
  return output.path;
}

export async function build(names = allNames()) {
  const paths = [];
  for (const name of names) paths.push(await buildOne(name));
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const written = await build(process.argv.length > 2 ? process.argv.slice(2) : allNames());
    for (const path of written) console.log(relative(process.cwd(), path));
  } catch (error) {
    // esbuild's own message names the file, line and column of the problem.
    console.error(error.message);
    process.exit(1);
  }
}
