"""The live reasons beside the landscape: measured at the active weights, as they change.

:func:`web.division.landscape.mechanism.measure` costs about a millisecond on the slice's
samples, so it follows every weight change, but at most every ``MIN_SECONDS`` while a run
trains (the last state is always measured when it pauses). The random-start count takes
longer (one gradient per start), so it runs in chunks with a yield to the page between them.
"""

from __future__ import annotations

import time

import numpy as np
import param

from web.division.landscape.mechanism import Mechanism, measure, random_start_signs
from web.division.model import is_division_net
from web.ui import pacing
from web.ui.live_model import LiveModel
from web.ui.trainer import Trainer

MIN_SECONDS = 0.25
STARTS = 200
STARTS_PER_CHUNK = 25


class Reasons(param.Parameterized):
    """The measured mechanism at the active weights, and the count over random starts."""

    mechanism = param.ClassSelector(class_=Mechanism, default=None, allow_None=True,
                                    doc="At the active weights (None for other nets).")
    starts = param.Tuple(default=None, allow_None=True, length=2,
                         doc="(starts with both gradients positive, starts checked).")
    measuring = param.Boolean(default=False, doc="True while random starts are counted.")

    def __init__(self, live: LiveModel, x: np.ndarray, y: np.ndarray, trainer: Trainer,
                 loss: str = "mae", **params: object) -> None:
        super().__init__(**params)
        self.live, self.x, self.y, self.trainer = live, x, y, trainer
        self.loss = loss
        self._measured = 0.0
        self.refresh()
        live.param.watch(self._changed, "revision")
        trainer.param.watch(self._changed, "running")

    def _changed(self, _event: object) -> None:
        if not self.trainer.running or time.monotonic() - self._measured > MIN_SECONDS:
            self.refresh()

    def set_loss(self, loss: str) -> None:
        """Measure with another loss (the slice's); the random-start count is redone."""
        self.loss = loss
        self.starts = None
        self.refresh()

    def refresh(self) -> None:
        model = self.live.model
        self.mechanism = (measure(model, self.x, self.y, self.loss) if is_division_net(model)
                          else None)
        self._measured = time.monotonic()

    async def count_starts(self, n: int = STARTS) -> None:
        """How many of ``n`` random starts have both output-weight gradients positive; a
        count under way starts again if the loss changes meanwhile."""
        if self.measuring:
            return
        self.measuring = True
        try:
            while True:
                loss, both = self.loss, 0
                for first in range(0, n, STARTS_PER_CHUNK):
                    seeds = range(first, min(n, first + STARTS_PER_CHUNK))
                    both += random_start_signs(self.x, self.y, loss, seeds)[0]
                    await pacing.yield_to_events()
                    if loss != self.loss:
                        break
                else:
                    self.starts = (both, n)
                    return
        finally:
            self.measuring = False
