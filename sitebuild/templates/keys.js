/* Keyboard for the lecture hall: space plays/pauses, → steps, ← steps back, r resets, ? shows
 * the keys. A key clicks the button that carries the matching class (nnlab-key-play, -step,
 * -back, -reset, -help) in the tab in view, so Python stays the only place where anything
 * happens and the key does exactly what the button does. Keys typed into a field are left alone.
 */
(function () {
  "use strict";
  const KEYS = { " ": "play", ArrowRight: "step", ArrowLeft: "back", r: "reset", R: "reset", "?": "help" };

  // Bokeh renders every widget in its own shadow root; search through them.
  function deepQueryAll(root, selector, found = []) {
    for (const el of root.querySelectorAll("*")) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) deepQueryAll(el.shadowRoot, selector, found);
    }
    return found;
  }

  function visible(el) {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }

  function typing(event) {
    const target = event.composedPath()[0];
    return target instanceof HTMLElement && (target.isContentEditable ||
      ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }

  document.addEventListener("keydown", (event) => {
    const role = KEYS[event.key];
    if (!role || event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    const host = deepQueryAll(document, `.nnlab-key-${role}`).find(visible);
    if (!host) return;
    const button = (host.shadowRoot || host).querySelector("button") || host;
    if (button.disabled) return;
    event.preventDefault();
    button.click();
  });
})();
