"""The playground's main picture: the net's output over the input plane, with the points.

Why images: while a net trains this picture is redrawn up to 24 times a second, in Pyodide's
worker, and every redraw travels to the page and is repainted there. One 100 x 100 RGBA image
of the output (40 kB, sent as a binary buffer) costs the page little. The worker colours it
(palette levels, then one lookup in :data:`PIXELS`): a Bokeh colour mapper on the page would
convert its 256-colour palette from text and allocate two new arrays at every frame: half of
the page's garbage (9.2 -> 4.4 MB/s without it), and with it collections that made frames late.
The points are a second image drawn only when the data change
(:mod:`web.playground.point_raster`), and the plot has no axes (their tick labels cost more per
repaint than everything else: the plane's extent is written under the plot instead).
Values are mapped onto the lab's signed scale (``web.ui.colors``: orange negative, blue
positive): a class-1 probability p as 2p − 1, a regression output as value / (largest |target|).

A 1-D data set (the "watch a network learn" function) is drawn as a curve: the net's
prediction, the true function (dashed) and the points; the y range comes from the data, never
from the prediction, so a diverging net leaves the picture instead of flattening the data.
Clicking the plane calls ``on_click(x1, x2)`` (a new point, see the view-model).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import panel as pn
from bokeh.events import Tap
from bokeh.models import ColumnDataSource, LinearColorMapper, Range1d
from bokeh.plotting import figure

from web.playground import point_raster
from web.ui import colors
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display

LEVELS = 255
PALETTE = colors.palette(LEVELS + 1)
PIXELS = colors.rgba_pixels(PALETTE)  # level -> RGBA pixel of the image glyphs


def to_levels(signed: np.ndarray) -> np.ndarray:
    """Values on the signed scale [-1, 1] (clipped; NaN counts as -1) as image bytes 0..255,
    rounded to the nearest level. Four ufuncs: ``np.clip`` and ``np.nan_to_num`` cost a
    frame in Pyodide more than the rest of it."""
    return ((np.fmin(np.fmax(signed, -1.0), 1.0) + 1.0) * (LEVELS / 2) + 0.5).astype(np.uint8)


def signed_output(values: np.ndarray, classification: bool, scale: float,
                  discretize: bool) -> np.ndarray:
    """The net's outputs on the signed colour scale (optionally only their sign, as TF's
    "discretize output")."""
    signed = 2.0 * values - 1.0 if classification else values / scale
    return np.sign(signed) if discretize else signed


def target_scale(y: np.ndarray) -> float:
    """The colour scale of regression targets: their largest magnitude (1 for TF's sets)."""
    largest = float(np.max(np.abs(y))) if y.size else 1.0
    return largest if largest > 0 and np.isfinite(largest) else 1.0


class OutputFigure(pn.viewable.Viewer):
    """The output plot; ``show_points``/``show_plane``/``show_curve`` swap source data only."""

    def __init__(self, display: Display, on_click: Callable[[float, float], None],
                 size: int = 380) -> None:
        super().__init__()
        self.display = display
        self.size = size
        self.plane = ColumnDataSource(_image_data(PIXELS[[[0]]], (-6, 6), (-6, 6)))
        self.points = ColumnDataSource(_image_data(np.zeros((1, 1), np.uint8), (-6, 6),
                                                   (-6, 6)))
        self.curve = ColumnDataSource({"x": [], "y": []})
        self.truth = ColumnDataSource({"x": [], "y": []})
        self.figure = self._figure(size)
        self._on_click = on_click
        self._dim = 2
        self.figure.on_event(Tap, self._tapped)

    def _figure(self, size: int):
        fig = figure(width=size, height=size, x_range=Range1d(-6, 6), y_range=Range1d(-6, 6),
                     tools="", toolbar_location=None, min_border=0, x_axis_location=None,
                     y_axis_location=None, outline_line_color=None)
        self._image = fig.image_rgba(image="image", x="x", y="y", dw="dw", dh="dh",
                                     source=self.plane, global_alpha=0.8)
        fig.line("x", "y", source=self.truth, line_dash="dashed", line_width=2, color="#333333")
        fig.line("x", "y", source=self.curve, line_width=4, color=colors.HIGHLIGHT)
        fig.image(image="image", x="x", y="y", dw="dw", dh="dh", source=self.points,
                  color_mapper=LinearColorMapper(palette=point_raster.PALETTE, low=0,
                                                 high=len(point_raster.PALETTE) - 1))
        fig.grid.visible = False
        # On the figure itself: a Bokeh pane does not pass its css_classes on to the plot.
        fig.css_classes = ["nnlab-pg-output", "nnlab-main-figure"]
        return fig

    # --- data ----------------------------------------------------------------------------
    @bokeh_edit
    def show_points(self, sets: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]]) -> None:
        """The point sets ``(x, y, value in [-1, 1], ring colour)`` over the current axes."""
        x_range = (self.figure.x_range.start, self.figure.x_range.end)
        y_range = (self.figure.y_range.start, self.figure.y_range.end)
        image = point_raster.raster(sets, x_range, y_range, self.size, self.size)
        self.points.data = _image_data(image, x_range, y_range)

    @bokeh_edit
    def set_plane(self, domain: tuple[float, float], dim: int,
                  y_limits: tuple[float, float] | None = None) -> None:
        """The axes of a 2-D plane over ``domain``², or of a 1-D curve (x in ``domain``, y in
        ``y_limits``)."""
        low, high = domain
        self._dim = dim
        self.figure.x_range.update(start=low, end=high)
        y_low, y_high = (low, high) if dim == 2 else y_limits
        self.figure.y_range.update(start=y_low, end=y_high)
        self._image.visible = dim == 2
        self.plane.data = _image_data(PIXELS[[[0]]], (low, high), (low, high))
        self.curve.data = {"x": [], "y": []}
        self.truth.data = {"x": [], "y": []}

    @bokeh_edit
    def show_plane(self, levels: np.ndarray) -> None:
        """One frame of the 2-D output: an image of levels (rows are x2, columns x1)."""
        self.plane.data["image"] = [PIXELS[levels]]

    @bokeh_edit
    def show_curve(self, x: np.ndarray, y: np.ndarray, truth: np.ndarray | None) -> None:
        """One frame of the 1-D output: the net's curve (and the true function)."""
        self.curve.data = {"x": x, "y": y}
        if truth is not None and not len(self.truth.data["x"]):
            self.truth.data = {"x": x, "y": truth}

    def _tapped(self, event: Tap) -> None:
        if self._dim == 2 and event.x is not None and event.y is not None:
            self._on_click(float(event.x), float(event.y))

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.pane.Bokeh(self.figure)


def _image_data(image: np.ndarray, x_range: tuple[float, float],
                y_range: tuple[float, float]) -> dict[str, list]:
    """Source data of one image covering the rectangle x_range x y_range."""
    return {"image": [image], "x": [x_range[0]], "y": [y_range[0]],
            "dw": [x_range[1] - x_range[0]], "dh": [y_range[1] - y_range[0]]}
