// The model a widget's front end talks to on the static site: anywidget's
// front-end module standard (AFM) asks for get, set, on, off, save_changes and
// send. There is no kernel here, so the model is the saved widget state in
// memory: set() changes it and tells every listener (every view of the same
// model sees the change), save_changes() has nobody to send to and keeps the
// change here, and send() is dropped (only Voila and Jupyter have a Python
// side to answer it).

function same(a, b) {
  if (a === b) return true;
  // Traits are JSON (with binary buffers as DataViews): compare by value,
  // as Backbone does, so setting an equal copy fires no change.
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

export class StaticModel {
  constructor(id, state, manager) {
    this.model_id = id;
    this._state = { ...state };
    this._listeners = new Map();
    // anywidget's `widget_manager.get_model` resolves "IPY_MODEL_<id>" references.
    this.widget_manager = manager;
  }

  get(name) {
    return this._state[name];
  }

  set(name, value) {
    if (same(this._state[name], value)) return;
    this._state[name] = value;
    this._emit(`change:${name}`, this, value);
    this._emit("change", this);
  }

  on(event, callback) {
    for (const name of event.split(" ").filter(Boolean)) {
      if (!this._listeners.has(name)) this._listeners.set(name, new Set());
      this._listeners.get(name).add(callback);
    }
  }

  off(event, callback) {
    const names = event ? event.split(" ").filter(Boolean) : [...this._listeners.keys()];
    for (const name of names) {
      if (!callback) this._listeners.delete(name);
      else this._listeners.get(name)?.delete(callback);
    }
  }

  save_changes() {}

  send() {}

  _emit(event, ...args) {
    for (const callback of [...(this._listeners.get(event) ?? [])]) {
      try {
        callback(...args);
      } catch (error) {
        // One failing listener must not stop the others; the console shows it.
        console.error(error);
      }
    }
  }
}
