"""Grid search over optimizer × batch size × learning rate × epochs, as the original's Talos run.

The original project (``Talos.py`` of foersterrobert/division) tried every combination of 7
optimizers, batch sizes 1, 4, 16, 32, 64 and 90 or 240 epochs (each optimizer at its default
learning rate, loss MAE; its dropout values have no counterpart in the 2-2-1 net here) and
kept the lowest MAE. That is :data:`ORIGINAL`; :data:`LECTURE` is a grid that finishes during a
lecture. Every combination starts from the same random weights (``division_model(None,
seed=GRID_SEED)``) and trains on the tab's training rows; its validation MAE is measured on the
tab's validation rows, in target units (as the original and its baselines) and ×100 in
quotient units.

Runs that differ only in the number of epochs share their training: a combination is trained
once up to the largest epoch count and measured on the way at every smaller one. Training is
deterministic (each epoch's order comes from ``default_rng([seed, epoch])``), so the 90-epoch
result is exactly what a separate 90-epoch run gives.

The page must stay responsive even at batch size 1 (one epoch = 1600 steps, about 0.6 s in
CPython): an epoch is trained in slices of ``STEPS_PER_SLICE`` steps (``fit`` on consecutive
pieces of the epoch's shuffled order, which gives exactly the same batches as one ``fit``
over the epoch) with :func:`web.ui.pacing.yield_to_events` between slices.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np
import param

import pycore
from pycore.division import QUOTIENT_SCALE, division_model
from web.ui import pacing
from web.ui.trainer import Dataset

GRID_SEED = 0
STEPS_PER_SLICE = 64
LOSS = "mae"


@dataclass(frozen=True)
class Grid:
    """The values of each axis; a learning rate of None is the optimizer's default."""

    optimizers: tuple[str, ...]
    batch_sizes: tuple[int, ...]
    learning_rates: tuple[float | None, ...]
    epochs: tuple[int, ...]

    def trainings(self) -> list[tuple[str, int, float | None]]:
        """(optimizer, batch size, learning rate) of every training run (epochs shared)."""
        return list(itertools.product(self.optimizers, self.batch_sizes, self.learning_rates))

    @property
    def size(self) -> int:
        """Number of combinations (rows of the result table)."""
        return len(self.trainings()) * len(self.epochs)

    def steps(self, rows: int) -> int:
        """Update steps of the whole grid on ``rows`` training rows (for progress and ETA)."""
        return len(self.optimizers) * len(self.learning_rates) * max(self.epochs) * sum(
            math.ceil(rows / b) for b in self.batch_sizes)


ORIGINAL = Grid(("rmsprop", "ftrl", "nadam", "adam", "sgd", "adadelta", "adamax"),
                (1, 4, 16, 32, 64), (None,), (90, 240))
LECTURE = Grid(("adam", "nadam", "sgd"), (4, 32), (None,), (2, 5))


@dataclass(frozen=True)
class Result:
    """One combination: validation MAE (target units), training time, the weights."""

    optimizer: str
    batch_size: int
    learning_rate: float
    epochs: int
    val_mae: float
    seconds: float
    weights: tuple[np.ndarray, ...]
    diverged: bool = False

    @property
    def val_mae_quotient(self) -> float:
        return QUOTIENT_SCALE * self.val_mae


def baselines(data: Dataset) -> dict[str, float]:
    """Validation MAE of always predicting 0 and of always predicting the training mean."""
    y_val = data.y_val
    return {"zero": float(np.mean(np.abs(y_val))),
            "mean": float(np.mean(np.abs(y_val - data.y_train.mean())))}


class GridSearch(param.Parameterized):
    """Runs a :class:`Grid` in the background; progress, ETA, results, cancel."""

    running = param.Boolean(default=False)
    done_steps = param.Integer(default=0, doc="Update steps done in the current search.")
    total_steps = param.Integer(default=0)
    seconds = param.Number(default=0.0, doc="Time spent so far in the current search.")
    finished = param.Integer(default=0, doc="Ticks when a result is added or a search ends.")
    cancelled = param.Boolean(default=False, doc="The last search was cancelled.")

    def __init__(self, data: Dataset, **params: object) -> None:
        super().__init__(**params)
        self.data = data
        self.results: list[Result] = []
        self._cancel = False

    @property
    def eta(self) -> float | None:
        """Seconds left, from the time per step so far (None before the first slice)."""
        if not self.running or self.done_steps == 0:
            return None
        return self.seconds / self.done_steps * (self.total_steps - self.done_steps)

    def best(self) -> Result | None:
        finite = [r for r in self.results if math.isfinite(r.val_mae)]
        return min(finite, key=lambda r: r.val_mae) if finite else None

    def cancel(self) -> None:
        self._cancel = True

    async def run(self, grid: Grid) -> None:
        """Every combination of ``grid``; results appear as they are measured."""
        if self.running:
            return
        self._cancel = False
        self.results = []
        self.param.update(running=True, cancelled=False, done_steps=0, seconds=0.0,
                          total_steps=grid.steps(len(self.data.x_train)),
                          finished=self.finished + 1)
        started = time.perf_counter()
        try:
            for optimizer, batch, rate in grid.trainings():
                await self._train(optimizer, batch, rate, sorted(grid.epochs), started)
                if self._cancel:
                    break
        finally:
            self.param.update(running=False, cancelled=self._cancel,
                              seconds=time.perf_counter() - started, finished=self.finished + 1)

    async def _train(self, optimizer: str, batch: int, rate: float | None,
                     checkpoints: list[int], started: float) -> None:
        model = division_model(None, seed=GRID_SEED)
        options = {} if rate is None else {"learning_rate": rate}
        model.compile(optimizer=pycore.optimizers.get(optimizer, **options), loss=LOSS)
        rate = float(model.optimizer.learning_rate)
        x, y, rows = self.data.x_train, self.data.y_train, len(self.data.x_train)
        trained, base = 0.0, self.done_steps
        steps = max(checkpoints) * math.ceil(rows / batch)
        for epoch in range(max(checkpoints)):
            order = np.random.default_rng([GRID_SEED, epoch]).permutation(rows)
            for first in range(0, rows, batch * STEPS_PER_SLICE):
                piece = order[first:first + batch * STEPS_PER_SLICE]
                tic = time.perf_counter()
                result = model.fit(x[piece], y[piece], batch_size=batch, shuffle=False,
                                   epochs=1, verbose=0)
                trained += time.perf_counter() - tic
                self.done_steps += math.ceil(len(piece) / batch)
                self.seconds = time.perf_counter() - started
                if result.stopped is not None:  # diverged: pycore kept the last finite weights
                    self.done_steps = base + steps
                    for epochs in (c for c in checkpoints if c > epoch):
                        self._measure(model, optimizer, batch, rate, epochs, trained, True)
                    return
                await pacing.yield_to_events()
                if self._cancel:
                    return
            if epoch + 1 in checkpoints:
                self._measure(model, optimizer, batch, rate, epoch + 1, trained)

    def _measure(self, model: pycore.Sequential, optimizer: str, batch: int, rate: float,
                 epochs: int, seconds: float, diverged: bool = False) -> None:
        with np.errstate(all="ignore"):
            error = np.abs(model.predict(self.data.x_val) - self.data.y_val)
        val_mae = float(error.mean()) if np.all(np.isfinite(error)) else math.inf
        self.results.append(Result(optimizer, batch, rate, epochs, val_mae, seconds,
                                   tuple(model.get_weights()), diverged))
        self.finished += 1
