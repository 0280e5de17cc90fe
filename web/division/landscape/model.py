"""View-model of "why gradient descent fails": a loss-landscape slice and the live reasons.

The slice is the loss over two chosen weights (the output pair by default), everything else
held at the active model's weights (``pycore.landscape.loss_surface``). Its cost is slice
points × samples (× the output activation and the loss): 100 × 100 points on 4,000 samples
took 1.8–3.4 s in CPython, and Pyodide is slower still, so the slice uses ``RESOLUTION`` ×
``RESOLUTION`` = 60 × 60 points on ``SAMPLES`` = 800 of the training rows (every second one),
11 times less work, computed a few rows at a time with a yield to the page between them
(the picture fills in row by row and the page never freezes). The range covers the current
weights and both drawn paths (the last gradient-descent run and the last Levenberg–Marquardt
run), with a margin.

It is recomputed when the chosen weights, the loss or the active model's weights change, but
not while the trainer runs (each update would start it anew); then once training pauses.
"""

from __future__ import annotations

import numpy as np
import param

from pycore import notation
from pycore.landscape import loss_surface
from web.division.landscape.trajectories import TrainerPath
from web.division.model import copy_model
from web.division.scratch.model import ScratchLearner
from web.ui import pacing
from web.ui.live_model import LiveModel
from web.ui.trainer import Trainer

RESOLUTION = 60
SAMPLES = 800
ROWS_PER_CHUNK = 6
MARGIN = 0.1
LOSSES = ("mae", "mse", "log_mse")
FIRST, SECOND = "w[2]11", "w[2]21"


def axis_range(values: list[float]) -> tuple[float, float]:
    """A range covering ``values`` with a margin; a single value gets ± max(1, |value|)."""
    low, high = float(min(values)), float(max(values))
    span = high - low
    if span <= 1e-12 * max(1.0, abs(high)):
        half = max(1.0, abs(high))
        return low - half, high + half
    return low - MARGIN * span, high + MARGIN * span


class Landscape(param.Parameterized):
    """Which slice, its values, and the paths drawn on it."""

    first = param.Selector(default=FIRST, objects=[FIRST], doc="Weight on the x axis.")
    second = param.Selector(default=SECOND, objects=[SECOND], doc="Weight on the y axis.")
    loss = param.Selector(default="mae", objects=list(LOSSES), doc="Loss of the slice.")
    computing = param.Boolean(default=False, doc="True while the slice is being computed.")
    rows_done = param.Integer(default=0, doc="Rows of the slice computed so far.")
    stale = param.Boolean(default=True, doc="The slice no longer shows the active weights.")

    def __init__(self, live: LiveModel, x: np.ndarray, y: np.ndarray, trainer: Trainer,
                 path: TrainerPath, learner: ScratchLearner, **params: object) -> None:
        super().__init__(**params)
        self.live, self.trainer, self.path, self.learner = live, trainer, path, learner
        step = max(1, len(x) // SAMPLES)
        self.x, self.y = x[::step][:SAMPLES], y[::step][:SAMPLES]
        labels = [ref.label for ref in notation.parameters(live.model)]
        self.param.first.objects = labels
        self.param.second.objects = labels
        self.a_values = self.b_values = np.zeros(RESOLUTION)
        self.surface = np.full((RESOLUTION, RESOLUTION), np.nan)
        self._version = 0
        live.param.watch(self._weights_changed, ["revision", "generation"])
        trainer.param.watch(self._weights_changed, "running")

    # --- which weights -------------------------------------------------------------------
    def refs(self) -> tuple[notation.ParameterRef, notation.ParameterRef]:
        by_label = {ref.label: ref for ref in notation.parameters(self.live.model)}
        return by_label[self.first], by_label[self.second]

    def problem(self) -> str | None:
        """The i18n key of why no slice can be drawn (the same weight on both axes)."""
        return "landscape.same" if self.first == self.second else None

    def point(self) -> tuple[float, float]:
        """The active model's values of the two chosen weights."""
        a, b = self.refs()
        return self.live.parameter(a), self.live.parameter(b)

    def paths(self) -> dict[str, tuple[list[float], list[float]]]:
        """The last gradient-descent path and the last LM path, in the two chosen weights."""
        a, b = self.refs()
        out = {}
        for name, path in (("descent", self.path.last), ("lm", self.learner.trajectory)):
            out[name] = ([float(w[a.weight_index][a.position]) for w in path],
                         [float(w[b.weight_index][b.position]) for w in path])
        return out

    def extent(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Ranges of both axes: the current point and both paths, with a margin."""
        xs, ys = [self.point()[0]], [self.point()[1]]
        for path_x, path_y in self.paths().values():
            xs += path_x
            ys += path_y
        return axis_range(xs), axis_range(ys)

    # --- computing -----------------------------------------------------------------------
    def _weights_changed(self, *_events: object) -> None:
        self.mark_stale()

    @param.depends("first", "second", "loss", watch=True)
    def mark_stale(self) -> None:
        """The slice must be recomputed (a stale slice is asked again: training paused)."""
        if self.stale:
            self.param.trigger("stale")
        else:
            self.stale = True

    @param.depends("stale", watch=True)
    async def _refresh(self) -> None:
        """Recompute a stale slice, unless training runs (it is recomputed when it pauses)."""
        if self.stale and not self.trainer.running:
            await self.compute()

    async def compute(self) -> None:
        """The slice, ``ROWS_PER_CHUNK`` rows at a time; a newer request stops this one."""
        self._version += 1
        version = self._version
        if self.problem() is not None:
            self.stale = False
            return
        refs = self.refs()
        (a_low, a_high), (b_low, b_high) = self.extent()
        a = np.linspace(a_low, a_high, RESOLUTION)
        b = np.linspace(b_low, b_high, RESOLUTION)
        # A copy: training may change the active weights while the rows are computed.
        model, loss = copy_model(self.live.model), self.loss
        self.a_values, self.b_values = a, b
        self.surface = np.full((RESOLUTION, RESOLUTION), np.nan)
        self.param.update(computing=True, rows_done=0, stale=False)
        try:
            for start in range(0, RESOLUTION, ROWS_PER_CHUNK):
                rows = slice(start, start + ROWS_PER_CHUNK)
                self.surface[rows] = loss_surface(model, self.x, self.y, refs, a, b[rows],
                                                  loss=loss)
                self.rows_done = min(RESOLUTION, start + ROWS_PER_CHUNK)
                await pacing.yield_to_events()
                if version != self._version:
                    return
        finally:
            if version == self._version:
                self.computing = False
