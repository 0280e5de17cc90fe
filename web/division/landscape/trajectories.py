"""The paths the weights took: every training run's weights after each update.

The loss landscape draws the last gradient-descent run's path over its slice. Which two
weights the slice shows is chosen later, so all nine are kept: one list of weight arrays per
update (nine floats; a few thousand updates are a few hundred kB at most, and a path is
thinned to ``MAX_POINTS`` evenly spaced updates).
"""

from __future__ import annotations

import numpy as np
import param

from web.ui.trainer import Trainer

MAX_POINTS = 2000


def thinned(path: list[list[np.ndarray]]) -> list[list[np.ndarray]]:
    """At most ``MAX_POINTS`` evenly spaced points, always the first and the last."""
    if len(path) <= MAX_POINTS:
        return path
    keep = np.unique(np.linspace(0, len(path) - 1, MAX_POINTS).round().astype(int))
    return [path[k] for k in keep]


class TrainerPath(param.Parameterized):
    """Follows a :class:`Trainer`: the weights at the start of each run and after each update.

    ``last`` is the path of the latest run that trained at least one epoch (a run that was
    only started, e.g. by loading new weights, has no path yet), with its optimizer's name.
    """

    changed = param.Integer(default=0, doc="Ticks when a path gains a point or a run starts.")

    def __init__(self, trainer: Trainer, **params: object) -> None:
        super().__init__(**params)
        self.trainer = trainer
        self.current: list[list[np.ndarray]] = []
        self.current_optimizer = trainer.optimizer
        self.last: list[list[np.ndarray]] = []
        self.last_optimizer: str | None = None
        self._start()
        trainer.param.watch(self._new_run, "run_count")
        trainer.param.watch(self._update, "epoch")

    def _start(self) -> None:
        self.current = [self.trainer.model.get_weights()]
        self.current_optimizer = self.trainer.optimizer

    def _new_run(self, _event: object) -> None:
        self._start()
        self.changed += 1

    def _update(self, event: param.parameterized.Event) -> None:
        if event.new <= 0:
            return
        self.current.append(self.trainer.model.get_weights())
        self.current = thinned(self.current)
        self.last, self.last_optimizer = self.current, self.trainer.optimizer
        self.changed += 1
