// The one small DOM helper every widget front end shares.
//
// Why it exists: the map, the self-audit and the capacity planner each grew
// their own element builder; one helper means one rule for how text reaches
// the page. Text is always set with textContent, never parsed as HTML, so
// nothing a person typed can become markup.

export const SVG_NS = "http://www.w3.org/2000/svg";

// h("button", {class: "x", type: "button", onclick: fn}, "Label", child, ...)
// Attributes that are null, undefined or false are left out; true sets an
// empty attribute; "text" sets textContent; "on..." adds an event listener.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

// s("circle", {cx: 1, cy: 2, r: 3}) builds an SVG element the same way.
export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
}

// Keep the focused control clear of a sticky bar inside `container` (WCAG
// 2.4.11): the browser scrolls a newly focused control just into view, which
// at the bottom of the screen is under the bar. When the two overlap, scroll
// the control to the middle of its scrolling area instead. Returns a function
// that stops watching.
export function keepFocusInView(container, sticky) {
  const check = () => {
    const target = document.activeElement;
    if (!target || !container.contains(target) || sticky.contains(target)) return;
    const box = target.getBoundingClientRect();
    const bar = sticky.getBoundingClientRect();
    if (bar.height && box.bottom > bar.top && box.top < bar.bottom) {
      target.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
    }
  };
  const onFocus = () => requestAnimationFrame(check);
  container.addEventListener("focusin", onFocus);
  return () => container.removeEventListener("focusin", onFocus);
}
