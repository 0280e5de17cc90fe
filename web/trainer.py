"""Live training for the views: one epoch at a time, yielding to the event loop in between.

A lecture demo must stay responsive while a network trains, in CPython under ``panel serve``
and in Pyodide's single-threaded worker alike. So training is cut into epochs run by
``pycore``'s own ``fit`` (which also guards against divergence), and ``run`` yields to the event
loop once per frame (``web.ui.pacing``) so button clicks and redraws get through.

Settings can change mid-run without resetting anything: a new learning rate is written into the
live optimizer; a new optimizer or loss recompiles the model but keeps its weights and the epoch
counter (a new optimizer starts with fresh slot state, which is what Keras does too).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import param

import pycore
from pycore.callbacks import TrainingStopped
from web.ui.pacing import FramePacer

OPTIMIZERS = tuple(pycore.optimizers.names())
LOSSES = tuple(pycore.losses.names())


class Trainer(param.Parameterized):
    """Trains one pycore model on one data set, epoch by epoch, for a view to show."""

    epoch = param.Integer(default=0, bounds=(0, None), doc="Epochs trained so far.")
    running = param.Boolean(default=False, doc="True while run() is looping.")
    learning_rate = param.Number(default=1e-3, bounds=(0, None), inclusive_bounds=(False, True))
    batch_size = param.Integer(default=32, bounds=(1, None))
    optimizer = param.Selector(default="adam", objects=list(OPTIMIZERS))
    loss = param.Selector(default="mae", objects=list(LOSSES))
    max_epochs = param.Integer(default=10_000, bounds=(1, None))

    def __init__(
        self,
        model: pycore.Sequential,
        x_train: np.ndarray,
        y_train: np.ndarray,
        x_val: np.ndarray | None = None,
        y_val: np.ndarray | None = None,
        seed: int = 0,
        **params: object,
    ) -> None:
        super().__init__(**params)
        self.model = model
        self.x_train, self.y_train = x_train, y_train
        self.x_val, self.y_val = x_val, y_val
        self.seed = seed
        self.history: dict[str, list[float]] = {}
        self.stopped: TrainingStopped | None = None
        self._compile()

    def _compile(self) -> None:
        optimizer = pycore.optimizers.get(self.optimizer, learning_rate=self.learning_rate)
        self.model.compile(optimizer=optimizer, loss=self.loss)

    @param.depends("optimizer", "loss", watch=True)
    def _recompile(self) -> None:
        self._compile()

    @param.depends("learning_rate", watch=True)
    def _set_learning_rate(self) -> None:
        self.model.optimizer.learning_rate = self.learning_rate

    def step(self, epochs: int = 1) -> dict[str, float]:
        """Train ``epochs`` more epochs from the current weights; return the last epoch's logs.

        A diverging run is stopped by pycore, which restores the last finite weights; the
        event is kept in ``self.stopped`` and training is paused until ``reset`` or a new start.
        """
        validation = None if self.x_val is None else (self.x_val, self.y_val)
        result = self.model.fit(
            self.x_train,
            self.y_train,
            epochs=self.epoch + epochs,
            initial_epoch=self.epoch,
            batch_size=self.batch_size,
            validation_data=validation,
            shuffle=True,
            seed=self.seed + self.epoch,
            verbose=0,
        )
        logs = {name: values[-1] for name, values in result.history.items() if values}
        completed = len(result.history.get("loss", []))
        for name, values in result.history.items():
            self.history.setdefault(name, []).extend(values)
        self.epoch += completed
        stopped = getattr(result, "stopped", None)
        if stopped is not None:
            self.stopped = stopped
            self.running = False
        return logs

    async def run(self, on_epoch: Callable[[dict[str, float]], None]) -> None:
        """Train until paused, stopped by divergence, or ``max_epochs`` is reached.

        Clicks are handled while the loop yields (``web.ui.pacing``). A run started while an
        older one still waits at its yield (Play right after Pause) replaces it: one loop only.
        """
        self.stopped = None
        self.running = True
        self._run_token = token = object()
        pacer = FramePacer()
        try:
            while self.running and self._run_token is token and self.epoch < self.max_epochs:
                logs = self.step(1)
                on_epoch(logs)
                await pacer.tick()
        finally:
            if self._run_token is token:
                self.running = False

    def pause(self) -> None:
        self.running = False

    def reset(
        self,
        model: pycore.Sequential | None = None,
        x_train: np.ndarray | None = None,
        y_train: np.ndarray | None = None,
        x_val: np.ndarray | None = None,
        y_val: np.ndarray | None = None,
    ) -> None:
        """Start over: optionally with another model or data, always with epoch 0 and no history."""
        self.running = False
        if model is not None:
            self.model = model
        if x_train is not None and y_train is not None:
            self.x_train, self.y_train = x_train, y_train
            self.x_val, self.y_val = x_val, y_val
        self.history = {}
        self.stopped = None
        self.epoch = 0
        self._compile()
