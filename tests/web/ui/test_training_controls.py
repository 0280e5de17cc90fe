"""Training controls: widgets are the trainer's params, messages are exactly true."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from pycore.callbacks import StopReason, TrainingStopped
from web.ui import i18n
from web.ui.display import Display
from web.ui.trainer import Trainer
from web.ui.training_controls import STOP_KEYS, TrainingControls, status_html, stopped_text


@pytest.fixture
def controls(regression) -> TrainingControls:
    live, data = regression()
    trainer = Trainer(live, data, loss="mse", optimizer="sgd", learning_rate=0.05)
    return TrainingControls(trainer, Display(code="en"), "t", baseline=True)


def test_widgets_are_made_from_the_trainer_params(controls: TrainingControls) -> None:
    trainer = controls.trainer
    trainer.optimizer = "rmsprop"
    assert controls.optimizer.value == "rmsprop"
    controls.loss.value = "mae"
    assert trainer.loss == "mae"
    controls.learning_rate.input.value = "0,2"
    assert trainer.learning_rate == 0.2
    controls.batch_size.input.value = "0"
    assert trainer.batch_size == 32 and "0 is too small" in controls.batch_size.message.object


def test_play_toggle_follows_running_and_its_label_the_language(controls) -> None:
    assert controls.play.value is False and controls.play.label == "▶ Play"
    controls.display.code = "de"
    assert controls.play.label == "▶ Start"


def test_step_reset_and_counters(controls: TrainingControls) -> None:
    controls.step.clicks += 1
    assert controls.trainer.epoch == 1 and controls.epoch.object == "1"
    assert float(controls.losses.objects[3].object) == pytest.approx(
        controls.trainer.run.last("loss"), rel=1e-3)
    controls.reset.clicks += 1
    assert controls.trainer.epoch == 0 and len(controls.trainer.runs) == 2
    chart = controls.chart.source.data
    assert chart["epoch"][:3] == [0, 1, pytest.approx(np.nan, nan_ok=True)]


def test_every_stop_reason_has_its_own_explanation() -> None:
    assert set(STOP_KEYS) == set(StopReason)
    texts = {stopped_text(TrainingStopped.at(reason, 2, 5), "de") for reason in StopReason}
    assert len(texts) == 3
    for text in texts:
        assert text.startswith("Training gestoppt in Epoche 3, Batch 6:")
        assert not any(word in text for word in ("the ", "weights from"))


def test_status_line_names_the_configuration_problem_not_the_learning_rate() -> None:
    text = status_html("train.problem.categorical_one_output", None, False, "en")
    assert "one output" in text and "learning rate" not in text
    assert status_html(None, None, True, "en").count(i18n.text("train.saturated", "en")) == 1
    assert status_html(None, None, False, "en") == ""


def test_chart_has_the_mean_baseline_and_moves_it_with_the_loss(controls) -> None:
    baseline = controls.chart.baseline
    # drawn as data from epoch 0 on, so the chart's range includes it even at epoch 0
    assert baseline.data["x"] == [0, 1]
    assert baseline.data["y"] == pytest.approx([controls.trainer.mean_baseline()] * 2)
    controls.trainer.loss = "mae"
    assert baseline.data["y"] == pytest.approx([controls.trainer.mean_baseline()] * 2)
    controls.trainer.step(3)
    assert baseline.data["x"] == [0, 3]


def test_runs_are_labelled_by_their_origin(controls: TrainingControls) -> None:
    live = controls.trainer.live
    live.load_weights([w * 0 for w in live.model.get_weights()], origin="train.mean_baseline")
    labels = controls.chart.labels.data["text"]
    assert labels == ["run 1: test.origin", "run 2: predict the mean"] or labels[-1].startswith(
        "run 2")
    controls.display.code = "de"
    assert controls.chart.labels.data["text"][-1] == "Lauf 2: Mittelwert vorhersagen"


def test_diverging_net_shows_the_reason_in_the_language(regression) -> None:
    model = pycore.Sequential([pycore.Dense(1, input_dim=2)], seed=0)
    live, data = regression()
    live.replace(model)
    trainer = Trainer(live, data, optimizer="sgd", loss="mse", learning_rate=10.0)
    trainer.data = type(data)(data.x_train * 1e3, data.y_train * 1e3)
    trainer.step(50)
    assert trainer.stopped is not None
    html_text = status_html(None, trainer.stopped, False, "de")
    assert "Training gestoppt" in html_text and "Lernrate" in html_text
