"""Activation functions with their derivatives, looked up by name like Keras.

Every activation is an :class:`Activation`: ``act(z)`` applies it, ``act.derivative(z)`` is
d act / d z evaluated at the *pre-activation* z (the original division project evaluated it on
the activation output, which is wrong), ``act.backward(z, grad_out)`` is the vector-Jacobian
product layers use, ``act.value_and_derivative(z)`` returns ``(act(z), act.derivative(z))`` in
one call (what a Dense layer caches during training, so that the activation's pieces are not
evaluated again in the backward pass), and ``act.jacobian(z_row)`` is the full (n, n) Jacobian
for one example.

Conventions
-----------
* float64 throughout; element-wise except softmax (last axis).
* Kinks: the derivative at a kink point is the one of the piece that contains the point in
  the value's definition, which is always the left piece here (``x <= 0`` is "negative"):
  relu'(0) = 0 (as Keras/TF), leaky_relu'(0) = negative_slope, elu'(0) = alpha,
  selu'(0) = scale*alpha, division'(0) = 0.5.
* Warning-free at every finite float (and +-inf): each branch's argument is clipped to that
  branch's own domain before it is evaluated, then the branches are combined with np.where,
  so no branch ever sees an input that could overflow or underflow.

Files: ``base.py`` (:class:`Activation`, :class:`Softmax`), ``division.py`` (:class:`Division`),
``elementwise.py`` (relu, softplus, swish, leaky_relu, elu, selu); this module holds the name
table, :func:`get`, :func:`names` and user formulas (:func:`from_formula`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from pycore.activations import elementwise
from pycore.activations.base import Activation, Softmax
from pycore.activations.division import Division
from pycore.activations.elementwise import SELU_ALPHA, SELU_SCALE, elu, leaky_relu
from pycore.formula import FormulaError, compile_formula
from pycore.numerics import sigmoid, sigmoid_and_slope
from pycore.registry import resolve


def from_formula(expr: str, derivative_expr: str | None = None, name: str = "custom") -> Activation:
    """A user-defined activation from formula text in the variable ``x``.

    Parsed by :func:`pycore.formula.compile_formula` (whitelist, never ``eval``). If
    ``derivative_expr`` is omitted the derivative is a centred finite difference
    (f(x+h) - f(x-h)) / 2h with h = 6.06e-6 * max(1, |x|) (cube root of machine epsilon,
    which balances truncation error h^2 against rounding error eps/h): about 1e-10 relative
    accuracy for smooth f, but it blurs kinks over a width h.
    Raises :class:`pycore.formula.FormulaError` for text that is not allowed.
    """
    fn = compile_formula(expr)
    if derivative_expr is not None and derivative_expr.strip():
        dfn = compile_formula(derivative_expr)
    else:
        derivative_expr = None

        def dfn(z: np.ndarray) -> np.ndarray:
            h = np.cbrt(np.finfo(np.float64).eps) * np.maximum(1.0, np.abs(z))
            with np.errstate(all="ignore"):
                return (fn(z + h) - fn(z - h)) / (2.0 * h)

    return Activation(str(name), fn, dfn, formula=fn.text, derivative=derivative_expr)


def _tanh_both(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = np.tanh(z)
    return t, 1.0 - t**2


_FACTORIES: dict[str, Callable[..., Activation]] = {
    "linear": lambda: Activation("linear", lambda z: z.copy(), np.ones_like),
    "sigmoid": lambda: Activation("sigmoid", sigmoid, lambda z: sigmoid(z) * sigmoid(-z),
                                  both=sigmoid_and_slope),
    "tanh": lambda: Activation("tanh", np.tanh, lambda z: 1.0 - np.tanh(z) ** 2,
                               both=_tanh_both),
    # (z > 0) as floats: the same 1.0 / 0.0 as np.where(z > 0, 1.0, 0.0), about twice as fast.
    "relu": lambda: Activation("relu", elementwise.relu, lambda z: (z > 0.0).astype(np.float64)),
    "leaky_relu": leaky_relu,
    "elu": elu,
    "selu": elementwise.selu,
    "softplus": lambda: Activation("softplus", elementwise.softplus, sigmoid),
    "swish": lambda: Activation("swish", elementwise.swish, elementwise.swish_slope),
    "softmax": Softmax,
    "division": Division,
}


def names() -> list[str]:
    """Names accepted by :func:`get` (in teaching order)."""
    return list(_FACTORIES)


def get(identifier: str | Activation | dict[str, Any] | None) -> Activation:
    """Look up an activation like ``keras.activations.get``.

    Accepts a name (case-insensitive), an :class:`Activation` (returned as is), ``None``
    (linear, as Keras) or a config dict from :meth:`Activation.get_config` (a dict with a
    ``"formula"`` key rebuilds a formula activation).
    """
    if identifier is None:
        return _FACTORIES["linear"]()
    if isinstance(identifier, dict) and "formula" in identifier:
        name = str(identifier.get("name", "custom"))
        return from_formula(identifier["formula"], identifier.get("derivative"), name=name)
    return resolve(identifier, kind="activation", base=Activation, table=_FACTORIES)


__all__ = [
    "SELU_ALPHA",
    "SELU_SCALE",
    "Activation",
    "Division",
    "FormulaError",
    "Softmax",
    "elu",
    "from_formula",
    "get",
    "leaky_relu",
    "names",
]
