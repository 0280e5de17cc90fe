"""The one training loop: runs from epoch 0, settings that keep the run, honest stop reasons."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from web.ui.trainer import Dataset, Trainer


def test_a_run_starts_with_the_loss_of_the_starting_weights(regression) -> None:
    live, data = regression()
    trainer = Trainer(live, data, optimizer="sgd", loss="mse", learning_rate=0.1)
    expected = pycore.losses.get("mse")(data.y_train, live.model.predict(data.x_train))
    assert trainer.run.epochs == [0]
    assert trainer.run.logs["loss"] == [pytest.approx(expected)]
    trainer.step(9)
    assert trainer.epoch == 9 and trainer.run.epochs == list(range(10))
    assert trainer.run.logs["loss"][-1] < trainer.run.logs["loss"][0] / 10
    assert len(trainer.run.logs["val_loss"]) == 10


def test_settings_change_without_a_reset(regression) -> None:
    live, data = regression()
    trainer = Trainer(live, data, optimizer="adam", loss="mse", learning_rate=0.01)
    trainer.step(3)
    weights = live.model.get_weights()
    trainer.learning_rate = 0.05
    assert live.model.optimizer.learning_rate == 0.05
    trainer.param.update(optimizer="sgd", momentum=0.9, nesterov=True, loss="mae")
    assert trainer.epoch == 3 and len(trainer.runs) == 1
    for kept, now in zip(weights, live.model.get_weights(), strict=True):
        np.testing.assert_array_equal(kept, now)
    config = live.model.optimizer.get_config()
    assert (config["name"], config["momentum"], config["nesterov"]) == ("sgd", 0.9, True)


def test_new_weights_start_a_new_run_with_their_origin(regression) -> None:
    live, data = regression()
    trainer = Trainer(live, data, loss="mse")
    trainer.step(2)
    live.load_weights([np.ones((2, 1)), np.zeros(1)], origin="test.other")
    assert trainer.epoch == 0 and len(trainer.runs) == 2
    assert trainer.run.origin == "test.other" and trainer.run.epochs == [0]
    trainer.reset()
    assert len(trainer.runs) == 3 and trainer.run_count == 3


def test_learning_rate_rule_is_the_param(regression) -> None:
    live, data = regression()
    trainer = Trainer(live, data, loss="mse")
    for bad in (0.0, -1.0, 11.0):
        with pytest.raises(ValueError):
            trainer.learning_rate = bad


def test_divergence_stops_and_keeps_finite_weights(regression, run_coroutine) -> None:
    live, data = regression()
    big = Dataset(data.x_train * 1e3, data.y_train * 1e3)
    trainer = Trainer(live, big, optimizer="sgd", loss="mse", learning_rate=10.0)
    run_coroutine(trainer.train_until_paused())
    assert trainer.stopped is not None and not trainer.running
    assert all(np.isfinite(w).all() for w in live.model.get_weights())
    assert trainer.epoch == len(trainer.run.epochs) - 1  # the diverging epoch is not counted


def test_pause_from_inside_the_loop(regression, run_coroutine) -> None:
    live, data = regression()
    trainer = Trainer(live, data, optimizer="sgd", loss="mse", learning_rate=0.1)
    live.param.watch(lambda _e: trainer.epoch >= 3 and setattr(trainer, "running", False),
                     "revision")
    run_coroutine(trainer.train_until_paused())
    assert trainer.epoch == 3 and trainer.stopped is None and not trainer.running


def test_a_loss_that_cannot_fit_the_output_blocks_training(regression) -> None:
    live, data = regression()
    trainer = Trainer(live, data, loss="categorical_crossentropy")
    assert trainer.problem == "train.problem.categorical_one_output"
    assert trainer.step(3) == {} and trainer.epoch == 0
    trainer.loss = "mse"
    assert trainer.problem is None


def test_saturated_output_is_reported(regression) -> None:
    live, data = regression()
    trainer = Trainer(live, data, loss="mse")
    live.load_weights([np.zeros((2, 1)), np.full(1, 3.0)], origin="")
    trainer.step(1)
    assert not trainer.saturated  # a linear output moves away from the constant at once
    sigmoid = pycore.Sequential([pycore.Dense(1, activation="sigmoid", input_dim=2)])
    sigmoid.set_weights([np.zeros((2, 1)), np.full(1, 800.0)])
    live.replace(sigmoid)
    trainer.optimizer = "sgd"
    trainer.learning_rate = 1e-6
    trainer.step(1)
    assert trainer.saturated


def test_mean_baseline_is_the_loss_of_predicting_the_mean(regression) -> None:
    live, data = regression()
    trainer = Trainer(live, data, loss="mae")
    mean = data.y_train.mean()
    assert trainer.mean_baseline() == pytest.approx(np.mean(np.abs(data.y_val - mean)))
