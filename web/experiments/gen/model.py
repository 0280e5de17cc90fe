"""View-model of the generalisation card: data, capacity and cures as params; one run at a time.

A run builds the data (seeded), a net of ``depth`` hidden layers of ``width`` neurons (with
dropout after each and L2 on every kernel if chosen) and trains it with Adam through
:class:`web.ui.trainer.Trainer`; the :class:`Curves` callback measures every epoch. Presets
set up the course's story — overfit, underfit, then cure by more data, dropout, L2 or early
stopping — and each preset's claim is checked by a test (``tests/web/experiments``).
"""

from __future__ import annotations

import param

import pycore
from web.experiments.gen import data
from web.experiments.gen.curves import Curves, diagnosis
from web.experiments.runner import LiveExperiment
from web.ui.live_model import LiveModel
from web.ui.trainer import Dataset, Trainer

LEARNING_RATE = 0.03
BATCH_SIZE = 32
EPOCHS_PER_UNIT = 10  # epochs between two checks of Stop (a few ms for these small nets)
SEED = 3
OVERFIT = {"noise": 0.3, "points": 40, "split": "50/25/25", "width": 64, "depth": 2,
           "activation": "tanh", "dropout": 0.0, "l2": 0.0, "early_stopping": False,
           "patience": 300, "epochs": 600, "seed": SEED}
PRESETS = {
    "overfit": OVERFIT,
    "underfit": {**OVERFIT, "width": 1, "depth": 1, "activation": "linear"},
    "more_data": {**OVERFIT, "points": 200},
    "dropout": {**OVERFIT, "dropout": 0.2},
    "l2": {**OVERFIT, "l2": 3e-3},
    "early_stopping": {**OVERFIT, "early_stopping": True},
}


class GenLab(LiveExperiment):
    """Settings of the next run and the run in view."""

    noise = param.Number(default=0.3, bounds=(0.0, 2.0), doc="σ of the Gaussian noise.")
    points = param.Integer(default=40, bounds=(6, 2000))
    split = param.Selector(default="50/25/25", objects=list(data.SPLITS))
    width = param.Integer(default=64, bounds=(1, 256))
    depth = param.Integer(default=2, bounds=(1, 4))
    activation = param.Selector(default="tanh", objects=["tanh", "relu", "sigmoid", "linear"])
    dropout = param.Number(default=0.0, bounds=(0.0, 0.9), inclusive_bounds=(True, True))
    l2 = param.Number(default=0.0, bounds=(0.0, 1.0))
    early_stopping = param.Boolean(default=False)
    patience = param.Integer(default=300, bounds=(1, 5000))
    epochs = param.Integer(default=600, bounds=(1, 5000))
    seed = param.Integer(default=SEED, bounds=(0, 2**31 - 1))

    LINK_PARAMS = ("noise", "points", "split", "width", "depth", "activation", "dropout", "l2",
                   "early_stopping", "patience", "epochs", "seed")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self.split_data: data.Split | None = None
        self.trainer: Trainer | None = None
        self.curves: Curves | None = None

    @property
    def model(self) -> pycore.Sequential | None:
        return self.trainer.model if self.trainer else None

    def build_model(self) -> pycore.Sequential:
        regularizer = pycore.regularizers.L2(self.l2) if self.l2 > 0 else None
        layers: list = []
        for k in range(self.depth):
            first = {"input_dim": 1} if k == 0 else {}
            layers.append(pycore.Dense(self.width, activation=self.activation,
                                       kernel_regularizer=regularizer, **first))
            if self.dropout > 0:
                layers.append(pycore.Dropout(self.dropout))
        layers.append(pycore.Dense(1, kernel_regularizer=regularizer))
        return pycore.Sequential(layers, seed=self.seed)

    def start(self) -> None:
        """A new run from the current settings: data, net, trainer, curves from epoch 0."""
        split = self.split_data = data.make(self.points, self.noise, self.split, self.seed)
        net = self.build_model()
        self.curves = Curves(split, self.patience if self.early_stopping else None)
        self.trainer = Trainer(
            LiveModel(model=net), Dataset(split.x_train, split.y_train), seed=self.seed,
            callbacks=[self.curves], optimizer="adam", learning_rate=LEARNING_RATE,
            batch_size=BATCH_SIZE, loss="mse", max_epochs=self.epochs)
        self.curves.record(0, net)
        self.tick()

    def unit(self) -> bool:
        """Up to ``EPOCHS_PER_UNIT`` more epochs; False when the run is over (all epochs,
        early stopping — which then restores the best weights — or divergence)."""
        trainer, curves = self.trainer, self.curves
        if trainer is None or self.done:
            return False
        trainer.step(min(EPOCHS_PER_UNIT, self.epochs - trainer.epoch))
        if curves.stopped_early:
            curves.restore_best(trainer.model)
        return not self.done

    @property
    def done(self) -> bool:
        trainer = self.trainer
        return trainer is not None and (trainer.epoch >= self.epochs or self.curves.stopped_early
                                        or trainer.stopped is not None)

    def restore_best(self) -> None:
        """Keep the weights of the best validation epoch (the button)."""
        if self.curves is not None and self.curves.restore_best(self.trainer.model):
            self.tick()

    def diagnosis(self) -> str | None:
        if self.curves is None or len(self.curves.epochs) < 2:
            return None
        return diagnosis(self.curves, self.noise, self.model)

    # --- actions -----------------------------------------------------------------------
    def preset(self, name: str) -> None:
        """A preset's settings, then a new run."""
        self.param.update(**PRESETS[name])
        self.restart()
