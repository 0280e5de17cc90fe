"""View-model of "learning rate and batch size": one net, one seed, three settings side by side.

Three lanes train copies of the same net (same seed, so the same starting weights and the same
order of examples) with plain gradient descent (SGD, no momentum: the learning rate is then
exactly the step size of the slides, w ← w − lr·g). In "learning rate" mode the lanes differ
in the learning rate (batch 32); in "batch size" mode in the batch size (one learning rate):
1 (stochastic), 32 (mini-batch) and all points (full batch). The lanes take turns epoch by
epoch, so their curves grow together; after every epoch each lane's loss is measured on all
points with its current weights, and its wall time and number of updates are counted. A lane
whose loss or weights overflow is stopped by pycore's guard, which keeps the last finite
weights: the divergence is caught and said so.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import param

import pycore
from pycore.callbacks import TrainingStopped
from web.experiments.runner import LiveExperiment
from web.ui.live_model import LiveModel
from web.ui.trainer import Dataset, Trainer

POINTS = 200
WIDTH = 16
ACTIVATION = "tanh"
LR_BOUNDS = (1e-6, 10.0)  # the Trainer's own rule for a learning rate
MODES = ("lr", "batch")
AXES = ("epoch", "update", "second")


def dataset(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``POINTS`` x uniform on [0, 1] and y = x² (a task a small net learns in seconds)."""
    x = np.random.default_rng(seed).uniform(0.0, 1.0, size=(POINTS, 1))
    return x, x**2


def model(seed: int) -> pycore.Sequential:
    return pycore.Sequential([pycore.Dense(WIDTH, activation=ACTIVATION, input_dim=1),
                              pycore.Dense(1)], seed=seed)


@dataclass
class Lane:
    """One of the three settings: its trainer and what it has done so far."""

    learning_rate: float
    batch_size: int
    trainer: Trainer
    epochs: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    updates: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    @property
    def updates_per_epoch(self) -> int:
        return math.ceil(len(self.trainer.data.x_train) / self.batch_size)

    @property
    def stopped(self) -> TrainingStopped | None:
        return self.trainer.stopped

    def record(self) -> None:
        data = self.trainer.data
        epoch = self.trainer.epoch
        self.epochs.append(epoch)
        self.losses.append(float(self.trainer.model.evaluate(data.x_train, data.y_train)))
        self.updates.append(epoch * self.updates_per_epoch)
        if not self.seconds:
            self.seconds.append(0.0)

    def train_epoch(self) -> None:
        began = time.perf_counter()
        self.trainer.step(1)
        spent = time.perf_counter() - began
        if self.stopped is None:
            self.record()
            self.seconds.append(self.seconds[-1] + spent)


class RatesLab(LiveExperiment):
    """Settings of both comparisons and the three lanes of the run in view."""

    mode = param.Selector(default="lr", objects=list(MODES))
    lr_small = param.Number(default=0.003, bounds=LR_BOUNDS)
    lr_good = param.Number(default=0.3, bounds=LR_BOUNDS)
    lr_large = param.Number(default=1.0, bounds=LR_BOUNDS)
    batch_small = param.Integer(default=1, bounds=(1, POINTS))
    batch_mid = param.Integer(default=32, bounds=(1, POINTS))
    batch_full = param.Integer(default=POINTS, bounds=(1, POINTS))
    batch_lr = param.Number(default=0.1, bounds=LR_BOUNDS)
    epochs = param.Integer(default=50, bounds=(1, 1000))
    seed = param.Integer(default=0, bounds=(0, 2**31 - 1))
    x_axis = param.Selector(default="epoch", objects=list(AXES))

    LINK_PARAMS = ("mode", "lr_small", "lr_good", "lr_large", "batch_small", "batch_mid",
                   "batch_full", "batch_lr", "epochs", "seed", "x_axis")
    LR_BATCH = 32

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self.lanes: list[Lane] = []
        self.run_mode = self.mode

    def settings(self) -> list[tuple[float, int]]:
        """(learning rate, batch size) of the three lanes for the current mode."""
        if self.mode == "lr":
            return [(lr, self.LR_BATCH) for lr in (self.lr_small, self.lr_good, self.lr_large)]
        return [(self.batch_lr, b) for b in (self.batch_small, self.batch_mid, self.batch_full)]

    def start(self) -> None:
        x, y = dataset(self.seed)
        self.run_mode = self.mode
        self.lanes = []
        for lr, batch in self.settings():
            trainer = Trainer(LiveModel(model=model(self.seed)), Dataset(x, y), seed=self.seed,
                              optimizer="sgd", learning_rate=lr, batch_size=batch, loss="mse")
            lane = Lane(lr, batch, trainer)
            lane.record()
            self.lanes.append(lane)
        self.tick()

    def unit(self) -> bool:
        """One epoch of the lane that is furthest behind; False when every lane is done."""
        waiting = [lane for lane in self.lanes
                   if lane.stopped is None and lane.trainer.epoch < self.epochs]
        if not waiting:
            return False
        min(waiting, key=lambda lane: lane.trainer.epoch).train_epoch()
        return True

    def choose(self, mode: str) -> None:
        """One of the two comparisons, then a new run."""
        self.mode = mode
        self.restart()
