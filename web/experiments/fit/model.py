"""View-model of "watch a network learn": settings as params, runs kept for the table.

A run trains one hidden layer of ``width`` neurons on the material's task (see ``task``) with
pycore, epoch by epoch through :class:`web.ui.trainer.Trainer`, and keeps the net's curve at
the chosen "ghost" epochs, the mean squared error, and the compute time of its training steps
(measured here, in the page: in the static site that is Python in the browser's worker). Runs
stay in ``runs`` while further runs start, so widths, activations and times can be compared.
Each run gets a fresh model and trainer: a run's numbers depend only on its settings and seed,
not on what ran before it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import param

from web.experiments.fit import task
from web.experiments.runner import LiveExperiment
from web.ui.live_model import LiveModel
from web.ui.trainer import Dataset, Trainer

GHOST_CHOICES = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000]
# The material's four runs: (width, activation).
PRESETS = {"relu300": (300, "relu"), "relu600": (600, "relu"), "linear300": (300, "linear"),
           "sigmoid300": (300, "sigmoid")}
PRESET_EPOCHS = 300


@dataclass
class FitRun:
    """One run: its settings, what it reached, its compute time and its ghost curves."""

    number: int
    width: int
    activation: str
    params: int
    planned: int
    seed: int
    epochs: int = 0
    seconds: float = 0.0
    mse: float | None = None
    stopped: bool = False
    ghosts: dict[int, np.ndarray] = field(default_factory=dict, repr=False)
    mse_at: dict[int, float] = field(default_factory=dict)

    @property
    def ms_per_epoch(self) -> float | None:
        return 1000.0 * self.seconds / self.epochs if self.epochs else None

    @property
    def finished(self) -> bool:
        return self.epochs >= self.planned

    @property
    def label(self) -> str:
        return f"{self.number}: {self.activation} {self.width}"


class FitLab(LiveExperiment):
    """Settings of the next run, the run in progress, and all runs so far."""

    width = param.Integer(default=300, bounds=(1, 1000), doc="Neurons in the hidden layer.")
    activation = param.Selector(default="relu", objects=list(task.ACTIVATIONS))
    epochs = param.Integer(default=PRESET_EPOCHS, bounds=(1, 3000))
    ghosts = param.ListSelector(default=[1, 10, 100, 300], objects=GHOST_CHOICES,
                                doc="Epochs whose curve stays drawn (faint).")
    seed = param.Integer(default=0, bounds=(0, 2**31 - 1), doc="Data and initial weights.")

    LINK_PARAMS = ("width", "activation", "epochs", "ghosts", "seed")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self.runs: list[FitRun] = []
        self.trainer: Trainer | None = None
        self._data: tuple[int, np.ndarray, np.ndarray] | None = None

    # --- data and the current run ----------------------------------------------------------
    def data(self, seed: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        seed = self.seed if seed is None else seed
        if self._data is None or self._data[0] != seed:
            self._data = (seed, *task.dataset(seed))
        return self._data[1], self._data[2]

    @property
    def run(self) -> FitRun | None:
        return self.runs[-1] if self.runs else None

    def curve(self) -> np.ndarray | None:
        """The current net's prediction at ``task.curve_x()`` (None before the first run)."""
        if self.trainer is None:
            return None
        return self.trainer.model.predict(task.curve_x()[:, None])[:, 0]

    def start(self) -> None:
        """A new run from the current settings (the runs before it stay)."""
        net = task.model(self.width, self.activation, self.seed)
        x, y = self.data()
        live = LiveModel(model=net, origin="")
        self.trainer = Trainer(live, Dataset(x, y), seed=self.seed, optimizer=task.OPTIMIZER,
                               learning_rate=task.LEARNING_RATE, batch_size=task.BATCH_SIZE,
                               loss=task.LOSS, max_epochs=self.epochs)
        run = FitRun(number=len(self.runs) + 1, width=self.width, activation=self.activation,
                     params=net.count_params(), planned=self.epochs, seed=self.seed)
        self.runs.append(run)
        self._measure()
        self.tick()

    def unit(self) -> bool:
        """One more epoch of the current run; False once it has all its epochs."""
        run, trainer = self.run, self.trainer
        if run is None or trainer is None or run.finished or run.stopped:
            return False
        began = time.perf_counter()
        trainer.step(1)
        run.seconds += time.perf_counter() - began
        run.epochs = trainer.epoch
        run.stopped = trainer.stopped is not None  # diverged: pycore kept the last weights
        if run.epochs in self.ghosts or run.finished:
            self._measure()
        return not (run.finished or run.stopped)

    def _measure(self) -> None:
        """The MSE on all points now, and the curve if this epoch is a ghost epoch."""
        run, trainer = self.run, self.trainer
        x, y = self.data(run.seed)
        run.mse = float(trainer.model.evaluate(x, y))
        run.mse_at[run.epochs] = run.mse
        if run.epochs in self.ghosts:
            run.ghosts[run.epochs] = self.curve()

    def tick(self) -> None:
        """After a slice of epochs: the MSE now, and one tick for every picture."""
        if self.run is not None and self.trainer is not None and self.run.mse_at.get(
                self.run.epochs) is None:
            self._measure()
        super().tick()

    def finish(self) -> None:
        self.run.stopped = self.run.stopped or not self.run.finished

    # --- actions -----------------------------------------------------------------------
    def preset(self, name: str) -> None:
        """One of the material's four runs: its settings, then a new run."""
        width, activation = PRESETS[name]
        self.param.update(width=width, activation=activation, epochs=PRESET_EPOCHS)
        self.restart()

    def clear_runs(self) -> None:
        """Forget every run but the one in view."""
        self.runs = self.runs[-1:]
        self.revision += 1
