"""What the training loop needs from a model: the `TrainableModel` protocol.

Why a protocol: `pycore.training` (the fit loop, the guarded step, evaluation) must not depend
on `Sequential`'s many other members, and a reader should see in one place exactly which ones
it uses. `Sequential` satisfies it structurally; nothing inherits from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from pycore.layers.base import Layer
from pycore.packing import PackedWeights


class Updater(Protocol):
    """The optimizer's side of a step (`pycore.optimizers.Optimizer` satisfies it)."""

    def apply(self, grads: Sequence[np.ndarray], params: Sequence[np.ndarray]) -> None:
        """Update `params` in place from `grads` (same order and shapes)."""


class TrainableModel(Protocol):
    """A compiled, built model as `run_fit`, `guarded_step`, `evaluate_logs` and
    `split_validation` use it."""

    rng: np.random.Generator
    stop_training: bool

    @property
    def layers(self) -> Sequence[Layer]:
        """The layers; `fit(seed=...)` re-seeds those whose `rng` is not None every epoch."""

    @property
    def optimizer(self) -> Updater | None:
        """Set by `compile`; the loop runs only on compiled models."""

    @property
    def input_dim(self) -> int | None:
        """Number of input features (None before the model is built)."""

    @property
    def output_dim(self) -> int:
        """Number of outputs (columns of y)."""

    def packed_weights(self) -> PackedWeights:
        """All live weights as views into one buffer (the guard remembers and restores every
        one; the optimizer updates the trainable part, in the order `backward` returns grads)."""

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Predictions for a checked batch; caches what `backward` needs."""

    def backward(self, y: np.ndarray, y_pred: np.ndarray,
                 loss_gradient: np.ndarray | None = None) -> list[np.ndarray]:
        """Gradients of loss + penalties for `trainable_weights` after `forward`."""

    def loss_and_gradient(self, y: np.ndarray, y_pred: np.ndarray) -> tuple[float, np.ndarray]:
        """The batch's data loss and its gradient d loss / d y_pred, in one pass."""

    def penalty(self) -> float:
        """Sum of the layers' regularization penalties at the current weights."""

    def batch_logs(self, y: np.ndarray, y_pred: np.ndarray, penalty: float,
                   loss: float | None = None) -> dict[str, float]:
        """{"loss": loss + penalty, metric: value, ...} for one batch."""
