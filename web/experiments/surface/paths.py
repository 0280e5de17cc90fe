"""The path of one optimizer over a surface, step by step, with pycore's own update rules.

The two parameters are one NumPy array ``p = [a, b]``; each step asks the surface for the
gradient at ``p`` and lets the optimizer update ``p`` in place (``opt.apply([g], [p])``), exactly
as pycore updates a layer's weights. "momentum" and "nesterov" are pycore's SGD with momentum
(and Nesterov's look-ahead); every other name is pycore's optimizer of that name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

import pycore
from web.experiments.surface.functions import Surface

OPTIMIZERS = ("sgd", "momentum", "nesterov", "rmsprop", "adam", "nadam", "adamax", "adagrad",
              "adadelta", "ftrl")
ESCAPE = 1e6  # a parameter beyond this has left for good: the path diverged


def optimizer(name: str, learning_rate: float, momentum: float) -> pycore.optimizers.Optimizer:
    if name in ("momentum", "nesterov"):
        return pycore.optimizers.get("sgd", learning_rate=learning_rate, momentum=momentum,
                                     nesterov=name == "nesterov")
    return pycore.optimizers.get(name, learning_rate=learning_rate)


@dataclass
class Path:
    """Where one optimizer has been: points and losses from the start, and whether it
    diverged (a non-finite gradient or parameter, or one beyond ``ESCAPE``)."""

    name: str
    opt: pycore.optimizers.Optimizer
    p: np.ndarray
    points: list[tuple[float, float]] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    diverged: bool = False

    @classmethod
    def start(cls, name: str, surface: Surface, start: tuple[float, float],
              learning_rate: float, momentum: float) -> Path:
        p = np.array(start, dtype=np.float64)
        path = cls(name, optimizer(name, learning_rate, momentum), p)
        path._record(surface)
        return path

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    def _record(self, surface: Surface) -> None:
        self.points.append((float(self.p[0]), float(self.p[1])))
        self.losses.append(surface.loss_at(self.p))

    def step(self, surface: Surface) -> None:
        """One update; a step that would leave non-finite or escaped values is not taken."""
        if self.diverged:
            return
        with np.errstate(all="ignore"):
            grad = surface.gradient(self.p)
            if not np.all(np.isfinite(grad)):
                self.diverged = True
                return
            trial = self.p.copy()
            self.opt.apply([grad], [trial])
        if not np.all(np.isfinite(trial)) or np.max(np.abs(trial)) > ESCAPE:
            self.diverged = True
            return
        self.p[:] = trial
        self._record(surface)

    def distance(self, minima: tuple[tuple[float, float], ...]) -> float:
        """Distance from the nearest minimum (the trained weights, for the net)."""
        a, b = self.points[-1]
        return min(math.hypot(a - m[0], b - m[1]) for m in minima)
