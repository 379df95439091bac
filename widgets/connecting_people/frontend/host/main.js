// The static site's widget host: runs every anywidget on a book page from the
// state myst-nb saved in it, with no kernel, no require.js and no widget
// manager. Each widget's front end (its `_esm`, a bundle from the one
// front-end build) is imported as an ES module and given a model that follows
// anywidget's front-end module standard: `initialize({model})` once per model,
// then `render({model, el})` for each place the page shows it.
//
// When every widget on the page is drawn, <html data-cp-widgets="ready"> is
// set and a "cp-widgets-ready" event fires: the browser tests and the
// page-weight benchmark wait on that, not on time. A widget that fails shows
// a message in its place and the error goes to the console.
import { StaticModel } from "./model.js";
import { savedModels, savedViews, withBuffers } from "./state.js";

const REFERENCE = "IPY_MODEL_";
const modules = new Map();
const styled = new Set();

function loadModule(esm) {
  if (!modules.has(esm)) {
    const url = /^(https?:)?\/\//.test(esm)
      ? esm
      : URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
    modules.set(esm, import(url).then(async (mod) => {
      let widget = mod.default ?? mod;
      // The standard allows a default export that is a function returning the widget.
      if (typeof widget === "function") widget = await widget();
      return widget;
    }));
  }
  return modules.get(esm);
}

function addStyle(model) {
  const css = model.get("_css");
  const id = model.get("_anywidget_id") ?? model.model_id;
  if (!css || styled.has(id)) return;
  styled.add(id);
  const style = document.createElement("style");
  style.dataset.anywidgetId = id;
  style.textContent = css;
  document.head.append(style);
}

const experimental = {
  invoke: () => Promise.reject(new Error("There is no Python kernel on the static site.")),
};

function showFailure(el, error) {
  console.error(error);
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.textContent = "This exercise could not start in your browser. Try reloading the page.";
  el.replaceChildren(message);
}

async function main() {
  const saved = savedModels();
  const models = new Map();
  const initialised = new Map();
  const manager = {
    get_model: async (ref) => models.get(String(ref).replace(REFERENCE, "")),
  };
  for (const [id, entry] of Object.entries(saved)) {
    if (entry.model_module !== "anywidget") continue;
    models.set(id, new StaticModel(id, withBuffers(entry.state, entry.buffers), manager));
  }
  const views = savedViews().filter(({ modelId }) => models.has(modelId));
  await Promise.all(views.map(async ({ script, modelId }) => {
    const model = models.get(modelId);
    const el = document.createElement("div");
    el.className = "cp-widget-host";
    script.before(el);
    try {
      addStyle(model);
      const widget = await loadModule(model.get("_esm"));
      if (!initialised.has(modelId)) {
        initialised.set(modelId, Promise.resolve(widget.initialize?.({ model, experimental })));
      }
      await initialised.get(modelId);
      await widget.render?.({ model, el, experimental });
    } catch (error) {
      showFailure(el, error);
    }
  }));
  document.documentElement.dataset.cpWidgets = "ready";
  document.dispatchEvent(new Event("cp-widgets-ready"));
}

main();
