"""The numbers behind the activation explorer: curves straight from pycore, and their y-range.

Softmax is left out: it maps a vector to a vector, so it has no curve over one x.
"""

from __future__ import annotations

import numpy as np

import pycore
from pycore.activations import Division

NAMES = [n for n in pycore.activations.names() if n != "softmax"]
CUSTOM = "custom"
DIVISION_RANGE = (-2.0, 20.0)
SAMPLES = 801
Y_CLIP = 3.0  # the y-range shows at most ±3: a slope of 30000 must not flatten every curve
DRAW_LIMIT = 1e6  # beyond this a value is left out (a gap), e.g. f(x) = 1/x at 0


def curve(activation: pycore.activations.Activation, lo: float, hi: float,
          n: int = SAMPLES) -> dict[str, np.ndarray]:
    """x on [lo, hi] (with the division kink points 0 and 15 added when inside), f(x) and
    f'(x) straight from pycore. Values are drawn as they are (a steep slope leaves the picture
    through its top instead of being flattened to a false plateau); only non-finite values and
    values beyond ±DRAW_LIMIT become gaps."""
    x = np.linspace(lo, hi, n)
    extra = [p for p in (0.0, Division.SEAM) if lo < p < hi]
    x = np.unique(np.concatenate([x, extra, np.nextafter(extra, np.inf)]))
    return {"x": x, "y": _drawable(activation(x)), "dy": _drawable(activation.derivative(x))}


def _drawable(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(values) & (np.abs(values) <= DRAW_LIMIT), values, np.nan)


def y_limits(curves: dict[str, dict[str, np.ndarray]], derivatives: bool) -> tuple[float, float]:
    """The y-range: every shown curve, each value limited to ±Y_CLIP, plus 8 % margin."""
    keys = ("y", "dy") if derivatives else ("y",)
    values = [np.clip(d[k], -Y_CLIP, Y_CLIP) for d in curves.values() for k in keys]
    finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.zeros(1)
    lo, hi = float(finite.min(initial=0.0)), float(finite.max(initial=1.0))
    pad = 0.08 * (hi - lo or 1.0)
    return lo - pad, hi + pad


def sigmoid_from_tanh(x: np.ndarray) -> np.ndarray:
    """(1 + tanh(x/2)) / 2, which equals sigmoid(x): sigmoid is a shifted, scaled tanh."""
    return (1.0 + np.tanh(x / 2.0)) / 2.0
