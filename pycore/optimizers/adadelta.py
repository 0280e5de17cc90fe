"""Adadelta, as in Keras 3 (``keras/src/optimizers/adadelta.py``).

Both accumulators start at 0; ``rms(x) = sqrt(x + epsilon)``::

    acc_g  <- rho * acc_g + (1 - rho) * g^2
    delta   = -rms(acc_dx) * g / rms(acc_g)        # uses acc_dx from *before* this step
    acc_dx <- rho * acc_dx + (1 - rho) * delta^2
    w      <- w + lr * delta

Why a learning rate at all: Zeiler's paper has none (lr = 1.0); Keras multiplies by
``learning_rate`` (default 0.001), so with defaults the first steps are tiny (about
``lr * sqrt(epsilon) / sqrt(1 - rho)`` per coordinate).
"""

from __future__ import annotations

import numpy as np

from pycore.optimizers.base import Optimizer, Slots
from pycore.optimizers.validation import check_decay_rate, check_number


class Adadelta(Optimizer):
    """Step sizes from the ratio of running RMS of past updates to running RMS of gradients."""

    name = "adadelta"

    def __init__(
        self,
        learning_rate: float = 0.001,
        rho: float = 0.95,
        epsilon: float = 1e-7,
        **options: float | None,
    ) -> None:
        super().__init__(learning_rate, **options)
        self.rho = check_decay_rate("rho", rho)
        self.epsilon = check_number("epsilon", epsilon, low=0.0)

    def _build_slots(self, param: np.ndarray) -> Slots:
        return {
            "accumulated_grad": np.zeros_like(param),
            "accumulated_delta_var": np.zeros_like(param),
        }

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        rho = self.rho
        acc_g, acc_dx = slots["accumulated_grad"], slots["accumulated_delta_var"]
        acc_g[...] = rho * acc_g + (1 - rho) * np.square(grad)
        delta = -(np.sqrt(acc_dx + self.epsilon) * grad / np.sqrt(acc_g + self.epsilon))
        acc_dx[...] = rho * acc_dx + (1 - rho) * np.square(delta)
        param += lr * delta
