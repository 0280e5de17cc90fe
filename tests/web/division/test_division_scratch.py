"""Learn from scratch: the LM run in the tab, its live chart, its result and Cancel."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from web.division import metrics
from web.division.details import DivisionDetails
from web.division.model import DivisionViewModel
from web.division.scratch.model import CANCELLED, DONE, ORIGIN, ScratchLearner
from web.division.scratch.view import ScratchView, status_html, weights_html
from web.ui.display import Display


@pytest.fixture
def details() -> DivisionDetails:
    return DivisionDetails(DivisionViewModel(), Display(code="en"))


def test_a_run_learns_division_and_becomes_the_active_model(details, run_coroutine) -> None:
    learner, vm = details.learner, details.vm
    view = ScratchView(learner, details.display)
    runs_before = len(details.trainer.runs)
    run_coroutine(learner.learn())
    assert learner.status == DONE and learner.mae < 1e-6
    assert learner.mae == metrics.quality(vm.live.model).mae
    for got, want in zip(vm.live.model.get_weights(), learner.learnt, strict=True):
        np.testing.assert_array_equal(got, want)
    assert vm.live.origin == ORIGIN and vm.preset == "custom"
    assert len(details.trainer.runs) == runs_before + 1  # a new run on the loss chart
    assert details.trainer.run.origin == ORIGIN
    assert vm.result.network_quotient == pytest.approx(20.7 / 4.26, rel=1e-2)
    # every iteration is on the chart, and LM never accepts a step that raises the loss
    assert view.source.data["iteration"] == list(range(learner.iteration + 1))
    assert np.all(np.diff(learner.losses) <= 0.0)
    assert len(learner.trajectory) == learner.iteration + 1


def test_the_start_is_the_seeds_not_the_active_weights(details, run_coroutine) -> None:
    learner = details.learner
    details.vm.preset = "trained"
    run_coroutine(learner.learn())
    first = learner.trajectory[0]
    details.vm.preset = "hand_set"
    run_coroutine(learner.learn())
    for a, b in zip(first, learner.trajectory[0], strict=True):
        np.testing.assert_array_equal(a, b)  # the same seed starts from the same weights
    learner.seed = 1
    run_coroutine(learner.learn())
    assert not np.array_equal(first[0], learner.trajectory[0][0])
    assert np.all(learner.trajectory[0][0] >= 0)  # |N(0, 0.05)|: every unit on the log piece


def test_cancel_stops_the_run_and_leaves_the_active_model_alone(run_coroutine) -> None:
    vm = DivisionViewModel()
    data = vm.training_data()
    learner = ScratchLearner(vm.live, data.x_train, data.y_train, slice_seconds=0.0)
    before = vm.live.model.get_weights()

    async def learn_then_cancel() -> None:
        task = asyncio.ensure_future(learner.learn())
        while learner.iteration < 3:
            await asyncio.sleep(0)
        learner.cancel()
        await task

    run_coroutine(learn_then_cancel())
    assert learner.status == CANCELLED and not learner.running
    assert 3 <= learner.iteration < learner.max_iter
    assert learner.learnt is None and learner.mae is None
    for got, want in zip(vm.live.model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, want)
    assert vm.preset == "hand_set"
    assert "Cancelled after" in status_html(learner, "en")


def test_weights_table_shows_hand_set_and_learnt_in_the_language(details, run_coroutine):
    before = weights_html(None, 0, "de")
    assert "33,3333" in before and before.count("—") == 9
    run_coroutine(details.learner.learn())
    table = weights_html(details.learner.learnt, 0, "de")
    w2 = details.learner.learnt[2].ravel()
    assert f"{abs(w2[0]):.8g}".replace(".", ",") in table
    assert "—" not in table and "gelernt (Seed 0)" in table
    text = status_html(details.learner, "de")
    assert "Test-MAE" in text and "Iterationen" in text
