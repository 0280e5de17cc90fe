"""Training callbacks: the hooks `fit` calls, the event it reports when training has to stop,
and the guard that stops it when numbers stop being numbers.

Why a guard is built into `fit`: in a teaching lab a learning rate of 10 is an experiment, not a
mistake. When the loss or a weight overflows to inf/NaN the run is over, but the student should
keep the last sensible network and be told in words what happened, instead of getting a screen
of NaNs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

NON_FINITE_LOSS = "non-finite loss"
NON_FINITE_WEIGHTS = "non-finite weights"


@dataclass(frozen=True)
class TrainingStopped:
    """Why and where `fit` stopped early.

    `reason` is `"non-finite loss"` or `"non-finite weights"`; `epoch` and `batch` are the
    (0-based) indices of the step that went bad; `message` is an English sentence for the user.
    """

    reason: str
    epoch: int
    batch: int
    message: str


class Callback:
    """Base class: override the hooks you need. `self.model` is set by `fit` before training."""

    def __init__(self) -> None:
        self.model: Any = None

    def set_model(self, model: Any) -> None:
        self.model = model

    def on_train_begin(self, logs: dict[str, float] | None = None) -> None:
        """Called once before the first epoch."""

    def on_epoch_begin(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        """Called at the start of every epoch."""

    def on_batch_end(self, batch: int, logs: dict[str, float] | None = None) -> None:
        """Called after every optimizer step. As in Keras 3, `logs` holds the running means of
        loss and metrics over the epoch so far (batch-size weighted), not the batch's own."""

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        """Called after every epoch; `logs` holds epoch means and validation values."""

    def on_train_end(self, logs: dict[str, float] | None = None) -> None:
        """Called once when `fit` finishes normally or via `model.stop_training`."""

    def on_training_stopped(self, event: TrainingStopped) -> None:
        """Called when the non-finite guard stops training (instead of `on_train_end`)."""


class History(Callback):
    """Per-epoch record of a `fit` run: `history[name]` is a list with one value per epoch.

    `stopped` is None, or the `TrainingStopped` event when the guard ended the run.
    """

    def __init__(self) -> None:
        super().__init__()
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []
        self.params: dict[str, Any] = {}
        self.stopped: TrainingStopped | None = None

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        self.epoch.append(epoch)
        for name, value in (logs or {}).items():
            self.history.setdefault(name, []).append(float(value))

    def on_training_stopped(self, event: TrainingStopped) -> None:
        self.stopped = event


class CallbackList:
    """Fans every hook out to a list of callbacks, in order."""

    def __init__(self, callbacks: Iterable[Callback], model: Any) -> None:
        self.callbacks = list(callbacks)
        for callback in self.callbacks:
            callback.set_model(model)

    def on_train_begin(self, logs: dict[str, float]) -> None:
        for callback in self.callbacks:
            callback.on_train_begin(logs)

    def on_epoch_begin(self, epoch: int, logs: dict[str, float]) -> None:
        for callback in self.callbacks:
            callback.on_epoch_begin(epoch, logs)

    def on_batch_end(self, batch: int, logs: dict[str, float]) -> None:
        for callback in self.callbacks:
            callback.on_batch_end(batch, logs)

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        for callback in self.callbacks:
            callback.on_epoch_end(epoch, logs)

    def on_train_end(self, logs: dict[str, float]) -> None:
        for callback in self.callbacks:
            callback.on_train_end(logs)

    def on_training_stopped(self, event: TrainingStopped) -> None:
        for callback in self.callbacks:
            callback.on_training_stopped(event)


class NonFiniteGuard:
    """Keeps a copy of the last finite weights and decides whether a training step was sane.

    Usage inside the training loop, once per batch:
    `remember(weights)` before the step; `check_loss` on the batch loss before the update (a
    non-finite loss means the gradient is garbage, so the update is skipped); `check_gradients`
    before the optimizer sees them (so NaN never enters the optimizer's slot state); and
    `check_weights` after the update. Each `check_*` returns None when all is well, else a
    `TrainingStopped` event; the caller then calls `restore(weights)`, which copies the remembered
    values back into the live arrays in place.
    """

    def __init__(self) -> None:
        self._saved: list[np.ndarray] = []

    def remember(self, weights: Sequence[np.ndarray]) -> None:
        if len(self._saved) != len(weights):
            self._saved = [np.array(w, copy=True) for w in weights]
        else:
            for saved, w in zip(self._saved, weights, strict=True):
                np.copyto(saved, w)

    def restore(self, weights: Sequence[np.ndarray]) -> None:
        for saved, w in zip(self._saved, weights, strict=True):
            np.copyto(w, saved)

    @staticmethod
    def check_loss(loss: float, epoch: int, batch: int) -> TrainingStopped | None:
        if np.isfinite(loss):
            return None
        return TrainingStopped(
            NON_FINITE_LOSS,
            epoch,
            batch,
            f"Training stopped in epoch {epoch + 1}, batch {batch + 1}: the loss became {loss} "
            "(it overflowed). The weights from before this step were kept. Try a smaller "
            "learning rate.",
        )

    @staticmethod
    def check_gradients(
        grads: Sequence[np.ndarray], epoch: int, batch: int
    ) -> TrainingStopped | None:
        return _stop_if_non_finite(
            grads, epoch, batch,
            "a gradient became infinite or NaN, so this update would have made the weights "
            "non-finite.",
        )

    @staticmethod
    def check_weights(
        weights: Sequence[np.ndarray], epoch: int, batch: int
    ) -> TrainingStopped | None:
        return _stop_if_non_finite(
            weights, epoch, batch, "a weight became infinite or NaN after the update."
        )


def _stop_if_non_finite(
    arrays: Sequence[np.ndarray], epoch: int, batch: int, what_happened: str
) -> TrainingStopped | None:
    """None when every entry of ``arrays`` is finite, else the NON_FINITE_WEIGHTS event whose
    message is ``what_happened`` framed by where it happened and what the learner can do."""
    if all(np.isfinite(a).all() for a in arrays):
        return None
    return TrainingStopped(
        NON_FINITE_WEIGHTS,
        epoch,
        batch,
        f"Training stopped in epoch {epoch + 1}, batch {batch + 1}: {what_happened} The "
        "weights from before this step were kept. Try a smaller learning rate.",
    )
