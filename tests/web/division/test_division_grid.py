"""Grid search: the grid, exact shared training, progress, cancel, results and "use best"."""

from __future__ import annotations

import asyncio
import math

import numpy as np
import pytest

from pycore.division import division_model
from web.division.details import DivisionDetails
from web.division.grid.choice import GridChoice, parse_values
from web.division.grid.list_field import ListField
from web.division.grid.search import (
    GRID_SEED,
    LECTURE,
    ORIGINAL,
    Grid,
    GridSearch,
    baselines,
)
from web.division.grid.view import GridView, table_rows
from web.division.model import DivisionViewModel
from web.ui.display import Display
from web.ui.trainer import Dataset

TINY = Grid(("adam", "sgd"), (32,), (None, 0.05), (1, 2))


@pytest.fixture
def data():
    return DivisionViewModel().training_data()


@pytest.mark.parametrize(("text", "axis", "values"), [
    ("1, 4, 16", "batch_sizes", [1, 4, 16]), ("1,4,16", "batch_sizes", [1, 4, 16]),
    ("90; 240", "epochs", [90, 240]), ("4 4 8", "batch_sizes", [4, 8]),
    ("0,5; default", "learning_rates", [0.5, None]), ("Standard", "learning_rates", [None]),
    ("0,001, 0,01", "learning_rates", [0.001, 0.01]),
])
def test_lists_are_read_as_typed(text, axis, values) -> None:
    assert parse_values(text, axis) == (values, None)


@pytest.mark.parametrize(("text", "axis", "key"), [
    ("", "epochs", "grid.empty"), ("0", "batch_sizes", "grid.bad_integer"),
    ("2.5", "epochs", "grid.bad_integer"), ("abc", "batch_sizes", "grid.bad_integer"),
    ("20", "learning_rates", "grid.bad_rate"), ("nan", "learning_rates", "grid.bad_rate"),
    ("1 2 3 4 5 6 7 8 9", "epochs", "grid.too_many"),
])
def test_bad_lists_are_rejected(text, axis, key) -> None:
    values, problem = parse_values(text, axis)
    assert values is None and problem[0] == key


def test_the_original_grid_is_the_talos_run() -> None:
    assert ORIGINAL.optimizers == ("rmsprop", "ftrl", "nadam", "adam", "sgd", "adadelta",
                                   "adamax")
    assert ORIGINAL.batch_sizes == (1, 4, 16, 32, 64) and ORIGINAL.epochs == (90, 240)
    assert ORIGINAL.size == 70
    assert ORIGINAL.steps(1600) == 7 * 240 * (1600 + 400 + 100 + 50 + 25)
    assert LECTURE.size < 20


def test_shared_and_sliced_training_is_exactly_a_separate_run(data, run_coroutine) -> None:
    search = GridSearch(data)
    run_coroutine(search.run(TINY))
    assert len(search.results) == TINY.size == 8
    assert search.done_steps == search.total_steps == TINY.steps(len(data.x_train))
    shared = next(r for r in search.results if (r.optimizer, r.learning_rate, r.epochs)
                  == ("sgd", 0.05, 1))
    # the same run by hand: one fit per epoch over the epoch's shuffled order
    model = division_model(None, seed=GRID_SEED)
    model.compile(optimizer=__import__("pycore").optimizers.get("sgd", learning_rate=0.05),
                  loss="mae")
    order = np.random.default_rng([GRID_SEED, 0]).permutation(len(data.x_train))
    model.fit(data.x_train[order], data.y_train[order], batch_size=32, shuffle=False)
    for got, want in zip(shared.weights, model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)
    error = np.mean(np.abs(model.predict(data.x_val) - data.y_val))
    assert shared.val_mae == error and shared.val_mae_quotient == 100 * error
    assert search.best() == min(search.results, key=lambda r: r.val_mae)


def test_baselines_are_computed_from_the_data(data) -> None:
    b = baselines(data)
    assert b["zero"] == pytest.approx(np.mean(np.abs(data.y_val)))
    assert b["mean"] == pytest.approx(np.mean(np.abs(data.y_val - data.y_train.mean())))
    assert 0.012 < b["mean"] < b["zero"] < 0.017  # the original's 0.01287 and 0.01664


def test_cancel_stops_between_slices_with_eta_on_the_way(data, run_coroutine) -> None:
    search = GridSearch(data)
    seen: list[float] = []

    async def run_then_cancel() -> None:
        task = asyncio.ensure_future(search.run(Grid(("adam",), (1,), (None,), (3,))))
        while search.done_steps < 200:
            await asyncio.sleep(0)
        seen.append(search.eta)
        search.cancel()
        await task

    run_coroutine(run_then_cancel())
    assert search.cancelled and not search.running and search.results == []
    assert seen[0] > 0 and search.done_steps < search.total_steps


def test_a_stopped_combination_keeps_finite_weights(data, run_coroutine) -> None:
    # The division net's outputs are bounded, so no setting makes it diverge; targets whose
    # loss overflows stop pycore's fit the same way a diverging run does.
    overflowing = Dataset(data.x_train, np.full_like(data.y_train, 1e308), data.x_val,
                          data.y_val)
    search = GridSearch(overflowing)
    run_coroutine(search.run(Grid(("sgd",), (32,), (None,), (1, 2))))
    assert [r.epochs for r in search.results] == [1, 2]
    assert all(r.diverged for r in search.results)
    assert all(np.all(np.isfinite(w)) for r in search.results for w in r.weights)
    assert search.done_steps == search.total_steps


def test_presets_fill_the_lists_and_edits_make_it_custom() -> None:
    choice = GridChoice()
    assert choice.grid() == ORIGINAL
    choice.preset = "lecture"
    assert choice.grid() == LECTURE
    choice.epochs = [3]
    assert choice.preset == "custom"
    choice.optimizers = []
    assert choice.problem() == "grid.no_optimizer"


def test_a_bad_list_leaves_the_grid_and_says_why() -> None:
    choice, display = GridChoice(), Display(code="de")
    field = ListField(choice, "batch_sizes", display, "t")
    field.input.value = "4; 0"
    assert choice.batch_sizes == list(ORIGINAL.batch_sizes)
    assert field.input.value == "1; 4; 16; 32; 64"
    assert "„0“ geht nicht" in field.message.object and "1; 4; 16; 32; 64" in field.message.object
    field.input.value = "8; 2"
    assert choice.batch_sizes == [8, 2] and choice.preset == "custom"
    assert field.message.object == ""


def test_table_sorts_numbers_and_use_best_loads_the_weights(run_coroutine) -> None:
    details = DivisionDetails(DivisionViewModel(), Display(code="de"))
    view = GridView(details, details.display)
    run_coroutine(view.search.run(TINY))
    rows = table_rows(view.search, "de")
    assert rows["run"][:2] == ["Referenz: 0 vorhersagen", "Referenz: Mittelwert vorhersagen"]
    assert math.isinf(rows["batch"][0]) and rows["batch_text"][0] == "—"
    assert rows["lr_text"][2] == "0,001"  # adam's default, written in German
    assert len(rows["mae"]) == 2 + TINY.size
    view.use_best()
    best = view.search.best()
    for got, want in zip(details.vm.live.model.get_weights(), best.weights, strict=True):
        np.testing.assert_array_equal(got, want)
    assert details.vm.live.origin == "division.origin.grid_best"
    assert details.vm.preset == "custom" and best.optimizer in view.used
