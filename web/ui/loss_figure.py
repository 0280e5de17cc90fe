"""How the loss chart (:mod:`web.ui.loss_chart`) looks: its Bokeh figure, curves and axes, and
a header line above it with the title and the legend.

The chart's ranges are set from its data (:func:`web.ui.axes.log_bounds`) and it has no pan or
zoom, so its curves always lie inside the frame and can be drawn on the plot's overlay level, a
canvas of their own: new epochs change only the curves, and the page repaints only that canvas,
not the axes and grid, which cost it several times as much. The title and legend are HTML: on
the canvas the legend covered the end of the curves, and Bokeh redraws its swatches only when
it repaints everything else too (so they were blank beside curves on the overlay level).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

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
from web.ui.display import Display

i18n.register({
    "train.chart": ("Loss per epoch (log scale)", "Loss pro Epoche (log. Skala)"),
    "train.epoch_axis": ("epoch", "Epoche"),
    "train.train": ("training", "Training"),
    "train.val": ("validation", "Validierung"),
    "train.best": ("best validation", "beste Validierung"),
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
STREAMED = "overlay"  # the level of everything that new epochs change
HEADER_PX = 30  # the header line's height in normal mode: the figure is that much lower


@dataclass(frozen=True)
class Key:
    """A curve as the legend names and draws it: text key, colour, Bokeh dash or "star"."""

    text: str
    color: str
    dash: str = "solid"
    width: int = 3


def loss_keys(test: bool) -> list[Key]:
    """Training loss, held-out loss and the best held-out epoch (``test``: called "test")."""
    held_out, best = ("train.test", "train.best_test") if test else ("train.val", "train.best")
    return [Key("train.train", TRAIN_COLOR), Key(held_out, VAL_COLOR, "dashed"),
            Key(best, VAL_COLOR, "star")]


def loss_figure(display: Display, height: int, keys: list[Key], curves: ColumnDataSource,
                best: ColumnDataSource, starts: ColumnDataSource,
                labels: ColumnDataSource) -> figure:
    """Training and held-out loss (``curves``), the ``best`` held-out epoch as a star, each
    run's epoch-0 loss as a dot (``starts``: a run of one epoch has no line to show it) and
    ``labels`` of runs, drawn as ``keys`` (:func:`loss_keys`) say; ``height`` includes the
    header line."""
    fig = figure(height=height - HEADER_PX, sizing_mode="stretch_width", y_axis_type="log",
                 x_range=Range1d(*axes.epoch_bounds(0)), y_range=Range1d(*axes.EMPTY_LOG_BOUNDS),
                 title=None, tools="", toolbar_location=None)
    train, val, star = keys
    _line(fig, train, "loss", curves)
    _line(fig, val, "val_loss", curves)
    fig.scatter("x", "y", source=best, size=14, marker="star", color=star.color,
                level=STREAMED)
    fig.scatter("x", "y", source=starts, size=9, color=train.color)
    run_labels = LabelSet(x="x", y="y", text="text", source=labels, x_offset=4, y_offset=6)
    fig.add_layout(run_labels)
    display.follow(run_labels, "text_font_size", display.px(theme.PLOT_TEXT_PX))
    fig.yaxis.ticker = FixedTicker(ticks=[])  # set from the data: web.ui.axes
    fig.xaxis.ticker = BasicTicker(min_interval=1)  # whole epochs only (no "0.2")
    theme.style_axes(fig, display)
    display.follow(fig.xaxis[0], "axis_label", display.text("train.epoch_axis"))
    return fig


def add_baseline(fig: figure, baseline: ColumnDataSource) -> Key:
    """The "predict the mean" line: drawn as data from epoch 0 to the last epoch shown, so
    that it counts for the loss range like the curves (at epoch 0 of the hand-set division
    net, loss 2e-8, the line at 0.013 would otherwise lie outside the chart)."""
    key = Key("train.mean_baseline", BASELINE_COLOR, "dotted")
    fig.line("x", "y", source=baseline, color=key.color, line_dash=key.dash,
             line_width=key.width, level=STREAMED)
    return key


def add_accuracy(fig: figure, display: Display, curves: ColumnDataSource,
                 test: bool) -> list[Key]:
    """Training and held-out accuracy on a linear 0..1 axis on the right."""
    fig.extra_y_ranges = {"accuracy": Range1d(0.0, 1.0)}
    # Its own linear scale: the extra range would otherwise take the plot's log scale, on
    # which 0..1 collapses (log 0) and the accuracy curves and ticks vanish off the top.
    fig.extra_y_scales = {"accuracy": LinearScale()}
    # Three fixed ticks with fixed labels: a formatter would format every label anew at
    # every repaint of the chart.
    axis = LinearAxis(y_range_name="accuracy", ticker=FixedTicker(ticks=ACCURACY_TICKS))
    fig.add_layout(axis, "right")
    display.follow(axis, "major_label_overrides", pn.bind(
        axes.tick_labels, ACCURACY_TICKS, code=display.param.code))
    display.follow(axis, "axis_label", display.text("train.accuracy_axis"))
    for attribute in ("axis_label_text_font_size", "major_label_text_font_size"):
        display.follow(axis, attribute, display.px(theme.PLOT_TEXT_PX))
    held_out = "train.test_accuracy" if test else "train.val_accuracy"
    keys = [Key("train.train_accuracy", ACCURACY_COLOR, width=2),
            Key(held_out, VAL_ACCURACY_COLOR, "dashed", width=2)]
    for key, column in zip(keys, ("accuracy", "val_accuracy"), strict=True):
        _line(fig, key, column, curves, y_range_name="accuracy")
    return keys


def _line(fig: figure, key: Key, column: str, source: ColumnDataSource, **options) -> None:
    fig.line("epoch", column, source=source, color=key.color, line_dash=key.dash,
             line_width=key.width, level=STREAMED, **options)


def header(display: Display, keys: list[Key]) -> pn.pane.HTML:
    """The chart's title and legend in one line (wrapped where the page is narrow), in the
    reader's language."""
    return pn.pane.HTML(pn.bind(header_html, keys, code=display.param.code),
                        stylesheets=theme.STYLESHEETS, sizing_mode="stretch_width",
                        min_height=HEADER_PX, margin=(0, 10))


def header_html(keys: list[Key], code: str) -> str:
    items = "".join(
        f'<span class="nnlab-chart-key">{_swatch(key)}'
        f"{html.escape(i18n.text(key.text, code))}</span>" for key in keys)
    title = html.escape(i18n.text("train.chart", code))
    return f'<div class="nnlab-chart-head"><b>{title}</b>{items}</div>'


def _swatch(key: Key) -> str:
    if key.dash == "star":
        return f'<span class="nnlab-chart-star" style="color: {key.color}">★</span>'
    return (f'<span class="nnlab-chart-line" '
            f'style="border-top: {key.width}px {key.dash} {key.color}"></span>')
