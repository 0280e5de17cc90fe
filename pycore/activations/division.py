"""The three-piece activation of the division network (foersterrobert/division, 2021)."""

from __future__ import annotations

import numpy as np

from pycore.activations.base import Activation, as_float
from pycore.numerics import exp_nonpositive


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
        x = as_float(z)
        pieces = self._pieces(x)
        return self._value_from(pieces), self._slope_from(x, pieces)
