"""Generalisation card without a browser: every preset's claim, checked with its seed.

The presets tell the course's story: a big net on 20 noisy points overfits, a straight line
underfits, and more data, dropout, L2 or early stopping cure the overfitting. Each claim is
what the card's diagnosis says after the run, and the cures must also bring the net's curve
closer to the true curve than the overfitted run did.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import panel as pn
import pytest

from web.experiments.gen import data
from web.experiments.gen.curves import OVERFIT_RISE, Curves
from web.experiments.gen.model import PRESETS, GenLab
from web.experiments.gen.texts import result_text
from web.experiments.gen.view import GenCard
from web.ui.display import Display

CURES = ("more_data", "dropout", "l2", "early_stopping")


@functools.cache
def run(preset: str) -> GenLab:
    """The preset's whole run (once per test session: several tests read the same run)."""
    lab = GenLab(**PRESETS[preset])
    lab.run_now()
    return lab


@pytest.fixture(scope="module")
def overfit() -> GenLab:
    return run("overfit")


def val_mse(lab: GenLab) -> float:
    return data.mse(lab.model, lab.split_data.x_val, lab.split_data.y_val)


def test_overfit_preset_overfits(overfit: GenLab) -> None:
    curves = overfit.curves
    assert overfit.diagnosis() == "overfit"
    assert curves.best_epoch < overfit.epochs / 2
    assert curves.mse["val"][-1] >= 3 * curves.best_val  # validation rose again, far
    assert curves.mse["train"][-1] < curves.mse["train"][curves.best_epoch]  # train kept falling


def test_underfit_preset_underfits() -> None:
    lab = run("underfit")
    assert lab.diagnosis() == "underfit"
    train = data.mse(lab.model, lab.split_data.x_train, lab.split_data.y_train)
    assert train > 2 * lab.noise**2


@pytest.mark.parametrize("cure", CURES)
def test_each_cure_cures(cure: str, overfit: GenLab) -> None:
    lab = run(cure)
    assert lab.diagnosis() == "good"
    assert data.true_error(lab.model) < data.true_error(overfit.model)
    if cure != "more_data":  # same data as the overfitted run: the validation MSE compares
        assert lab.split_data.x_val.tolist() == overfit.split_data.x_val.tolist()
        assert val_mse(lab) < val_mse(overfit)


def test_early_stopping_stops_and_restores_the_best_weights(overfit: GenLab) -> None:
    lab = run("early_stopping")
    curves = lab.curves
    assert curves.stopped_early and curves.restored
    assert lab.trainer.epoch == curves.best_epoch + lab.patience < lab.epochs
    assert val_mse(lab) == pytest.approx(curves.best_val, rel=1e-12)
    assert curves.best_epoch == overfit.curves.best_epoch  # the same run up to there


def test_curves_measure_plain_mse_without_dropout_or_penalty() -> None:
    lab = GenLab(epochs=5, dropout=0.5, l2=0.1, points=30)
    lab.run_now()
    split, curves = lab.split_data, lab.curves
    assert curves.epochs == list(range(6))
    plain = float(np.mean((lab.model.predict(split.x_train) - split.y_train) ** 2))
    assert curves.mse["train"][-1] == pytest.approx(plain, rel=1e-12)
    assert lab.model.penalty() > 0  # the L2 term exists, and is not in the curve


def test_best_epoch_is_the_lowest_validation_mse(overfit: GenLab) -> None:
    curves = overfit.curves
    k = int(np.argmin(curves.mse["val"]))
    assert curves.best_epoch == curves.epochs[k] and curves.best_val == curves.mse["val"][k]


def test_restore_button_puts_the_best_weights_back(overfit: GenLab) -> None:
    lab = GenLab(**{**PRESETS["overfit"], "epochs": 250})
    lab.run_now()
    before = val_mse(lab)
    lab.restore_best()
    assert val_mse(lab) == pytest.approx(lab.curves.best_val, rel=1e-12)
    assert lab.curves.best_val < before


def test_split_sizes_cover_every_point() -> None:
    assert data.sizes(40, "50/25/25") == (20, 10, 10)
    assert data.sizes(6, "80/10/10") == (4, 1, 1)
    split = data.make(40, 0.3, "50/25/25", 3)
    assert sum(len(x) for x, _ in split.parts().values()) == 40


def test_result_text_says_what_the_numbers_say(overfit: GenLab) -> None:
    text = result_text(overfit, "en")
    rise = val_mse(overfit) / overfit.curves.best_val
    assert "Overfitting" in text and f"{rise:.2g}×" in text
    assert f"in epoch {overfit.curves.best_epoch})" in text
    assert rise > OVERFIT_RISE


def test_view_draws_the_curves_and_marks_the_best_epoch(overfit: GenLab) -> None:
    view = GenCard(Display(code="en"), overfit)
    pn.panel(view).get_root()
    curves: Curves = overfit.curves
    assert view.curves.data["epoch"] == curves.epochs
    assert view.best.data == {"x": [curves.best_epoch], "y": [curves.best_val]}
    assert view.best_line.location == curves.best_epoch and view.best_line.visible
    assert len(view.points["train"].data["x"]) == 20
    assert len(view.net.data["y"]) == len(view.net.data["x"]) and all(
        math.isfinite(v) for v in view.net.data["y"])


def test_view_shows_the_data_before_any_run() -> None:
    view = GenCard(Display(code="en"), GenLab(points=60))
    assert [len(view.points[p].data["x"]) for p in ("train", "val", "test")] == [30, 15, 15]
