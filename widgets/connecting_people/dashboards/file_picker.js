// The dashboards' file picker: refuses a file over the size limit before sending it.
//
// ipywidgets' FileUpload sends every chosen file to the kernel first, so a
// 200 MB file would travel before anyone could say it is too big. Here the
// browser checks each file's size against the limit Python gives it and
// sends only those at or under it, as binary buffers, with the names of any
// refused so the report can list them. The message matches
// connecting_people/common/files.py:size_problem word for word.

function megabytes(size) {
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

function sizeProblem(name, size, limit) {
  if (size <= limit) return null;
  return `${name} is ${megabytes(size)}; the largest file you can import is ` +
    `${megabytes(limit)}. It was not imported.`;
}

function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button widget-button cp-file-button";
  const status = document.createElement("p");
  status.className = "cp-file-status";
  status.setAttribute("role", "status");

  const update = () => {
    button.textContent = model.get("label");
    input.accept = model.get("accept");
    input.multiple = model.get("multiple");
  };
  update();
  model.on("change:label change:accept change:multiple", update);
  button.addEventListener("click", () => input.click());

  input.addEventListener("change", async () => {
    const limit = model.get("limit_bytes");
    const chosen = Array.from(input.files || []);
    const refused = chosen.filter((file) => file.size > limit);
    const sent = chosen.filter((file) => file.size <= limit);
    status.textContent = refused.map((f) => sizeProblem(f.name, f.size, limit)).join(" ");
    const buffers = await Promise.all(sent.map((file) => file.arrayBuffer()));
    model.send(
      {
        kind: "files",
        names: sent.map((file) => file.name),
        refused: refused.map((file) => ({ name: file.name, size: file.size })),
      },
      undefined,
      buffers,
    );
    // Clear the chooser so the same file can be chosen again after fixing it.
    input.value = "";
  });
  el.append(button, input, status);
}

export default { render };
