"""Generic data helpers for the lab (splits).

The division task (data, presets, network) lives in :mod:`pycore.division`; its names are
re-exported here for one release so that ``pycore.data.division_model`` keeps working.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# Moved to pycore.division; re-exported here for one release.
from pycore.division import DIVISION_PRESETS as DIVISION_PRESETS
from pycore.division import QUOTIENT_SCALE as QUOTIENT_SCALE
from pycore.division import division_dataset as division_dataset
from pycore.division import division_grid as division_grid
from pycore.division import division_model as division_model
from pycore.division import division_targets as division_targets


def train_val_test_split(
    x: Any,
    y: Any,
    fractions: tuple[float, float, float] = (0.8, 0.1, 0.1),
    seed: int | None = None,
) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Shuffle the rows (seeded) and cut them into ((x_train, y_train), (x_val, y_val),
    (x_test, y_test)) of sizes round(n f_train), round(n f_val) and the rest."""
    x, y = np.asarray(x), np.asarray(y)
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"x has {x.shape[0]} rows but y has {y.shape[0]}")
    if len(fractions) != 3 or min(fractions) < 0 or not np.isclose(sum(fractions), 1.0):
        raise ValueError(f"fractions must be three non-negative numbers summing to 1: {fractions}")
    n = x.shape[0]
    order = np.random.default_rng(seed).permutation(n)
    n_train = round(n * fractions[0])
    n_val = min(round(n * fractions[1]), n - n_train)
    parts = np.split(order, [n_train, n_train + n_val])
    return tuple((x[rows], y[rows]) for rows in parts)
