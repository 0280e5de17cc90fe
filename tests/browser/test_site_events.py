"""Every click acts while a network trains, in the static site (issue 13).

In the offline build, Python runs in a Web Worker and each page event travels as a patch. This
test drives the training controls hard while the tab's default (fastest) net trains: 100 cycles
of Play → Pause → Step → Reset with random short waits, a learning rate chosen and a weight typed
mid-run every few cycles. After every click the *Python* state (read from the worker's Bokeh
document) must show the click's effect within 1 s, and the page must show the same:

- Play: training runs and the epoch counter moves; Pause: training stops, and the page shows the
  epoch Python stopped at; Step: exactly one more epoch; Reset: epoch 0 in Python and on the page;
- a learning rate or weight set before Pause has reached Python when Pause has (in order).

A lost click fails one of these; a click applied twice fails Step's "exactly one". The controls
(the Playground's ``nnlab-pg-*`` hooks, whose single play button toggles to pause) are named
once, below, so the test can move to another tab by editing `CONTROLS`.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from web.ui import i18n


@dataclass(frozen=True)
class Controls:
    """CSS hooks (docs/testing.md) of the tab under test."""

    tab_key: str  # i18n key of the tab title
    play: str  # button
    pause: str  # button (the same as `play` where one button toggles)
    step: str
    reset: str
    epoch: str  # read-only text input showing the epoch number
    learning_rate: str  # text field of the learning rate
    weight_value: str  # text field of the selected weight
    running: tuple[str, str]  # (class, attribute) of a Python-side model: truthy while training


CONTROLS = Controls(
    tab_key="app.tab.playground",
    play="nnlab-pg-play",
    pause="nnlab-pg-play",  # one toggle: Play / Pause
    step="nnlab-pg-step",
    reset="nnlab-pg-reset",
    epoch="nnlab-pg-epoch",
    learning_rate="nnlab-pg-lr",
    weight_value="nnlab-pg-weight-value",
    running=("nnlab-pg-play", "active"),  # the toggle is down while training runs
)
CYCLES = 100
EDIT_EVERY = 10  # cycles between mid-run edits of learning rate and weight
LEARNING_RATES = (0.003, 0.01, 0.03)
TYPED_WEIGHT = 40.0  # far from any trained weight (all within ±5 here)
WEIGHT_ARRIVED = 20.0  # above this the typed weight arrived: Adam moves a weight ≤ lr per
# step, and the ~150 ms between the edit and Pause hold far fewer than 600 steps at lr ≤ 0.03
DEADLINE_S = 1.0
POLL_MS = 25
MAX_WAIT_MS = 150  # random wait between Play and Pause: 0 … this
BOOT_TIMEOUT_MS = 120_000

# Python side: values of the worker's Bokeh models carrying a CSS class (the document Python
# changes and reads; the page only mirrors it), several per call (each call is a round trip).
PY_VALUES_JS = """(wanted) => {
  if (!self.nnlabTestValues) self.nnlabTestValues = pyodide.runPython(`
import html, re
from panel.io.state import state


def nnlab_test_values(wanted):
    values = []
    for cls, attr in wanted:
        found = [getattr(m, attr) for m in state.curdoc.models
                 if cls in (getattr(m, "css_classes", None) or [])]
        if len(found) != 1:
            raise LookupError(f"{len(found)} Python models carry {cls}")
        value = found[0]
        values.append(re.sub("<[^>]*>", "", html.unescape(value))
                      if isinstance(value, str) else value)
    return values


nnlab_test_values`);
  const result = self.nnlabTestValues(wanted);
  const values = result.toJs();
  result.destroy();
  return values;
}"""


def last_number(text: str) -> int:
    return int(re.findall(r"\d+", text)[-1])


@dataclass(frozen=True)
class State:
    epoch: int
    training: bool


class Lab:
    """The page, its worker, and the checks every click must pass."""

    def __init__(self, page) -> None:
        self.page = page
        self.worker = page.workers[0]

    def click(self, cls: str) -> None:
        """A real mouse click once the page shows the button enabled. `force` skips only
        Playwright's wait for the button to sit still over two animation frames, which takes
        ~0.7 s while the page redraws every epoch."""
        button = self.page.locator(f".{cls} button").first
        expect(button).to_be_enabled()
        button.click(force=True)

    def python(self, *wanted: tuple[str, str]) -> list:
        return self.worker.evaluate(PY_VALUES_JS, [list(w) for w in wanted])

    def python_state(self) -> State:
        text, running = self.python((CONTROLS.epoch, "value"), CONTROLS.running)
        return State(last_number(text), bool(running))

    def page_epoch(self) -> int:
        return last_number(self.page.locator(f".{CONTROLS.epoch} input").input_value())

    def within_deadline(self, what: str, check) -> object:
        """Poll `check()` until it returns something other than None, for DEADLINE_S."""
        end = time.monotonic() + DEADLINE_S
        while True:
            result = check()
            if result is not None:
                return result
            if time.monotonic() > end:
                pytest.fail(f"{what}: not seen within {DEADLINE_S} s")
            self.page.wait_for_timeout(POLL_MS)

    def python_until(self, what: str, wanted) -> State:
        """The Python state once `wanted(state)` holds (within the deadline)."""
        def check() -> State | None:
            state = self.python_state()
            return state if wanted(state) else None

        return self.within_deadline(what, check)

    def page_until(self, what: str, epoch: int) -> None:
        self.within_deadline(what, lambda: True if self.page_epoch() == epoch else None)


def open_tab(page) -> None:
    import web.app  # noqa: F401  (registers the tab titles)

    page.locator(".bk-tab", has_text=i18n.text(CONTROLS.tab_key, "de")).first.click()
    page.locator(f".{CONTROLS.epoch} input").first.wait_for()


def edit_mid_run(lab: Lab, cycle: int) -> float:
    """Choose a learning rate and type a weight while training runs; return the rate."""
    rate = LEARNING_RATES[(cycle // EDIT_EVERY) % len(LEARNING_RATES)]
    for cls, value in ((CONTROLS.learning_rate, rate), (CONTROLS.weight_value, TYPED_WEIGHT)):
        field = lab.page.locator(f".{cls} input")
        field.fill(str(value).replace(".", ","), force=True)  # the page is in German
        field.press("Enter")
    return rate


def one_cycle(lab: Lab, cycle: int, rng: random.Random) -> None:
    lab.click(CONTROLS.play)
    lab.python_until(f"cycle {cycle}: Play starts training", lambda s: s.training and s.epoch > 0)
    rate = edit_mid_run(lab, cycle) if cycle % EDIT_EVERY == 0 else None
    lab.page.wait_for_timeout(rng.randint(0, MAX_WAIT_MS))

    lab.click(CONTROLS.pause)
    # Python runs one thing at a time: once it says "not training" no epoch is under way and
    # none will follow, so this epoch is final.
    paused = lab.python_until(f"cycle {cycle}: Pause stops training", lambda s: not s.training)
    lab.page_until(f"cycle {cycle}: the page shows the paused epoch", paused.epoch)
    if rate is not None:  # sent before Pause, so applied before it
        chosen, weight = lab.python((CONTROLS.learning_rate, "value"),
                                    (CONTROLS.weight_value, "value"))
        chosen, weight = (float(str(v).replace(",", ".")) for v in (chosen, weight))
        assert chosen == rate, f"cycle {cycle}: learning rate {rate} lost ({chosen})"
        assert weight > WEIGHT_ARRIVED, f"cycle {cycle}: typed weight lost ({weight})"

    lab.click(CONTROLS.step)
    lab.python_until(f"cycle {cycle}: Step trains one epoch",
                     lambda s: s.epoch == paused.epoch + 1)
    lab.page_until(f"cycle {cycle}: the page shows the stepped epoch", paused.epoch + 1)
    # Read again after the page caught up: a Step applied twice would show here.
    assert lab.python_state() == State(paused.epoch + 1, False), f"cycle {cycle}: after Step"

    lab.click(CONTROLS.reset)
    lab.python_until(f"cycle {cycle}: Reset returns to epoch 0", lambda s: s.epoch == 0)
    lab.page_until(f"cycle {cycle}: the page shows epoch 0", 0)


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_every_click_acts_while_training_in_the_static_site(
    guarded_page, site_url, request_guard, console_log
):
    page = guarded_page
    page.set_viewport_size({"width": 1600, "height": 1100})
    page.goto(site_url)
    page.locator(".nnlab-dividend input").first.wait_for(timeout=BOOT_TIMEOUT_MS)
    open_tab(page)
    lab = Lab(page)
    assert lab.python_state() == State(0, False)
    rng = random.Random(13)
    for cycle in range(CYCLES):
        one_cycle(lab, cycle, rng)
    assert request_guard.blocked == []
    assert console_log.python_errors() == []
