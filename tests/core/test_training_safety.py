"""The non-finite guard: divergent training stops, keeps the last finite weights, says why."""

from __future__ import annotations

import numpy as np
import pytest

from pycore import Dense, Sequential, activations, optimizers
from pycore.callbacks import Callback, TrainingStopped


class Recorder(Callback):
    """Keeps a copy of the weights after every completed batch and every event."""

    def __init__(self) -> None:
        super().__init__()
        self.after_batch: list[list[np.ndarray]] = []
        self.events: list[TrainingStopped] = []
        self.ended = False

    def on_batch_end(self, batch, logs=None):
        self.after_batch.append(self.model.get_weights())

    def on_training_stopped(self, event):
        self.events.append(event)

    def on_train_end(self, logs=None):
        self.ended = True


def linear_data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3))
    return x, x @ np.array([[1.0], [-2.0], [3.0]])


def linear_model(optimizer) -> Sequential:
    model = Sequential([Dense(1, input_dim=3)], seed=0)
    model.compile(optimizer=optimizer, loss="mse")
    return model


def assert_finite(model: Sequential) -> None:
    assert all(np.all(np.isfinite(w)) for w in model.get_weights())


def test_divergent_sgd_is_stopped_with_last_finite_weights() -> None:
    model = linear_model(optimizers.get("sgd", learning_rate=100.0))
    recorder = Recorder()
    with np.errstate(all="raise"):  # the guard must not leak floating-point warnings
        history = model.fit(*linear_data(), epochs=100, batch_size=16, shuffle=False,
                            callbacks=[recorder])
    event = history.stopped
    assert event is not None and event.reason == "non-finite loss"
    assert recorder.events == [event] and not recorder.ended
    assert "learning rate" in event.message and f"epoch {event.epoch + 1}" in event.message
    assert_finite(model)
    for final, last_good in zip(model.get_weights(), recorder.after_batch[-1], strict=True):
        np.testing.assert_array_equal(final, last_good)
    completed_batches = event.epoch * 4 + event.batch
    assert len(recorder.after_batch) == completed_batches
    assert model.optimizer.iterations == completed_batches
    assert len(history.history["loss"]) == event.epoch  # the broken epoch is not recorded
    assert all(np.isfinite(history.history["loss"]))
    assert history.history["loss"][-1] > 1e100  # it really diverged before stopping


def test_overflowing_update_restores_weights() -> None:
    """Finite loss and gradient, but the step itself overflows: w - 1e308 * g = -inf."""
    model = linear_model(optimizers.get("sgd", learning_rate=1e308))
    before = model.get_weights()
    recorder = Recorder()
    history = model.fit(*linear_data(), epochs=3, batch_size=64, callbacks=[recorder])
    assert history.stopped is not None and history.stopped.reason == "non-finite weights"
    assert (history.stopped.epoch, history.stopped.batch) == (0, 0)
    assert recorder.events == [history.stopped]
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_non_finite_gradient_never_reaches_the_optimizer() -> None:
    """An activation whose derivative is infinite: the loss is finite, the gradient is not."""
    broken = activations.from_formula("x", derivative_expr="1/(x-x)", name="broken")
    model = Sequential([Dense(2, activation=broken, input_dim=3), Dense(1)], seed=0)
    model.compile(optimizer="adam", loss="mse")
    before = model.get_weights()
    history = model.fit(*linear_data(), epochs=2, batch_size=32)
    assert history.stopped is not None and history.stopped.reason == "non-finite weights"
    assert "gradient" in history.stopped.message
    assert model.optimizer.iterations == 0
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_train_on_batch_keeps_weights_finite() -> None:
    model = linear_model(optimizers.get("sgd", learning_rate=100.0))
    x, y = linear_data()
    losses = [model.train_on_batch(x, y) for _ in range(200)]
    assert not np.isfinite(losses[-1])
    assert_finite(model)


@pytest.mark.parametrize("optimizer", ["adam", "rmsprop", "nadam", "adamax", "adagrad",
                                       "adadelta", "ftrl", "sgd"])
def test_stable_runs_are_not_stopped(optimizer: str) -> None:
    history = linear_model(optimizer).fit(*linear_data(), epochs=2, batch_size=16, seed=0)
    assert history.stopped is None and len(history.history["loss"]) == 2
