"""The data of the generalisation card: noisy samples of sin(2πx), split three ways.

A student must be able to make a net overfit, so the data are few and noisy on purpose (the
lab's other data sets are noiseless and large, and nothing overfits them). Training points fit
the weights, validation points choose when to stop (and which weights to keep), test points are
looked at once, at the end. Because the lab knows the true function, it can also say how far
the net's curve is from it ("true error"), which no real data set allows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# train / validation / test shares; the label is what the student picks.
SPLITS = {"50/25/25": (0.5, 0.25), "60/20/20": (0.6, 0.2), "70/15/15": (0.7, 0.15),
          "80/10/10": (0.8, 0.1), "34/33/33": (0.34, 0.33)}
TRUTH_GRID = np.linspace(0.0, 1.0, 501)


def target(x: np.ndarray) -> np.ndarray:
    return np.sin(2.0 * np.pi * x)


@dataclass(frozen=True)
class Split:
    """Rows of each part as (n, 1) columns."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    def parts(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return {"train": (self.x_train, self.y_train), "val": (self.x_val, self.y_val),
                "test": (self.x_test, self.y_test)}


def sizes(points: int, split: str) -> tuple[int, int, int]:
    """(train, validation, test) counts; every part gets at least one point."""
    train_share, val_share = SPLITS[split]
    n_train = max(1, round(points * train_share))
    n_val = max(1, round(points * val_share))
    n_train = min(n_train, points - 2)
    n_val = min(n_val, points - n_train - 1)
    return n_train, n_val, points - n_train - n_val


def make(points: int, noise: float, split: str, seed: int) -> Split:
    """``points`` x uniform on [0, 1], y = sin(2πx) + noise·N(0, 1), split in drawing order
    (the draws are random, so every part covers [0, 1])."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, size=(points, 1))
    y = target(x) + noise * rng.standard_normal((points, 1))
    n_train, n_val, _ = sizes(points, split)
    a, b = n_train, n_train + n_val
    return Split(x[:a], y[:a], x[a:b], y[a:b], x[b:], y[b:])


def mse(model, x: np.ndarray, y: np.ndarray) -> float:
    """Plain mean squared error of the net in inference mode (no dropout, no L2 term)."""
    return float(np.mean((model.predict(x) - y) ** 2))


def true_error(model) -> float:
    """Mean squared distance between the net's curve and sin(2πx) on [0, 1]."""
    grid = TRUTH_GRID[:, None]
    return mse(model, grid, target(grid))
