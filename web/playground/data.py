"""The playground's data: generated sets or the student's own points, split and featurised.

One :class:`PlaygroundData` is what every part of the tab shows and trains on: the raw points
(for the output plot) and the chosen input features of them (for the net), both split into
training and test rows. The generated sets come from :mod:`pycore.toy_data` with the very
calls the tab's "code" shows, so the printed pycore code reproduces the data exactly.

Own points (clicked into the plot or read from a CSV file) are kept as training and test rows
of raw coordinates; a clicked point always trains (a student clicks to see the net react).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from pycore import toy_data
from web.ui.trainer import Dataset

GRID = 100  # the output plot's resolution: GRID x GRID points of the input plane
THUMBNAIL = 20  # a neuron's thumbnail: THUMBNAIL x THUMBNAIL points
OWN = "own"


@dataclass(frozen=True)
class OwnPoints:
    """The student's points: raw training and test rows (x of shape (n, 2), y of (n, 1))."""

    x_train: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    y_train: np.ndarray = field(default_factory=lambda: np.zeros((0, 1)))
    x_test: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    y_test: np.ndarray = field(default_factory=lambda: np.zeros((0, 1)))

    @property
    def count(self) -> int:
        return len(self.x_train) + len(self.x_test)

    def with_point(self, x1: float, x2: float, y: float) -> OwnPoints:
        """A copy with one more training point."""
        return OwnPoints(np.vstack([self.x_train, [[x1, x2]]]),
                         np.vstack([self.y_train, [[y]]]), self.x_test, self.y_test)

    def resplit(self, train_fraction: float, seed: int) -> OwnPoints:
        """All points split anew (a new train:test ratio)."""
        x = np.vstack([self.x_train, self.x_test])
        y = np.vstack([self.y_train, self.y_test])
        if len(x) < 2:
            return self
        (xt, yt), (xv, yv) = toy_data.split(x, y, train_fraction, seed)
        return OwnPoints(xt, yt, xv, yv)


@dataclass(frozen=True)
class PlaygroundData:
    """Raw points, their features and the plane they live in."""

    name: str
    x_train: np.ndarray  # raw coordinates, (n, 1) or (n, 2)
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    features: tuple[str, ...]
    domain: tuple[float, float]

    @property
    def dim(self) -> int:
        return self.x_train.shape[1]

    def dataset(self) -> Dataset:
        """What the trainer sees: features of the training rows, test rows for validation."""
        test = len(self.x_test) > 0
        return Dataset(toy_data.features(self.x_train, self.features), self.y_train,
                       toy_data.features(self.x_test, self.features) if test else None,
                       self.y_test if test else None)

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """The plane as GRID x GRID cell centres: (axis, features of every cell, rows of
        the image first: x2 grows from row to row, x1 from column to column)."""
        return plane_axis(self.domain, self.dim), grid_features(self.domain, self.dim,
                                                                self.features)


    def thumbnail_grid(self) -> np.ndarray:
        """Features of a coarse THUMBNAIL x THUMBNAIL grid (the neurons' small pictures)."""
        return grid_features(self.domain, self.dim, self.features, THUMBNAIL)


def plane_axis(domain: tuple[float, float], dim: int, n: int = GRID) -> np.ndarray:
    low, high = domain
    n = n if dim == 2 else 4 * n  # a 1-D curve is drawn with more points
    return low + (np.arange(n) + 0.5) * (high - low) / n


@lru_cache(maxsize=8)
def grid_features(domain: tuple[float, float], dim: int, names: tuple[str, ...],
                  n: int = GRID) -> np.ndarray:
    """Features of every grid point (cached: the plane changes only with the data set)."""
    axis = plane_axis(domain, dim, n)
    if dim == 1:
        raw = axis[:, None]
    else:
        x1, x2 = np.meshgrid(axis, axis)
        raw = np.column_stack([x1.ravel(), x2.ravel()])
    values = toy_data.features(raw, names)
    values.setflags(write=False)
    return values


def effective_features(chosen: list[str], dim: int) -> tuple[str, ...]:
    """The chosen features a data set of this dimension can use (1-D data has no x2)."""
    usable = toy_data.FEATURES if dim == 2 else toy_data.ONE_D_FEATURES
    return tuple(name for name in toy_data.FEATURES if name in chosen and name in usable)


def own_domain(points: OwnPoints) -> tuple[float, float]:
    """TF's plane [-6, 6]², widened (symmetrically, to a whole number) for points outside it."""
    x = np.vstack([points.x_train, points.x_test])
    extent = float(np.max(np.abs(x))) * 1.1 if len(x) else 0.0
    radius = max(toy_data.RADIUS, float(np.ceil(extent)))
    return -radius, radius


def generated(name: str, n: int, noise_percent: int, train_percent: int, seed: int,
              features: tuple[str, ...]) -> PlaygroundData:
    """A generated set, made and split exactly as the tab's pycore code does it."""
    x, y = toy_data.make(name, n=n, noise=noise_percent / 100, seed=seed)
    (xt, yt), (xv, yv) = toy_data.split(x, y, train_percent / 100, seed=seed)
    return PlaygroundData(name, xt, yt, xv, yv, features, toy_data.domain(name))


def own(points: OwnPoints, features: tuple[str, ...]) -> PlaygroundData:
    return PlaygroundData(OWN, points.x_train, points.y_train, points.x_test, points.y_test,
                          features, own_domain(points))
