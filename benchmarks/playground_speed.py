"""Training speed of the playground tab versus TensorFlow Playground, in one headless Chromium.

    python -m benchmarks.playground_speed [TF_PLAYGROUND_DIR] [--site DIR] [--runs 3]
                                          [--warmup 5] [--seconds 10]

TF_PLAYGROUND_DIR is a built TensorFlow Playground (github.com/tensorflow/playground, ``npm ci
&& npm run build``: the folder ``dist``); without it only our page is measured. Our page is the
offline static site (Python in Pyodide in a Web Worker, as students get it), built unless
``--site`` is given. Both run TF Playground's default task (circle, features x1 and x2, two
hidden tanh layers of 4 and 2 neurons, learning rate 0.03, batch 10, 250 training points),
which is also the playground tab's default. Runs alternate (ours, TF, ours, ...) in fresh
browser contexts; every figure is the median over the runs, measured for ``--seconds`` after
``--warmup`` seconds of training:

- epochs/s: the epoch counter's increase (``nnlab-pg-epoch``; TF's ``#iter-number``), after
  pressing Play (``nnlab-pg-play``; TF's ``#play-pause-button``);
- training alone (ours only, the reference measured in the same run): epochs/s of the same
  training in the same worker just before Play, with no page attached: a fresh view-model's
  :class:`Trainer` stepped update by update as the tab's loop does, but nothing drawn and no
  yield to the page. "shown / alone" is the share of the worker's time the page leaves to
  training (the rest goes to drawing, sending the pictures and handling the page's messages);
- pictures/s: how often the output picture was replaced on the page (ours: changes of the
  output plot's data source applied by BokehJS; TF: updates of its counter, one per redraw);
- main-thread busy share: task time of the page's main thread over wall time (Chrome's
  ``Performance.getMetrics`` TaskDuration), the rest is idle for clicks and scrolling;
- long tasks: count and longest main-thread task over 50 ms (PerformanceObserver "longtask").

Non-local requests (TF's web fonts and analytics) are aborted, so both pages run offline.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labtools.browser import RequestGuard
from labtools.serve import serve_directory
from labtools.site import browse_site, wait_for_export_warm_up

BOOT_TIMEOUT_MS = 180_000

# Long tasks of the main thread, collected from page start (buffered).
LONG_TASKS_JS = """() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({type: "longtask", buffered: true});
}"""
# Count the output picture's updates: document change events of the output plot's sources.
OUR_FRAMES_JS = """() => {
  window.__frames = 0;
  const doc = Bokeh.documents[0];
  const plot = [...doc.all_models].find(m => (m.css_classes || []).includes("nnlab-pg-output"));
  const sources = new Set(plot.renderers.map(r => r.data_source));
  doc.on_change((event) => { if (sources.has(event.model)) window.__frames += 1; });
}"""
TF_FRAMES_JS = """() => {
  window.__frames = 0;
  new MutationObserver(() => { window.__frames += 1; }).observe(
    document.querySelector("#iter-number"), {childList: true, characterData: true, subtree: true});
}"""
# The epoch counter's digits (ours: a read-only input's value; TF's: an element's text).
EPOCH_JS = """(el) => {
  const digits = (el.value !== undefined ? el.value : el.textContent).replace(/\\D/g, "");
  return digits ? Number(digits) : 0;
}"""
# Runs in the worker's Pyodide: the tab's default training with no page (see the docstring).
TRAINING_ALONE = """
import time
from web.playground.viewmodel import PlaygroundViewModel

def training_alone(seconds):
    trainer = PlaygroundViewModel().trainer
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        trainer.step(trainer.epochs_per_update, trainer.seconds_per_update)
    return trainer.epoch / (time.perf_counter() - start)
