"""The drawing of a network on screen (Bokeh) and for slides (Matplotlib), from one Picture.

Built once; :meth:`NetworkFigure.show` only swaps the data of its sources, so a training run
redraws without rebuilding anything. Clicking an edge calls ``on_pick(label)`` with the
weight's lecture label (w[l]ij), which the owner uses to select that weight for editing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import panel as pn
from bokeh.models import ColumnDataSource, HoverTool, LabelSet, Range1d, TapTool
from bokeh.plotting import figure

from web.ui import colors
from web.ui.bokeh_sync import bokeh_edit
from web.ui.diagram_mpl import Box, Segment, diagram_figure
from web.ui.display import Display
from web.ui.network_picture import EDGE_KEYS, NODE_KEYS, Picture

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NODE_SIZE = 54
X_MARGIN = 0.45


class NetworkFigure(pn.viewable.Viewer):
    """Neurons as circles filled by their bias, edges by weight (or gradient); optional texts:
    each neuron's z and a (``values``), its bias, and each edge's weight (``edge_labels``; a
    label set costs its paint even when its texts are empty). ``names=False``
    leaves the neuron names to the hover (a view that draws something inside the circles);
    ``node_size`` is the circles' diameter in pixels, ``x_margin`` the room left and right of
    the outer columns (in column widths). ``live``: redrawn many times a second (training),
    so the edges and neurons go on Bokeh's overlay level (``self.level``): a frame repaints
    that canvas alone, not what the owner adds on the lower levels (e.g. fixed labels)."""

    def __init__(self, display: Display, on_pick: Callable[[str], None] | None = None,
                 height: int = 430, values: bool = False, edge_labels: bool = False,
                 css_classes: list[str] | None = None, names: bool = True,
                 node_size: int = NODE_SIZE, x_margin: float = X_MARGIN, live: bool = False
                 ) -> None:
        super().__init__()
        self.display, self.values, self.x_margin = display, values, x_margin
        self.level = "overlay" if live else "glyph"
        self.nodes = ColumnDataSource({key: [] for key in NODE_KEYS})
        self.edges = ColumnDataSource({key: [] for key in EDGE_KEYS})
        # CSS classes on the figure itself: Panel 1.9.4 does not pass a Bokeh pane's
        # css_classes to the page.
        fig = figure(height=height, sizing_mode="stretch_width", tools="", toolbar_location=None,
                     min_border=0, x_range=Range1d(0, 1), y_range=Range1d(0, 1),
                     css_classes=css_classes or [])
        fig.axis.visible = False
        fig.grid.visible = False
        fig.outline_line_color = None
        lines = fig.segment("x0", "y0", "x1", "y1", source=self.edges, line_color="color",
                            line_width="width", line_alpha=0.9, nonselection_line_alpha=0.35,
                            selection_line_color=colors.HIGHLIGHT, level=self.level)
        dots = fig.scatter("x", "y", source=self.nodes, size=node_size, fill_color="fill",
                           line_color="#333333", line_width=2, level=self.level)
        px = display.px
        if names:
            self._label(fig, self.nodes, "name", px(18), text_color="ink",
                        text_font_style="bold")
        if values:
            self._label(fig, self.nodes, "value", px(19), y_offset=-node_size // 2 - 8,
                        text_baseline="top", background_fill_color="white",
                        background_fill_alpha=0.85)
            self._label(fig, self.nodes, "bias", px(17), y_offset=node_size // 2 + 6,
                        text_baseline="bottom", text_color="#555555")
        if edge_labels:
            self._label(fig, self.edges, "label", px(17), x="lx", y="ly",
                        background_fill_color="white", background_fill_alpha=0.85)
        fig.add_tools(
            HoverTool(renderers=[lines], line_policy="interp",
                      tooltips=[("", "@name"), ("w", "@w"), ("∂L/∂w", "@g")]),
            HoverTool(renderers=[dots], tooltips=[("", "@name"), ("b", "@b"), ("∂L/∂b", "@g"),
                                                  ("f", "@activation")]))
        if on_pick is not None:
            fig.add_tools(TapTool(renderers=[lines]))

            def picked(_attr: str, _old: list[int], new: list[int]) -> None:
                if new:
                    on_pick(self.edges.data["name"][new[0]])

            self.edges.selected.on_change("indices", picked)
        # On the figure itself: a Bokeh pane does not pass its css_classes on to the plot.
        fig.css_classes = css_classes or []
        self.figure = fig

    def _label(self, fig, source, column: str, size, x: str = "x", y: str = "y",
               **style: object) -> None:
        level = "overlay" if self.level == "overlay" else "annotation"
        labels = LabelSet(x=x, y=y, text=column, source=source, text_align="center",
                          text_baseline=style.pop("text_baseline", "middle"), level=level,
                          **style)
        fig.add_layout(labels)
        self.display.follow(labels, "text_font_size", size)

    @bokeh_edit
    def show(self, drawing: Picture) -> None:
        self.edges.data = drawing.edges
        self.nodes.data = drawing.nodes
        x_low, x_high, y_low, y_high = drawing.extent()
        below = 1.0 if self.values else 0.55  # room for the z/a texts under the bottom row
        above = 0.8 if self.values else 0.55
        self.figure.x_range.update(start=x_low - self.x_margin, end=x_high + self.x_margin)
        self.figure.y_range.update(start=y_low - below, end=y_high + above)

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.pane.Bokeh(self.figure, sizing_mode="stretch_width")


def network_mpl(drawing: Picture, title: str) -> Figure:
    """The same drawing as a Matplotlib figure for the PNG/SVG export."""
    n = drawing.nodes
    boxes = [Box(x, y, fill, [name], text, round=True, below=value.splitlines(), above=bias)
             for x, y, fill, name, value, bias, text in zip(
                 n["x"], n["y"], n["fill"], n["name"], n["value"], n["bias"], n["ink"],
                 strict=True)]
    e = drawing.edges
    segments = [Segment(x0, y0, x1, y1, color, width / 2, label=label,
                        at=_fraction(x0, x1, lx))
                for x0, y0, x1, y1, color, width, label, lx in zip(
                    e["x0"], e["y0"], e["x1"], e["y1"], e["color"], e["width"], e["label"],
                    e["lx"], strict=True)]
    x_low, x_high, y_low, y_high = drawing.extent()
    size = (max(6.0, 2.8 * (x_high - x_low + 1)), max(4.0, 1.3 * (y_high - y_low + 2)))
    return diagram_figure(boxes, segments, title, font_size=11, size=size)


def _fraction(x0: float, x1: float, lx: float) -> float:
    return 0.5 if x1 == x0 else (lx - x0) / (x1 - x0)

