"""Cold load of the static site versus a bare Pyodide + NumPy boot, in the same Chromium.

    python -m benchmarks.site_load [--site DIR] [--port 8150] [--runs 1]

Builds the offline site (unless --site is given), serves it on 127.0.0.1 and measures, each in a
fresh browser context (empty cache):
- time-to-interactive (TTI): navigation until the dividend input (CSS hook `nnlab-dividend`) is
  visible, i.e. the worker has built the app and the page has rendered it;
- bare boot: navigation until `boot.html` (same folder, same Web Worker set-up) has Pyodide and
  NumPy ready;
- ratio = TTI / bare boot (goal ≤ 2.0) and bytes transferred (uncompressed; goal ≤ 25 MB).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from labtools.browser import RequestGuard
from labtools.site import browse_site

TIMEOUT_MS = 180_000


def measure(browser, url: str, ready) -> tuple[float, int, list[str]]:
    """(seconds until `ready(page)` returns, bytes received, blocked non-local URLs)."""
    context = browser.new_context(service_workers="block")
    guard = RequestGuard()
    guard.install(context)
    received = []
    context.on("requestfinished", lambda req: received.append(req.sizes()["responseBodySize"]))
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    ready(page)
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(500)  # let trailing requests (stylesheets) finish
    context.close()
    return elapsed, sum(received), guard.blocked


def app_ready(page) -> None:
    page.locator(".nnlab-dividend input").first.wait_for(timeout=TIMEOUT_MS)


def boot_ready(page) -> None:
    page.wait_for_function("() => document.body.dataset.bootReady", timeout=TIMEOUT_MS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="an already built offline site (default: build one)")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--runs", type=int, default=1, help="repetitions (median is reported)")
    args = parser.parse_args(argv)

    with browse_site(args.site, args.port) as (url, browser):
        boots, ttis, app_bytes, boot_bytes, blocked = [], [], 0, 0, []
        for _ in range(args.runs):
            seconds, boot_bytes, lost = measure(browser, url + "boot.html", boot_ready)
            boots.append(seconds)
            blocked += lost
            seconds, app_bytes, lost = measure(browser, url, app_ready)
            ttis.append(seconds)
            blocked += lost
    tti, boot = statistics.median(ttis), statistics.median(boots)
    # Paired ratios (boot and app measured back to back) are robust to load from other processes.
    ratio = statistics.median(t / b for t, b in zip(ttis, boots, strict=True))
    print(f"time-to-interactive (cold): {tti:6.2f} s   runs: {[round(t, 2) for t in ttis]}")
    print(f"bare Pyodide+NumPy boot:    {boot:6.2f} s   runs: {[round(t, 2) for t in boots]}")
    print(f"ratio TTI / bare boot:      {ratio:6.2f}    (goal <= 2.0; median of paired runs)")
    print(f"transferred, app:           {app_bytes / 1e6:6.1f} MB (goal <= 25 MB)")
    print(f"transferred, bare boot:     {boot_bytes / 1e6:6.1f} MB")
    print(f"non-local requests:         {len(blocked)}")
    return 1 if blocked else 0


if __name__ == "__main__":
    sys.exit(main())
