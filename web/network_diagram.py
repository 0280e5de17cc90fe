"""The drawn 2-2-1 division network with its live values (Bokeh on screen, Matplotlib for slides).

One function, :func:`diagram_data`, decides what is drawn (node positions, value labels, edge
colours and widths); the Bokeh figure and the Matplotlib export both draw from it, so the slide
always matches the screen. Edge colour is the lab's signed scale (web.colors: orange negative,
blue positive); edge width grows with log(1 + |w| / scale) so that a weight of 1e-6 and one of
33.3 are both visible but clearly different.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from bokeh.models import ColumnDataSource, LabelSet
from bokeh.plotting import figure

from web import colors, fmt
from web.bokeh_sync import bokeh_edit
from web.division_model import Forward

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WEIGHT_SCALE = 1.0  # |w| that gets full colour saturation
MIN_WIDTH, MAX_WIDTH = 1.5, 12.0
POSITIONS = {"x1": (0.0, 1.0), "x2": (0.0, -1.0), "h1": (1.0, 1.0), "h2": (1.0, -1.0),
             "y": (2.0, 0.0)}
# (source, destination, index into the flat weights of web.division_model.WEIGHT_NAMES)
EDGES = (("x1", "h1", 0), ("x1", "h2", 1), ("x2", "h1", 2), ("x2", "h2", 3),
         ("h1", "y", 6), ("h2", "y", 7))
BIASES = {"h1": 4, "h2": 5, "y": 8}
# Where along an edge (from its source) its weight is printed: the four input edges cross in the
# middle, so their labels sit at 30 %; the two output edges would put theirs onto the hidden
# neurons' value and bias texts at 30 %, so theirs go just past the middle.
LABEL_AT = {"x1": 0.3, "x2": 0.3, "h1": 0.55, "h2": 0.55}
DIGITS = 6


def edge_width(weight: float) -> float:
    """Line width for |w|: log-compressed between MIN_WIDTH (w = 0) and MAX_WIDTH (|w| >= 1e3)."""
    if not math.isfinite(weight):
        return MIN_WIDTH
    share = min(1.0, math.log1p(abs(weight) / 1e-6) / math.log1p(1e3 / 1e-6))
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * share


def _along(src: str, dst: str, axis: int) -> float:
    """Coordinate ``axis`` of the weight label on edge src -> dst (see LABEL_AT)."""
    at = LABEL_AT[src]
    return (1 - at) * POSITIONS[src][axis] + at * POSITIONS[dst][axis]


def diagram_data(forward: Forward | None, weights: np.ndarray) -> tuple[dict, dict]:
    """``(nodes, edges)`` column dicts for the current state (``forward`` None: no values)."""
    values = {}
    if forward is not None:
        values = {
            "x1": f"x1 = {fmt.sig(forward.x[0], DIGITS)}",
            "x2": f"x2 = {fmt.sig(forward.x[1], DIGITS)}",
            "h1": f"z = {fmt.sig(forward.z1[0], DIGITS)}\na = {fmt.sig(forward.a1[0], DIGITS)}",
            "h2": f"z = {fmt.sig(forward.z1[1], DIGITS)}\na = {fmt.sig(forward.a1[1], DIGITS)}",
            "y": f"z = {fmt.sig(forward.z2, DIGITS)}\na = {fmt.sig(forward.y, DIGITS)}",
        }
    names = list(POSITIONS)
    nodes = {
        "name": names,
        "x": [POSITIONS[n][0] for n in names],
        "y": [POSITIONS[n][1] for n in names],
        "value": [values.get(n, n) for n in names],
        "bias": [f"b = {fmt.sig(weights[BIASES[n]], DIGITS)}" if n in BIASES else ""
                 for n in names],
    }
    edges = {
        "x0": [POSITIONS[s][0] for s, _, _ in EDGES],
        "y0": [POSITIONS[s][1] for s, _, _ in EDGES],
        "x1": [POSITIONS[d][0] for _, d, _ in EDGES],
        "y1": [POSITIONS[d][1] for _, d, _ in EDGES],
        "width": [edge_width(weights[i]) for _, _, i in EDGES],
        "color": [colors.color(weights[i], WEIGHT_SCALE) for _, _, i in EDGES],
        "lx": [_along(s, d, 0) for s, d, _ in EDGES],
        "ly": [_along(s, d, 1) for s, d, _ in EDGES],
        "weight": [fmt.sig(weights[i], DIGITS) for _, _, i in EDGES],
    }
    return nodes, edges


class NetworkDiagram:
    """Bokeh figure of the net; :meth:`update` changes its data sources in place."""

    def __init__(self, forward: Forward | None, weights: np.ndarray) -> None:
        nodes, edges = diagram_data(forward, weights)
        self.nodes = ColumnDataSource(nodes)
        self.edges = ColumnDataSource(edges)
        fig = figure(x_range=(-0.45, 2.55), y_range=(-1.75, 1.6), height=460,
                     sizing_mode="stretch_width", tools="", toolbar_location=None)
        fig.axis.visible = False
        fig.grid.visible = False
        fig.outline_line_color = None
        fig.segment("x0", "y0", "x1", "y1", source=self.edges, line_width="width",
                    line_color="color", line_alpha=0.9)
        fig.scatter("x", "y", source=self.nodes, size=52, fill_color="white",
                    line_color="#333333", line_width=2)
        fig.add_layout(LabelSet(x="x", y="y", text="name", source=self.nodes,
                                text_align="center", text_baseline="middle",
                                text_font_size="19px", text_font_style="bold"))
        fig.add_layout(LabelSet(x="x", y="y", text="value", source=self.nodes, y_offset=-36,
                                text_align="center", text_baseline="top",
                                text_font_size="20px", background_fill_color="white",
                                background_fill_alpha=0.85))
        fig.add_layout(LabelSet(x="x", y="y", text="bias", source=self.nodes, y_offset=34,
                                text_align="center", text_baseline="bottom",
                                text_font_size="18px", text_color="#555555"))
        fig.add_layout(LabelSet(x="lx", y="ly", text="weight", source=self.edges,
                                text_align="center", text_baseline="middle",
                                text_font_size="18px", background_fill_color="white",
                                background_fill_alpha=0.85))
        self.figure = fig

    @bokeh_edit
    def update(self, forward: Forward | None, weights: np.ndarray) -> None:
        nodes, edges = diagram_data(forward, weights)
        self.nodes.data = nodes
        self.edges.data = edges


def draw_matplotlib(forward: Forward | None, weights: np.ndarray) -> Figure:
    """The same diagram as a Matplotlib figure (for the PNG/SVG export; imported on demand)."""
    from matplotlib.figure import Figure

    nodes, edges = diagram_data(forward, weights)
    figure_ = Figure(figsize=(9, 5.5))
    ax = figure_.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(-0.45, 2.55)
    ax.set_ylim(-1.75, 1.6)
    for x0, y0, x1, y1, width, color in zip(edges["x0"], edges["y0"], edges["x1"], edges["y1"],
                                            edges["width"], edges["color"], strict=True):
        ax.plot([x0, x1], [y0, y1], color=color, linewidth=width * 0.75, alpha=0.9, zorder=1)
    for lx, ly, text in zip(edges["lx"], edges["ly"], edges["weight"], strict=True):
        ax.text(lx, ly, text, ha="center", va="center", fontsize=13, zorder=3,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    ax.scatter(nodes["x"], nodes["y"], s=1400, facecolor="white", edgecolor="#333333",
               linewidth=2, zorder=2)
    for x, y, name, value, bias in zip(nodes["x"], nodes["y"], nodes["name"], nodes["value"],
                                       nodes["bias"], strict=True):
        ax.text(x, y, name, ha="center", va="center", fontsize=15, weight="bold", zorder=4)
        ax.text(x, y - 0.22, value, ha="center", va="top", fontsize=14, zorder=4)
        ax.text(x, y + 0.22, bias, ha="center", va="bottom", fontsize=13, color="#555555")
    return figure_
