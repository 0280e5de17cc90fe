"""Checks that let the training panels say exactly what is wrong instead of guessing.

Two situations used to be misreported: a loss that cannot fit the output (categorical
cross-entropy on one output neuron is always 0, so nothing trains; this is a configuration
error, not a learning rate that is too large), and an output stuck at one value for every
example (a saturated output neuron, after a too large step), which trains on silently.
"""

from __future__ import annotations

import numpy as np

import pycore

SAMPLE_ROWS = 64


def configuration_problem(model: pycore.Sequential, loss: str, y: np.ndarray) -> str | None:
    """The i18n key of the reason this loss cannot train this model on targets ``y``, or None.

    Keys (registered by ``web.ui.training_controls``): ``train.problem.no_data``,
    ``train.problem.categorical_one_output``, ``train.problem.binary_targets``,
    ``train.problem.positive_targets``."""
    if len(y) == 0:
        return "train.problem.no_data"
    if loss == "categorical_crossentropy" and model.output_dim == 1:
        return "train.problem.categorical_one_output"
    if loss == "binary_crossentropy" and (np.min(y) < 0.0 or np.max(y) > 1.0):
        return "train.problem.binary_targets"
    if loss == "log_mse" and np.min(y) <= 0.0:
        return "train.problem.positive_targets"
    return None


def is_saturated(model: pycore.Sequential, x: np.ndarray) -> bool:
    """True when the model gives (numerically) the same output for every example, which is
    what an output neuron pushed into a flat part of its activation does. Checked on a few
    rows: cheap enough for every update."""
    rows = x[:: max(1, len(x) // SAMPLE_ROWS)]
    if len(rows) < 2:
        return False
    prediction = model.predict(rows)
    spread = np.ptp(prediction, axis=0)
    scale = 1.0 + np.abs(prediction).max(axis=0)
    return bool(np.all(spread <= 1e-9 * scale))
