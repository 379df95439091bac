// The front-end bundles exactly as the widgets ship them, for the Node tests.
//
// Each call runs the one front-end build (widgets/connecting_people/frontend/
// build.mjs, esbuild) for that bundle and imports the file it writes, so the
// tests check what the widgets' `_esm` and the static site use, built from the
// sources as they are now.
import { pathToFileURL } from "node:url";

import { build, outputPath } from "../../widgets/connecting_people/frontend/build.mjs";

export async function loadBundle(name) {
  await build([name]);
  return import(pathToFileURL(outputPath(name)).href);
}
