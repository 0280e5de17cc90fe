"""How well a division net divides, measured the same way wherever the tab reports it.

Learn-from-scratch, the grid search and the model comparison all report the mean absolute
error in quotient units (|100 ŷ − x1/x2|) and the worst relative error on one fixed test set:
every pair of 1.0, 1.1, … 19.9 (the original input range in steps of 0.1, 190² = 36,100 pairs,
``pycore.division.division_grid(0.1)``), never the training rows. One ``predict`` call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

import pycore
from pycore.division import QUOTIENT_SCALE, division_grid

TEST_STEP = 0.1


@cache
def test_set() -> tuple[np.ndarray, np.ndarray]:
    """The test pairs and their quotients x1 / x2 (computed once, read-only)."""
    x, y = division_grid(TEST_STEP)
    quotient = QUOTIENT_SCALE * y[:, 0]
    x.setflags(write=False)
    quotient.setflags(write=False)
    return x, quotient


@dataclass(frozen=True)
class Quality:
    """Mean absolute error (quotient units) and worst relative error on the test set."""

    mae: float
    worst_relative: float


def quality(model: pycore.Sequential) -> Quality:
    """Measure ``model`` on :func:`test_set`. A prediction that is not finite makes both
    numbers infinite (shown as "—"), never NaN."""
    x, quotient = test_set()
    with np.errstate(all="ignore"):
        error = np.abs(QUOTIENT_SCALE * model.predict(x)[:, 0] - quotient)
    if not np.all(np.isfinite(error)):
        return Quality(float("inf"), float("inf"))
    return Quality(float(error.mean()), float((error / quotient).max()))
