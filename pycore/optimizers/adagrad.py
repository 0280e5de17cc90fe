"""Adagrad, as in Keras 3 (``keras/src/optimizers/adagrad.py``).

The accumulator starts at ``initial_accumulator_value`` (not 0), then::

    acc <- acc + g^2
    w   <- w - lr * g / sqrt(acc + epsilon)        # epsilon *inside* the square root

Why the non-zero start: with ``acc = 0`` the very first step would be ``lr * sign(g)``
regardless of the gradient's size; 0.1 damps that first jump.
"""

from __future__ import annotations

import numpy as np

from pycore.optimizers.base import Optimizer, Slots
from pycore.optimizers.validation import check_number


class Adagrad(Optimizer):
    """Per-coordinate step sizes that shrink with the sum of all past squared gradients."""

    name = "adagrad"

    def __init__(
        self,
        learning_rate: float = 0.001,
        initial_accumulator_value: float = 0.1,
        epsilon: float = 1e-7,
        **options: float | None,
    ) -> None:
        super().__init__(learning_rate, **options)
        self.initial_accumulator_value = check_number(
            "initial_accumulator_value", initial_accumulator_value, low=0.0
        )
        self.epsilon = check_number("epsilon", epsilon, low=0.0)

    def _build_slots(self, param: np.ndarray) -> Slots:
        return {"accumulator": np.full_like(param, self.initial_accumulator_value)}

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        acc = slots["accumulator"]
        acc += np.square(grad)
        param -= lr * grad / np.sqrt(acc + self.epsilon)
