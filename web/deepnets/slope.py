"""Where a layer's neurons work on their activation: the histogram of the sums z of one layer,
with the activation's slope f'(z) drawn over it (right axis).

Why z and not a: the slope belongs to the point z where the activation is evaluated, and
backprop multiplies every gradient by f'(z). Mass where f'(z) ≈ 0 (tanh's and sigmoid's flat
tails, ReLU's negative half) is where the layer passes no gradient back: saturation, seen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import param
from bokeh.models import ColumnDataSource, LinearAxis, Range1d

from pycore.activations import Activation
from web.deepnets.figures import (
    A_COLOR,
    B_COLOR,
    SIDES,
    SLOPE_COLOR,
    base_figure,
    outside_legend,
    set_data,
)
from web.deepnets.probe import ProbeResult
from web.deepnets.ridgeline import counts
from web.ui import axes, theme
from web.ui.display import Display

BINS = 50
GRID = 400


@dataclass
class SlopeData:
    """Density histograms of z (per side; None where the layer cannot be shown) and f'(z)."""

    edges: np.ndarray
    density: dict[str, np.ndarray | None]
    z: np.ndarray
    slope: dict[str, np.ndarray | None]


def _z(result: ProbeResult | None, layer: int) -> np.ndarray | None:
    if result is None or layer > result.depth or layer not in result.finite_layers("activation"):
        return None
    return result.layers[layer - 1].values("preactivation")


def slope_data(a: ProbeResult, b: ProbeResult | None, layer: int) -> SlopeData:
    """The histogram of z in `layer` for A (and B) on a shared range, with f'(z)."""
    values = {side: _z(result, layer) for side, result in zip(SIDES, (a, b), strict=True)}
    present = [v for v in values.values() if v is not None]
    lows = [max(float(v.min()), float(v.mean() - 4 * v.std())) for v in present]
    highs = [min(float(v.max()), float(v.mean() + 4 * v.std())) for v in present]
    low, high = (min(lows), max(highs)) if present else (-3.0, 3.0)
    if not high > low:
        low, high = low - 1.0, high + 1.0
    edges = np.linspace(low, high, BINS + 1)
    width = edges[1] - edges[0]
    density = {side: None if v is None else counts(v, low, high, BINS) / (v.size * width)
               for side, v in values.items()}
    z = np.linspace(low, high, GRID)
    slope: dict[str, np.ndarray | None] = {"A": _slope(a.activation, z), "B": None}
    if b is not None and b.activation.name != a.activation.name:
        slope["B"] = _slope(b.activation, z)
    return SlopeData(edges, density, z, slope)


def _slope(activation: Activation, z: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        values = activation.derivative(z)
    return np.where(np.isfinite(values), values, np.nan)


class SlopeFigure(param.Parameterized):
    """The picture; `layer` (from 1) names the layer in its title."""

    layer = param.Integer(default=1, bounds=(1, None))

    def __init__(self, display: Display, height: int = 270, **params: object) -> None:
        super().__init__(**params)
        fig = base_figure(height)
        self.bins = {side: ColumnDataSource({"left": [], "right": [], "top": []})
                     for side in SIDES}
        self.slopes = {side: ColumnDataSource({"z": [], "slope": []}) for side in SIDES}
        quads = {"A": fig.quad(left="left", right="right", top="top", bottom=0,
                               source=self.bins["A"], fill_color=A_COLOR, fill_alpha=0.55,
                               line_color=A_COLOR),
                 "B": fig.quad(left="left", right="right", top="top", bottom=0,
                               source=self.bins["B"], fill_alpha=0.0, line_color=B_COLOR,
                               line_width=2, line_dash="dashed")}
        fig.extra_y_ranges = {"slope": Range1d(0.0, 1.0)}
        axis = LinearAxis(y_range_name="slope")
        fig.add_layout(axis, "right")
        lines = {side: fig.line("z", "slope", source=self.slopes[side], y_range_name="slope",
                                line_width=3, color=SLOPE_COLOR, line_dash=dash)
                 for side, dash in (("A", "solid"), ("B", "dashed"))}
        t = display.text
        self.renderers = {"A": [quads["A"], lines["A"]], "B": [quads["B"], lines["B"]]}
        self.legend = outside_legend(fig, display, [
            (t("deep.legend.histogram", side="A"), [quads["A"]]),
            (t("deep.legend.histogram", side="B"), [quads["B"]]),
            (t("deep.legend.slope"), [lines["A"], lines["B"]])])
        display.follow(fig.title, "text", t("deep.derivative.title", layer=self.param.layer))
        display.follow(fig.xaxis[0], "axis_label", t("deep.axis.z"))
        display.follow(fig.yaxis[0], "axis_label", t("deep.axis.density"))
        display.follow(axis, "axis_label", t("deep.axis.slope"))
        theme.style_axes(fig, display)
        for size_of in ("axis_label_text_font_size", "major_label_text_font_size"):
            display.follow(axis, size_of, display.px(theme.PLOT_TEXT_PX))
        self.figure, self.slope_axis = fig, axis

    def show(self, data: SlopeData, layer: int, code: str) -> None:
        self.layer = layer
        top = 0.0
        for side in SIDES:
            density = data.density[side]
            # Arrays, not lists: Bokeh sends them as binary buffers.
            set_data(self.bins[side], {"left": [], "right": [], "top": []} if density is None
                     else {"left": data.edges[:-1], "right": data.edges[1:], "top": density})
            top = max(top, float(density.max()) if density is not None else 0.0)
            slope = data.slope[side]
            set_data(self.slopes[side], {"z": [], "slope": []} if slope is None
                     else {"z": data.z, "slope": slope})
        self.legend.items[1].visible = data.density["B"] is not None
        low, high = float(data.edges[0]), float(data.edges[-1])
        self.figure.x_range.update(start=low, end=high)
        axes.apply_linear(self.figure.xaxis[0], low, high, code, count=5)
        top = (top or 1.0) * 1.08
        self.figure.y_range.update(start=0.0, end=top)
        axes.apply_linear(self.figure.yaxis[0], 0.0, top, code, count=4)
        slopes = [s for s in data.slope.values() if s is not None and np.isfinite(s).any()]
        high = max(float(np.nanmax(s)) for s in slopes) if slopes else 1.0
        low = min(0.0, *(float(np.nanmin(s)) for s in slopes))  # swish dips below 0
        bottom, top = 1.08 * low, max(high, 1e-12) * 1.08
        self.figure.extra_y_ranges["slope"].update(start=bottom, end=top)
        axes.apply_linear(self.slope_axis, bottom, top, code, count=4)
