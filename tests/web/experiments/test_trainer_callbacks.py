"""The Trainer hands pycore callbacks to fit, and a callback may end the run (Keras style)."""

from __future__ import annotations

import numpy as np

import pycore
from pycore.callbacks import Callback
from web.ui.live_model import LiveModel
from web.ui.trainer import Dataset, Trainer


class StopAfter(Callback):
    def __init__(self, epochs: int) -> None:
        super().__init__()
        self.epochs, self.seen = epochs, []

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        self.seen.append(epoch)
        if len(self.seen) >= self.epochs:
            self.model.stop_training = True


def test_a_callback_sees_every_epoch_and_may_pause_the_loop(run_coroutine) -> None:
    x = np.linspace(0.0, 1.0, 20)[:, None]
    net = pycore.Sequential([pycore.Dense(3, activation="tanh", input_dim=1), pycore.Dense(1)],
                            seed=0)
    stop = StopAfter(3)
    trainer = Trainer(LiveModel(model=net), Dataset(x, x**2), callbacks=[stop])
    run_coroutine(trainer.train_until_paused())  # would train up to max_epochs otherwise
    assert stop.seen == [0, 1, 2] and trainer.epoch == 3 and not trainer.running
    assert stop.model is net
