"""The live plot under the network picture, updated after every epoch: what the net currently
predicts, drawn next to the data (the loss curves are ``web.training_chart``).

* 1-D function: training points, the true function (dashed) and the net's curve.
* 2-D classification: the predicted probability of class 1 over [-1, 1]² as a background
  (on the shared signed scale: p − 0.5 < 0 orange, > 0 blue) with the points on top.
* division: predicted against true quotient on the validation set; a perfect net lies on the
  diagonal.
One figure with all glyphs; a data set fills the ones it needs and empties the rest.
The y-axis range comes from the data, never from the prediction: a diverging net's curve then
leaves the picture instead of squashing the data into a flat line at 1e155.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from bokeh.models import ColumnDataSource, LinearColorMapper
from bokeh.plotting import figure

from web import colors
from web.network_data import Setup, invented_function

GRID = 60


def fit_data(setup: Setup, model: Any) -> dict[str, dict[str, Any]]:
    """Source data for every glyph (empty where the data set has nothing to show)."""
    empty_line = {"x": [], "y": []}
    out = {"points": {"x": [], "y": [], "color": []}, "curve": empty_line,
           "truth": empty_line, "image": {"image": [], "x": [], "y": [], "dw": [], "dh": []}}
    if setup.name == "function":
        grid = np.linspace(0.0, 1.0, 200)
        out["points"] = {"x": setup.x_train[:, 0], "y": setup.y_train[:, 0],
                         "color": ["#888888"] * len(setup.x_train)}
        out["curve"] = {"x": grid, "y": model.predict(grid[:, None])[:, 0]}
        out["truth"] = {"x": grid, "y": invented_function(grid)}
    elif setup.name in ("xor", "circle"):
        axis = np.linspace(-1.0, 1.0, GRID)
        x1, x2 = np.meshgrid(axis, axis)
        p = model.predict(np.column_stack([x1.ravel(), x2.ravel()]))[:, 0].reshape(GRID, GRID)
        out["image"] = {"image": [p], "x": [-1.0], "y": [-1.0], "dw": [2.0], "dh": [2.0]}
        out["points"] = {"x": setup.x_train[:, 0], "y": setup.x_train[:, 1],
                         "color": [colors.POSITIVE if v > 0.5 else colors.NEGATIVE
                                   for v in setup.y_train[:, 0]]}
    else:
        scale = 100.0
        true, pred = setup.y_val[:, 0] * scale, model.predict(setup.x_val)[:, 0] * scale
        out["points"] = {"x": true, "y": pred, "color": ["#555555"] * len(true)}
        top = float(np.nanmax(true))
        out["truth"] = {"x": [0.0, top], "y": [0.0, top]}
    return out


def y_limits(setup: Setup) -> tuple[float, float]:
    """The y range for a data set: its targets (or the [-1, 1]² input square) plus a margin."""
    if setup.name in ("xor", "circle"):
        return -1.05, 1.05
    y = np.concatenate([setup.y_train[:, 0], setup.y_val[:, 0]])
    if setup.name == "division":
        y = y * 100.0
    lo, hi = float(np.min(y)), float(np.max(y))
    margin = 0.15 * (hi - lo or 1.0)
    return lo - margin, hi + margin


class FitFigure:
    """The live prediction plot of the network tab."""

    def __init__(self) -> None:
        self.sources = {"points": ColumnDataSource({"x": [], "y": [], "color": []}),
                        "curve": ColumnDataSource({"x": [], "y": []}),
                        "truth": ColumnDataSource({"x": [], "y": []}),
                        "image": ColumnDataSource({"image": [], "x": [], "y": [], "dw": [],
                                                   "dh": []})}
        fig = figure(height=330, width=420, tools="", toolbar_location=None,
                     y_range=(0.0, 1.0))
        mapper = LinearColorMapper(palette=colors.palette(), low=0.0, high=1.0)
        fig.image(image="image", x="x", y="y", dw="dw", dh="dh", source=self.sources["image"],
                  color_mapper=mapper, alpha=0.7)
        fig.scatter("x", "y", source=self.sources["points"], color="color", size=6,
                    line_color="white", line_width=0.5)
        fig.line("x", "y", source=self.sources["truth"], line_dash="dashed", line_width=2,
                 color="#333333")
        fig.line("x", "y", source=self.sources["curve"], line_width=4, color=colors.HIGHLIGHT)
        fig.xaxis.major_label_text_font_size = fig.yaxis.major_label_text_font_size = "16px"
        fig.title.text_font_size = "15px"
        self.figure = fig

    def update(self, setup: Setup, model: Any) -> None:
        for key, data in fit_data(setup, model).items():
            self.sources[key].data = data
        self.figure.y_range.start, self.figure.y_range.end = y_limits(setup)
