"""FTRL-Proximal ("Follow The Regularized Leader"), as in Keras 3 (``optimizers/ftrl.py``).

Per parameter: accumulator ``n`` (starts at ``initial_accumulator_value``) and linear term
``z`` (starts at 0). With ``p = -learning_rate_power`` (0.5 by default), ``l1``, ``l2``,
``l2s`` the three regularisation strengths::

    l2'   = l2 + beta / (2 * lr)
    g'    = g + 2 * l2s * w                         # shrinkage only enters z, not n
    n_new = n + g^2
    z    <- z + g' - (n_new^p - n^p) / lr * w
    q     = n_new^p / lr + 2 * l2'
    w    <- (clip(z, -l1, l1) - z) / q              # exactly 0 wherever |z| <= l1
    n    <- n_new

Why it matters for teaching: unlike the other optimizers the new weight is *recomputed* from
``z`` instead of nudged, which is how the L1 term produces exact zeros (sparsity). It also
means FTRL pulls weights towards 0: ``z`` starts at 0, so the initial weights are only
remembered in proportion to the growth of ``n^p``. With ``initial_accumulator_value = 0``,
``p = 0.5`` and no regularisation the first step is exactly ``w - lr * sign(g)``; a positive
initial accumulator additionally shrinks ``w`` towards 0 on that step.
"""

from __future__ import annotations

import numpy as np

from pycore.optimizers.base import Optimizer, Slots
from pycore.optimizers.validation import check_number


class Ftrl(Optimizer):
    """FTRL-Proximal with L1, L2 and L2-shrinkage regularisation (McMahan et al. 2013)."""

    name = "ftrl"

    def __init__(
        self,
        learning_rate: float = 0.001,
        learning_rate_power: float = -0.5,
        initial_accumulator_value: float = 0.1,
        l1_regularization_strength: float = 0.0,
        l2_regularization_strength: float = 0.0,
        l2_shrinkage_regularization_strength: float = 0.0,
        beta: float = 0.0,
        **options: float | None,
    ) -> None:
        super().__init__(learning_rate, **options)
        self.learning_rate_power = check_number(
            "learning_rate_power", learning_rate_power, high=0.0
        )
        self.initial_accumulator_value = check_number(
            "initial_accumulator_value", initial_accumulator_value, low=0.0
        )
        self.l1_regularization_strength = check_number(
            "l1_regularization_strength", l1_regularization_strength, low=0.0
        )
        self.l2_regularization_strength = check_number(
            "l2_regularization_strength", l2_regularization_strength, low=0.0
        )
        self.l2_shrinkage_regularization_strength = check_number(
            "l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength, low=0.0
        )
        self.beta = check_number("beta", beta, low=0.0)

    def _check_learning_rate(self, value: object) -> float:
        """FTRL divides by the learning rate, so 0 is rejected as well as negatives."""
        return check_number("learning_rate", value, low=0.0, low_open=True)

    def _build_slots(self, param: np.ndarray) -> Slots:
        return {
            "accumulator": np.full_like(param, self.initial_accumulator_value),
            "linear": np.zeros_like(param),
        }

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        accum, linear = slots["accumulator"], slots["linear"]
        power = -self.learning_rate_power
        l1 = self.l1_regularization_strength
        l2 = self.l2_regularization_strength + self.beta / (2.0 * lr)
        grad_to_use = grad + 2 * self.l2_shrinkage_regularization_strength * param
        new_accum = accum + np.square(grad)
        linear += grad_to_use - (np.power(new_accum, power) - np.power(accum, power)) / lr * param
        quadratic = np.power(new_accum, power) / lr + 2 * l2
        param[...] = (np.clip(linear, -l1, l1) - linear) / quadratic
        accum[...] = new_accum
