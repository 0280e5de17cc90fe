"""'Watch a network learn' without a browser: runs, ghosts, timings, the linear case, the view."""

from __future__ import annotations

import numpy as np
import panel as pn
import pytest

from web.experiments.fit import task
from web.experiments.fit.model import PRESETS, FitLab
from web.experiments.fit.texts import linear_text, numbers_html, table_html
from web.experiments.fit.view import FitCard
from web.ui.display import Display


@pytest.fixture(scope="module")
def relu_run() -> FitLab:
    lab = FitLab(epochs=12, ghosts=[1, 10])
    lab.run_now()
    return lab


def test_defaults_are_the_materials_first_run() -> None:
    lab = FitLab()
    assert (lab.width, lab.activation, lab.epochs) == (300, "relu", 300)
    assert PRESETS["relu300"] == (300, "relu")


def test_task_is_the_materials_setup() -> None:
    x, y = task.dataset(0)
    assert x.shape == (1000, 1) and x.min() >= 0.0 and x.max() <= 1.0
    np.testing.assert_array_equal(y, task.invented_function(x))
    assert task.curve_x().shape == (100,)


def test_a_run_keeps_ghosts_mse_and_time(relu_run: FitLab) -> None:
    run = relu_run.run
    assert run.epochs == 12 and run.finished and not run.stopped
    assert sorted(run.ghosts) == [1, 10]
    assert run.params == 1 * 300 + 300 + 300 * 1 + 1
    x, y = relu_run.data()
    assert run.mse == pytest.approx(float(np.mean((relu_run.trainer.model.predict(x) - y) ** 2)))
    assert run.mse_at[12] == run.mse < run.mse_at[1] < run.mse_at[0]
    assert run.ms_per_epoch > 0
    assert not np.allclose(run.ghosts[1], run.ghosts[10])


def test_runs_do_not_depend_on_what_ran_before() -> None:
    first, second = FitLab(epochs=3, width=20), FitLab(epochs=3, width=20)
    second.param.update(activation="tanh")
    second.run_now()
    second.param.update(activation="relu")
    first.run_now()
    second.run_now()
    assert first.run.mse == second.run.mse and len(second.runs) == 2


def test_linear_net_is_one_straight_line_and_cannot_beat_the_best_line() -> None:
    lab = FitLab(width=300, activation="linear", epochs=10)
    lab.run_now()
    w, b = task.composed_line(lab.trainer.model)
    x, y = lab.data()
    np.testing.assert_allclose(lab.trainer.model.predict(x)[:, 0], w * x[:, 0] + b, atol=1e-12)
    best_w, best_b, best_mse = task.best_line(x, y)
    assert best_mse <= lab.run.mse <= 1.05 * best_mse
    text = linear_text(lab.run, (w, b), (best_w, best_b, best_mse), "en")
    assert f"w = {w:.4g}" in text and "300 neurons are linear" in text


def test_numbers_and_table_are_the_runs_own(relu_run: FitLab) -> None:
    html = numbers_html(relu_run.run, "de")
    assert 'class="nnlab-fit-mse"' in html and 'class="nnlab-fit-ms-per-epoch"' in html
    assert f">{relu_run.run.mse:.4g}<".replace(".", ",") in html
    table = table_html(relu_run.runs, "en")
    assert ">901</td>" in table and ">relu</td>" in table


def test_a_preset_during_a_run_ends_it_and_starts_its_own(run_coroutine) -> None:
    lab = FitLab(epochs=50, width=2)
    lab.UNITS_PER_SLICE = 1  # a tick after every epoch (50 may fit into one time slice)

    def lecturer(_event: object) -> None:
        if len(lab.runs) == 1 and lab.run.epochs >= 1:
            lab.preset("linear300")  # chosen while run 1 trains
        elif len(lab.runs) == 2 and lab.run.epochs >= 1:
            lab.running = False  # Stop

    lab.param.watch(lecturer, "revision")
    run_coroutine(lab.run_live())
    first, second = lab.runs
    assert first.stopped and first.epochs < 50 and (first.width, first.activation) == (2, "relu")
    assert (second.width, second.activation, second.planned) == (300, "linear", 300)
    assert (lab.width, lab.activation, lab.epochs) == (300, "linear", 300)


def test_view_follows_the_run(relu_run: FitLab) -> None:
    view = FitCard(Display(code="en"), relu_run)
    pn.panel(view).get_root()
    np.testing.assert_allclose(view.current.data["y"], relu_run.curve())
    assert view.ghosts.data["label"] == ["after epoch 1", "after epoch 10"]
    assert view.times.data["label"] == ["1: relu 300"]
    assert view.times.data["ms"] == [relu_run.run.ms_per_epoch]
    assert view._now_item.label.value == "now (epoch 12)"
    view.display.code = "de"
    assert view.ghosts.data["label"][0] == "nach Epoche 1"


def test_view_shows_ghosts_chosen_later(relu_run: FitLab) -> None:
    view = FitCard(Display(code="en"), relu_run)
    relu_run.ghosts = [10]
    assert view.ghosts.data["label"] == ["after epoch 10"]
    relu_run.ghosts = [1, 10]


def test_bad_width_is_refused_beside_the_field() -> None:
    from web.ui.fields import NumberField

    lab = FitLab()
    field = NumberField(lab, "width", "w", Display(code="en"))
    field.input.value = "1001"
    assert lab.width == 300 and field.problem[0] == "field.above"
    field.input.value = "600"
    assert lab.width == 600 and field.problem is None


def test_live_run_in_slices_can_be_stopped(run_coroutine) -> None:
    lab = FitLab(epochs=400, width=5)

    def press_stop_after_two_epochs(_event: object) -> None:
        if lab.run.epochs >= 2:
            lab.running = False

    lab.param.watch(press_stop_after_two_epochs, "revision")
    run_coroutine(lab.run_live())
    assert lab.run.stopped and 2 <= lab.run.epochs < 400 and not lab.running
