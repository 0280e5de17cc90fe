"""What the generalisation card measures after every epoch, and what it concludes.

Keras's own curves would mislead here: its training loss is averaged over the epoch with
dropout switched on, and both losses include the L2 term. So a pycore callback measures the
plain mean squared error of the net as it predicts (inference mode, no penalty) on the
training and validation points after every epoch, keeps the weights of the best
validation epoch, and — with early stopping — ends the run after ``patience`` epochs without a
new best.
"""

from __future__ import annotations

import math

import numpy as np

from pycore.callbacks import Callback
from web.experiments.gen.data import Split, mse

OVERFIT_RISE = 1.3  # final validation MSE at least this times its best, and ...
OVERFIT_GAP = 2.0  # ... at least this times the training MSE: the net fits the noise
UNDERFIT_FLOOR = 0.01  # training MSE above 2σ² + this: not even the training points are fit


class Curves(Callback):
    """MSE per epoch on the training and validation points (the test points are looked at
    only for the result, never to steer), the best validation epoch and its weights."""

    def __init__(self, split: Split, patience: int | None = None) -> None:
        super().__init__()
        self.split, self.patience = split, patience
        self.epochs: list[int] = []
        self.mse: dict[str, list[float]] = {"train": [], "val": []}
        self.best_epoch: int | None = None
        self.best_weights: list[np.ndarray] | None = None
        self.stopped_early = False
        self.restored = False

    def record(self, epoch: int, model) -> None:
        """The MSEs of ``model`` after ``epoch`` epochs (epoch 0: the starting weights)."""
        self.epochs.append(epoch)
        for name in self.mse:
            x, y = self.split.parts()[name]
            self.mse[name].append(mse(model, x, y))
        val = self.mse["val"][-1]
        if math.isfinite(val) and (self.best_epoch is None or val < self.best_val):
            self.best_epoch = epoch
            self.best_weights = [w.copy() for w in model.get_weights()]

    @property
    def best_val(self) -> float:
        return self.mse["val"][self.epochs.index(self.best_epoch)]

    def last(self, name: str) -> float | None:
        return self.mse[name][-1] if self.mse[name] else None

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        self.record(epoch + 1, self.model)
        if self.patience is not None and epoch + 1 - self.best_epoch >= self.patience:
            self.stopped_early = True
            self.model.stop_training = True

    def restore_best(self, model) -> bool:
        """Put the best validation epoch's weights back into ``model`` (and note it)."""
        if self.best_weights is None:
            return False
        model.set_weights(self.best_weights)
        self.restored = True
        return True


def diagnosis(curves: Curves, noise: float, model) -> str:
    """``"overfit"``, ``"underfit"`` or ``"good"`` for the net as it is now (after a restore,
    the restored weights count): overfit when validation has risen well above its best and
    far above training; underfit when even the training points are fit worse than the noise
    allows."""
    split = curves.split
    train, val = mse(model, split.x_train, split.y_train), mse(model, split.x_val, split.y_val)
    if val >= OVERFIT_RISE * curves.best_val and val >= OVERFIT_GAP * train:
        return "overfit"
    if train > 2.0 * noise**2 + UNDERFIT_FLOOR:
        return "underfit"
    return "good"
