"""Drawing a Sequential model as neurons and weighted edges (Bokeh live, Matplotlib export).

Edge width grows with |w| and the colour is the sign on the shared diverging scale
(:mod:`web.colors`), as in TensorFlow Playground; the toggle shows d loss / d w instead.
A neuron's fill is its bias. The figure is built once; ``update`` only replaces source data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from bokeh.models import ColumnDataSource, HoverTool, TapTool
from bokeh.plotting import figure

from web import colors
from web.diagram_mpl import Box, Segment, diagram_figure
from web.fmt import sig

EDGE_KEYS = ("x0", "y0", "x1", "y1", "color", "width", "name", "w", "g")
NEURON_KEYS = ("x", "y", "fill", "ink", "name", "b", "activation")
MAX_WIDTH = 12.0


@dataclass(frozen=True)
class WeightRef:
    """Where a weight lives: ``model.layers[layer].kernel[i, j]`` (or ``.bias[j]`` if i is None)."""

    layer: int
    i: int | None
    j: int
    name: str


def dense_layers(model: Any) -> list[tuple[int, Any]]:
    return [(k, layer) for k, layer in enumerate(model.layers) if hasattr(layer, "units")]


def weight_name(layer_number: int, i: int, j: int) -> str:
    """Kernel entry (i, j) of Dense layer ``layer_number`` (from 1) as the computation graph
    names it: w[l]ij, counted from 1 and without a comma (at most 8 neurons per layer, so the
    two digits are unambiguous)."""
    return f"w[{layer_number}]{i + 1}{j + 1}"


def weight_refs(model: Any) -> list[WeightRef]:
    """Every kernel entry and bias of the model, named in lecture notation w[l]ij / b[l]j."""
    refs = []
    for number, (k, layer) in enumerate(dense_layers(model), start=1):
        for j in range(layer.units):
            refs += [WeightRef(k, i, j, weight_name(number, i, j))
                     for i in range(layer.kernel.shape[0])]
            if layer.bias is not None:
                refs.append(WeightRef(k, None, j, f"b[{number}]{j + 1}"))
    return refs


def get_weight(model: Any, ref: WeightRef) -> float:
    layer = model.layers[ref.layer]
    return float(layer.bias[ref.j] if ref.i is None else layer.kernel[ref.i, ref.j])


def set_weight(model: Any, ref: WeightRef, value: float) -> None:
    """Write in place: the layer arrays are views into ``model.weights`` (the optimizer's)."""
    layer = model.layers[ref.layer]
    if ref.i is None:
        layer.bias[ref.j] = value
    else:
        layer.kernel[ref.i, ref.j] = value


def _ink(value: float, scale: float) -> str:
    """White text on a strongly coloured fill, black otherwise (readable on a projector)."""
    return "white" if abs(colors.strength(value, scale)) > 0.55 else "#111111"


def _column(n: int) -> list[float]:
    return [(n - 1) / 2 - k for k in range(n)]


def picture(model: Any, grads: list[np.ndarray] | None, show_grad: bool) -> tuple[list, list]:
    """(neuron rows, edge rows) for the current weights; with ``show_grad`` the edges show the
    gradient ``grads`` (Keras order, as ``model.gradients`` returns) instead of the weight."""
    layers = dense_layers(model)
    sizes = [model.input_dim] + [layer.units for _, layer in layers]
    ys = [_column(n) for n in sizes]
    grad_of: dict[tuple[int, int, int], float] = {}
    if grads is not None:
        position = 0
        for number, (_, layer) in enumerate(layers):
            kernel_grad = grads[position]
            for (i, j), value in np.ndenumerate(kernel_grad):
                grad_of[(number, i, j)] = float(value)
            position += 1 if layer.bias is None else 2
    edges = []
    for number, (_, layer) in enumerate(layers):
        for (i, j), w in np.ndenumerate(layer.kernel):
            g = grad_of.get((number, i, j), float("nan"))
            edges.append({"x0": float(number), "y0": ys[number][i], "x1": float(number + 1),
                          "y1": ys[number + 1][j], "name": weight_name(number + 1, i, j),
                          "w": float(w), "g": g, "shown": g if show_grad else float(w)})
    scale = max((abs(e["shown"]) for e in edges if np.isfinite(e["shown"])), default=1.0) or 1.0
    for e in edges:
        s = colors.strength(e["shown"], scale)
        e["color"] = colors.color(e["shown"], scale)
        e["width"] = 1.0 + (MAX_WIDTH - 1.0) * abs(s)
    neurons = [{"x": 0.0, "y": y, "fill": colors.NEUTRAL, "ink": "#111111", "name": f"x{i + 1}",
                "b": "", "activation": ""} for i, y in enumerate(ys[0])]
    biases = [float(v) for _, layer in layers
              for v in (layer.bias if layer.bias is not None else np.zeros(layer.units))]
    bias_scale = max((abs(b) for b in biases if np.isfinite(b)), default=1.0) or 1.0
    for number, (_, layer) in enumerate(layers, start=1):
        bias = layer.bias if layer.bias is not None else np.zeros(layer.units)
        for j, y in enumerate(ys[number]):
            neurons.append({"x": float(number), "y": y, "name": f"a[{number}]{j + 1}",
                            "fill": colors.color(float(bias[j]), bias_scale),
                            "ink": _ink(float(bias[j]), bias_scale),
                            "b": sig(bias[j], 6), "activation": layer.activation.name})
    return neurons, edges


class NetworkFigure:
    """The live Bokeh picture; ``on_pick(name)`` is called when an edge is clicked."""

    def __init__(self, on_pick: Callable[[str], None]) -> None:
        self.edges = ColumnDataSource({k: [] for k in EDGE_KEYS})
        self.neurons = ColumnDataSource({k: [] for k in NEURON_KEYS})
        # Range1d (tuples): start/end set later must reach the browser (DataRange1d auto-ranges)
        fig = figure(height=430, sizing_mode="stretch_width", tools="", toolbar_location=None,
                     min_border=0, x_range=(0, 1), y_range=(0, 1))
        fig.axis.visible = False
        fig.grid.visible = False
        fig.outline_line_color = None
        lines = fig.segment("x0", "y0", "x1", "y1", source=self.edges, line_color="color",
                            line_width="width", nonselection_line_alpha=0.35,
                            selection_line_color=colors.HIGHLIGHT)
        dots = fig.scatter("x", "y", source=self.neurons, size=54, fill_color="fill",
                           line_color="#333333", line_width=2)
        fig.text("x", "y", text="name", source=self.neurons, text_align="center", text_color="ink",
                 text_baseline="middle", text_font_size="16px", text_font_style="bold")
        fig.add_tools(
            HoverTool(renderers=[lines], tooltips=[("", "@name"), ("w", "@w{0.000000g}"),
                                                   ("∂L/∂w", "@g{0.000000g}")],
                      line_policy="interp"),
            HoverTool(renderers=[dots], tooltips=[("", "@name"), ("b", "@b"),
                                                  ("f", "@activation")]),
            TapTool(renderers=[lines]),
        )
        self.figure = fig
        self._on_pick = on_pick
        self.edges.selected.on_change("indices", self._picked)

    def _picked(self, _attr: str, _old: list[int], new: list[int]) -> None:
        if new:
            self._on_pick(self.edges.data["name"][new[0]])

    def update(self, model: Any, grads: list[np.ndarray] | None, show_grad: bool) -> None:
        neurons, edges = picture(model, grads, show_grad)
        self.edges.data = {k: [e[k] for e in edges] for k in EDGE_KEYS}
        self.neurons.data = {k: [n[k] for n in neurons] for k in NEURON_KEYS}
        n_max = max((len([n for n in neurons if n["x"] == x]) for x in {n["x"] for n in neurons}),
                    default=1)
        xs = [n["x"] for n in neurons] or [0.0]
        self.figure.x_range.start, self.figure.x_range.end = -0.4, max(xs) + 0.4
        self.figure.y_range.start, self.figure.y_range.end = -n_max / 2, n_max / 2


def network_mpl(model: Any, grads: list[np.ndarray] | None, show_grad: bool,
                title: str) -> Any:
    """The same picture as a Matplotlib figure for the PNG/SVG export."""
    neurons, edges = picture(model, grads, show_grad)
    boxes = [Box(n["x"], n["y"], n["fill"], [n["name"]], n["ink"], round=True)
             for n in neurons]
    segments = [Segment(e["x0"], e["y0"], e["x1"], e["y1"], e["color"], e["width"] / 2)
                for e in edges]
    return diagram_figure(boxes, segments, title, font_size=11, size=(11.0, 6.5))
