"""Epochs per second the Network tab shows while it trains, before and after issue 13's pacing.

    python benchmarks/training_rate.py [--site DIR] [--rounds 3] [--seconds 6] [--skip-serve]

"Before" is the old loop: a fixed 10 ms sleep after every epoch (``FramePacer(frame_seconds=0,
sleep_seconds=0.01)``); "after" is the shipped default of ``web.ui.pacing.FramePacer``: in the
browser a zero-delay yield once per frame; under ``panel serve`` the old policy itself (a
zero-delay yield starves Tornado's websocket, see web/ui/pacing.py), so there the ratio shows only
noise. Both are measured in the same run, in turns, on the tab's default setting (data set
"function", 1-8-8-1 tanh net, batch 16, Adam), by pressing Play and reading the page's epoch
counter (what a student sees) over ``--seconds``, after one second of warm-up:

- static site (offline build in headless Chromium): the policy is switched inside the running
  worker between turns (the class attributes of ``web.ui.pacing.FramePacer``);
- ``panel serve``: two servers, one started from a script that sets the old policy first.

The reference "training alone" is the same epochs with no drawing and no yielding
(``Sequential.fit``, one epoch per call) in the same worker, resp. in this CPython process: the
ratio UI / alone says how much of an epoch is drawing and pacing. In the static site every
round also prints, from inside the worker, the epochs per second and each epoch's time split
into work (training + drawing) and yielding (the pacer's tick: the old sleep, or handling the
page's messages). Figures are medians over
``--rounds``; after/before is the median of the paired ratios (robust to load from other
processes on a shared machine).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from conftest import CHROMIUM_ARGS, CHROMIUM_PATH, serve_directory  # noqa: E402
from panel_server import serve_app  # noqa: E402
from site_load import build_site  # noqa: E402

# The controls (CSS hooks, docs/testing.md) and the tab: switch these for another training tab.
TAB_KEY = "app.tab.network"
PLAY, PAUSE, RESET = "nnlab-net-play", "nnlab-net-pause", "nnlab-net-reset"
EPOCH = "nnlab-net-epoch"
BEFORE, AFTER = "before (10 ms sleep per epoch)", "after (shipped FramePacer)"
BOOT_TIMEOUT_MS = 180_000

# Runs as is in CPython and in the worker's Pyodide: the Network tab's default net, trained
# epoch by epoch exactly as Trainer.step does, without drawing; returns epochs per second.
TRAINING_ALONE = """
import time
from web import network_data

def training_alone(seconds):
    s = network_data.make("function", 0)
    model = network_data.build_model(s, s.hidden, [s.hidden_activation] * len(s.hidden), seed=0)
    model.compile(optimizer="adam", loss=s.loss)
    model.optimizer.learning_rate = s.learning_rate
    epochs, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        model.fit(s.x_train, s.y_train, epochs=epochs + 1, initial_epoch=epochs,
                  batch_size=s.batch_size, validation_data=(s.x_val, s.y_val), shuffle=True,
                  seed=epochs, verbose=0)
        epochs += 1
    return epochs / (time.perf_counter() - start)
"""
# In the worker: remember the shipped pacing, time every tick (one per epoch: the time inside
# it is the yield, the rest is the epoch's work: training + drawing), switch policies.
POLICY_CODE = {
    "setup": """
import json, time
from web.ui.pacing import FramePacer
SHIPPED = (FramePacer.frame_seconds, FramePacer.sleep_seconds)
PACING = {"ticks": 0, "in_tick": 0.0, "t0": 0.0}
untimed_tick = FramePacer.tick

async def timed_tick(self):
    start = time.perf_counter()
    await untimed_tick(self)
    PACING["ticks"] += 1
    PACING["in_tick"] += time.perf_counter() - start

FramePacer.tick = timed_tick

def pacing_window(start):
    if start:
        PACING.update(ticks=0, in_tick=0.0, t0=time.perf_counter())
        return ""
    wall, n = time.perf_counter() - PACING["t0"], max(PACING["ticks"], 1)
    return json.dumps([PACING["ticks"] / wall, (wall - PACING["in_tick"]) / n * 1e3,
                       PACING["in_tick"] / n * 1e3])
""",
    BEFORE: "FramePacer.frame_seconds, FramePacer.sleep_seconds = 0.0, 0.01",
    AFTER: "FramePacer.frame_seconds, FramePacer.sleep_seconds = SHIPPED",
}
BEFORE_APP = """# panel serve script: the app with the old fixed-sleep pacing (training_rate.py)
from web.ui.pacing import FramePacer

FramePacer.frame_seconds = 0.0
FramePacer.sleep_seconds = 0.01

from web.app import create_app  # noqa: E402

