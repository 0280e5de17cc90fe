"""When a training loop hands control back to the event loop, and for how long.

A click reaches Python only while Python awaits. The first training loop slept a fixed 10 ms
after every epoch for this, which cost about a fifth of each epoch on a small net (issue 13).

In the browser (Pyodide in a Web Worker) a zero-delay yield is enough: ``asyncio.sleep(0)``
schedules the coroutine's next step as a fresh macrotask (a ``MessageChannel`` message), and
the worker first runs the page's messages queued before it, so every pending click and edit is
applied before the next epoch (the 100-cycle test in ``tests/browser/test_site_events.py``).
Yielding once per frame (1/60 s) rather than after every epoch keeps the cost nil when epochs
are tiny; an event waits at most one frame plus the epoch in progress.

Under ``panel serve`` (CPython, Tornado) the same zero-delay yield starves the websocket: with
it, a Pause click was still not applied after 20 s, because the server reads and answers
messages only while its loop is idle. There the old policy stays (a 10 ms rest after every
epoch); it is the development server, not what students use.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable

from pycore.callbacks import Callback

IN_BROWSER = sys.platform == "emscripten"


class FramePacer:
    """Yield to the event loop once per frame; call ``await pacer.tick()`` after each unit.

    ``frame_seconds`` is how much work may run between yields; ``sleep_seconds`` is a rest at
    each yield (0: just yield). The defaults depend on the runtime (module docstring);
    ``FramePacer(frame_seconds=0, sleep_seconds=0.01)`` is the old fixed-sleep policy (issue
    13's measurements of both: benchmarks/README.md). The defaults are class attributes, so a
    script can switch the policy of a running app.
    """

    frame_seconds: float = 1 / 60 if IN_BROWSER else 0.0
    sleep_seconds: float = 0.0 if IN_BROWSER else 0.01

    def __init__(
        self,
        frame_seconds: float | None = None,
        sleep_seconds: float | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        if frame_seconds is not None:
            self.frame_seconds = frame_seconds
        if sleep_seconds is not None:
            self.sleep_seconds = sleep_seconds
        if self.frame_seconds < 0 or self.sleep_seconds < 0:
            raise ValueError("frame_seconds and sleep_seconds must be >= 0")
        self._clock = clock
        self._last_yield = clock()

    def due(self) -> bool:
        """True when a frame's time has passed since the last yield."""
        return self._clock() - self._last_yield >= self.frame_seconds

    async def tick(self) -> None:
        """Yield (and rest ``sleep_seconds``) if a frame is due; otherwise return at once."""
        if self.due():
            await asyncio.sleep(self.sleep_seconds)
            self._last_yield = self._clock()


async def yield_to_events() -> None:
    """Yield once, now, with the runtime's rest (for loops whose steps already take about a
    frame each, e.g. a solver's slice of iterations)."""
    await asyncio.sleep(FramePacer.sleep_seconds)


class BetweenEpochs(Callback):
    """A pycore callback that calls ``draw`` between the epochs of a training update, at most
    once per ``seconds``. In Pyodide an update lasts a fraction of a second and ends with a
    burst of redraws (counter, numbers, drawing of the net); a picture that must move more
    smoothly (the output), or whose repaint on the page is long (the loss chart), is drawn
    from here instead, so that the page repaints it in a frame of its own."""

    def __init__(self, draw: Callable[[], object], seconds: float) -> None:
        super().__init__()
        self.draw, self.seconds = draw, seconds
        self._last = 0.0

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        now = time.perf_counter()
        if now - self._last >= self.seconds:
            self._last = now
            self.draw()


# --- background work waits for the lecture ------------------------------------------------
# Background work that holds Python for seconds (Matplotlib's font cache: web.ui.export) must
# not land between a lecturer's clicks: while a live loop runs, and for a while after the last
# one ended, it waits. One count per process (a Pyodide worker serves one page).
_live_loops = 0
_last_live = 0.0


class LiveLoop:
    """``with LiveLoop():`` around a training or experiment loop marks it as running."""

    def __enter__(self) -> LiveLoop:
        global _live_loops
        _live_loops += 1
        return self

    def __exit__(self, *_exc: object) -> None:
        global _live_loops, _last_live
        _live_loops -= 1
        _last_live = time.monotonic()


async def until_quiet(quiet_s: float, poll_s: float = 0.5) -> None:
    """Return once no live loop runs and none has for ``quiet_s`` seconds."""
    while _live_loops or time.monotonic() - _last_live < quiet_s:
        await asyncio.sleep(poll_s)
