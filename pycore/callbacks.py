"""Training callbacks: the hooks `fit` calls, the event it reports when training has to stop,
and the guard that stops it when numbers stop being numbers.

Why a guard is built into `fit`: in a teaching lab a learning rate of 10 is an experiment, not a
mistake. When the loss, a gradient or a weight overflows to inf/NaN the run is over, but the
student should keep the last sensible network and be told in words what happened, instead of
getting a screen of NaNs. A training step has three places where numbers can stop being
numbers, checked in this order, and each has its own `StopReason`:

1. the forward pass and the loss (`NON_FINITE_LOSS`): nothing is differentiated or updated;
2. the backward pass (`NON_FINITE_GRADIENTS`): the loss was finite, but a gradient overflowed,
   so the update is not applied (the optimizer never sees it);
3. the update (`NON_FINITE_WEIGHTS`): loss and gradients were finite, but learning rate times
   gradient pushed a weight beyond the largest float, so the update is undone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np


class StopReason(StrEnum):
    """Why the non-finite guard stopped training. A `StrEnum` (a `str` and an `Enum`): the
    values are the strings earlier versions used, so `event.reason == "non-finite loss"` and
    `str(event.reason)` still work."""

    NON_FINITE_LOSS = "non-finite loss"
    NON_FINITE_GRADIENTS = "non-finite gradients"
    NON_FINITE_WEIGHTS = "non-finite weights"

    @property
    def explanation(self) -> str:
        """What went wrong, in one English sentence for a student."""
        return _EXPLANATIONS[self]


_EXPLANATIONS = {
    StopReason.NON_FINITE_LOSS: (
        "the loss became infinite or NaN: the forward pass or the loss computation overflowed, "
        "so nothing was differentiated or updated."
    ),
    StopReason.NON_FINITE_GRADIENTS: (
        "the loss was finite, but a gradient became infinite or NaN: the backward pass "
        "overflowed, so the update was not applied."
    ),
    StopReason.NON_FINITE_WEIGHTS: (
        "the loss and the gradients were finite, but the update itself overflowed: learning "
        "rate times gradient would have made a weight infinite or NaN, so it was undone."
    ),
}


@dataclass(frozen=True)
class TrainingStopped:
    """Why and where `fit` stopped early.

    `reason` is a `StopReason`; `epoch` and `batch` are the (0-based) indices of the step that
    went bad; `message` is an English sentence for the user (where, the reason's explanation,
    what was kept, what to try).
    """

    reason: StopReason
    epoch: int
    batch: int
    message: str

    @classmethod
    def at(cls, reason: StopReason, epoch: int, batch: int) -> TrainingStopped:
        """The event for `reason` in the given step, with its message."""
        return cls(
            reason, epoch, batch,
            f"Training stopped in epoch {epoch + 1}, batch {batch + 1}: {reason.explanation} "
            "The weights from before this step were kept. Try a smaller learning rate.",
        )


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
        # Whether any callback overrides on_batch_end: if none does, the fit loop skips
        # computing the running means for it (per batch, that counts for tiny nets).
        self.wants_batches = any(type(c).on_batch_end is not Callback.on_batch_end
                                 for c in self.callbacks)

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
        """After the forward pass: a non-finite loss means its gradient is garbage."""
        if math.isfinite(loss):
            return None
        return TrainingStopped.at(StopReason.NON_FINITE_LOSS, epoch, batch)

    @staticmethod
    def check_gradients(
        grads: Sequence[np.ndarray], epoch: int, batch: int
    ) -> TrainingStopped | None:
        """After the backward pass, before the optimizer sees the gradients."""
        return _stop_unless_finite(grads, StopReason.NON_FINITE_GRADIENTS, epoch, batch)

    @staticmethod
    def check_weights(
        weights: Sequence[np.ndarray], epoch: int, batch: int
    ) -> TrainingStopped | None:
        """After the update."""
        return _stop_unless_finite(weights, StopReason.NON_FINITE_WEIGHTS, epoch, batch)


def _stop_unless_finite(
    arrays: Sequence[np.ndarray], reason: StopReason, epoch: int, batch: int
) -> TrainingStopped | None:
    """None when every entry of ``arrays`` is finite, else the event for ``reason``.

    Fast path: a NaN or an infinity in an array makes its sum NaN or infinite, so finite sums
    prove finite entries with one reduction per array; only a non-finite total (a true NaN,
    or finite values whose sum overflowed) is checked entry by entry."""
    if math.isfinite(sum(float(np.add.reduce(a, axis=None)) for a in arrays)):
        return None
    if all(np.isfinite(a).all() for a in arrays):
        return None
    return TrainingStopped.at(reason, epoch, batch)
