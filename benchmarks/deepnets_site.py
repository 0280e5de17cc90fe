"""How fast the deep-nets tab refreshes its probe in the static site (Pyodide in Chromium).

    PYODIDE_DIR=... python -m benchmarks.deepnets_site [--site DIR] [--clicks 6]

Builds the offline site (unless --site is given), serves it on 127.0.0.1, opens the "Deep
nets" tab and clicks the homework presets tanh and ReLU in turn: each click builds a new net of
30 layers × 100 units and probes it on 1,000 examples (forward and backward pass, statistics,
histograms) and redraws every picture. Printed per click:
- end to end: from the click until the status line shows the new result (the page has the
  patches), measured in the browser;
- probe: the seconds the status line reports for pycore's `layer_statistics` inside the worker
  (the reference measured in the same run);
- and their ratio (what drawing and sending the pictures add).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from labtools.site import browse_site

TIMEOUT_MS = 180_000
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
  const el = find(document);
  return el ? walk(el) : "";
}"""


def probe_seconds(status: str) -> float:
    """The probe time the status line reports for A ("…: 0.42 s." / "…: 0,42 s.")."""
    number = status.split(" s.")[0].rsplit(" ", 1)[-1]
    return float(number.replace(",", "."))


def run(site: Path | None, clicks: int) -> None:
    with browse_site(site) as (url, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.locator(".nnlab-dividend input").first.wait_for(timeout=TIMEOUT_MS)
        page.locator(".bk-tab", has_text="Tiefe Netze").first.click()
        page.locator(".nnlab-deep-preset-homework_relu button").first.wait_for(
            timeout=TIMEOUT_MS)
        page.wait_for_function(f"() => ({STATUS_JS})().includes(' s.')", timeout=TIMEOUT_MS)
        page.evaluate(f"() => {{ window.__deepStatus = {STATUS_JS}; }}")
        ends, probes = [], []
        for k in range(clicks):
            name = ("homework_relu", "homework_tanh")[k % 2]
            before = page.evaluate("() => window.__deepStatus()")
            page.evaluate("() => { window.__deepStart = performance.now(); }")
            page.locator(f".nnlab-deep-preset-{name} button").first.click()
            page.wait_for_function("before => window.__deepStatus() !== before", arg=before,
                                   timeout=TIMEOUT_MS, polling=20)
            seconds = page.evaluate("() => (performance.now() - window.__deepStart) / 1000")
            status = page.evaluate("() => window.__deepStatus()")
            probe = probe_seconds(status)
            ends.append(seconds)
            probes.append(probe)
            print(f"click {k + 1} ({name}): end to end {seconds:.2f} s, probe {probe:.2f} s, "
                  f"ratio {seconds / probe:.2f}")
    print(f"median: end to end {statistics.median(ends):.2f} s, "
          f"probe {statistics.median(probes):.2f} s, "
          f"ratio {statistics.median(e / p for e, p in zip(ends, probes, strict=True)):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built offline site")
    parser.add_argument("--clicks", type=int, default=6)
    args = parser.parse_args()
    run(args.site, args.clicks)


if __name__ == "__main__":
    main()