"""


@dataclass
class Result:
    epochs_per_s: float
    pictures_per_s: float
    busy_share: float
    long_tasks: int
    longest_task_ms: float
    alone_epochs_per_s: float | None = None  # ours only: training alone, same worker


def _task_seconds(cdp) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def training_alone(page: Any, seconds: float) -> float:
    """Epochs/s of the tab's default training with no page, in the page's worker."""
    run = "(code) => pyodide.runPython(code)"
    page.workers[0].evaluate(run, TRAINING_ALONE)
    return page.workers[0].evaluate(run, f"training_alone({seconds})")


def measure(browser: Any, url: str, ours: bool, warmup: float, seconds: float) -> Result:
    """Open the page (ours: measure training alone first), press play, train ``warmup``
    seconds, then measure for ``seconds``."""
    context = browser.new_context(service_workers="block",
                                  viewport={"width": 1280, "height": 800})
    RequestGuard().install(context)
    page = context.new_page()
    page.add_init_script(LONG_TASKS_JS.join(["(", ")()"]))
    page.goto(url)
    if ours:
        page.locator(".nnlab-pg-play button").first.wait_for(timeout=BOOT_TIMEOUT_MS)
        wait_for_export_warm_up(page)
        alone = training_alone(page, seconds)
        page.evaluate(OUR_FRAMES_JS)
        page.locator(".nnlab-pg-play button").first.click()
        counter = page.locator(".nnlab-pg-epoch input").first
    else:
        alone = None
        page.locator("#play-pause-button").wait_for(timeout=BOOT_TIMEOUT_MS)
        page.evaluate(TF_FRAMES_JS)
        page.locator("#play-pause-button").click()
        counter = page.locator("#iter-number")
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.wait_for_timeout(warmup * 1000)
    start = (time.perf_counter(), counter.evaluate(EPOCH_JS), page.evaluate("() => __frames"),
             _task_seconds(cdp), page.evaluate("() => performance.now()"))
    page.wait_for_timeout(seconds * 1000)
    end = (time.perf_counter(), counter.evaluate(EPOCH_JS), page.evaluate("() => __frames"),
           _task_seconds(cdp), page.evaluate("() => performance.now()"))
    window_ms = (start[4], end[4])
    tasks = [d for s, d in page.evaluate("() => __longTasks")
             if window_ms[0] <= s <= window_ms[1]]
    context.close()
    wall = end[0] - start[0]
    return Result((end[1] - start[1]) / wall, (end[2] - start[2]) / wall,
                  (end[3] - start[3]) / wall, len(tasks), max(tasks, default=0.0), alone)


def median(results: list[Result], name: str) -> float:
    return statistics.median(getattr(r, name) for r in results)


def report(label: str, results: list[Result]) -> None:
    print(f"{label}: epochs/s {median(results, 'epochs_per_s'):7.1f}   "
          f"pictures/s {median(results, 'pictures_per_s'):5.1f}   "
          f"main thread busy {100 * median(results, 'busy_share'):5.1f} %   "
          f"long tasks {median(results, 'long_tasks'):4.0f} "
          f"(longest {median(results, 'longest_task_ms'):5.0f} ms)")
    print("    runs (epochs/s): " + ", ".join(f"{r.epochs_per_s:.1f}" for r in results))
    print("    runs (long tasks, longest ms): "
          + ", ".join(f"{r.long_tasks} ({r.longest_task_ms:.0f})" for r in results))
    alone = [r for r in results if r.alone_epochs_per_s]
    if alone:
        print("    runs (training alone, same worker, no page): "
              + ", ".join(f"{r.alone_epochs_per_s:.1f}" for r in alone))
        ratio = statistics.median(r.epochs_per_s / r.alone_epochs_per_s for r in alone)
        print(f"    training alone: {median(alone, 'alone_epochs_per_s'):7.1f} epochs/s; "
              f"shown / alone {ratio:.2f} (median of paired runs)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tf_playground", nargs="?", help="built TF Playground folder (dist)")
    parser.add_argument("--site", help="an already built offline site (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)

    ours: list[Result] = []
    theirs: list[Result] = []
    with browse_site(args.site) as (our_url, browser), contextlib.ExitStack() as stack:
        tf_url = (stack.enter_context(serve_directory(Path(args.tf_playground)))
                  if args.tf_playground else None)
        for _ in range(args.runs):
            ours.append(measure(browser, our_url + "#tab=playground", True,
                                args.warmup, args.seconds))
            if tf_url:
                theirs.append(measure(browser, tf_url + "index.html", False,
                                      args.warmup, args.seconds))
    report("NN Lab playground (Pyodide)", ours)
    if theirs:
        report("TensorFlow Playground       ", theirs)
        ratio = statistics.median(o.epochs_per_s / t.epochs_per_s
                                  for o, t in zip(ours, theirs, strict=True))
        print(f"ratio epochs/s ours / TF: {ratio:.2f}  (goal >= 2; median of paired runs)")
    print("goals: pictures/s >= 20, main thread busy < 50 %, no long task > 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
