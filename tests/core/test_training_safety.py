"""The non-finite guard: divergent training stops, keeps the last finite weights, says why.

Each StopReason is produced by a net that really fails at that stage of a step: the loss
(forward pass), a gradient (backward pass) or the update."""

from __future__ import annotations

import numpy as np
import pytest

from pycore import Dense, Sequential, activations, optimizers
from pycore.callbacks import Callback, StopReason, TrainingStopped


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
    assert event is not None and event.reason is StopReason.NON_FINITE_LOSS
    assert event.reason == "non-finite loss"  # str-valued: comparisons of older code still work
    assert "forward pass or the loss computation overflowed" in event.message
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
    x, y = linear_data()
    assert np.isfinite(model.evaluate(x, y))
    assert all(np.isfinite(g).all() for g in model.gradients(x, y))
    recorder = Recorder()
    history = model.fit(x, y, epochs=3, batch_size=64, callbacks=[recorder])
    assert history.stopped is not None
    assert history.stopped.reason is StopReason.NON_FINITE_WEIGHTS
    assert "the update itself overflowed" in history.stopped.message
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
    assert history.stopped is not None
    assert history.stopped.reason is StopReason.NON_FINITE_GRADIENTS
    assert "backward pass overflowed" in history.stopped.message
    assert model.optimizer.iterations == 0
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_backward_overflow_is_a_gradient_stop_not_a_weight_stop() -> None:
    """Huge output weights (+-5e307) on a tanh layer: the prediction 8.3e307 and the MAE stay
    finite, but dL/dW1 = x * dL/dz1 = 40 * 1.5e307 overflows in the backward pass."""
    model = Sequential([Dense(2, activation="tanh", input_dim=3), Dense(1)], seed=0)
    model.compile(optimizer="sgd", loss="mae")
    model.set_weights([np.array([[0.01, -0.01]] * 3), np.zeros(2),
                       np.array([[5e307], [-5e307]]), np.zeros(1)])
    before = model.get_weights()
    x, y = np.full((1, 3), 40.0), np.zeros((1, 1))
    assert np.isfinite(model.evaluate(x, y))
    with np.errstate(all="ignore"):
        assert not all(np.isfinite(g).all() for g in model.gradients(x, y))
    with np.errstate(all="raise"):
        history = model.fit(x, y, epochs=1, batch_size=1)
    assert history.stopped is not None
    assert history.stopped.reason is StopReason.NON_FINITE_GRADIENTS
    assert model.optimizer.iterations == 0
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_stop_reasons_are_strings_with_distinct_explanations() -> None:
    assert [reason.value for reason in StopReason] == [
        "non-finite loss", "non-finite gradients", "non-finite weights"]
    for reason in StopReason:
        assert isinstance(reason, str) and str(reason) == f"{reason}" == reason.value
        event = TrainingStopped.at(reason, 2, 4)
        assert event.message.startswith("Training stopped in epoch 3, batch 5: ")
        assert reason.explanation in event.message
    assert len({reason.explanation for reason in StopReason}) == 3


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
