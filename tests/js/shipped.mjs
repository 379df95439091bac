// The front-end bundles exactly as the widgets ship them, for the Node tests.
//
// Each call runs the one front-end build (widgets/connecting_people/frontend/
// build.mjs, esbuild) for that bundle and imports the file it writes, so the
// tests check what the widgets' `_esm` and the static site use, built from the
// sources as they are now.
import { pathToFileURL } from "node:url";

const BUILD = "../../widgets/connecting_people/frontend/build.mjs";

export async function loadBundle(name) {
  let frontEnd;
  try {
    frontEnd = await import(BUILD);
  } catch (error) {
    throw new Error(`The front-end build cannot start (${error.message}). Run \`npm ci\` first.`);
  }
  await frontEnd.build([name]);
  return import(pathToFileURL(frontEnd.outputPath(name)).href);
}
