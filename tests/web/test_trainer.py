"""Live training: epochs accumulate, settings change without a reset, divergence pauses."""

import asyncio

import numpy as np

import pycore
from web import pacing
from web.trainer import Trainer


def _regression(seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(128, 2))
    y = x @ np.array([[0.5], [-1.5]]) + 0.25
    model = pycore.Sequential([pycore.Dense(1, input_dim=2)], seed=seed)
    return model, x, y


def test_steps_accumulate_epochs_and_reduce_the_loss():
    model, x, y = _regression()
    trainer = Trainer(model, x, y, x[:32], y[:32], optimizer="sgd", loss="mse",
                      learning_rate=0.1, batch_size=16)
    trainer.step(1)
    first = trainer.history["loss"][0]
    trainer.step(9)
    assert trainer.epoch == 10
    assert len(trainer.history["loss"]) == 10 and len(trainer.history["val_loss"]) == 10
    assert trainer.history["loss"][-1] < first / 10


def test_changing_settings_keeps_weights_and_epoch_counter():
    model, x, y = _regression()
    trainer = Trainer(model, x, y, optimizer="adam", loss="mse", learning_rate=0.01)
    trainer.step(3)
    weights = [w.copy() for w in model.get_weights()]
    trainer.learning_rate = 0.05
    assert model.optimizer.learning_rate == 0.05
    trainer.optimizer = "rmsprop"
    trainer.loss = "mae"
    assert trainer.epoch == 3
    for kept, now in zip(weights, model.get_weights(), strict=True):
        np.testing.assert_array_equal(kept, now)
    assert model.optimizer.get_config()["name"] == "rmsprop"
    trainer.step(1)
    assert trainer.epoch == 4


def test_divergence_stops_the_run_and_keeps_finite_weights(run_coroutine):
    model, x, y = _regression()
    trainer = Trainer(model, x * 1e3, y * 1e3, optimizer="sgd", loss="mse", learning_rate=100.0)
    seen = []
    run_coroutine(trainer.run(seen.append))
    assert trainer.stopped is not None and not trainer.running
    assert all(np.isfinite(w).all() for w in model.get_weights())
    assert trainer.epoch == len(seen) - 1  # the diverging epoch is not counted
    assert trainer.stopped.reason.startswith("non-finite")


def test_run_stops_when_paused_from_a_callback(run_coroutine):
    model, x, y = _regression()
    trainer = Trainer(model, x, y, optimizer="sgd", loss="mse", learning_rate=0.1)

    def pause_after_three(_logs):
        if trainer.epoch >= 3:
            trainer.pause()

    run_coroutine(trainer.run(pause_after_three))
    assert trainer.epoch == 3 and trainer.stopped is None


def test_reset_starts_over():
    model, x, y = _regression()
    trainer = Trainer(model, x, y, loss="mse")
    trainer.step(2)
    fresh, _, _ = _regression(seed=1)
    trainer.reset(model=fresh)
    assert trainer.epoch == 0 and trainer.history == {} and trainer.model is fresh



def test_a_new_run_replaces_one_still_waiting_at_its_yield(run_coroutine, monkeypatch):
    """Play right after Pause: the old loop must not wake up and train beside the new one."""
    monkeypatch.setattr(pacing.FramePacer, "frame_seconds", 0.0)  # yield after every epoch
    model, x, y = _regression()
    trainer = Trainer(model, x, y, optimizer="sgd", loss="mse", learning_rate=0.1)
    epochs = {"first": 0, "second": 0}

    def counter(name):
        def on_epoch(_logs):
            epochs[name] += 1
            if sum(epochs.values()) == 6:
                trainer.pause()
        return on_epoch

    async def play_pause_play():
        first = asyncio.ensure_future(trainer.run(counter("first")))
        await asyncio.sleep(0)  # the first run trains one epoch, then waits at its yield
        trainer.pause()
        second = asyncio.ensure_future(trainer.run(counter("second")))
        await asyncio.gather(first, second)

    run_coroutine(play_pause_play())
    assert epochs == {"first": 1, "second": 5}
    assert trainer.epoch == 6 and not trainer.running
