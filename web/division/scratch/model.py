"""Learn the division net from scratch with Levenberg–Marquardt, in the page, live.

``pycore.solvers.LevenbergMarquardt`` does one iteration per ``step()``; this view-model runs
it on a fresh model (the solver's own seeded start, never a preset) over the tab's training
rows, and between slices of iterations it awaits :func:`web.ui.pacing.yield_to_events`, so
clicks (Cancel) and redraws get through while it learns. A slice ends after ``SLICE_SECONDS``:
one iteration takes about a millisecond in CPython and a few in Pyodide, and every slice
sends the new iterations to the page (chart, progress), which costs tens of milliseconds in
the static site; yielding after every iteration would spend more time drawing than learning
(the whole run must stay under 3 s there: ``benchmarks/division_scratch_site.py``).
:meth:`warm_up` runs three iterations on a few rows when the section is opened: Pyodide's
first call of NumPy's linear algebra is slow, and it should not count against the first run.

The run works on its own model; the active model (the tab's :class:`LiveModel`) is replaced
only when the run ends, as a new training run with origin "learnt from scratch". Cancel
leaves the active model as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import param

from pycore.division import division_model
from pycore.solvers import LevenbergMarquardt
from web.division import metrics
from web.ui import pacing
from web.ui.live_model import LiveModel

ORIGIN = "division.origin.scratch"
MAX_ITER = 100
SLICE_SECONDS = 0.2
WARM_UP_ROWS = 40

DONE, CANCELLED = "scratch.done", "scratch.cancelled"


class ScratchLearner(param.Parameterized):
    """Seed, progress and result of learning the division net from a random start."""

    seed = param.Integer(default=0, bounds=(0, 2**31 - 1), doc="Seed of the solver's start.")
    running = param.Boolean(default=False, doc="True while a run learns.")
    iteration = param.Integer(default=0, doc="Iterations done in the current run.")
    status = param.String(default=None, allow_None=True,
                          doc="i18n key: how the last run ended (done or cancelled).")
    mae = param.Number(default=None, allow_None=True,
                       doc="Test MAE (quotient units) of the last finished run.")
    seconds = param.Number(default=None, allow_None=True, doc="Duration of the last run.")
    finished = param.Integer(default=0, doc="Ticks when a run ends (learnt or cancelled).")

    def __init__(self, live: LiveModel, x: np.ndarray, y: np.ndarray,
                 on_learnt: Callable[[], None] | None = None,
                 slice_seconds: float = SLICE_SECONDS, **params: object) -> None:
        super().__init__(**params)
        self.live, self.x, self.y = live, x, y
        self.slice_seconds = slice_seconds
        self.max_iter = MAX_ITER
        self._on_learnt = on_learnt
        #: Loss after each iteration of the current (or last) run; index 0 is the start.
        self.losses: list[float] = []
        #: The weights at the start and after each iteration (the path drawn on the landscape).
        self.trajectory: list[list[np.ndarray]] = []
        #: The learnt weights of the last finished run (None before the first).
        self.learnt: list[np.ndarray] | None = None
        self.learnt_seed: int | None = None
        self._cancel = False

    def warm_up(self) -> None:
        """A tiny run on its own model (nothing is kept): see the module docstring."""
        solver = LevenbergMarquardt(division_model(None, seed=0), self.x[:WARM_UP_ROWS],
                                    self.y[:WARM_UP_ROWS], max_iter=3, seed=0)
        while not solver.done:
            solver.step()

    def cancel(self) -> None:
        """Stop the run at its next slice boundary; the active model stays as it was."""
        self._cancel = True

    async def learn(self) -> None:
        """One run from the seeded start; see the module docstring."""
        if self.running:
            return
        self._cancel = False
        seed = self.seed
        model = division_model(None, seed=seed)
        solver = LevenbergMarquardt(model, self.x, self.y, loss="log_mse",
                                    max_iter=self.max_iter, seed=seed)
        self.losses, self.trajectory = [solver.loss], [model.get_weights()]
        self.param.update(running=True, iteration=0, status=None)
        started = time.perf_counter()
        try:
            while not solver.done and not self._cancel:
                end = time.perf_counter() + self.slice_seconds
                while True:  # at least one iteration per slice
                    self.losses.append(solver.step())
                    self.trajectory.append(model.get_weights())
                    if solver.done or time.perf_counter() >= end:
                        break
                self.iteration = solver.iteration
                await pacing.yield_to_events()
        finally:
            self.running = False
        if self._cancel:
            self.param.update(status=CANCELLED, finished=self.finished + 1)
            return
        self.learnt, self.learnt_seed = model.get_weights(), seed
        self.param.update(mae=metrics.quality(model).mae, seconds=time.perf_counter() - started,
                          status=DONE, finished=self.finished + 1)
        self.live.load_weights(self.learnt, origin=ORIGIN)
        if self._on_learnt is not None:
            self._on_learnt()
