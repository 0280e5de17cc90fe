"""web/ui additions for fast training panels: time-budgeted updates, extra callbacks, a loss
chart that streams and thins its points, accuracy on a second axis, links of other tools."""

from __future__ import annotations

import math
import time

import numpy as np
import panel as pn
import param
import pytest

import pycore
from pycore.callbacks import Callback
from web.ui import loss_columns
from web.ui.axes import log_ticks
from web.ui.display import Display
from web.ui.links import apply_hash
from web.ui.live_model import LiveModel
from web.ui.loss_chart import LossChart
from web.ui.loss_columns import stride_for
from web.ui.network_picture import picture
from web.ui.trainer import Dataset, Trainer


def make_trainer(**params) -> Trainer:
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (64, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    model = pycore.Sequential([pycore.Dense(3, "tanh", input_dim=2),
                               pycore.Dense(1, "sigmoid")], seed=0)
    return Trainer(LiveModel(model=model), Dataset(x, y, x[:16], y[:16]), optimizer="sgd",
                   learning_rate=0.1, loss="binary_crossentropy", metrics=("accuracy",),
                   **params)


class Count(Callback):
    def __init__(self) -> None:
        super().__init__()
        self.epochs = 0

    def on_epoch_end(self, epoch, logs=None) -> None:
        self.epochs += 1


def test_a_time_budget_ends_an_update_after_whole_epochs():
    trainer = make_trainer()
    start = time.perf_counter()
    trainer.step(10_000, seconds=0.05)
    assert 1 <= trainer.epoch < 10_000 and time.perf_counter() - start < 5
    assert len(trainer.run.epochs) == trainer.epoch + 1


def test_extra_callbacks_see_every_epoch():
    count = Count()
    trainer = make_trainer(callbacks=[count])
    trainer.step(3)
    trainer.step(2, seconds=10.0)
    assert count.epochs == 5


@pytest.fixture
def chart() -> LossChart:
    return LossChart(make_trainer(), Display(code="en"), accuracy=True, test=True)


def test_new_epochs_are_streamed_onto_the_current_run(chart):
    trainer = chart.trainer
    trainer.step(2)
    assert chart.source.data["epoch"] == [0, 1, 2]
    trainer.reset()
    trainer.step(1)
    data = chart.source.data
    assert data["epoch"][:3] == [0, 1, 2] and math.isnan(data["epoch"][3])
    assert data["epoch"][4:] == [0, 1]  # a gap between runs, none after the last
    assert all(0.0 <= a <= 1.0 for a in data["val_accuracy"][4:])


def test_a_long_run_keeps_at_most_the_point_budget(chart, monkeypatch):
    monkeypatch.setattr(loss_columns, "POINT_BUDGET", 8)
    chart.trainer.step(20)
    assert stride_for(21) == 4 and chart.source.data["epoch"] == [0, 4, 8, 12, 16, 20]
    chart.trainer.step(4)
    assert chart.source.data["epoch"] == [0, 4, 8, 12, 16, 20, 24]


def test_the_chart_names_held_out_data_test_and_has_an_accuracy_axis(chart):
    legend = chart.header.object  # title and legend, HTML above the canvas
    texts = ("Loss per epoch", ">training<", ">test<", ">best test<", ">test accuracy<")
    assert [legend.index(text) for text in texts] == sorted(legend.index(t) for t in texts)
    assert not chart.figure.legend and chart.figure.title is None
    assert chart.figure.right[0].axis_label == "accuracy"
    assert type(chart.figure.extra_y_scales["accuracy"]).__name__ == "LinearScale"  # not log
    assert chart.figure.right[0].major_label_overrides == {0.0: "0", 0.5: "0.5", 1.0: "1"}
    chart.display.code = "de"
    assert chart.figure.right[0].major_label_overrides[0.5] == "0,5"
    assert ">Test-Genauigkeit<" in chart.header.object
    assert "border-top: 2px dashed #66a61e" in chart.header.object


def test_streaming_waits_while_running_but_not_after(chart):
    chart.stream_seconds = 60.0
    trainer = chart.trainer
    trainer.step(1)
    chart._streamed = time.monotonic()
    with param.discard_events(trainer):  # "running" without starting the training loop
        trainer.running = True
    trainer.step(2)
    assert chart.source.data["epoch"] == [0, 1]
    trainer.running = False
    assert chart.source.data["epoch"] == [0, 1, 2, 3]


def test_a_link_of_another_tool_opens_the_tab_that_claims_its_keys():
    tabs = pn.Tabs(("a", "A"), ("b", "B"))
    display = Display(code="en")
    apply_hash({"dataset": "xor"}, display, tabs, ["a", "b"], {"b": frozenset({"dataset"})})
    assert tabs.active == 1
    apply_hash({"tab": "a", "dataset": "xor"}, display, tabs, ["a", "b"],
               {"b": frozenset({"dataset"})})
    assert tabs.active == 0


def test_the_input_column_can_be_named():
    model = pycore.Sequential([pycore.Dense(1, input_dim=2)], seed=0)
    drawing = picture(model, input_names=["x1²", "sin x2"])
    assert drawing.nodes["name"][:2] == ["x1²", "sin x2"]


def test_a_running_chart_keeps_its_log_ticks_while_they_label_the_curves(chart):
    """Every change of an axis costs the page a layout of the whole chart: while a net
    trains the ticks change only when the curves leave them; a pause sets them afresh."""
    trainer = chart.trainer
    axis = chart.figure.yaxis[0]
    with param.discard_events(trainer):  # "running" without starting the training loop
        trainer.running = True
    def losses() -> list[float]:
        return [*chart.source.data["loss"], *chart.source.data["val_loss"]]

    trainer.step(1)
    axis.ticker.ticks = kept = [min(losses()), max(losses())]  # two ticks on the curves
    trainer.step(3)
    assert log_ticks(losses()) != kept and axis.ticker.ticks == kept
    axis.ticker.ticks = [100.0, 200.0]  # no longer on the curves: new ticks, and headroom
    trainer.step(1)
    assert axis.ticker.ticks[3:] == log_ticks(losses()) and len(axis.ticker.ticks) > 4
    trainer.running = False
    assert axis.ticker.ticks == log_ticks(losses())


def test_a_chart_streamed_between_epochs_waits_for_them_while_running(chart):
    """With a streamer, a running chart gets the epochs of earlier updates during the next
    update (never at an update's end, when the page repaints everything else); a pause shows
    them all."""
    trainer = chart.trainer
    trainer.callbacks.append(chart.streamer(0.0))
    with param.discard_events(trainer):  # "running" without starting the training loop
        trainer.running = True
    trainer.step(2)
    assert chart.source.data["epoch"] == [0]
    trainer.step(2)
    assert chart.source.data["epoch"] == [0, 1, 2]
    trainer.running = False
    assert chart.source.data["epoch"] == [0, 1, 2, 3, 4]


def test_new_epochs_repaint_only_the_curves_inside_ranges_that_change_in_steps(chart):
    """The curves lie on the plot's overlay level: a stream repaints only them, unless the
    data leave the ranges, which grow in steps (1, 2, 5 × 10^k epochs; half a decade of
    loss)."""
    fig, trainer = chart.figure, chart.trainer
    streamed = {r.level for r in fig.renderers if r.data_source in (chart.source, chart.best)}
    assert streamed == {"overlay"} and fig.tools == []  # no pan or zoom to move them out
    assert {r.level for r in fig.renderers if r.data_source is chart.starts} == {"glyph"}
    trainer.step(3)
    ends = (fig.x_range.start, fig.x_range.end, fig.y_range.start, fig.y_range.end)
    assert ends[:2] == pytest.approx((-0.1, 5.0))
    losses = [*chart.source.data["loss"], *chart.source.data["val_loss"]]
    assert ends[2] < min(losses) < max(losses) < ends[3]
    assert 2 * math.log10(ends[2]) == pytest.approx(round(2 * math.log10(ends[2])))
    trainer.step(1)
    assert (fig.x_range.start, fig.x_range.end) == ends[:2]
    trainer.step(2)
    assert fig.x_range.end == 10.0


def test_a_new_run_gets_the_ticks_training_keeps(chart):
    """A tick change repaints the whole chart: the ticks of a fresh run are those of a
    falling curve, so the first updates of training keep them."""
    trainer = chart.trainer
    trainer.reset()
    ticks = list(chart.figure.yaxis[0].ticker.ticks)
    assert len(ticks) > len(log_ticks(chart.source.data["loss"]))  # decades below the curve
    with param.discard_events(trainer):  # "running" without starting the training loop
        trainer.running = True
    trainer.step(2)
    assert chart.figure.yaxis[0].ticker.ticks == ticks
