"""Training speed of "watch a network learn" in the static site: ReLU-300 on 1,000 points.

    python -m benchmarks.fit_speed [--site DIR] [--port 8151] [--epochs 300]

Builds the offline site (unless --site is given), serves it on 127.0.0.1, opens
``#tab=experiments&card=fit`` in headless Chromium (Python runs in Pyodide in the page's Web
Worker), waits until the app's one-time background load of Matplotlib is over, presses Run for
the card's default run (one hidden layer of 300 ReLU neurons, Adam,
batch 32, the material's task) and reports
- epochs per second of wall time, from the click until the last epoch is on screen (training,
  drawing and the page's turns included: what a lecture sees; goal >= 20);
- the card's own figure, ms per epoch of compute (the training steps alone, measured in the
  worker) and the MSE it reached.
The same run's compute time in this CPython process is printed as a reference measured now,
so that a loaded machine shows up in both numbers.
"""

from __future__ import annotations

import argparse
import re
import time
from typing import Any

from labtools.site import browse_site, wait_for_export_warm_up

BOOT_TIMEOUT_MS = 180_000
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?(?:e-?\d+)?")


def shown_number(page, css_class: str) -> float | None:
    """The number shown by the element with this class (a span inside an HTML pane's shadow
    root, which Playwright's CSS engine reaches; "—" before there is a number)."""
    text = page.locator(f".{css_class}").first.inner_text()
    found = NUMBER.search(text or "")
    return float(found.group(0).replace(",", ".")) if found else None


def run_in_site(browser: Any, url: str, epochs: int) -> tuple[float, float | None, float | None]:
    """(epochs/s of wall time, the card's ms/epoch, the MSE it shows) for one run."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{url}#tab=experiments&card=fit&fit.epochs={epochs}")
    page.locator(".nnlab-fit-run button").first.wait_for(timeout=BOOT_TIMEOUT_MS)
    wait_for_export_warm_up(page)
    start = time.perf_counter()
    page.locator(".nnlab-fit-run button").first.click()
    while (shown_number(page, "nnlab-fit-epoch") or 0) < epochs:
        page.wait_for_timeout(50)
    seconds = time.perf_counter() - start
    result = (epochs / seconds, shown_number(page, "nnlab-fit-ms-per-epoch"),
              shown_number(page, "nnlab-fit-mse"))
    page.close()
    return result


def cpython_ms_per_epoch(epochs: int) -> float:
    from web.experiments.fit.model import FitLab

    lab = FitLab(epochs=epochs)
    lab.run_now()
    return lab.run.ms_per_epoch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="an already built offline site (default: build one)")
    parser.add_argument("--port", type=int, default=8151)
    parser.add_argument("--epochs", type=int, default=300)
    args = parser.parse_args(argv)
    with browse_site(args.site, args.port) as (url, browser):
        rate, ms, mse = run_in_site(browser, url, args.epochs)
    reference = cpython_ms_per_epoch(args.epochs)
    print(f"static site: {rate:.1f} epochs/s wall (goal >= 20); card: {ms} ms/epoch compute, "
          f"MSE {mse} after {args.epochs} epochs")
    print(f"CPython (this process, now): {reference:.1f} ms/epoch compute; "
          f"site compute / CPython = {ms / reference:.2f}" if ms else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
