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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from pycore.formula import FormulaError, compile_formula, exp_nonpositive, sigmoid
from pycore.registry import resolve

ArrayFn = Callable[[np.ndarray], np.ndarray]


def _as_float(z: np.ndarray) -> np.ndarray:
    return np.asarray(z, dtype=np.float64)


class Activation:
    """An element-wise activation ``f`` with derivative ``df`` (both NumPy functions).

    ``elementwise`` is True when the Jacobian is diagonal, i.e. backward is exactly
    ``grad_out * derivative(z)``; layers rely on it to reuse a cached slope.
    """

    elementwise = True

    def __init__(self, name: str, fn: ArrayFn, dfn: ArrayFn, **params: Any) -> None:
        self.name = name
        self.params = params
        self._fn = fn
        self._dfn = dfn

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return self._fn(_as_float(z))

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """d f / d z at the pre-activation ``z`` (element-wise)."""
        return self._dfn(_as_float(z))

    def value_and_derivative(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(f(z), f'(z))`` together; subclasses override it to share work between the two
        (the results are bit-identical to calling ``act(z)`` and ``act.derivative(z)``)."""
        return self(z), self.derivative(z)

    def backward(self, z: np.ndarray, grad_out: np.ndarray) -> np.ndarray:
        """Vector-Jacobian product: grad_in = grad_out * f'(z) for element-wise f."""
        return _as_float(grad_out) * self.derivative(z)

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
        g = _as_float(grad_out)
        return s * (g - np.sum(g * s, axis=-1, keepdims=True))

    def jacobian(self, z_row: np.ndarray) -> np.ndarray:
        s = self(np.ravel(z_row))
        return np.diag(s) - np.outer(s, s)


class Division(Activation):
    """The three-piece activation of the division network (foersterrobert/division, 2021).

    f(x) = 1.359140915 * exp(x - 1)                    x <= 0       (1.359140915 = e/2)
    f(x) = 0.03 * ln(1 000 000 * x + 1) + 0.5          0 < x <= 15
    f(x) = 1 - 1 / (109.0858178 * x - 1403.359435)     x > 15
    f'(x) = f(x); 30000 / (1 000 000 * x + 1); 109.0858178 / (109.0858178 * x - 1403.359435)^2

    Continuous at 0 (both sides 0.5) with a slope jump 0.5 -> 30000. At the seam 15 the
    values match (0.99570682477, the two sides differ by ~7e-12) but the slopes match only
    approximately: 0.0020000 from the left, 0.0020106 from the right, about 0.5 % apart --
    a small kink, invisible in plots.
    Output in (0, 1), rising. The log piece lets hidden neurons compute 0.03 ln(x) + 0.5,
    the exp piece turns ln(x1) - ln(x2) back into x1 / x2.
    At the kink x = 0 the derivative is the left piece's, 0.5; at 15 also the left piece's.

    Overflow-free: the exp piece is evaluated on min(x, 0) (exactly 0 below -700), the log
    piece on x clamped to [0, 15] with log1p (exact ln(1e6 x + 1)), the reciprocal piece on
    x clamped to [15, 1e150] (beyond 1e150 the value is 1.0 to double precision and the
    slope, < 1e-302, is returned as 0 so that squaring never overflows or underflows).
    Clamping uses np.minimum/np.maximum rather than np.clip, which is about twice as slow on
    the small arrays of a training step.
    """

    EXP_SCALE = 1.359140915
    LOG_SCALE = 0.03
    LOG_INNER = 1_000_000.0
    REC_SLOPE = 109.0858178
    REC_SHIFT = 1403.359435
    SEAM = 15.0
    _REC_CAP = 1e150

    def __init__(self) -> None:
        super().__init__("division", self._value, self._slope)

    @classmethod
    def _pieces(cls, x: np.ndarray) -> tuple[np.ndarray, ...]:
        """Piece masks (x <= 0, x <= 15), the exp piece (its own slope too), the clamped log
        argument and the reciprocal piece's denominator: everything value and slope share."""
        exp_part = cls.EXP_SCALE * exp_nonpositive(np.minimum(x, 0.0) - 1.0)
        log_x = np.minimum(np.maximum(x, 0.0), cls.SEAM)
        rec_x = np.minimum(np.maximum(x, cls.SEAM), cls._REC_CAP)
        denom = cls.REC_SLOPE * rec_x - cls.REC_SHIFT
        return x <= 0.0, x <= cls.SEAM, exp_part, log_x, denom

    @classmethod
    def _value_from(cls, pieces: tuple[np.ndarray, ...]) -> np.ndarray:
        negative, below_seam, exp_part, log_x, denom = pieces
        log_part = cls.LOG_SCALE * np.log1p(cls.LOG_INNER * log_x) + 0.5
        rec_part = 1.0 - 1.0 / denom
        return np.where(negative, exp_part, np.where(below_seam, log_part, rec_part))

    @classmethod
    def _slope_from(cls, x: np.ndarray, pieces: tuple[np.ndarray, ...]) -> np.ndarray:
        negative, below_seam, exp_part, log_x, denom = pieces
        log_slope = cls.LOG_SCALE * cls.LOG_INNER / (cls.LOG_INNER * log_x + 1.0)
        rec_slope = np.where(x > cls._REC_CAP, 0.0, (cls.REC_SLOPE / denom) / denom)
        return np.where(negative, exp_part, np.where(below_seam, log_slope, rec_slope))

    @classmethod
    def _value(cls, x: np.ndarray) -> np.ndarray:
        return cls._value_from(cls._pieces(x))

    @classmethod
    def _slope(cls, x: np.ndarray) -> np.ndarray:
        return cls._slope_from(x, cls._pieces(x))

    def value_and_derivative(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Both from one evaluation of the pieces (about half the work of two calls)."""
        x = _as_float(z)
        pieces = self._pieces(x)
        return self._value_from(pieces), self._slope_from(x, pieces)


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def _softplus(z: np.ndarray) -> np.ndarray:
    # ln(1 + e^z) = max(z, 0) + ln(1 + e^-|z|): the exp argument is never positive.
    return np.maximum(z, 0.0) + np.log1p(exp_nonpositive(-np.abs(z)))


def _swish(z: np.ndarray) -> np.ndarray:
    # Below -750 sigmoid is exactly 0; clipping z there keeps -inf * 0 from giving nan.
    return np.maximum(z, -750.0) * sigmoid(z)


def _swish_slope(z: np.ndarray) -> np.ndarray:
    # d/dz z s(z) = s + z s (1 - s); z is clipped where s(1 - s) is already exactly 0, so the
    # product cannot overflow (1e300 * tiny) or underflow.
    s = sigmoid(z)
    zc = np.clip(z, -750.0, 750.0)
    return s + zc * s * (1.0 - s)


def leaky_relu(negative_slope: float = 0.2) -> Activation:
    """max(z, 0) + negative_slope * min(z, 0).

    The default 0.2 is that of ``keras.activations.leaky_relu`` (what ``activation="leaky_relu"``
    uses in Keras 3). Note: the *layer* ``keras.layers.LeakyReLU`` defaults to 0.3.
    """
    a = float(negative_slope)
    return Activation(
        "leaky_relu",
        lambda z: np.where(z > 0.0, z, a * z),
        lambda z: np.where(z > 0.0, 1.0, a),
        negative_slope=a,
    )


def elu(alpha: float = 1.0) -> Activation:
    """z for z > 0, alpha (e^z - 1) otherwise (Keras default alpha 1.0)."""
    return _scaled_elu("elu", 1.0, float(alpha))


SELU_ALPHA = 1.67326324235437728481
SELU_SCALE = 1.05070098735548049342


def _scaled_elu(name: str, scale: float, alpha: float) -> Activation:
    """scale * elu_alpha(z); expm1/exp run on min(z, 0) only, so large z cannot overflow."""

    def value(z: np.ndarray) -> np.ndarray:
        return scale * np.where(z > 0.0, z, alpha * np.expm1(np.clip(z, -750.0, 0.0)))

    def slope(z: np.ndarray) -> np.ndarray:
        return scale * np.where(z > 0.0, 1.0, alpha * exp_nonpositive(np.minimum(z, 0.0)))

    params = {"alpha": alpha} if name == "elu" else {}
    return Activation(name, value, slope, **params)


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


_FACTORIES: dict[str, Callable[..., Activation]] = {
    "linear": lambda: Activation("linear", lambda z: z.copy(), np.ones_like),
    "sigmoid": lambda: Activation("sigmoid", sigmoid, lambda z: sigmoid(z) * sigmoid(-z)),
    "tanh": lambda: Activation("tanh", np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "relu": lambda: Activation("relu", _relu, lambda z: np.where(z > 0.0, 1.0, 0.0)),
    "leaky_relu": leaky_relu,
    "elu": elu,
    "selu": lambda: _scaled_elu("selu", SELU_SCALE, SELU_ALPHA),
    "softplus": lambda: Activation("softplus", _softplus, sigmoid),
    "swish": lambda: Activation("swish", _swish, _swish_slope),
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
    "Activation",
    "Division",
    "FormulaError",
    "Softmax",
    "from_formula",
    "get",
    "names",
]
