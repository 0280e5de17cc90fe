"""Live training for every panel that trains: the settings as params, the loop, the runs.

A lecture demo must stay responsive while a network trains, in CPython under ``panel serve``
and in Pyodide's single-threaded worker alike. So training is cut into updates of
``epochs_per_update`` epochs, each run by pycore's own ``fit`` (which guards against
divergence), and the loop yields to the event loop once per frame (:class:`FramePacer`), when
clicks and typed values are applied.
With ``seconds_per_update`` an update instead trains whole epochs until that much time has
passed (at most ``epochs_per_update``): a tiny net then trains many epochs per picture, and the
pictures are redrawn at a steady rate however fast or slow an epoch is.

Each setting has exactly one rule and one default: the param below. Widgets are made from these
params (``web.ui.training_controls``), so a field can only ever hold a value this class accepts.
Settings change mid-run without a reset: a new learning rate is written into the live
optimizer; a new optimizer, momentum or loss recompiles the model but keeps weights and epoch
(fresh optimizer state, as Keras does on ``compile``).

A *run* is one curve on the loss chart: it starts at epoch 0 with the loss of the starting
weights, and a new one begins whenever the weights are replaced (``LiveModel.generation``) or
the trainer is reset, so runs from different presets are never joined into one line.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import param

import pycore
from pycore.callbacks import Callback, TrainingStopped
from web.ui.live_model import LiveModel
from web.ui.pacing import FramePacer, LiveLoop
from web.ui.training_checks import configuration_problem, is_saturated

OPTIMIZERS = tuple(pycore.optimizers.names())
LOSSES = tuple(pycore.losses.names())


@dataclass(frozen=True)
class Dataset:
    """Training rows and (optionally) validation rows, as 2-D float arrays."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray | None = None
    y_val: np.ndarray | None = None


@dataclass
class Run:
    """One curve of the loss chart: logs per epoch from epoch 0, and where it started."""

    number: int
    origin: str
    epochs: list[int] = field(default_factory=list)
    logs: dict[str, list[float]] = field(default_factory=dict)

    def add(self, epoch: int, logs: dict[str, float]) -> None:
        self.epochs.append(epoch)
        for name, value in logs.items():
            self.logs.setdefault(name, []).append(float(value))

    def last(self, name: str) -> float | None:
        values = self.logs.get(name)
        return values[-1] if values else None


