"""Element-wise activation families built from a value and a slope function: relu, softplus,
swish, leaky_relu and the exponential-linear family (elu, selu).

Each branch's argument is clipped to that branch's own domain before it is evaluated, so no
branch ever sees an input that could overflow or underflow.
"""

from __future__ import annotations

import numpy as np

from pycore.activations.base import Activation
from pycore.numerics import exp_nonpositive, sigmoid


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def softplus(z: np.ndarray) -> np.ndarray:
    # ln(1 + e^z) = max(z, 0) + ln(1 + e^-|z|): the exp argument is never positive.
    return np.maximum(z, 0.0) + np.log1p(exp_nonpositive(-np.abs(z)))


def swish(z: np.ndarray) -> np.ndarray:
    # Below -750 sigmoid is exactly 0; clipping z there keeps -inf * 0 from giving nan.
    return np.maximum(z, -750.0) * sigmoid(z)


def swish_slope(z: np.ndarray) -> np.ndarray:
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


def selu() -> Activation:
    """Self-normalising elu: SELU_SCALE * elu_SELU_ALPHA(z) (fixed constants, no parameters)."""
    return _scaled_elu("selu", SELU_SCALE, SELU_ALPHA)
