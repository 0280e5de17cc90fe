"""The loss chart of every training panel: one curve per run, from epoch 0, on a log axis.

A student must see what an update did to the starting weights (the division net's hand-set
weights are destroyed by the first epoch), so every run starts with the loss of its starting
weights at epoch 0. Runs are separated by a gap and labelled where they start ("2: hand-set
weights"); the best validation epoch of the current run is marked; optionally the loss of
always predicting the mean is a horizontal line (a net above it has learnt nothing). The chart
follows a :class:`web.ui.trainer.Trainer`: new epochs are streamed, a new run redraws.
"""

from __future__ import annotations

import math

import numpy as np
import panel as pn
from bokeh.models import BasicTicker, ColumnDataSource, FixedTicker, LabelSet
from bokeh.plotting import figure

from web.ui import axes, i18n, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.trainer import Run, Trainer

i18n.register({
    "train.chart": ("Loss per epoch (log scale)", "Loss pro Epoche (log. Skala)"),
    "train.epoch_axis": ("epoch", "Epoche"),
    "train.train": ("training", "Training"),
    "train.val": ("validation", "Validierung"),
    "train.best": ("best validation", "beste Validierung"),
    "train.run": ("run {number}", "Lauf {number}"),
    "train.run_from": ("run {number}: {origin}", "Lauf {number}: {origin}"),
    "train.mean_baseline": ("predict the mean", "Mittelwert vorhersagen"),
})

# Not orange and blue: those mean "negative" and "positive" everywhere in the lab.
TRAIN_COLOR = "#222222"
VAL_COLOR = "#7b3294"
BASELINE_COLOR = "#8c510a"
LOSS_CAP = 1e12
COLUMNS = ("epoch", "loss", "val_loss")


def plottable(value: float | None) -> float:
    """A loss for the log-scale chart: NaN (a gap) instead of None, values ≤ 0, inf or above
    LOSS_CAP; such values leave Bokeh's log axis without a single tick and the curve flat (the
    status line next to the chart still prints the real number)."""
    if value is None:
        return math.nan
    return value if 0 < value <= LOSS_CAP else math.nan


def run_columns(run: Run, start: int = 0) -> dict[str, list[float]]:
    """Chart rows of ``run`` from its ``start``-th epoch on."""
    return {"epoch": run.epochs[start:],
            "loss": [plottable(v) for v in run.logs.get("loss", [])[start:]],
            "val_loss": [plottable(v) for v in run.logs.get("val_loss", [])[start:]]
            or [math.nan] * (len(run.epochs) - start)}


def chart_columns(runs: list[Run]) -> dict[str, list[float]]:
    """All runs, each followed by a NaN row so that Bokeh breaks the line between runs."""
    out: dict[str, list[float]] = {name: [] for name in COLUMNS}
    for run in runs:
        for name, values in run_columns(run).items():
            out[name] += [*values, math.nan]
    return out


def best_epoch(run: Run) -> tuple[int, float] | None:
    """(epoch, validation loss) of the run's lowest finite validation loss, if any."""
    values = np.asarray(run.logs.get("val_loss", []), dtype=float)
    if not np.isfinite(values).any():
        return None
    k = int(np.nanargmin(np.where(np.isfinite(values), values, np.nan)))
    return run.epochs[k], float(values[k])


class LossChart(pn.viewable.Viewer):
    """Training and validation loss of every run of one trainer."""

    def __init__(self, trainer: Trainer, display: Display, height: int = 280,
                 baseline: bool = False) -> None:
        super().__init__()
        self.trainer, self.display = trainer, display
        self.source = ColumnDataSource({name: [] for name in COLUMNS})
        self.labels = ColumnDataSource({"x": [], "y": [], "text": []})
        self.best = ColumnDataSource({"x": [], "y": []})
        self.starts = ColumnDataSource({"x": [], "y": []})
        self.baseline: ColumnDataSource | None = None
        self.figure = self._figure(height)
        if baseline:
            self._add_baseline()
        self._shown = (0, 0)  # (run number, epochs of it already in the source)
        self.redraw()
        trainer.param.watch(lambda _e: self.redraw(), "run_count")
        trainer.param.watch(lambda _e: self.extend(), "epoch")
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
        for item, key in zip(fig.legend.items, ("train.train", "train.val", "train.best"),
                             strict=True):
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
    def _retick(self) -> None:
        """Log-axis ticks for the losses shown (and the baseline), in the reader's language."""
        values = [*self.source.data["loss"], *self.source.data["val_loss"]]
        if self.baseline is not None:
            values += list(self.baseline.data["y"])
        axes.apply_log(self.figure.yaxis[0], values, self.display.code)

    @bokeh_edit
    def redraw(self) -> None:
        """All runs anew (a run started, or earlier runs were cleared)."""
        runs = self.trainer.runs
        self.source.data = chart_columns(runs)
        self._shown = (runs[-1].number, len(runs[-1].epochs))
        self._label_runs()
        self._mark_best()
        self._move_baseline()
        self._retick()

    @bokeh_edit
    def extend(self) -> None:
        """Stream the epochs the current run gained since the last call."""
        run = self.trainer.run
        number, shown = self._shown
        if number != run.number or len(run.epochs) < shown:
            self.redraw()
            return
        if len(run.epochs) == shown:
            return
        new = run_columns(run, shown)
        # Keep the NaN row that ends every run at the end: drop it, stream, put it back.
        data = {name: list(self.source.data[name])[:-1] + values + [math.nan]
                for name, values in new.items()}
        self.source.data = data
        self._shown = (number, len(run.epochs))
        self._mark_best()
        self._move_baseline()
        self._retick()

    def _mark_best(self) -> None:
        best = best_epoch(self.trainer.run)
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
