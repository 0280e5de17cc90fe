"""What the drawing of a network shows, as plain columns: one source for screen and slides.

Neurons stand in columns (inputs, then each Dense layer), edges are the kernel entries. Every
view that draws a net (division, playground, export) uses this one description, so they share
one notation (``pycore.notation``: w[l]ij, b[l]j), one colour scale (``web.ui.colors``: orange
negative, blue positive) and one width rule: width and colour grow with the log-compressed size
of the shown value relative to the largest one in the picture, so a weight of 33 and one of
1e-6 are both visible and clearly different.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import pycore
from pycore import notation
from pycore.layers import LayerTrace
from web.ui import colors, fmt
from web.ui.label_placement import place_labels

MIN_WIDTH, MAX_WIDTH = 1.5, 12.0
NODE_KEYS = ("x", "y", "name", "fill", "ink", "bias", "b", "g", "activation", "value", "ref")
EDGE_KEYS = ("x0", "y0", "x1", "y1", "color", "width", "name", "w", "g", "lx", "ly", "label")
DARK_TEXT = "#111111"


@dataclass(frozen=True)
class Picture:
    """Column data of the neurons and edges (keys NODE_KEYS / EDGE_KEYS)."""

    nodes: dict[str, list]
    edges: dict[str, list]

    def extent(self) -> tuple[float, float, float, float]:
        """(x low, x high, y low, y high) of the neuron centres."""
        xs, ys = self.nodes["x"] or [0.0], self.nodes["y"] or [0.0]
        return min(xs), max(xs), min(ys), max(ys)


def dense_layers(model: pycore.Sequential) -> list[pycore.layers.Dense]:
    return [layer for layer in model.layers if isinstance(layer, pycore.layers.Dense)]


def column_heights(n: int, spacing: float = 1.0) -> list[float]:
    """Heights of n neurons centred on 0, ``spacing`` apart, first on top."""
    return [((n - 1) / 2 - k) * spacing for k in range(n)]


def gradient_lookup(model: pycore.Sequential,
                    grads: Sequence[np.ndarray] | None) -> dict[int, np.ndarray]:
    """id(weight array) -> its gradient (``model.gradients`` order follows the trainable
    weights, which need not be every weight)."""
    if grads is None:
        return {}
    return {id(w): g for w, g in zip(model.trainable_weights, grads, strict=True)}


def ink(value: float, scale: float) -> str:
    """White text on a strongly coloured fill, black otherwise (readable on a projector)."""
    return "white" if abs(colors.strength(value, scale)) > 0.55 else DARK_TEXT


def picture(model: pycore.Sequential, code: str = "en", *,
            grads: Sequence[np.ndarray] | None = None, color_by: str = "weight",
            traces: Sequence[LayerTrace] | None = None, row: int = 0,
            edge_labels: bool = False, digits: int = 4, spacing: float = 1.0,
            input_names: Sequence[str] | None = None) -> Picture:
    """The drawing of ``model`` now. ``grads`` (as ``model.gradients`` returns them) fill the
    hover's gradient and, with ``color_by="grad"``, colour the edges; ``traces`` (from
    ``model.forward_trace``) add each neuron's z and a for example ``row``; ``edge_labels``
    prints every weight on its edge (small nets only); ``spacing`` is the distance of two
    neurons in a column (room for value texts); ``input_names`` name the input column (e.g.
    the playground's features "x1²"; default x1, x2, ...)."""
    layers = dense_layers(model)
    heights = [column_heights(n, spacing) for n in (model.input_dim, *(d.units for d in layers))]
    grad_of = gradient_lookup(model, grads)
    refs = notation.parameters(model)
    weights = model.weights

    def grad(ref: notation.ParameterRef) -> float | None:
        array = grad_of.get(id(weights[ref.weight_index]))
        return None if array is None else float(array[ref.position])

    kernel = [r for r in refs if r.kind == "weight"]
    shown = [grad(r) if color_by == "grad" else notation.get_parameter(model, r) for r in kernel]
    scale = max((abs(v) for v in shown if v is not None and np.isfinite(v)), default=1.0) or 1.0
    edges: dict[str, list] = {key: [] for key in EDGE_KEYS}
    for ref, value in zip(kernel, shown, strict=True):
        column = ref.layer_number
        x0, y0 = column - 1.0, heights[column - 1][ref.i]
        x1, y1 = float(column), heights[column][ref.j]
        strength = abs(colors.strength(value if value is not None else 0.0, scale))
        w = notation.get_parameter(model, ref)
        for key, item in (("x0", x0), ("y0", y0), ("x1", x1), ("y1", y1),
                          ("color", colors.color(value if value is not None else 0.0, scale)),
                          ("width", MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * strength),
                          ("name", ref.label), ("w", fmt.sig(w, digits, code)),
                          ("g", fmt.sig(grad(ref), digits, code))):
            edges[key].append(item)
    _place_edge_labels(edges, edge_labels)
    names = list(input_names or (f"x{i + 1}" for i in range(model.input_dim)))
    return Picture(_neurons(model, refs, heights, grad, traces, row, code, digits, names), edges)


def _place_edge_labels(edges: dict[str, list], shown: bool) -> None:
    segments = [(*(edges[k][n] for k in ("x0", "y0", "x1", "y1")), edges["w"][n])
                for n in range(len(edges["x0"]))]
    at = place_labels(segments) if shown else [0.5] * len(segments)
    for n, fraction in enumerate(at):
        edges["lx"].append(edges["x0"][n] + fraction * (edges["x1"][n] - edges["x0"][n]))
        edges["ly"].append(edges["y0"][n] + fraction * (edges["y1"][n] - edges["y0"][n]))
        edges["label"].append(edges["w"][n] if shown else "")


def _neurons(model, refs, heights, grad, traces, row, code, digits, names) -> dict[str, list]:
    nodes: dict[str, list] = {key: [] for key in NODE_KEYS}

    def add(**row_values: object) -> None:
        for key in NODE_KEYS:
            nodes[key].append(row_values.get(key, ""))

    inputs = traces[0].inputs[row] if traces else None
    for i, y in enumerate(heights[0]):
        value = "" if inputs is None else f"{names[i]} = {fmt.sig(inputs[i], digits, code)}"
        add(x=0.0, y=y, name=names[i], fill=colors.NEUTRAL, ink=DARK_TEXT, value=value)
    biases = {(r.layer_number, r.j): r for r in refs if r.kind == "bias"}
    values = [notation.get_parameter(model, r) for r in biases.values()]
    scale = max((abs(v) for v in values if np.isfinite(v)), default=1.0) or 1.0
    dense_traces = [t for t in traces if t.z is not None] if traces else []
    for number, layer in enumerate(dense_layers(model), start=1):
        for j, y in enumerate(heights[number]):
            ref = biases.get((number, j))
            b = notation.get_parameter(model, ref) if ref else 0.0
            value = ""
            if dense_traces:
                trace = dense_traces[number - 1]
                value = (f"z = {fmt.sig(trace.z[row, j], digits, code)}\n"
                         f"a = {fmt.sig(trace.a[row, j], digits, code)}")
            add(x=float(number), y=y, name=notation.activation_label(number, j + 1),
                fill=colors.color(b, scale), ink=ink(b, scale),
                bias=f"b = {fmt.sig(b, digits, code)}" if ref else "",
                b=fmt.sig(b, digits, code), g=fmt.sig(grad(ref) if ref else None, digits, code),
                activation=layer.activation.name, value=value, ref=ref.label if ref else "")
    return nodes
