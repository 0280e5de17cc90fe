"""How fast the deep-nets tab refreshes its probe in the static site (Pyodide in Chromium).

    PYODIDE_DIR=... python -m benchmarks.deepnets_site [--site DIR] [--clicks 6]

Builds the offline site (unless --site is given), serves it on 127.0.0.1, opens the "Deep
nets" tab and clicks the homework presets tanh and ReLU in turn: each click builds a new net of
30 layers × 100 units and probes it on 1,000 examples (forward and backward pass, statistics,
histograms) and redraws every picture. Printed per click:
- status: from the click until the status line shows the new result, measured in the browser;
- pictures (end to end): from the click until the page has applied the last change of the
  click's document patches and painted the frame after it (no change for QUIET_MS);
- probe: the seconds the status line reports for pycore's `layer_statistics` inside the worker
  (the reference measured in the same run);
- and the ratio pictures / probe (what drawing and sending the pictures add).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from labtools.site import browse_site, wait_for_export_warm_up

TIMEOUT_MS = 180_000
QUIET_MS = 600  # the click's patches are done when the document has not changed for this long
# Every change of the page's Bokeh document (the worker's patches) is time-stamped; so is the
# frame after the latest one, once it has been painted (rAF, then a task after the paint).
CHANGES_JS = """() => {
  // The clock starts when the page gets the click (Playwright's own checks before it are not
  // the app's time).
  window.addEventListener("click", () => { window.__deepStart = performance.now(); }, true);
  window.__deepChange = performance.now();
  window.__deepPainted = performance.now();
  Bokeh.documents[0].on_change(() => {
    const at = window.__deepChange = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      if (window.__deepChange === at) window.__deepPainted = performance.now();
    }, 0));
  });
}"""
QUIET_JS = f"""() => performance.now() - window.__deepChange > {QUIET_MS}
  && window.__deepPainted >= window.__deepChange"""
STATUS_JS = """() => {
  const walk = (node) => {
    let text = node.nodeType === Node.TEXT_NODE ? node.textContent : "";
    if (node.shadowRoot) text += walk(node.shadowRoot);
    for (const child of node.childNodes) text += walk(child);
    return text;
  };
  const find = (root) => {
    const hit = root.querySelector(".nnlab-deep-status");
    if (hit) return hit;
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) { const inner = find(el.shadowRoot); if (inner) return inner; }
    }
    return null;
  };
  // The search through every shadow root is slow: while polling, it took the main thread's
  // time from the page it measures. The element found is kept while it is in the page.
  if (!(window.__deepStatusEl && window.__deepStatusEl.isConnected)) {
    window.__deepStatusEl = find(document);
  }
  const el = window.__deepStatusEl;
  return el ? walk(el) : "";
}"""


def probe_seconds(status: str) -> float:
    """The probe time the status line reports for A ("…: 0.42 s." / "…: 0,42 s.")."""
    number = status.split(" s.")[0].rsplit(" ", 1)[-1]
    return float(number.replace(",", "."))


def run(site: Path | None, clicks: int, warm: bool) -> None:
    with browse_site(site) as (url, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.locator(".nnlab-dividend input").first.wait_for(timeout=TIMEOUT_MS)
        page.locator(".bk-tab", has_text="Tiefe Netze").first.click()
        page.locator(".nnlab-deep-preset-homework_relu button").first.wait_for(
            timeout=TIMEOUT_MS)
        page.wait_for_function(f"() => ({STATUS_JS})().includes(' s.')", timeout=TIMEOUT_MS)
        if warm:
            wait_for_export_warm_up(page)
        page.evaluate(f"() => {{ window.__deepStatus = {STATUS_JS}; }}")
        page.evaluate(CHANGES_JS)
        page.wait_for_function(QUIET_JS, timeout=TIMEOUT_MS)
        rows = []
        for k in range(clicks):
            name = ("homework_relu", "homework_tanh")[k % 2]
            before = page.evaluate("() => window.__deepStatus()")
            page.evaluate("() => { window.__deepStart = performance.now(); }")
            page.locator(f".nnlab-deep-preset-{name} button").first.click()
            page.wait_for_function("before => window.__deepStatus() !== before", arg=before,
                                   timeout=TIMEOUT_MS, polling=20)
            status = page.evaluate("() => (performance.now() - window.__deepStart) / 1000")
            page.wait_for_function(QUIET_JS, timeout=TIMEOUT_MS, polling=20)
            pictures = page.evaluate(
                "() => (window.__deepPainted - window.__deepStart) / 1000")
            probe = probe_seconds(page.evaluate("() => window.__deepStatus()"))
            rows.append((status, pictures, probe))
            print(f"click {k + 1} ({name}): status {status:.2f} s, pictures {pictures:.2f} s, "
                  f"probe {probe:.2f} s, ratio {pictures / probe:.2f}")
    status, pictures, probe = (statistics.median(column) for column in zip(*rows, strict=True))
    ratio = statistics.median(p / q for _, p, q in rows)
    print(f"median: status {status:.2f} s, pictures (end to end) {pictures:.2f} s, "
          f"probe {probe:.2f} s, ratio {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built offline site")
    parser.add_argument("--clicks", type=int, default=6)
    parser.add_argument("--no-warm", dest="warm", action="store_false",
                        help="click at once instead of after the app's background load of "
                             "Matplotlib (which shares the worker)")
    args = parser.parse_args()
    run(args.site, args.clicks, args.warm)


if __name__ == "__main__":
    main()
