"""Matplotlib drawing of a node-and-edge diagram, shared by the graph and network exports.

Both views describe their current picture as plain boxes and segments (positions in data
units, colours from :mod:`web.colors`), and this one function turns that into a slide figure.
Matplotlib is imported inside the function only: it is heavy and needed only on export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass
class Box:
    """A node: centre, size, fill colour, text colour and lines of text (first line bold)."""

    x: float
    y: float
    fill: str
    lines: list[str]
    text_color: str = "#111111"
    width: float = 0.64
    height: float = 0.78
    edge_color: str = "#444444"
    round: bool = False
    below: list[str] = field(default_factory=list)  # text lines under the box
    above: str = ""  # one text line over the box


@dataclass
class Segment:
    """An edge from (x0, y0) to (x1, y1) with an optional label at fraction ``at``."""

    x0: float
    y0: float
    x1: float
    y1: float
    color: str = "#888888"
    width: float = 1.5
    label: str = ""
    at: float = 0.5


def diagram_figure(boxes: list[Box], segments: list[Segment], title: str,
                   inches_per_unit: float = 1.9, font_size: float = 9.0,
                   size: tuple[float, float] | None = None) -> Figure:
    """A figure with every segment (under) and every box (over), no axes. Its size follows
    the data (``inches_per_unit``) unless ``size`` (inches) is given; round nodes are markers,
    so they stay round whatever the aspect."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    xs = [b.x for b in boxes] or [0.0]
    ys = [b.y for b in boxes] or [0.0]
    x_lo, x_hi = min(xs) - 0.7, max(xs) + 0.7
    y_lo, y_hi = min(ys) - 0.7, max(ys) + 0.7
    fig = Figure(figsize=size or ((x_hi - x_lo) * inches_per_unit,
                                  (y_hi - y_lo) * inches_per_unit * 0.9))
    ax = fig.add_subplot()
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_axis_off()
    ax.set_title(title, fontsize=font_size * 1.5)
    for s in segments:
        ax.plot([s.x0, s.x1], [s.y0, s.y1], color=s.color, linewidth=s.width, zorder=1,
                solid_capstyle="round")
        if s.label:
            ax.text(s.x0 + s.at * (s.x1 - s.x0), s.y0 + s.at * (s.y1 - s.y0), s.label,
                    fontsize=font_size * 0.85, ha="center", va="center", zorder=2,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    for b in boxes:
        if b.round:
            ax.plot([b.x], [b.y], marker="o", markersize=font_size * 3.2, markerfacecolor=b.fill,
                    markeredgecolor=b.edge_color, zorder=3)
        else:
            ax.add_patch(FancyBboxPatch((b.x - b.width / 2, b.y - b.height / 2), b.width,
                                        b.height, boxstyle="round,pad=0.0,rounding_size=0.08",
                                        facecolor=b.fill, edgecolor=b.edge_color, zorder=3))
        step = b.height / (len(b.lines) + 1)
        for k, line in enumerate(b.lines):
            ax.text(b.x, b.y + b.height / 2 - (k + 1) * step, line, ha="center", va="center",
                    fontsize=font_size, color=b.text_color, zorder=4,
                    fontweight="bold" if k == 0 else "normal")
        if b.below:
            ax.text(b.x, b.y - b.height / 2 - 0.05, "\n".join(b.below), ha="center", va="top",
                    fontsize=font_size * 0.9, zorder=4)
        if b.above:
            ax.text(b.x, b.y + b.height / 2 + 0.05, b.above, ha="center", va="bottom",
                    fontsize=font_size * 0.85, color="#555555", zorder=4)
    return fig
