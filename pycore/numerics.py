"""Overflow-safe elementary functions shared by the activations and the formula parser.

Why a module of their own: every built-in activation (sigmoid, softplus, elu, selu, softmax,
division) and the ``sigmoid(x)`` a student may type into a formula must be the very same
function, and all of them must stay finite and warning-free at any float input, even under
``np.errstate(all="raise")``. The formula parser and the activations both import from here;
neither owns the other's maths.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar, cast

import numpy as np

_Result = TypeVar("_Result", np.ndarray, tuple[np.ndarray, ...])

#: Below this, exp(t) is replaced by exactly 0: exp(-700) ~ 1e-304 is still a normal float,
#: while exp(-746) underflows (a FloatingPointError under ``np.errstate(all="raise")``).
EXP_FLOOR = -700.0


def _scalars_too(fn: Callable[[np.ndarray], _Result]) -> Callable[[np.ndarray], _Result]:
    """Lets ``fn``, which writes into its arrays with ``np.putmask``, take a scalar or a 0-d
    array too (NumPy arithmetic on those returns scalars, which putmask cannot write into):
    it runs on one element and returns 0-d arrays, as ``np.where`` would."""
    @functools.wraps(fn)
    def on_arrays(x: np.ndarray) -> _Result:
        x = np.asarray(x, dtype=np.float64)
        if x.ndim:
            return fn(x)
        result = fn(x.reshape(1))
        if isinstance(result, tuple):
            return cast(_Result, tuple(part.reshape(()) for part in result))
        return result.reshape(())
    return on_arrays


@_scalars_too
def exp_nonpositive(t: np.ndarray) -> np.ndarray:
    """exp(t) for t <= 0 that never underflows: exactly 0 for t < EXP_FLOOR.

    np.minimum/np.maximum clamp (np.clip's result, about twice as fast on the small arrays of
    a training step)."""
    return _exp_above_floor(np.minimum(t, 0.0))


def _exp_above_floor(t: np.ndarray) -> np.ndarray:
    """``exp_nonpositive`` of a ``t`` already <= 0 (or NaN) array, one clamp fewer; the zeros
    are written with ``np.putmask`` (see ``_both_sides``)."""
    e = np.exp(np.maximum(t, EXP_FLOOR))
    np.putmask(e, t < EXP_FLOOR, 0.0)
    return e


@_scalars_too
def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic 1 / (1 + e^-x) without overflow: with e = exp(-|x|) <= 1,
    sigma(x) = 1/(1+e) for x >= 0 and e/(1+e) for x < 0 (accurate in both tails)."""
    high, low = _both_sides(x)
    np.putmask(low, x >= 0, high)
    return low


@_scalars_too
def sigmoid_and_slope(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(sigmoid(x), sigmoid(x) * sigmoid(-x))``, the value and its derivative, bit for bit,
    from one exp: sigmoid(x) and sigmoid(-x) are the two sides of ``_both_sides``, so their
    product is the same whatever the sign of x (at x = 0 both are exactly 0.5)."""
    high, low = _both_sides(x)
    slope = high * low
    np.putmask(low, x >= 0, high)
    return low, slope


def _both_sides(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(sigmoid(|x|), sigmoid(-|x|))`` from e = exp(-|x|): 1/(1+e) and e/(1+e).
    Callers pick a side with ``np.putmask``, not ``np.where``: in Pyodide it costs a third as
    much, and a training step of a tiny net is mostly such calls."""
    e = _exp_above_floor(-np.abs(x))
    one_plus = 1.0 + e
    return 1.0 / one_plus, e / one_plus


__all__ = ["EXP_FLOOR", "exp_nonpositive", "sigmoid", "sigmoid_and_slope"]
