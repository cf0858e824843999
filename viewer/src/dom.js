// A small element builder: the page builds its DOM with textContent only, never innerHTML,
// so text from articles can never become markup.

/**
 * Create an element.
 *
 *   h("li", {id: "person-3", dataset: {id: "person:a"}}, h("button", {}, "A"))
 *
 * `class`, `dataset` and `on<event>` are special; `null`, `undefined` and `false` props and
 * children are skipped; other props become attributes.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") {
      for (const [name, item] of Object.entries(value)) {
        if (item != null) el.dataset[name] = String(item);
      }
    } else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

/** A button styled as a link, that names what it opens in data-* attributes. */
export function linkButton(text, dataset, label) {
  return h("button", {type: "button", class: "link", dataset, "aria-label": label}, text);
}

/** Replace every child of `el`. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}
