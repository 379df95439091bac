// Reading what myst-nb saved in the page: one widget-state script (every
// model's state) and one widget-view script where each widget is shown.

export const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
export const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";

function decodeBase64(text) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new DataView(bytes.buffer);
}

// Binary traits are saved apart from the state, as base64 with the path to
// the value they belong at; put them back where the widget expects them.
export function withBuffers(state, buffers = []) {
  const copy = structuredClone(state);
  for (const { path, data, encoding } of buffers) {
    const value = encoding === "base64" ? decodeBase64(data) : data;
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path[path.length - 1]] = value;
  }
  return copy;
}

export function savedModels(doc = document) {
  const script = doc.querySelector(`script[type="${STATE_TYPE}"]`);
  return script ? JSON.parse(script.textContent).state : {};
}

export function savedViews(doc = document) {
  return [...doc.querySelectorAll(`script[type="${VIEW_TYPE}"]`)].map((script) => ({
    script,
    modelId: JSON.parse(script.textContent).model_id,
  }));
}