create_app().servable(title="NN Lab (fixed 10 ms sleep)")
"""


def shown_epoch(page) -> int:
    return int(re.findall(r"\d+", page.locator(f".{EPOCH} p").first.inner_text())[-1])


def click(page, cls: str) -> None:
    page.locator(f".{cls} button").first.click()


def open_network_tab(page) -> None:
    import web.app  # noqa: F401  (registers the tab titles)
    from web import i18n

    page.locator(".bk-tab", has_text=i18n.text(TAB_KEY, "de")).first.click()
    page.locator(f".{EPOCH} p").first.wait_for()


def shown_rate(page, seconds: float, window=lambda start: None):
    """Press Play, warm up 1 s, count the epochs the page shows over `seconds`, pause, reset.
    `window(True)` / `window(False)` run at the start / end of the counted time; returns the
    rate and what `window(False)` returned."""
    click(page, RESET)
    page.wait_for_timeout(800)
    click(page, PLAY)
    page.wait_for_timeout(1000)
    window(True)
    e0, t0 = shown_epoch(page), time.perf_counter()
    page.wait_for_timeout(seconds * 1000)
    e1, t1 = shown_epoch(page), time.perf_counter()
    inside = window(False)
    click(page, PAUSE)
    page.wait_for_timeout(800)
    return (e1 - e0) / (t1 - t0), inside


def site_rates(browser, url: str, rounds: int, seconds: float) -> tuple[dict, float]:
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    page.goto(url)
    page.locator(".nnlab-dividend input").first.wait_for(timeout=BOOT_TIMEOUT_MS)
    open_network_tab(page)
    worker = page.workers[0]
    run = "(code) => pyodide.runPython(code)"
    worker.evaluate(run, TRAINING_ALONE)
    alone = worker.evaluate(run, f"training_alone({seconds})")
    worker.evaluate(run, POLICY_CODE["setup"])

    def window(start: bool):
        return worker.evaluate(run, f"pacing_window({start})")

    rates: dict[str, list[float]] = {BEFORE: [], AFTER: []}
    for _ in range(rounds):
        for name in rates:
            worker.evaluate(run, POLICY_CODE[name])
            rate, inside = shown_rate(page, seconds, window)
            rates[name].append(rate)
            python_rate, work_ms, yield_ms = json.loads(inside)
            print(f"  {name}: shown {rate:5.1f} epochs/s; in the worker {python_rate:5.1f} "
                  f"epochs/s, per epoch {work_ms:5.1f} ms training + drawing, "
                  f"{yield_ms:5.1f} ms yielding", flush=True)
    page.close()
    return rates, alone


def serve_rates(browser, rounds: int, seconds: float) -> tuple[dict, float]:
    namespace: dict = {}
    exec(TRAINING_ALONE, namespace)  # our own constant, never user text
    alone = namespace["training_alone"](seconds)
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        before_script = Path(tmp) / "before.py"
        before_script.write_text(BEFORE_APP, encoding="utf-8")
        urls = {BEFORE: stack.enter_context(serve_app(app_path=before_script)),
                AFTER: stack.enter_context(serve_app())}
        pages = {}
        for name, url in urls.items():
            pages[name] = browser.new_page(viewport={"width": 1600, "height": 1100})
            pages[name].goto(url)
            pages[name].locator(".nnlab-tabs").first.wait_for(timeout=60_000)
            open_network_tab(pages[name])
        rates: dict[str, list[float]] = {BEFORE: [], AFTER: []}
        for _ in range(rounds):
            for name in rates:
                rates[name].append(shown_rate(pages[name], seconds)[0])
    return rates, alone


def report(title: str, rates: dict[str, list[float]], alone: float) -> None:
    print(title)
    print(f"  training alone (no drawing):      {alone:6.1f} epochs/s")
    for name, values in rates.items():
        shown = ", ".join(f"{v:.1f}" for v in values)
        median = statistics.median(values)
        print(f"  {name:32s}  {median:6.1f} epochs/s  ({median / alone:.0%} of alone; "
              f"rounds: {shown})")
    before, after = rates[BEFORE], rates[AFTER]
    paired = statistics.median(a / b for a, b in zip(after, before, strict=True))
    print(f"  after / before:                   {paired:6.2f}  (median of paired rounds)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="an already built offline site (default: build one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--skip-serve", action="store_true", help="static site only")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        site = Path(args.site) if args.site else Path(tmp) / "site"
        if not args.site:
            build_site(site)
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        with serve_directory(site) as url:
            rates, alone = site_rates(browser, url, args.rounds, args.seconds)
        report("static site (Pyodide in a Web Worker), Network tab default:", rates, alone)
        if not args.skip_serve:
            rates, alone = serve_rates(browser, args.rounds, args.seconds)
            report("panel serve (CPython), Network tab default:", rates, alone)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
