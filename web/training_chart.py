"""What every training panel shows: live loss curves and, when a run diverges, why it stopped.

The division demo and the network view both train; a student should see the same chart (same
colours, same log axis, same words) and the same explanation of a stopped run in both.
"""

from __future__ import annotations

import math

from bokeh.models import ColumnDataSource, FixedTicker
from bokeh.plotting import figure

from pycore.callbacks import TrainingStopped
from web import i18n
from web.bokeh_sync import bokeh_edit

i18n.register({
    "train.chart": ("Loss per epoch (log scale)", "Loss pro Epoche (log. Skala)"),
    "train.epoch_axis": ("epoch", "Epoche"),
    "train.train": ("training", "Training"),
    "train.val": ("validation", "Validierung"),
    "train.stopped": ("Training stopped in epoch {epoch}, batch {batch}: {why} The weights from "
                      "before that step were kept; try a smaller learning rate.",
                      "Training gestoppt in Epoche {epoch}, Batch {batch}: {why} Die Gewichte "
                      "von vor diesem Schritt bleiben erhalten; versuche eine kleinere Lernrate."),
    "train.stopped.loss": ("the loss grew beyond every number the computer can store "
                           "(the run diverged).",
                           "Der Loss wurde größer als jede Zahl, die der Rechner speichern kann "
                           "(das Training ist divergiert)."),
    "train.stopped.weights": ("a weight grew beyond every number the computer can store "
                              "(the run diverged).",
                              "Ein Gewicht wurde größer als jede Zahl, die der Rechner speichern "
                              "kann (das Training ist divergiert)."),
})

# Not orange and blue: those mean "negative" and "positive" everywhere in the lab.
TRAIN_COLOR = "#222222"
VAL_COLOR = "#7b3294"
# Log-axis ticks at 1, 2, 5 × 10^k. Bokeh's LogTicker falls back to linear steps (0.02, 0.04,
# …) when the range spans few decades, which leaves the lower decades of a log chart bare.
# (Labels keep Bokeh's own log formatter: a CustomJS one needs eval, which the site's CSP bans.)
LOG_TICKS = [m * 10.0**k for k in range(-12, 13) for m in (1, 2, 5)]
LOSS_CAP = 1e12
COLUMNS = ("epoch", "loss", "val_loss")


def plottable(value: float) -> float:
    """A loss for the log-scale chart: NaN (a gap) instead of values ≤ 0, inf or above
    LOSS_CAP; such values leave Bokeh's log axis without a single tick and the curve flat (the
    status line next to the chart still prints the real number)."""
    return value if 0 < value <= LOSS_CAP else math.nan


def stopped_message(stopped: TrainingStopped, lang: i18n.Language) -> str:
    """pycore's stop event in the UI language (pycore's own message is English only)."""
    why = lang.t("train.stopped.weights" if "weights" in stopped.reason else "train.stopped.loss")
    return lang.t("train.stopped", epoch=stopped.epoch + 1, batch=stopped.batch + 1, why=why)


class LossChart:
    """Training and validation loss per epoch on a log axis, grown one epoch at a time."""

    def __init__(self, height: int = 300) -> None:
        self.source = ColumnDataSource({name: [] for name in COLUMNS})
        fig = figure(height=height, sizing_mode="stretch_width", y_axis_type="log",
                     tools="pan,wheel_zoom,reset")
        fig.line("epoch", "loss", source=self.source, line_width=3, color=TRAIN_COLOR,
                 legend_label="training")
        fig.line("epoch", "val_loss", source=self.source, line_width=3, color=VAL_COLOR,
                 line_dash="dashed", legend_label="validation")
        fig.yaxis.ticker = FixedTicker(ticks=LOG_TICKS)
        fig.xaxis.major_label_text_font_size = fig.yaxis.major_label_text_font_size = "16px"
        fig.xaxis.axis_label_text_font_size = "16px"
        fig.xaxis.axis_label_text_font_style = "normal"
        fig.legend.label_text_font_size = "16px"
        fig.title.text_font_size = "17px"
        self.figure = fig

    @bokeh_edit
    def append(self, epoch: int, loss: float, val_loss: float = math.nan) -> None:
        self.source.stream({"epoch": [epoch], "loss": [plottable(loss)],
                            "val_loss": [plottable(val_loss)]})

    @bokeh_edit
    def clear(self) -> None:
        self.source.data = {name: [] for name in COLUMNS}  # new lists: stream extends them

    @bokeh_edit
    def relabel(self, lang: i18n.Language) -> None:
        self.figure.title.text = lang.t("train.chart")
        self.figure.xaxis.axis_label = lang.t("train.epoch_axis")
        self.figure.legend.items[0].label = {"value": lang.t("train.train")}
        self.figure.legend.items[1].label = {"value": lang.t("train.val")}
