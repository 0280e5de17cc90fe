"""A thumbnail inside every neuron of the network drawing: its activation over the plane.

As TensorFlow Playground shows, each hidden neuron (and each input feature) is a function of
the input point, and its little picture shows which region of the plane it "lights up". All
thumbnails are one image glyph of the network figure with one small ``uint8`` image per neuron
(sent as binary buffers), centred on the neuron's circle and sized in screen pixels; a training
frame replaces only the ``image`` column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from bokeh.models import ColumnDataSource, LinearColorMapper, Plot

from web.playground.output_figure import LEVELS, PALETTE, to_levels

SIDE = 20  # pixels per side of a thumbnail image (the plane is sampled every GRID / SIDE)


def thumbnail(values: np.ndarray, side: int) -> np.ndarray:
    """A neuron's values on the GRID x GRID plane (flattened) as a side x side byte image;
    scaled by their largest magnitude when that exceeds 1 (ReLU, inputs like x1 in [-6, 6])."""
    grid = int(round(np.sqrt(values.size)))
    step = max(grid // side, 1)
    picked = values.reshape(grid, grid)[step // 2::step, step // 2::step][:side, :side]
    finite = picked[np.isfinite(picked)]
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    return to_levels(picked / scale)


def strip(values: np.ndarray, side: int) -> np.ndarray:
    """A 1-D neuron (the function data set) as a band: its values along x, repeated."""
    picked = values[:: max(values.size // side, 1)][:side]
    finite = picked[np.isfinite(picked)]
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    return np.tile(to_levels(picked / scale), (side, 1))


class Thumbnails:
    """The image glyph on ``plot`` that holds every neuron's thumbnail."""

    def __init__(self, plot: Plot, size_px: int) -> None:
        self.size_px = size_px
        self.source = ColumnDataSource({"image": [], "x": [], "y": [], "dw": [], "dh": []})
        plot.image(image="image", x="x", y="y", dw="dw", dh="dh", source=self.source,
                   dw_units="screen", dh_units="screen", anchor="center",
                   color_mapper=LinearColorMapper(palette=PALETTE, low=0, high=LEVELS))

    def place(self, xs: Sequence[float], ys: Sequence[float], images: list[np.ndarray]) -> None:
        """New neurons (another net): positions and pictures together."""
        n = len(images)
        self.source.data = {"image": images, "x": list(xs), "y": list(ys),
                            "dw": [self.size_px] * n, "dh": [self.size_px] * n}

    def update(self, images: list[np.ndarray]) -> None:
        """A training frame: the same neurons, new pictures (only the image column is sent)."""
        self.source.data["image"] = images
