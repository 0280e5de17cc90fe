"""Metrics: the numbers `fit` and `evaluate` report beside the loss (Keras names).

A metric is any function ``(y_true, y_pred) -> float``: every loss is one, plus the
accuracies, which are not differentiable and therefore never a loss.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from pycore import losses

Metric = Callable[[np.ndarray, np.ndarray], float]

ACCURACY_NAMES = ("accuracy", "acc", "binary_accuracy", "categorical_accuracy")


def binary_accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of outputs on the right side of 0.5: mean(y_true == (y_pred > 0.5))."""
    hits = y_true == (y_pred > 0.5)
    return np.count_nonzero(hits) / hits.size  # = np.mean(hits), without its overhead


def categorical_accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of rows whose largest prediction is at the true class (argmax of one-hot y)."""
    return float(np.mean(np.argmax(y_true, axis=-1) == np.argmax(y_pred, axis=-1)))


def resolve_metric(name: str, output_dim: int) -> Metric:
    """A metric by name: any loss name, or an accuracy. Plain "accuracy" means binary accuracy
    for a single output and categorical accuracy otherwise (Keras picks it the same way)."""
    if name == "binary_accuracy" or (name in ("accuracy", "acc") and output_dim == 1):
        return binary_accuracy
    if name in ACCURACY_NAMES:
        return categorical_accuracy
    return losses.get(name)


__all__ = [
    "ACCURACY_NAMES",
    "Metric",
    "binary_accuracy",
    "categorical_accuracy",
    "resolve_metric",
]
