"""Keep up to four models of the division tab and measure each the same way.

A kept model is a copy (later training does not change it) with its name, where its weights
came from, its quality on the test set (:mod:`web.division.metrics`: MAE in quotient units and
worst relative error on the 36,100 pairs of 1.0 … 19.9) and its error over the heatmap's input
square (a coarser grid than the main heatmap: four of them share one row).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import param

import pycore
from web.division import metrics
from web.division.model import copy_model, error_grid
from web.ui.live_model import LiveModel

MAX_MODELS = 4
GRID_POINTS = 80
LOW, HIGH = 1.0, 25.0
MAX_NAME = 40


@dataclass(frozen=True)
class Kept:
    """One kept model; ``name`` is what you typed (None: named by its origin)."""

    name: str | None
    origin: str
    model: pycore.Sequential
    quality: metrics.Quality
    axis: np.ndarray
    errors: np.ndarray

    def activations(self) -> str:
        return " / ".join(layer.activation.name for layer in self.model.layers
                          if isinstance(layer, pycore.Dense))


class ModelStore(param.Parameterized):
    """The kept models (at most four) and the name for the next one."""

    label = param.String(default="", doc="Name for the next model to keep (optional).")
    problem = param.String(default=None, allow_None=True, doc="i18n key: why keep failed.")
    count = param.Integer(default=0, doc="Ticks when a model is kept or removed.")

    def __init__(self, live: LiveModel, **params: object) -> None:
        super().__init__(**params)
        self.live = live
        self.kept: list[Kept] = []

    def keep(self) -> bool:
        """Keep a copy of the active model; False (and nothing changes) if four are kept
        already or the name is too long."""
        if len(self.kept) >= MAX_MODELS:
            self.problem = "compare.full"
            return False
        name = self.label.strip()
        if len(name) > MAX_NAME:
            self.problem = "compare.name_long"
            return False
        model = copy_model(self.live.model)
        axis, errors = error_grid(model, LOW, HIGH, GRID_POINTS)
        self.kept.append(Kept(name or None, self.live.origin, model, metrics.quality(model),
                              axis, errors))
        self.param.update(problem=None, label="", count=self.count + 1)
        return True

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.kept):
            del self.kept[index]
            self.param.update(problem=None, count=self.count + 1)
