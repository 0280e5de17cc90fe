"""The activation base class and softmax, the one activation that is not element-wise.

Conventions for every activation (see the package docstring of :mod:`pycore.activations`):
float64 throughout, element-wise except softmax (last axis), derivatives evaluated at the
pre-activation z, warning-free at every float input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from pycore.numerics import exp_nonpositive

ArrayFn = Callable[[np.ndarray], np.ndarray]
PairFn = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def as_float(z: np.ndarray) -> np.ndarray:
    return np.asarray(z, dtype=np.float64)


class Activation:
    """An element-wise activation ``f`` with derivative ``df`` (both NumPy functions).

    ``elementwise`` is True when the Jacobian is diagonal, i.e. backward is exactly
    ``grad_out * derivative(z)``; layers rely on it to reuse a cached slope.
    """

    elementwise = True

    def __init__(self, name: str, fn: ArrayFn, dfn: ArrayFn, *,
                 both: PairFn | None = None, **params: Any) -> None:
        """``both(z)``, if given, returns ``(fn(z), dfn(z))`` bit for bit with shared work
        (tanh, sigmoid: a training step evaluates the function once instead of twice)."""
        self.name = name
        self.params = params
        self._fn = fn
        self._dfn = dfn
        self._both = both

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return self._fn(as_float(z))

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """d f / d z at the pre-activation ``z`` (element-wise)."""
        return self._dfn(as_float(z))

    def value_and_derivative(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(f(z), f'(z))`` together; subclasses (or ``both``) share work between the two
        (the results are bit-identical to calling ``act(z)`` and ``act.derivative(z)``)."""
        if self._both is not None:
            return self._both(as_float(z))
        return self(z), self.derivative(z)

    def backward(self, z: np.ndarray, grad_out: np.ndarray) -> np.ndarray:
        """Vector-Jacobian product: grad_in = grad_out * f'(z) for element-wise f."""
        return as_float(grad_out) * self.derivative(z)

    def jacobian(self, z_row: np.ndarray) -> np.ndarray:
        """(n, n) Jacobian of f at one example ``z_row``; diagonal for element-wise f."""
        return np.diag(self.derivative(np.ravel(z_row)))

    def get_config(self) -> dict[str, Any]:
        """JSON-able dict that :func:`get` turns back into an equal activation."""
        return {"name": self.name, **self.params}

    def __repr__(self) -> str:
        return f"Activation({self.get_config()})"


class Softmax(Activation):
    """softmax(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z) along the last axis.

    Not element-wise: Jacobian J = diag(s) - s s^T, so backward is s * (g - <g, s>).
    ``derivative`` returns only the diagonal s (1 - s), as documented in the API contract.
    """

    elementwise = False

    def __init__(self) -> None:
        super().__init__("softmax", self._softmax, self._diagonal)

    @staticmethod
    def _softmax(z: np.ndarray) -> np.ndarray:
        # Clip to +-1e300 first so that z - max(z) cannot overflow (inf - inf or 1.8e308 * 2).
        z = np.clip(z, -1e300, 1e300)
        e = exp_nonpositive(z - np.max(z, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)

    @classmethod
    def _diagonal(cls, z: np.ndarray) -> np.ndarray:
        s = cls._softmax(z)
        return s * (1.0 - s)

    def backward(self, z: np.ndarray, grad_out: np.ndarray) -> np.ndarray:
        s = self(z)
        g = as_float(grad_out)
        return s * (g - np.sum(g * s, axis=-1, keepdims=True))

    def jacobian(self, z_row: np.ndarray) -> np.ndarray:
        s = self(np.ravel(z_row))
        return np.diag(s) - np.outer(s, s)
