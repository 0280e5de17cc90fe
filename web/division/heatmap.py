"""Error heatmap of the division net over the input square, on log-log axes.

Colour is log10 |network quotient − true quotient| on a fixed scale (1e-7 … 1e2), so pictures of
different weights can be compared. Error is unsigned, so a sequential palette is used here (the
signed scale of web.ui.colors is for weights and other signed values). The axes are log10 of
the inputs with ticks labelled in plain numbers: on log axes every line x1 / x2 = const is a
diagonal, so the "quotient > 50" border is the dashed straight line, and x = 1 is a cross.
The picture follows the division view-model: a new weight, range or input redraws it, but at
most every ``MIN_SECONDS`` while a network trains (the 200×200 image is the costliest patch
of the tab); the last state is always drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from bokeh.models import ColorBar, ColumnDataSource, FixedTicker, LogColorMapper, Range1d, Span
from bokeh.palettes import Viridis256
from bokeh.plotting import figure

from web.ui import fmt, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ERROR_LOW, ERROR_HIGH = 1e-7, 1e2
TICK_VALUES = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50)


def clipped(errors: np.ndarray) -> np.ndarray:
    """Errors limited to the colour scale (an error of exactly 0 would have no logarithm)."""
    return np.clip(errors, ERROR_LOW, ERROR_HIGH)


def border_line(low: float, high: float, quotient: float) -> tuple[list[float], list[float]]:
    """log10 coordinates of the line x1 = quotient * x2 inside the square [low, high]^2."""
    x2 = np.geomspace(low, high / quotient, 2) if high / quotient > low else np.array([])
    return list(np.log10(x2 * quotient)), list(np.log10(x2))


class ErrorHeatmap:
    """Bokeh image of the error; :meth:`update` replaces the data in place (no new figure)."""

    def __init__(self, display: Display, width: int = 560, height: int = 470,
                 title: bool = True) -> None:
        self.image = ColumnDataSource({"image": [np.zeros((2, 2))], "x": [0.0], "y": [0.0],
                                       "dw": [1.0], "dh": [1.0]})
        self.point = ColumnDataSource({"x": [], "y": []})
        self.border = ColumnDataSource({"x": [], "y": []})
        self.mapper = LogColorMapper(palette=Viridis256, low=ERROR_LOW, high=ERROR_HIGH)
        # Range1d, not the default DataRange1d: the range must follow update() exactly.
        # A fixed size: the picture is a square of inputs and must not stretch flat on a wide
        # screen.
        fig = figure(height=height, width=width, tools="", toolbar_location=None,
                     x_range=Range1d(0, 1), y_range=Range1d(0, 1))
        fig.image(image="image", x="x", y="y", dw="dw", dh="dh", source=self.image,
                  color_mapper=self.mapper)
        fig.line("x", "y", source=self.border, line_color="white", line_dash="dashed",
                 line_width=3)
        fig.scatter("x", "y", source=self.point, size=18, marker="circle_cross",
                    fill_color="#ff3333", line_color="white", line_width=2)
        self.unit_lines = [Span(location=0.0, dimension=d, line_color="white", line_width=2,
                                line_dash="dotted") for d in ("width", "height")]
        for span in self.unit_lines:
            fig.add_layout(span)
        bar = ColorBar(color_mapper=self.mapper, label_standoff=8, width=18)
        fig.add_layout(bar, "right")
        display.follow(bar, "major_label_text_font_size", display.px(theme.PLOT_TEXT_PX))
        theme.style_axes(fig, display)
        if title:
            display.follow(fig.title, "text", display.text("division.heatmap.title"))
        display.follow(fig.xaxis[0], "axis_label", display.text("division.dividend"))
        display.follow(fig.yaxis[0], "axis_label", display.text("division.divisor"))
        self.figure = fig
        self.display = display
        self._range = (1.0, 25.0)
        display.param.watch(self._label_axes, "code")

    @bokeh_edit
    def update(self, axis: np.ndarray, errors: np.ndarray) -> None:
        """Show |error| on the log-spaced grid ``axis`` (rows = divisor, columns = dividend)."""
        low, high = float(axis[0]), float(axis[-1])
        self._range = (low, high)
        lo, hi = np.log10(low), np.log10(high)
        step = (hi - lo) / (len(axis) - 1)
        self.image.data = {"image": [clipped(errors)], "x": [lo - step / 2],
                           "y": [lo - step / 2], "dw": [hi - lo + step], "dh": [hi - lo + step]}
        xs, ys = border_line(low, high, 50.0)
        self.border.data = {"x": xs, "y": ys}
        self._label_axes()
        self.figure.x_range.start = self.figure.y_range.start = lo - step / 2
        self.figure.x_range.end = self.figure.y_range.end = hi + step / 2
        for span in self.unit_lines:
            span.visible = low < 1.0

    @bokeh_edit
    def _label_axes(self, _event: object = None) -> None:
        """Ticks at 0.1, 0.2, 0.5, 1, 2, 5, … inside the range, written per language."""
        low, high = self._range
        values = [v for v in TICK_VALUES if low <= v <= high]
        labels = {float(np.log10(v)): fmt.sig(v, 2, self.display.code) for v in values}
        for axis_ in (self.figure.xaxis[0], self.figure.yaxis[0]):
            axis_.ticker = FixedTicker(ticks=list(labels))
            axis_.major_label_overrides = labels

    @bokeh_edit
    def mark(self, x1: float | None, x2: float | None) -> None:
        """Mark the current input (only if it is positive: the axes are logarithmic)."""
        if x1 is None or x2 is None or x1 <= 0 or x2 <= 0:
            self.point.data = {"x": [], "y": []}
        else:
            self.point.data = {"x": [float(np.log10(x1))], "y": [float(np.log10(x2))]}


def draw_matplotlib(axis: np.ndarray, errors: np.ndarray, point: tuple[float, float] | None,
                    title: str, x_label: str, y_label: str) -> Figure:
    """The heatmap as a Matplotlib figure for slides (same scale, log axes, 50-line, marker)."""
    from matplotlib.colors import LogNorm
    from matplotlib.figure import Figure

    figure_ = Figure(figsize=(7, 6))
    ax = figure_.add_subplot()
    # rasterized: an SVG for slides embeds the 200×200 cells as one image (a few hundred kB)
    # instead of 40000 vector paths (7.7 MB).
    mesh = ax.pcolormesh(axis, axis, clipped(errors), norm=LogNorm(ERROR_LOW, ERROR_HIGH),
                         cmap="viridis", shading="nearest", rasterized=True)
    ax.set_xscale("log")
    ax.set_yscale("log")
    xs, ys = border_line(float(axis[0]), float(axis[-1]), 50.0)
    ax.plot(np.power(10.0, xs), np.power(10.0, ys), "w--", linewidth=2)
    if point is not None and min(point) > 0:
        ax.plot(*point, marker="o", markersize=12, color="#ff3333", markeredgecolor="white")
    ax.set_title(title)
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    figure_.colorbar(mesh, ax=ax)
    return figure_
