"""A thumbnail inside every neuron of the network drawing: its activation over the plane.

As TensorFlow Playground shows, each hidden neuron (and each input feature) is a function of
the input point, and its little picture shows which region of the plane it "lights up". All
thumbnails are one RGBA image glyph of the network figure with one small image per neuron
(sent as binary buffers, coloured in the worker as the output is: ``output_figure.PIXELS``),
centred on the neuron's circle and sized in screen pixels; a training frame replaces only the
``image`` column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from bokeh.models import ColumnDataSource, Plot

from web.playground.data import THUMBNAIL
from web.playground.output_figure import PIXELS, to_levels


def _scaled(values: np.ndarray) -> np.ndarray:
    """RGBA pixels of the values, scaled by their largest magnitude when that exceeds 1 (ReLU,
    inputs like x1 in [-6, 6]): the thumbnail shows the neuron's pattern, not its size."""
    finite = values[np.isfinite(values)]
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    return PIXELS[to_levels(values / scale)]


def thumbnail(values: np.ndarray) -> np.ndarray:
    """A neuron's values on the square thumbnail grid (flattened, rows = x2) as an image."""
    side = math.isqrt(values.size)
    return _scaled(values.reshape(side, side))


def strip(values: np.ndarray) -> np.ndarray:
    """A 1-D neuron (the function data set) as a square band: its values along x, repeated."""
    side = THUMBNAIL
    return np.tile(_scaled(values[:: max(values.size // side, 1)][:side]), (side, 1))


class Thumbnails:
    """The image glyph on ``plot`` that holds every neuron's thumbnail."""

    def __init__(self, plot: Plot, size_px: int, level: str = "glyph") -> None:
        self.size_px = size_px
        self.source = ColumnDataSource({"image": [], "x": [], "y": [], "dw": [], "dh": []})
        plot.image_rgba(image="image", x="x", y="y", dw="dw", dh="dh", source=self.source,
                        dw_units="screen", dh_units="screen", anchor="center", level=level)

    def place(self, xs: Sequence[float], ys: Sequence[float], images: list[np.ndarray]) -> None:
        """New neurons (another net): positions and pictures together."""
        n = len(images)
        self.source.data = {"image": images, "x": list(xs), "y": list(ys),
                            "dw": [self.size_px] * n, "dh": [self.size_px] * n}

    def update(self, images: list[np.ndarray]) -> None:
        """A training frame: the same neurons, new pictures (only the image column is sent)."""
        self.source.data["image"] = images
