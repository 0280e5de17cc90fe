"""Learning rate and batch size without a browser: same start, three lanes, divergence caught."""

from __future__ import annotations

import math

import numpy as np
import panel as pn
import pytest

from pycore.callbacks import StopReason
from web.experiments.rates import export
from web.experiments.rates.model import POINTS, RatesLab, model
from web.experiments.rates.texts import table_html
from web.experiments.rates.view import RatesCard
from web.ui.display import Display


@pytest.fixture(scope="module")
def rates() -> RatesLab:
    lab = RatesLab(mode="lr", epochs=30)
    lab.run_now()
    return lab


@pytest.fixture(scope="module")
def batches() -> RatesLab:
    lab = RatesLab(mode="batch", epochs=3)
    lab.run_now()
    return lab


def test_every_lane_starts_from_the_same_weights(rates: RatesLab) -> None:
    starts = {lane.losses[0] for lane in rates.lanes}
    assert len(starts) == 1
    first, other = model(rates.seed), model(rates.seed)
    for a, b in zip(first.get_weights(), other.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_too_small_is_slow_good_is_fast_too_large_diverges_and_is_caught(rates: RatesLab) -> None:
    small, good, large = rates.lanes
    assert good.losses[-1] < small.losses[-1] < small.losses[0]
    assert good.losses[5] < small.losses[-1]  # good after 5 epochs beats small after 30
    assert large.stopped is not None
    assert large.stopped.reason in (StopReason.NON_FINITE_LOSS,
                                    StopReason.NON_FINITE_GRADIENTS,
                                    StopReason.NON_FINITE_WEIGHTS)
    assert large.trainer.epoch < rates.epochs
    weights = large.trainer.model.get_weights()
    assert all(np.all(np.isfinite(w)) for w in weights)  # the guard kept finite weights


def test_lanes_take_turns_epoch_by_epoch() -> None:
    lab = RatesLab(mode="lr", epochs=10)
    lab.start()
    for _ in range(5):
        lab.unit()
    assert sorted(lane.trainer.epoch for lane in lab.lanes) == [1, 2, 2]


def test_batch_sizes_mean_updates_per_epoch(batches: RatesLab) -> None:
    assert [lane.batch_size for lane in batches.lanes] == [1, 32, POINTS]
    assert [lane.updates_per_epoch for lane in batches.lanes] == [POINTS, math.ceil(POINTS / 32),
                                                                  1]
    for lane in batches.lanes:
        assert lane.updates == [e * lane.updates_per_epoch for e in lane.epochs]
        assert lane.seconds[0] == 0.0 and lane.seconds == sorted(lane.seconds)
        assert {lane.learning_rate} == {batches.batch_lr}
    stochastic, _, full = batches.lanes
    assert stochastic.losses[-1] < full.losses[-1]  # 200 steps an epoch beat 1


def test_table_names_the_caught_divergence(rates: RatesLab) -> None:
    text = table_html(rates, list(export.LANE_COLORS), "en")
    assert "Diverged and caught" in text and f"epoch {rates.lanes[2].stopped.epoch + 1}" in text
    assert text.count("<tr") == 4


def test_view_draws_three_curves_and_marks_the_divergence(rates: RatesLab) -> None:
    view = RatesCard(Display(code="en"), rates)
    pn.panel(view).get_root()
    for source, lane in zip(view.sources, rates.lanes, strict=True):
        assert source.data["x"] == lane.epochs
    low, high = export.y_limits(rates)
    assert (view.figure.y_range.start, view.figure.y_range.end) == (low, high)
    assert view.stops.data["x"] == [rates.lanes[2].epochs[-1]]
    assert view.stops.data["y"] == [high / export.MARK_BELOW_TOP]
    assert [item.label.value for item in view.items] == ["lr 0.003, batch 32", "lr 0.3, batch 32",
                                                          "lr 1, batch 32"]
    rates.x_axis = "update"
    assert view.sources[0].data["x"] == rates.lanes[0].updates
    rates.x_axis = "epoch"
