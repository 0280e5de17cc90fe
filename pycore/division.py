"""The division task of foersterrobert/division (2021): its data, weight presets and network.

The division network has 2 inputs, 2 hidden neurons and 1 output, all with the `division`
activation, and is meant to output x1 / x2 / 100 (the target is scaled into the activation's
range (0, 1)); "quotient units" means the output times `QUOTIENT_SCALE`.

The original training data: each input uniform on 1.00-19.99 in steps of 0.01, i.e. an integer
100..1999 divided by 100.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pycore.layers import Dense
from pycore.model import Sequential

QUOTIENT_SCALE = 100.0

#: Input range of the original data, in hundredths (1.00 .. 19.99 inclusive).
_LOW_CENTS, _HIGH_CENTS = 100, 1999


def _frozen(values: Any) -> np.ndarray:
    arr = np.array(values, dtype=np.float64)
    arr.setflags(write=False)
    return arr


#: Weights for the 2-2-1 division net, Keras order [W1, b1, W2, b2] (read-only arrays).
#: "hand_set": hidden_i = 0.03 ln(x_i) + 0.5 on the log piece; the output pre-activation
#: 33.3333 * 0.03 * ln(x1 / x2) - 3.912023 = 0.999999 ln(x1/x2) + ln(0.02) <= 0 lands on the
#: exp piece, 0.5 e^z = 0.01 * x1 / x2.  "trained": the best weights gradient descent found in
#: the original project (MAE about 0.2 in quotient units: both output weights end up negative).
DIVISION_PRESETS: dict[str, list[np.ndarray]] = {
    "hand_set": [
        _frozen([[1e-6, 0.0], [0.0, 1e-6]]),
        _frozen([-1e-6, -1e-6]),
        _frozen([[33.3333], [-33.3333]]),
        _frozen([-3.912023]),
    ],
    "trained": [
        _frozen([[-0.1708, 0.0225], [0.0371, -0.2521]]),
        _frozen([-0.2171, -0.1421]),
        _frozen([[-5.4774], [5.4806]]),
        _frozen([-3.6011]),
    ],
}


def division_targets(x: np.ndarray) -> np.ndarray:
    """Target column x1 / x2 / 100 for inputs of shape (n, 2)."""
    x = np.asarray(x, dtype=np.float64)
    return (x[:, 0] / x[:, 1] / QUOTIENT_SCALE).reshape(-1, 1)


def division_dataset(n: int, seed: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """n random examples as in the original: x of shape (n, 2), y = x1 / x2 / 100 of (n, 1)."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    cents = np.random.default_rng(seed).integers(_LOW_CENTS, _HIGH_CENTS + 1, size=(int(n), 2))
    x = cents / 100.0
    return x, division_targets(x)


def division_grid(step: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (x1, x2) on the regular grid 1.00, 1.00 + step, ... <= 19.99 (step a multiple
    of 0.01). step=0.01 gives the full 1900 x 1900 = 3.61 million examples (58 MB for x)."""
    step_cents = round(step * 100)
    if step_cents < 1 or not np.isclose(step_cents, step * 100):
        raise ValueError(f"step must be a positive multiple of 0.01, got {step}")
    values = np.arange(_LOW_CENTS, _HIGH_CENTS + 1, step_cents) / 100.0
    x1, x2 = np.meshgrid(values, values, indexing="ij")
    x = np.column_stack([x1.ravel(), x2.ravel()])
    return x, division_targets(x)


def division_model(preset: str | None = "hand_set", seed: int | None = None) -> Sequential:
    """The 2-2-1 division net (division activation on both layers), compiled with adam + mae,
    with the named preset's weights (None keeps the seeded glorot_uniform initialization)."""
    model = Sequential(
        [Dense(2, activation="division", input_dim=2), Dense(1, activation="division")],
        name="division",
        seed=seed,
    )
    model.compile(optimizer="adam", loss="mae")
    if preset is not None:
        if preset not in DIVISION_PRESETS:
            raise ValueError(f"unknown preset {preset!r}; known: {sorted(DIVISION_PRESETS)}")
        model.set_weights(DIVISION_PRESETS[preset])
    return model