class Trainer(param.Parameterized):
    """Trains the model of a :class:`LiveModel` on one data set, update by update."""

    optimizer = param.Selector(default="adam", objects=list(OPTIMIZERS))
    learning_rate = param.Number(default=1e-3, bounds=(1e-6, 10.0))
    momentum = param.Number(default=0.0, bounds=(0.0, 0.999), doc="SGD only.")
    nesterov = param.Boolean(default=False, doc="SGD with momentum only.")
    loss = param.Selector(default="mse", objects=list(LOSSES))
    batch_size = param.Integer(default=32, bounds=(1, 4096))
    epochs_per_update = param.Integer(default=1, bounds=(1, 500))
    seconds_per_update = param.Number(default=None, allow_None=True, bounds=(0.001, 10.0),
                                      doc="Time budget of one update of the loop (or None).")
    max_epochs = param.Integer(default=100_000, bounds=(1, None))

    epoch = param.Integer(default=0, bounds=(0, None), doc="Epochs of the current run.")
    running = param.Boolean(default=False, doc="True while the loop trains (the Play toggle).")
    stopped = param.ClassSelector(class_=TrainingStopped, default=None, allow_None=True)
    problem = param.String(default=None, allow_None=True,
                           doc="i18n key of a configuration that cannot train (blocks Play).")
    saturated = param.Boolean(default=False, doc="Every example gets the same prediction.")
    run_count = param.Integer(default=0, doc="Ticks when a run starts (the chart breaks).")

    def __init__(self, live: LiveModel, data: Dataset, seed: int = 0,
                 metrics: tuple[str, ...] = (), callbacks: Sequence[Callback] = (),
                 **params: object) -> None:
        super().__init__(**params)
        self.live = live
        self.data = data
        self.seed = seed
        self.metrics = metrics
        # pycore callbacks for every fit (e.g. a picture redrawn between epochs of an update).
        self.callbacks: list[Callback] = list(callbacks)
        self.runs: list[Run] = []
        self._looping = False
        self._compile()
        self._new_run()
        live.param.watch(self._weights_replaced, "generation")

    # --- configuration -------------------------------------------------------------------
    @property
    def model(self) -> pycore.Sequential:
        return self.live.model

    @property
    def run(self) -> Run:
        return self.runs[-1]

    def _compile(self) -> None:
        extra = ({"momentum": self.momentum, "nesterov": self.nesterov}
                 if self.optimizer == "sgd" else {})
        optimizer = pycore.optimizers.get(self.optimizer, learning_rate=self.learning_rate,
                                          **extra)
        self.model.compile(optimizer=optimizer, loss=self.loss, metrics=list(self.metrics))
        self.problem = configuration_problem(self.model, self.loss, self.data.y_train)

    @param.depends("optimizer", "loss", "momentum", "nesterov", watch=True)
    def _recompile(self) -> None:
        self._compile()

    @param.depends("learning_rate", watch=True)
    def _set_learning_rate(self) -> None:
        self.model.optimizer.learning_rate = self.learning_rate

    def mean_baseline(self) -> float | None:
        """The loss of always predicting the mean training target (on the validation rows if
        there are any): a net whose loss is not below it has learnt nothing from the inputs.
        None while the loss cannot be computed on these targets (``problem``)."""
        if self.problem is not None:
            return None
        y = self.data.y_val if self.data.y_val is not None else self.data.y_train
        mean = np.broadcast_to(self.data.y_train.mean(axis=0), y.shape)
        return float(pycore.losses.get(self.loss)(y, mean))

    def set_data(self, data: Dataset) -> None:
        """Train on other rows from now on (a new run: its losses are not comparable)."""
        self.data = data
        self.reset()

    # --- runs ----------------------------------------------------------------------------
    def _evaluate(self) -> dict[str, float]:
        """Loss (and metrics) of the current weights: the epoch-0 point of a run."""
        logs = _as_logs(self.model.evaluate(self.data.x_train, self.data.y_train), self.metrics)
        if self.data.x_val is not None:
            val = self.model.evaluate(self.data.x_val, self.data.y_val)
            logs |= {f"val_{k}": v for k, v in _as_logs(val, self.metrics).items()}
        return logs

    def _new_run(self) -> None:
        run = Run(number=len(self.runs) + 1, origin=self.live.origin)
        if self.problem is None:
            run.add(0, self._evaluate())
        self.runs.append(run)
        with param.parameterized.batch_call_watchers(self):
            self.stopped = None
            self.saturated = False
            self.epoch = 0
            self.run_count += 1

    def _weights_replaced(self, _event: object) -> None:
        self.running = False
        self._compile()  # a new model or new weights: fresh optimizer state
        self._new_run()

    def reset(self) -> None:
        """Epoch 0 and a new curve from the current weights (what a restored preset needs is
        the owner's job: it replaces the weights, which starts a run by itself)."""
        self.running = False
        self._compile()
        self._new_run()

    def clear_runs(self) -> None:
        """Forget earlier curves; keep the current run."""
        self.runs = self.runs[-1:]
        self.run_count += 1

    # --- training ------------------------------------------------------------------------
    def step(self, epochs: int = 1, seconds: float | None = None) -> dict[str, float]:
        """Train ``epochs`` more epochs from the current weights (with ``seconds``: whole
        epochs until that much time has passed, at most ``epochs``); return the last epoch's
        logs.

        A diverging run is stopped by pycore, which restores the last finite weights; the
        event is kept in ``stopped`` and the loop pauses. ``callbacks`` (pycore callbacks, given
        to the constructor) see every epoch; one that sets ``model.stop_training`` pauses the
        loop as well. A configuration problem trains nothing (``problem`` says why)."""
        if self.problem is not None:
            self.running = False
            return {}
        data = self.data
        budget = None if seconds is None else TimeBudget(seconds)
        validation = None if data.x_val is None else (data.x_val, data.y_val)
        result = self.model.fit(
            data.x_train, data.y_train, epochs=self.epoch + epochs, initial_epoch=self.epoch,
            batch_size=min(self.batch_size, len(data.x_train)), validation_data=validation,
            shuffle=True, seed=self.seed + 7919 * self.run.number, verbose=0,
            callbacks=[*self.callbacks, *([] if budget is None else [budget])])
        completed = len(result.history.get("loss", []))
        for k in range(completed):
            self.run.add(self.epoch + k + 1,
                         {name: values[k] for name, values in result.history.items()})
        with param.parameterized.batch_call_watchers(self):
            self.saturated = is_saturated(self.model, data.x_val if validation else data.x_train)
            if result.stopped is not None:
                self.stopped = result.stopped
                self.running = False
            if self.model.stop_training and not (budget and budget.spent):
                # a callback ended the run (e.g. early stopping), not the update's time budget
                self.running = False
            self.epoch += completed
        self.live.touch()
        return {name: values[-1] for name, values in result.history.items() if values}

    @param.depends("running", watch=True)
    async def _play(self) -> None:
        """Play pressed (``running`` set True): Panel's executor runs the loop on the event
        loop of the session (server or Pyodide worker)."""
        if self.running:
            await self.train_until_paused()

    async def train_until_paused(self) -> None:
        """Train until paused, stopped by divergence, or ``max_epochs`` is reached."""
        if self._looping:
            return
        self._looping = True
        self.stopped = None
        pacer = FramePacer()
        try:
            self.running = True
            with LiveLoop():
                while self.running and self.epoch < self.max_epochs and self.problem is None:
                    self.step(self.epochs_per_update, self.seconds_per_update)
                    await pacer.tick()
        finally:
            self._looping = False
            self.running = False


class TimeBudget(Callback):
    """Ends ``fit`` after the first epoch that finishes ``seconds`` after the start."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.spent = False
        self._start = 0.0

    def on_train_begin(self, logs: dict[str, float] | None = None) -> None:
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        if time.perf_counter() - self._start >= self.seconds:
            self.spent = True
            self.model.stop_training = True


def _as_logs(result: float | list[float], metrics: tuple[str, ...]) -> dict[str, float]:
    """Keras's evaluate() result (a loss, or [loss, *metrics]) as named logs."""
    if not metrics:
        return {"loss": float(result)}
    return dict(zip(("loss", *metrics), map(float, result), strict=True))
