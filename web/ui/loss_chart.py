"""The loss chart of every training panel: one curve per run, from epoch 0, on a log axis.

A student must see what an update did to the starting weights (the division net's hand-set
weights are destroyed by the first epoch), so every run starts with the loss of its starting
weights at epoch 0. Runs are separated by a gap and labelled where they start ("2: hand-set
weights"); the best validation epoch of the current run is marked; optionally the loss of
always predicting the mean is a horizontal line (a net above it has learnt nothing), and the
accuracy (a classifier's share of right answers) is drawn on a second, linear axis. The chart
follows a :class:`web.ui.trainer.Trainer`: a new run redraws, new epochs are *streamed* (only
the new rows travel to the page, so a long run costs the same per update as a short one).
``test=True`` calls the held-out data "test" instead of "validation" (the playground's term).
How it looks is :mod:`web.ui.loss_figure`; here its data, ranges and ticks follow the trainer.
"""

from __future__ import annotations

import math
import time

import panel as pn
from bokeh.models import ColumnDataSource

from web.ui import axes, i18n
from web.ui.bokeh_sync import bokeh_edit, held_edit
from web.ui.display import Display
from web.ui.loss_columns import (
    COLUMNS,
    LOSS_CAP,
    best_epoch,
    chart_columns,
    plottable,
    run_columns,
    stride_for,
)
from web.ui.loss_figure import add_accuracy, add_baseline, header, loss_figure, loss_keys
from web.ui.pacing import BetweenEpochs
from web.ui.trainer import Trainer

i18n.register({
    "train.run": ("run {number}", "Lauf {number}"),
    "train.run_from": ("run {number}: {origin}", "Lauf {number}: {origin}"),
})


