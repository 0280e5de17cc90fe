/* "Share link" buttons (class nnlab-share): Python puts the experiment into the address bar
 * (web.ui.links.share); this copies the address to the clipboard once it has arrived. The copy
 * runs here, not in Python, because only the page may write the clipboard, and not as a script
 * of the button, because the site's Content Security Policy allows no eval (BokehJS compiles
 * CustomJS with it). An address that does not change (shared twice) is copied after WAIT_MS.
 */
(function () {
  "use strict";
  const WAIT_MS = 2000;
  const POLL_MS = 50;

  function isShareButton(el) {
    return el instanceof Element && el.classList.contains("nnlab-share");
  }

  document.addEventListener("click", (event) => {
    if (!navigator.clipboard || !event.composedPath().some(isShareButton)) return;
    const before = window.location.href;
    const clicked = performance.now();
    const copyWhenArrived = () => {
      if (window.location.href === before && performance.now() - clicked < WAIT_MS) {
        setTimeout(copyWhenArrived, POLL_MS);
        return;
      }
      navigator.clipboard.writeText(window.location.href).catch(() => {});
    };
    copyWhenArrived();
  }, true);
})();
