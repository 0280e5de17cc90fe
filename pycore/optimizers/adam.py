"""The Adam family (Adam with optional AMSGrad, Adamax, Nadam), as in Keras 3.

All three keep a first moment ``m`` (start 0) updated in Keras' incremental form
``m <- m + (g - m) * (1 - beta_1)``, and read ``t = iterations + 1`` (1 on the first step).

Adam (``keras/src/optimizers/adam.py``)::

    alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
    v <- v + (g^2 - v) * (1 - beta_2)
    amsgrad:  v_hat <- max(v_hat, v); use v_hat in place of v below
    w <- w - m * alpha / (sqrt(v) + epsilon)       # epsilon *outside* the root, not bias-corrected

Adamax (``adamax.py``), ``u`` the exponentially weighted infinity norm (start 0)::

    u <- max(beta_2 * u, |g|)
    w <- w - lr * m / ((1 - beta_1^t) * (u + epsilon))

Nadam (``nadam.py``), Dozat's momentum schedule with a running product kept across steps::

    u_t   = beta_1 * (1 - 0.5 * 0.96^t)            u_{t+1} = beta_1 * (1 - 0.5 * 0.96^(t+1))
    P_t   = u_1 * u_2 * ... * u_t  (optimizer-wide, updated once per step before the updates)
    v <- v + (g^2 - v) * (1 - beta_2)
    m_hat = u_{t+1} * m / (1 - P_t * u_{t+1}) + (1 - u_t) * g / (1 - P_t)
    v_hat = v / (1 - beta_2^t)
    w <- w - m_hat * lr / (sqrt(v_hat) + epsilon)

Why they share a module: one constructor signature (``beta_1``, ``beta_2``, ``epsilon``) and
one first-moment rule; only the denominator and the bias correction differ.
"""

from __future__ import annotations

import math

import numpy as np

from pycore.optimizers.base import Optimizer, Slots
from pycore.optimizers.validation import check_bool, check_decay_rate, check_number


class _AdamFamily(Optimizer):
    """Shared arguments and the first-moment update; not registered itself."""

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        **options: float | None,
    ) -> None:
        super().__init__(learning_rate, **options)
        self.beta_1 = check_decay_rate("beta_1", beta_1)
        self.beta_2 = check_decay_rate("beta_2", beta_2)
        self.epsilon = check_number("epsilon", epsilon, low=0.0)

    def _update_first_moment(self, grad: np.ndarray, m: np.ndarray) -> None:
        m += (grad - m) * (1 - self.beta_1)

    def _update_second_moment(self, grad: np.ndarray, v: np.ndarray) -> None:
        v += (np.square(grad) - v) * (1 - self.beta_2)


class Adam(_AdamFamily):
    """Adaptive moment estimation (Kingma & Ba 2014), optional AMSGrad (Reddi et al. 2018)."""

    name = "adam"

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
        **options: float | None,
    ) -> None:
        super().__init__(learning_rate, beta_1, beta_2, epsilon, **options)
        self.amsgrad = check_bool("amsgrad", amsgrad)

    def _build_slots(self, param: np.ndarray) -> Slots:
        slots = {"momentum": np.zeros_like(param), "velocity": np.zeros_like(param)}
        if self.amsgrad:
            slots["velocity_hat"] = np.zeros_like(param)
        return slots

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        t = self.iterations + 1
        alpha = lr * math.sqrt(1 - self.beta_2**t) / (1 - self.beta_1**t)
        m, v = slots["momentum"], slots["velocity"]
        self._update_first_moment(grad, m)
        self._update_second_moment(grad, v)
        if self.amsgrad:
            v_hat = slots["velocity_hat"]
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        param -= m * alpha / (np.sqrt(v) + self.epsilon)


class Adamax(_AdamFamily):
    """Adam with the infinity norm in place of the root mean square (Kingma & Ba, sec. 7.1)."""

    name = "adamax"

    def _build_slots(self, param: np.ndarray) -> Slots:
        return {"momentum": np.zeros_like(param), "norm": np.zeros_like(param)}

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        t = self.iterations + 1
        m, u = slots["momentum"], slots["norm"]
        self._update_first_moment(grad, m)
        np.maximum(self.beta_2 * u, np.abs(grad), out=u)
        param -= lr * m / ((1 - self.beta_1**t) * (u + self.epsilon))


class Nadam(_AdamFamily):
    """Adam with Nesterov momentum and Keras' decaying momentum schedule (Dozat 2015)."""

    name = "nadam"
    _u_product = 1.0  # running product of the momentum schedule; each instance's own after step 1

    def _momentum_at(self, step: int) -> float:
        return self.beta_1 * (1.0 - 0.5 * 0.96**step)

    def _build_slots(self, param: np.ndarray) -> Slots:
        return {"momentum": np.zeros_like(param), "velocity": np.zeros_like(param)}

    def _begin_step(self) -> None:
        # Keras' order of operations: (P * beta_1) * (1 - 0.5 * 0.96^t)
        step_factor = 1.0 - 0.5 * 0.96 ** (self.iterations + 1)
        self._u_product = self._u_product * self.beta_1 * step_factor

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        t = self.iterations + 1
        u_t, u_next = self._momentum_at(t), self._momentum_at(t + 1)
        u_product_t = self._u_product
        u_product_next = u_product_t * u_next
        m, v = slots["momentum"], slots["velocity"]
        self._update_first_moment(grad, m)
        self._update_second_moment(grad, v)
        m_hat = u_next * m / (1 - u_product_next) + (1 - u_t) * grad / (1 - u_product_t)
        v_hat = v / (1 - self.beta_2**t)
        param -= m_hat * lr / (np.sqrt(v_hat) + self.epsilon)
