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
"""

from __future__ import annotations

import math
import time

import panel as pn
from bokeh.models import (
    BasicTicker,
    ColumnDataSource,
    FixedTicker,
    LabelSet,
    LinearAxis,
    LinearScale,
    Range1d,
)
from bokeh.plotting import figure

from web.ui import axes, i18n, theme
from web.ui.bokeh_sync import bokeh_edit
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
from web.ui.pacing import BetweenEpochs
from web.ui.trainer import Trainer

i18n.register({
    "train.chart": ("Loss per epoch (log scale)", "Loss pro Epoche (log. Skala)"),
    "train.epoch_axis": ("epoch", "Epoche"),
    "train.train": ("training", "Training"),
    "train.val": ("validation", "Validierung"),
    "train.best": ("best validation", "beste Validierung"),
    "train.run": ("run {number}", "Lauf {number}"),
    "train.run_from": ("run {number}: {origin}", "Lauf {number}: {origin}"),
    "train.mean_baseline": ("predict the mean", "Mittelwert vorhersagen"),
    "train.test": ("test", "Test"),
    "train.best_test": ("best test", "bester Test"),
    "train.accuracy_axis": ("accuracy", "Genauigkeit"),
    "train.train_accuracy": ("training accuracy", "Trainings-Genauigkeit"),
    "train.test_accuracy": ("test accuracy", "Test-Genauigkeit"),
    "train.val_accuracy": ("validation accuracy", "Validierungs-Genauigkeit"),
})

# Not orange and blue: those mean "negative" and "positive" everywhere in the lab.
TRAIN_COLOR = "#222222"
VAL_COLOR = "#7b3294"
BASELINE_COLOR = "#8c510a"
ACCURACY_COLOR, VAL_ACCURACY_COLOR = "#1b9e77", "#66a61e"
ACCURACY_TICKS = [0.0, 0.5, 1.0]


class LossChart(pn.viewable.Viewer):
    """Training and validation loss of every run of one trainer."""

    def __init__(self, trainer: Trainer, display: Display, height: int = 280,
                 baseline: bool = False, accuracy: bool = False, test: bool = False,
                 stream_seconds: float = 0.0) -> None:
        """``stream_seconds``: while the trainer runs, new epochs are sent at most this often
        (each update of a chart costs the page a repaint; the rest follows on pause)."""
        super().__init__()
        self.trainer, self.display, self.test = trainer, display, test
        self.stream_seconds, self._streamed = stream_seconds, 0.0
        self.between_epochs = False  # a running chart is streamed by `streamer` only
        self.source = ColumnDataSource({name: [] for name in COLUMNS})
        self.labels = ColumnDataSource({"x": [], "y": [], "text": []})
        self.best = ColumnDataSource({"x": [], "y": []})
        self.starts = ColumnDataSource({"x": [], "y": []})
        self.baseline: ColumnDataSource | None = None
        self.figure = self._figure(height)
        if baseline:
            self._add_baseline()
        if accuracy:
            self._add_accuracy()
        self._shown = (0, 0)  # (run number, index of its next epoch to draw)
        self._stride = 1
        self.redraw()
        trainer.param.watch(lambda _e: self.redraw(), "run_count")
        trainer.param.watch(self._epoch_changed, "epoch")
        trainer.param.watch(lambda _e: (self.extend(), self._retick()), "running")
        display.param.watch(lambda _e: self._label_runs(), "code")
        display.param.watch(lambda _e: self._retick(), "code")

    def _figure(self, height: int):
        fig = figure(height=height, sizing_mode="stretch_width", y_axis_type="log",
                     tools="pan,wheel_zoom,reset", toolbar_location=None)
        train = fig.line("epoch", "loss", source=self.source, line_width=3, color=TRAIN_COLOR,
                         legend_label="training")
        val = fig.line("epoch", "val_loss", source=self.source, line_width=3, color=VAL_COLOR,
                       line_dash="dashed", legend_label="validation")
        fig.scatter("x", "y", source=self.best, size=14, marker="star", color=VAL_COLOR,
                    legend_label="best")
        # each run's epoch-0 loss as a dot: a run of one epoch has no line to show it
        fig.scatter("x", "y", source=self.starts, size=9, color=TRAIN_COLOR)
        run_labels = LabelSet(x="x", y="y", text="text", source=self.labels, x_offset=4,
                              y_offset=6)
        fig.add_layout(run_labels)
        self.display.follow(run_labels, "text_font_size", self.display.px(theme.PLOT_TEXT_PX))
        fig.yaxis.ticker = FixedTicker(ticks=[])  # set from the data: web.ui.axes
        fig.xaxis.ticker = BasicTicker(min_interval=1)  # whole epochs only (no "0.2")
        fig.legend.location = "top_right"
        theme.style_axes(fig, self.display)
        t = self.display.text
        self.display.follow(fig.title, "text", t("train.chart"))
        self.display.follow(fig.xaxis[0], "axis_label", t("train.epoch_axis"))
        held_out = ("train.test", "train.best_test") if self.test else ("train.val",
                                                                          "train.best")
        for item, key in zip(fig.legend.items, ("train.train", *held_out), strict=True):
            self.display.follow(item, "label", _legend_value(t(key)))
        self._renderers = (train, val)
        return fig

    def _add_baseline(self) -> None:
        """The "predict the mean" line, drawn as data from epoch 0 to the last epoch shown (a
        Span would not count for the axis ranges: at epoch 0 of the hand-set net, loss 2e-8,
        the line at 0.013 would lie outside the chart); it moves when the loss changes."""
        self.baseline = ColumnDataSource({"x": [], "y": []})
        self.figure.line("x", "y", source=self.baseline, color=BASELINE_COLOR,
                         line_dash="dotted", line_width=3, legend_label="baseline")
        self.display.follow(self.figure.legend.items[-1], "label",
                            _legend_value(self.display.text("train.mean_baseline")))
        self.trainer.param.watch(lambda *_e: (self._move_baseline(), self._retick()),
                                 ["loss", "problem"])

    def _add_accuracy(self) -> None:
        """Training and held-out accuracy on a linear 0..1 axis on the right."""
        fig, t = self.figure, self.display.text
        fig.extra_y_ranges = {"accuracy": Range1d(0.0, 1.0)}
        # Its own linear scale: the extra range would otherwise take the plot's log scale, on
        # which 0..1 collapses (log 0) and the accuracy curves and ticks vanish off the top.
        fig.extra_y_scales = {"accuracy": LinearScale()}
        # Three fixed ticks with fixed labels: a formatter would format every label anew at
        # every repaint of the chart, which while training is a few times a second.
        axis = LinearAxis(y_range_name="accuracy", ticker=FixedTicker(ticks=ACCURACY_TICKS))
        fig.add_layout(axis, "right")
        self.display.follow(axis, "major_label_overrides", pn.bind(
            axes.tick_labels, ACCURACY_TICKS, code=self.display.param.code))
        self.display.follow(axis, "axis_label", t("train.accuracy_axis"))
        for column, color, dash in (("accuracy", ACCURACY_COLOR, "solid"),
                                    ("val_accuracy", VAL_ACCURACY_COLOR, "dashed")):
            fig.line("epoch", column, source=self.source, y_range_name="accuracy",
                     line_width=2, color=color, line_dash=dash, legend_label=column)
        held_out = "train.test_accuracy" if self.test else "train.val_accuracy"
        for item, key in zip(fig.legend.items[-2:], ("train.train_accuracy", held_out),
                             strict=True):
            self.display.follow(item, "label", _legend_value(t(key)))
        for attribute in ("axis_label_text_font_size", "major_label_text_font_size"):
            self.display.follow(axis, attribute, self.display.px(theme.PLOT_TEXT_PX))

    @bokeh_edit
    def _move_baseline(self, *_events: object) -> None:
        if self.baseline is None:
            return
        location = self.trainer.mean_baseline()
        if location is None or not 0 < location <= LOSS_CAP:
            self.baseline.data = {"x": [], "y": []}
            return
        last = max((run.epochs[-1] for run in self.trainer.runs if run.epochs), default=0)
        self.baseline.data = {"x": [0, max(1, last)], "y": [location, location]}

    @bokeh_edit
    def _retick(self, growing: bool = False) -> None:
        """Log-axis ticks for the losses shown (and the baseline), in the reader's language.
        ``growing`` (epochs streamed into a running chart): ticks for a falling curve, kept
        while they still label it (:func:`web.ui.axes.growing_log_ticks`: each change of
        the axis costs the page a layout of the whole chart); a pause reticks."""
        values = [*self.source.data["loss"], *self.source.data["val_loss"]]
        if self.baseline is not None:
            values += list(self.baseline.data["y"])
        axis = self.figure.yaxis[0]
        ticks = getattr(axis.ticker, "ticks", [])
        running = growing and self.trainer.running
        if running and axes.log_ticks_still_label(ticks, values):
            return
        axes.apply_log(axis, values, self.display.code, growing=running)

    @bokeh_edit
    def redraw(self) -> None:
        """All runs anew (a run started, or earlier runs were cleared)."""
        runs = self.trainer.runs
        self._stride = stride_for(len(runs[-1].epochs))
        self.source.data = chart_columns(runs, self._stride)
        self._shown = (runs[-1].number, -(-len(runs[-1].epochs) // self._stride) * self._stride)
        self._label_runs()
        self._mark_best()
        self._move_baseline()
        self._retick()

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

    @bokeh_edit
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
        self._retick(growing=True)

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
        return pn.pane.Bokeh(self.figure, sizing_mode="stretch_width")


def _legend_value(reference):
    return pn.bind(lambda text: {"value": text}, reference)
