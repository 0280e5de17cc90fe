"""Stochastic gradient descent with optional (Nesterov) momentum, as in Keras 3.

Keras 3 ``keras/src/optimizers/sgd.py``, ``update_step`` (velocity ``m`` starts at 0)::

    momentum == 0:   w <- w - lr * g
    otherwise:       m <- momentum * m - lr * g
                     w <- w + m                          (nesterov=False)
                     w <- w + momentum * m - lr * g      (nesterov=True, with the *new* m)

Why this form: Keras folds the learning rate into the velocity, so changing ``learning_rate``
mid-training rescales only new gradient contributions, not the velocity already built up.
"""

from __future__ import annotations

import numpy as np

from pycore.optimizers.base import Optimizer, Slots
from pycore.optimizers.validation import check_bool, check_number


class SGD(Optimizer):
    """Gradient descent; ``momentum`` in [0, 1] (Keras' own check)."""

    name = "sgd"

    def __init__(
        self,
        learning_rate: float = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
        **options: float | None,
    ) -> None:
        super().__init__(learning_rate, **options)
        self.momentum = check_number("momentum", momentum, low=0.0, high=1.0)
        self.nesterov = check_bool("nesterov", nesterov)

    def _build_slots(self, param: np.ndarray) -> Slots:
        return {"momentum": np.zeros_like(param)} if self.momentum != 0 else {}

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        if self.momentum == 0:
            param -= grad * lr
            return
        m = slots["momentum"]
        m[...] = m * self.momentum - grad * lr
        if self.nesterov:
            param += m * self.momentum - grad * lr
        else:
            param += m
