"""The division tab's heavy sections in the static site (Pyodide in a Web Worker).

    python -m benchmarks.division_sections_site [--site DIR] [--runs 3] [--wait 20]

Builds the offline site (unless --site is given), serves it on 127.0.0.1, opens it in headless
Chromium and measures, as a student would meet them:
- learn from scratch: for seeds 0 .. runs-1, the learner's own figure (start of the run until
  the learnt weights are ready: "Learnt in … s") and click-to-result (click on the button until
  the weights table shows that seed's weights, i.e. the active model and every picture have
  followed). Goal: ≤ 3 s per run.
- the loss landscape: opening the section until the first slice (60 × 60 on 800 pairs) is
  drawn, and two recomputations with other weights (a hidden weight against an output weight,
  two hidden weights).
- the lecture grid: Start until "finished".
``--wait`` seconds pass after the first paint before anything is clicked: the page loads
Matplotlib in the background 2 s after its first paint (for the slide exports), which shares
the worker with whatever runs then. Use ``--wait 0`` to see a run that overlaps it.
Timing figures are printed, never asserted; the machine's load shows in them.
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from labtools.site import browse_site

TIMEOUT_MS = 300_000


def seconds_in(text: str) -> float:
    """The first "1,9 s" / "0.8 s" figure of a status line."""
    match = re.search(r"(\d+(?:[.,]\d+)?) s\b", text)
    return float(match.group(1).replace(",", ".")) if match else float("nan")


def scratch_runs(page, runs: int) -> None:
    start = time.perf_counter()
    page.locator(".nnlab-scratch-section .card-header").click()
    page.locator(".nnlab-learn-scratch button").wait_for()
    print(f"open 'learn from scratch': {time.perf_counter() - start:.2f} s")
    for seed in range(runs):
        field = page.locator(".nnlab-scratch-seed input")
        field.fill(str(seed))
        field.press("Enter")
        page.wait_for_timeout(500)
        start = time.perf_counter()
        page.locator(".nnlab-learn-scratch button").click()
        page.locator(".nnlab-scratch-weights", has_text=f"(Seed {seed})").wait_for()
        clicked = time.perf_counter() - start
        status = page.locator(".nnlab-scratch-status").inner_text()
        mae = page.locator(".nnlab-scratch-mae").inner_text()
        print(f"learn from scratch, seed {seed}: run {seconds_in(status):.2f} s, "
              f"click to result {clicked:.2f} s, test MAE {mae}")


def landscape(page) -> None:
    start = time.perf_counter()
    page.locator(".nnlab-landscape-section .card-header").click()
    page.locator(".nnlab-landscape-ready").wait_for()
    print(f"landscape: open and first slice {time.perf_counter() - start:.2f} s")
    for css, weight in (("first", "w[1]11"), ("second", "w[1]22")):
        start = time.perf_counter()
        page.locator(f".nnlab-landscape-{css} select").select_option(weight)
        page.locator(".nnlab-landscape-busy").wait_for()
        page.locator(".nnlab-landscape-ready").wait_for()
        print(f"landscape: slice with {weight} {time.perf_counter() - start:.2f} s")


def lecture_grid(page) -> None:
    page.locator(".nnlab-grid-section .card-header").click()
    page.locator(".nnlab-grid-preset select").select_option(index=1)  # the lecture grid
    page.wait_for_timeout(500)
    start = time.perf_counter()
    page.locator(".nnlab-grid-start button").click()
    page.locator(".nnlab-grid-eta", has_text=re.compile("Fertig|Finished")).wait_for()
    print(f"lecture grid: {time.perf_counter() - start:.1f} s "
          f"({page.locator('.nnlab-grid-eta').inner_text()})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="an already built offline site (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="learn-from-scratch runs")
    parser.add_argument("--wait", type=float, default=20.0,
                        help="seconds after the first paint before the first click")
    args = parser.parse_args(argv)

    with browse_site(args.site) as (url, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(TIMEOUT_MS)
        start = time.perf_counter()
        page.goto(url)
        page.locator(".nnlab-scratch-section").wait_for()
        print(f"page ready: {time.perf_counter() - start:.1f} s; waiting {args.wait:g} s")
        page.wait_for_timeout(args.wait * 1000)
        scratch_runs(page, args.runs)
        landscape(page)
        lecture_grid(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
