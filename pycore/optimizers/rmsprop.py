"""RMSprop (plain, momentum and centered variants), as in Keras 3.

Keras 3 ``keras/src/optimizers/rmsprop.py``, ``update_step`` (all slots start at 0)::

    v <- rho * v + (1 - rho) * g^2
    centered:   a <- rho * a + (1 - rho) * g
                denom = v - a^2 + epsilon
    otherwise:  denom = v + epsilon
    inc = lr * g / sqrt(denom)                     # epsilon sits *inside* the square root
    momentum > 0:  mom <- momentum * mom + inc;  w <- w - mom
    otherwise:     w <- w - inc

Why centered: ``v - a^2`` estimates the gradient's variance rather than its raw second moment,
so a consistently large gradient is not shrunk as much.
"""

from __future__ import annotations

import numpy as np

from pycore.optimizers.base import Optimizer, Slots
from pycore.optimizers.validation import check_bool, check_decay_rate, check_number


class RMSprop(Optimizer):
    """Divide the gradient by a running root-mean-square of recent gradients."""

    name = "rmsprop"

    def __init__(
        self,
        learning_rate: float = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
        **options: float | None,
    ) -> None:
        super().__init__(learning_rate, **options)
        self.rho = check_decay_rate("rho", rho)
        self.momentum = check_number("momentum", momentum, low=0.0, high=1.0, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0.0)
        self.centered = check_bool("centered", centered)

    def _build_slots(self, param: np.ndarray) -> Slots:
        slots = {"velocity": np.zeros_like(param)}
        if self.momentum > 0:
            slots["momentum"] = np.zeros_like(param)
        if self.centered:
            slots["average_gradient"] = np.zeros_like(param)
        return slots

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        rho = self.rho
        v = slots["velocity"]
        v[...] = rho * v + (1 - rho) * np.square(grad)
        if self.centered:
            a = slots["average_gradient"]
            a[...] = rho * a + (1 - rho) * grad
            denominator = v - np.square(a) + self.epsilon
        else:
            denominator = v + self.epsilon
        increment = lr * grad / np.sqrt(denominator)
        if self.momentum > 0:
            mom = slots["momentum"]
            mom[...] = self.momentum * mom + increment
            param -= mom
        else:
            param -= increment