class LossChart(pn.viewable.Viewer):
    """Training and validation loss of every run of one trainer."""

    def __init__(self, trainer: Trainer, display: Display, height: int = 280,
                 baseline: bool = False, accuracy: bool = False, test: bool = False,
                 stream_seconds: float = 0.0) -> None:
        """``stream_seconds``: while the trainer runs, new epochs are sent at most this often
        (each update of a chart costs the page a repaint; the rest follows on pause)."""
        super().__init__()
        self.trainer, self.display = trainer, display
        self.stream_seconds, self._streamed = stream_seconds, 0.0
        self.between_epochs = False  # a running chart is streamed by `streamer` only
        self.source = ColumnDataSource({name: [] for name in COLUMNS})
        self.labels = ColumnDataSource({"x": [], "y": [], "text": []})
        self.best = ColumnDataSource({"x": [], "y": []})
        self.starts = ColumnDataSource({"x": [], "y": []})
        self.baseline: ColumnDataSource | None = None
        keys = loss_keys(test)
        self.figure = loss_figure(display, height, keys, self.source, self.best, self.starts,
                                  self.labels)
        if baseline:
            self.baseline = ColumnDataSource({"x": [], "y": []})
            keys.append(add_baseline(self.figure, self.baseline))
            trainer.param.watch(self._loss_changed, ["loss", "problem"])
        if accuracy:
            keys += add_accuracy(self.figure, display, self.source, test)
        self.header = header(display, keys)
        self._shown = (0, 0)  # (run number, index of its next epoch to draw)
        self._stride = 1
        self.redraw()
        trainer.param.watch(lambda _e: self.redraw(), "run_count")
        trainer.param.watch(self._epoch_changed, "epoch")
        trainer.param.watch(self._running_changed, "running")
        display.param.watch(lambda _e: self._label_runs(), "code")
        display.param.watch(lambda _e: self._fit_axes(), "code")

    @held_edit
    def _loss_changed(self, *_events: object) -> None:
        self._move_baseline()
        self._fit_axes()

    @held_edit
    def _running_changed(self, _event: object) -> None:
        self.extend()
        self._fit_axes(growing=self.trainer.running)

    @bokeh_edit
    def _move_baseline(self) -> None:
        if self.baseline is None:
            return
        location = self.trainer.mean_baseline()
        if location is None or not 0 < location <= LOSS_CAP:
            self.baseline.data = {"x": [], "y": []}
            return
        self.baseline.data = {"x": [0, max(1, self._last_epoch())], "y": [location, location]}

    def _last_epoch(self) -> int:
        return max((run.epochs[-1] for run in self.trainer.runs if run.epochs), default=0)

    @bokeh_edit
    def _fit_axes(self, growing: bool = False) -> None:
        """Ranges for the epochs and losses shown (and the baseline), and log-axis ticks in the
        reader's language. ``growing`` (a chart that training is about to extend): ticks for
        a falling curve, kept while they still label it (:func:`web.ui.axes.growing_log_ticks`:
        each change of the axis costs the page a repaint of the whole chart); a pause reticks."""
        values = [*self.source.data["loss"], *self.source.data["val_loss"]]
        if self.baseline is not None:
            values += list(self.baseline.data["y"])
        fig = self.figure  # Bokeh sends a range only when its ends change
        start, end = axes.epoch_bounds(self._last_epoch())
        fig.x_range.update(start=start, end=end)
        start, end = axes.log_bounds(values, growing)
        fig.y_range.update(start=start, end=end)
        axis = fig.yaxis[0]
        ticks = getattr(axis.ticker, "ticks", [])
        if growing and axes.log_ticks_still_label(ticks, values):
            return
        axes.apply_log(axis, values, self.display.code, growing=growing)

    @held_edit
    def redraw(self) -> None:
        """All runs anew (a run started, or earlier runs were cleared). A new run gets the
        ticks of a falling curve at once: training is what comes next."""
        runs = self.trainer.runs
        self._stride = stride_for(len(runs[-1].epochs))
        self.source.data = chart_columns(runs, self._stride)
        self._shown = (runs[-1].number, -(-len(runs[-1].epochs) // self._stride) * self._stride)
        self._label_runs()
        self._mark_best()
        self._move_baseline()
        self._fit_axes(growing=self.trainer.running or len(runs[-1].epochs) == 1)

    def _epoch_changed(self, _event: object) -> None:
        if self.trainer.running and (self.between_epochs or
                                     time.monotonic() - self._streamed < self.stream_seconds):
            return
        self.extend()

    def streamer(self, seconds: float) -> BetweenEpochs:
        """A pycore callback for the trainer that streams the epochs of earlier updates between
        the epochs of the current one, at most every ``seconds``; from now on a running chart
        is streamed only by it (a pause still shows every epoch at once). Why: at the end of
        an update the page repaints the other pictures, and this chart's repaint on top made
        that frame a long task of the page (> 50 ms)."""
        self.between_epochs = True
        return BetweenEpochs(self.extend, seconds)

    @held_edit
    def extend(self) -> None:
        """Stream the epochs the current run gained since the last call."""
        run = self.trainer.run
        number, shown = self._shown  # shown: the next epoch index to draw
        if (number != run.number or len(run.epochs) < shown - self._stride + 1
                or stride_for(len(run.epochs)) != self._stride):
            self.redraw()
            return
        if len(run.epochs) <= shown:
            return
        self.source.stream(run_columns(run, shown, self._stride))
        self._shown = (number, -(-len(run.epochs) // self._stride) * self._stride)
        self._streamed = time.monotonic()
        self._mark_best(shown)
        self._move_baseline()
        self._fit_axes(growing=self.trainer.running)

    def _mark_best(self, start: int = 0) -> None:
        """Star the run's best held-out epoch; after a stream only the new epochs can beat
        the star (no pass over the whole run every update)."""
        run = self.trainer.run
        if start == 0:
            self._best = best_epoch(run)
        else:
            values = run.logs.get("val_loss", [])[start:]
            finite = [(v, k) for k, v in enumerate(values, start=start) if math.isfinite(v)]
            if finite:
                value, k = min(finite)
                if self._best is None or value < self._best[1]:
                    self._best = (run.epochs[k], value)
                else:
                    return
        best = self._best
        self.best.data = {"x": [best[0]], "y": [best[1]]} if best else {"x": [], "y": []}

    @bokeh_edit
    def _label_runs(self) -> None:
        runs = self.trainer.runs
        code = self.display.code
        texts = [i18n.text("train.run_from", code, number=r.number, origin=r.origin)
                 if r.origin else i18n.text("train.run", code, number=r.number) for r in runs]
        starts = [plottable(r.logs.get("loss", [math.nan])[0]) for r in runs]
        finite = [k for k, y in enumerate(starts) if math.isfinite(y)]
        self.starts.data = {"x": [runs[k].epochs[0] for k in finite],
                            "y": [starts[k] for k in finite]}
        keep = finite if len(runs) > 1 else []
        self.labels.data = {"x": [runs[k].epochs[0] for k in keep],
                            "y": [starts[k] for k in keep], "text": [texts[k] for k in keep]}

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(self.header, pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"),
                         sizing_mode="stretch_width")
