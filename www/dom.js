// Small DOM helpers shared by the page's modules. No HTML strings are ever parsed: every text
// goes through textContent, so a pasted body cannot inject markup.

/** The element with this id (throws when the page lacks it, which is a page bug). */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page element #${id} is missing`);
  return element;
}

/**
 * Creates an element. `props`: `class`, `text`, `dataset` (object), `attrs` (object of attributes),
 * `on` (object of event listeners), or any other property set directly (id, type, value, ...).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") element.className = value;
    else if (key === "text") element.textContent = value;
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key === "attrs") for (const [name, v] of Object.entries(value)) element.setAttribute(name, v);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) element.addEventListener(type, fn);
    else element[key] = value;
  }
  appendAll(element, children);
  return element;
}

/** Children to append: nested arrays flattened, null, undefined and false left out. */
function present(children) {
  return children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false);
}

/**
 * Appends children in batches: `append(...list)` passes every child as an argument, and a list of
 * some hundred thousand overflows the call stack ("Maximum call stack size exceeded").
 */
function appendAll(element, children) {
  const list = present(children);
  for (let i = 0; i < list.length; i += 1024) element.append(...list.slice(i, i + 1024));
}

/** Replaces the children of `element`. */
export function fill(element, ...children) {
  element.replaceChildren();
  appendAll(element, children);
  return element;
}

/** Copies text to the clipboard; falls back to selecting the given control. */
export async function copyText(text, fallbackControl) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackControl && typeof fallbackControl.select === "function") fallbackControl.select();
    return false;
  }
}
