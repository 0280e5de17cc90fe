"""The one loop every experiment card runs its work in: slices of computing, then the page.

Python runs on one thread (Pyodide's worker, or the server's event loop). A card's work is cut
into small units (an epoch, an optimizer step); :func:`run_in_slices` does units for a slice of
time, lets the card show what happened, and awaits :func:`web.ui.pacing.yield_to_events` so
that clicks (Stop, another setting) and redraws get through. Showing costs time too — in the
static site the worker also sends the changes to the page during the yield — so a slice lasts
at least ``SLICE_S`` and at least ``WORK_SHARE`` times what the last show-and-yield took: the
page's share of the time stays small on a slow or busy machine, and Stop still answers within
``MAX_SLICE_S``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import param

from web.ui import pacing

SLICE_S = 0.25
WORK_SHARE = 5.0  # computing gets at least 5/6 of the time
MAX_SLICE_S = 1.0


async def run_in_slices(unit: Callable[[], bool], keep_going: Callable[[], bool],
                        show: Callable[[], None], slice_s: float = SLICE_S,
                        max_units: int | None = None) -> None:
    """Call ``unit()`` until it returns False (done) or ``keep_going()`` is False (stopped);
    ``show()`` after every slice and at the end. A slice ends after ``max_units`` units (an
    animation shows every few steps) or after its time: ``slice_s``, or ``WORK_SHARE`` times
    the last show-and-yield if that is longer, but never more than ``MAX_SLICE_S``."""
    overhead = 0.0
    try:
        while keep_going():
            deadline = time.perf_counter() + min(max(slice_s, WORK_SHARE * overhead),
                                                 MAX_SLICE_S)
            done = 0
            while keep_going() and time.perf_counter() < deadline and done != max_units:
                done += 1
                if not unit():
                    return
            began = time.perf_counter()
            show()
            await pacing.yield_to_events()
            overhead = time.perf_counter() - began
    finally:
        show()


class LiveExperiment(param.Parameterized):
    """A card's view-model that runs in slices: Run/Stop is ``running``; every picture follows
    ``revision``. Subclasses say how a run starts (``start``), what one unit of work is
    (``unit``, False when the run is over) and what happens when it ends (``finish``)."""

    running = param.Boolean(default=False, doc="True while a run goes on (the Run toggle).")
    revision = param.Integer(default=0, doc="Ticks whenever something shown has changed.")

    SLICE_S = SLICE_S
    UNITS_PER_SLICE: int | None = None

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self._looping = False
        self._again = False

    def start(self) -> None:
        raise NotImplementedError

    def unit(self) -> bool:
        raise NotImplementedError

    def finish(self) -> None:
        """Called when a run ends (done, stopped or replaced by a new one)."""

    def tick(self) -> None:
        self.revision += 1

    def restart(self) -> None:
        """A new run with the current settings; a run in progress ends first."""
        if self._looping:
            self._again = True
        else:
            self.running = True

    @param.depends("running", watch=True)
    async def _play(self) -> None:
        if self.running:
            await self.run_live()

    async def run_live(self) -> None:
        """Runs in slices until a run is over or Stop is pressed (``restart`` meanwhile ends
        the run and starts the next)."""
        if self._looping:
            return
        self._looping = True
        try:
            self.running = True
            with pacing.LiveLoop():
                while True:
                    self._again = False
                    self.start()
                    await run_in_slices(self.unit, lambda: self.running and not self._again,
                                        self.tick, self.SLICE_S, self.UNITS_PER_SLICE)
                    self.finish()
                    if not (self._again and self.running):
                        break
        finally:
            self._looping = self._again = False
            self.running = False

    def run_now(self) -> None:
        """A whole run at once, without pauses (tests and scripts)."""
        self.start()
        while self.unit():
            pass
        self.finish()
        self.tick()
