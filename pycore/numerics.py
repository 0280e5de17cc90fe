"""Overflow-safe elementary functions shared by the activations and the formula parser.

Why a module of their own: every built-in activation (sigmoid, softplus, elu, selu, softmax,
division) and the ``sigmoid(x)`` a student may type into a formula must be the very same
function, and all of them must stay finite and warning-free at any float input, even under
``np.errstate(all="raise")``. The formula parser and the activations both import from here;
neither owns the other's maths.
"""

from __future__ import annotations

import numpy as np

#: Below this, exp(t) is replaced by exactly 0: exp(-700) ~ 1e-304 is still a normal float,
#: while exp(-746) underflows (a FloatingPointError under ``np.errstate(all="raise")``).
EXP_FLOOR = -700.0


def exp_nonpositive(t: np.ndarray) -> np.ndarray:
    """exp(t) for t <= 0 that never underflows: exactly 0 for t < EXP_FLOOR.

    The clamp uses np.minimum/np.maximum: same result as np.clip, about twice as fast on the
    small arrays of a training step.
    """
    t = np.asarray(t, dtype=np.float64)
    return np.where(t < EXP_FLOOR, 0.0, np.exp(np.minimum(np.maximum(t, EXP_FLOOR), 0.0)))


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic 1 / (1 + e^-x) without overflow: with e = exp(-|x|) <= 1,
    sigma(x) = 1/(1+e) for x >= 0 and e/(1+e) for x < 0 (accurate in both tails)."""
    x = np.asarray(x, dtype=np.float64)
    e = exp_nonpositive(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_pair(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(sigmoid(x), sigmoid(-x))`` bit for bit, from one exp: both use e = exp(-|x|), and
    ``-x >= 0`` is ``x <= 0`` for every float (also -0.0 and NaN). Their product is the
    sigmoid's slope, so a training step needs one exp instead of three."""
    x = np.asarray(x, dtype=np.float64)
    e = exp_nonpositive(-np.abs(x))
    one_plus = 1.0 + e
    big, small = 1.0 / one_plus, e / one_plus
    return np.where(x >= 0, big, small), np.where(x <= 0, big, small)


__all__ = ["EXP_FLOOR", "exp_nonpositive", "sigmoid", "sigmoid_pair"]
