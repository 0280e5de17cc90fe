"""View-model of "optimizers on a loss surface": surface, optimizers, step size as params.

Every chosen optimizer starts at the same point with the same learning rate (and momentum for
the SGD variants) and takes its steps on the same surface; Step moves all of them once, Play
animates a few steps per redraw until ``steps`` or Stop. Changing a setting starts the paths
again; choosing another surface also takes that surface's own start, learning rate and number
of steps (Rosenbrock needs a far smaller learning rate than the quadratic bowl).
"""

from __future__ import annotations

import numpy as np
import param

from web.experiments.runner import LiveExperiment
from web.experiments.surface import functions
from web.experiments.surface.claims import CHOICES
from web.experiments.surface.functions import Surface
from web.experiments.surface.paths import OPTIMIZERS, Path

SURFACES = ("quadratic", "rosenbrock", "saddle", "net")
LR_CHOICES = CHOICES  # the learning-rate slider's steps
GRID = 140  # points per axis of the contour picture


class OptLab(LiveExperiment):
    """The surface, the optimizers on it and their paths so far."""

    # The defaults are the quadratic bowl's own start, learning rate and steps.
    surface = param.Selector(default="quadratic", objects=list(SURFACES))
    chosen = param.ListSelector(default=["sgd", "momentum", "nesterov", "rmsprop", "adam"],
                                objects=list(OPTIMIZERS))
    lr_step = param.Integer(default=LR_CHOICES.index(0.01), bounds=(0, len(LR_CHOICES) - 1),
                            doc="Position on the learning-rate ladder (the slider).")
    momentum = param.Number(default=0.9, bounds=(0.0, 0.99))
    steps = param.Integer(default=300, bounds=(1, 5000))
    start_a = param.Number(default=-4.0, bounds=(-100.0, 100.0))
    start_b = param.Number(default=3.0, bounds=(-100.0, 100.0))

    LINK_PARAMS = ("surface", "chosen", "lr_step", "momentum", "steps", "start_a",
                   "start_b")
    UNITS_PER_SLICE = 4  # Play shows every fourth step: an animation, not a jump to the end

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self.paths: list[Path] = []
        self._net: Surface | None = None
        self._grids: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self.reset()

    @property
    def learning_rate(self) -> float:
        return LR_CHOICES[self.lr_step]

    # --- the surface ---------------------------------------------------------------------
    def current(self) -> Surface:
        if self.surface == "net":
            if self._net is None:
                self._net = functions.net_slice(*functions.trained_net())
            return self._net
        return {"quadratic": functions.QUADRATIC, "rosenbrock": functions.ROSENBROCK,
                "saddle": functions.SADDLE}[self.surface]

    def grid(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(a values, b values, loss[b, a]) of the picture, computed once per surface."""
        if self.surface not in self._grids:
            s = self.current()
            a, b = np.linspace(*s.a_range, GRID), np.linspace(*s.b_range, GRID)
            self._grids[self.surface] = (a, b, s.grid(a, b))
        return self._grids[self.surface]

    @param.depends("surface", watch=True)
    def _surface_chosen(self) -> None:
        s = self.current()
        self.param.update(lr_step=LR_CHOICES.index(s.learning_rate), steps=s.steps,
                          start_a=s.start[0], start_b=s.start[1])
        self.reset()

    # --- paths ---------------------------------------------------------------------------
    @param.depends("chosen", "lr_step", "momentum", "start_a", "start_b", watch=True)
    def reset(self) -> None:
        """Every chosen optimizer back at the start (step 0)."""
        surface = self.current()
        self.paths = [Path.start(name, surface, (self.start_a, self.start_b),
                                 self.learning_rate, self.momentum)
                      for name in OPTIMIZERS if name in self.chosen]
        self.tick()

    @property
    def finished(self) -> bool:
        return all(path.diverged or path.steps >= self.steps for path in self.paths)

    def start(self) -> None:
        """Play continues the paths; only finished paths start again."""
        if self.finished:
            self.reset()

    def unit(self) -> bool:
        """One step of every optimizer that is still going; False when all are done."""
        surface = self.current()
        for path in self.paths:
            if path.steps < self.steps:
                path.step(surface)
        return not self.finished

    def step_once(self) -> None:
        """The Step button: one step of every optimizer."""
        if self.finished:
            self.reset()
        self.unit()
        self.tick()
