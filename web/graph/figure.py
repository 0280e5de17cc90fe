"""The computation graph on screen (Bokeh, in pixels) and for slides (Matplotlib).

Built once; :meth:`GraphFigure.show` only swaps the data of its sources and the ranges, so a
backprop step redraws instantly. The figure's data units are its pixels (both ranges run from 0
to the size in pixels), which is what lets :mod:`web.graph.geometry` keep every number off the
boxes and off the other numbers. The browser reports the figure's real width
(``inner_width``); ``on_width`` hands it to the owner, which lays the picture out again, with
text as large as that width allows (:mod:`web.graph.fit`): the text size comes with each layout.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import panel as pn
from bokeh.models import ColumnDataSource, HoverTool, Range1d
from bokeh.plotting import figure

from web.graph.geometry import LABEL_PAD, Geometry
from web.graph.picture import EDGE_KEYS, LABEL_KEYS, NODE_KEYS, SEGMENT_KEYS, Picture
from web.ui import colors
from web.ui.bokeh_sync import bokeh_edit
from web.ui.diagram_mpl import Box, Segment, diagram_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TEXT_PX = 16  # box and edge text (projector mode enlarges it where the width allows)
START_WIDTH = 1200  # the layout's guess until the browser reports the real width
PX_PER_INCH = 96
BOX_TEXT_KEYS = ("x", "y", "y_top", "y_bottom", "label", "v", "g")


def _source(keys: tuple[str, ...]) -> ColumnDataSource:
    return ColumnDataSource({key: [] for key in keys})


class GraphFigure(pn.viewable.Viewer):
    """Boxes with label, v and g; edges; edge numbers; the current edge and the paths."""

    def __init__(self, on_width: Callable[[int], None]) -> None:
        super().__init__()
        self.nodes, self.edges = _source(NODE_KEYS), _source(EDGE_KEYS)
        self.labels = _source(LABEL_KEYS)
        self.current, self.path = _source(SEGMENT_KEYS), _source(SEGMENT_KEYS)
        # The test hook sits on the figure itself: pn.pane.Bokeh does not hand css_classes
        # given at construction to the Bokeh model (Panel 1.9.4).
        fig = figure(height=400, sizing_mode="stretch_width", tools="", toolbar_location=None,
                     min_border=0, x_range=Range1d(0, START_WIDTH), y_range=Range1d(0, 400),
                     css_classes=["nnlab-graph-figure", "nnlab-main-figure"])
        fig.axis.visible = False
        fig.grid.visible = False
        fig.outline_line_color = None
        seg = {"x0": "x0", "y0": "y0", "x1": "x1", "y1": "y1"}
        fig.segment(**seg, source=self.path, line_color=colors.HIGHLIGHT, line_width=12,
                    line_alpha=0.3)
        fig.segment(**seg, source=self.current, line_color=colors.HIGHLIGHT, line_width=9,
                    line_alpha=0.8)
        fig.segment(**seg, source=self.edges, line_color="color", line_width=2)
        numbers = fig.text("x", "y", text="text", source=self.labels, text_align="center",
                           text_baseline="middle", text_color="#222222",
                           background_fill_color="white", background_fill_alpha=0.9,
                           padding=LABEL_PAD)
        boxes = fig.rect("x", "y", width="w", height="h", source=self.nodes, fill_color="fill",
                         line_color="line", line_width="lw")
        fig.add_tools(HoverTool(renderers=[boxes], tooltips=[
            ("", "@label"), ("v", "@value"), ("g", "@grad")]))
        # Dark and white box texts come from two sources with one colour each: a Text glyph
        # whose colour is a column fails in BokehJS 3.9 once its source gets fewer rows
        # ("Offset is outside the bounds of the DataView"), e.g. on switching to a smaller net.
        self.inks = {ink: _source(BOX_TEXT_KEYS) for ink in (colors.DARK_TEXT, colors.LIGHT_TEXT)}
        texts = []
        for ink, source in self.inks.items():
            common = {"source": source, "text_align": "center", "text_baseline": "middle",
                      "text_color": ink}
            texts += [fig.text("x", "y_top", text="label", text_font_style="bold", **common),
                      fig.text("x", "y", text="v", **common),
                      fig.text("x", "y_bottom", text="g", **common)]
        self.glyphs = [renderer.glyph for renderer in (numbers, *texts)]
        fig.on_change("inner_width", lambda _attr, _old, new: new and on_width(int(new)))
        self.figure = fig

    @bokeh_edit
    def show(self, drawing: Picture, geo: Geometry, font_px: int, min_width: float) -> None:
        """Draw ``drawing``, laid out by ``geo`` for ``font_px`` text, in a figure at least
        ``min_width`` wide (sizes change only with the layout)."""
        for source, data in ((self.nodes, drawing.nodes), (self.edges, drawing.edges),
                             (self.labels, drawing.labels), (self.current, drawing.current),
                             (self.path, drawing.path)):
            source.data = data
        for ink, source in self.inks.items():
            rows = [k for k, row_ink in enumerate(drawing.nodes["ink"]) if row_ink == ink]
            source.data = {key: [drawing.nodes[key][k] for k in rows] for key in BOX_TEXT_KEYS}
        fig = self.figure
        fig.x_range.update(start=0, end=geo.width)
        fig.y_range.update(start=0, end=geo.height)
        height, least, size = math.ceil(geo.height), math.ceil(min_width), f"{font_px}px"
        if fig.height != height:
            fig.height = height
        if fig.min_width != least:
            fig.min_width = least
        for glyph in self.glyphs:
            if glyph.text_font_size != size:
                glyph.text_font_size = size

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.pane.Bokeh(self.figure, sizing_mode="stretch_width")


def graph_mpl(drawing: Picture, geo: Geometry, title: str, font_px: float) -> Figure:
    """The same drawing as a Matplotlib figure for the PNG/SVG export (one unit = 100 px)."""
    u = 100.0
    n = drawing.nodes
    boxes = [Box(x / u, y / u, fill, [label, v, g], ink, width=w / u, height=h / u,
                 edge_color=line)
             for x, y, w, h, fill, ink, line, label, v, g in zip(
                 n["x"], n["y"], n["w"], n["h"], n["fill"], n["ink"], n["line"], n["label"],
                 n["v"], n["g"], strict=True)]
    texts = dict(zip(zip(drawing.labels["x"], drawing.labels["y"], strict=True),
                     drawing.labels["text"], strict=True))
    segments = []
    for (x0, y0, x1, y1), (lx, ly), color in zip(geo.segments, geo.labels,
                                                 drawing.edges["color"], strict=True):
        at = 0.5 if x1 == x0 else (lx - x0) / (x1 - x0)
        segments.append(Segment(x0 / u, y0 / u, x1 / u, y1 / u, color,
                                label=texts.get((lx, ly), ""), at=at))
    inches = u / PX_PER_INCH
    xs, ys = [b.x for b in boxes], [b.y for b in boxes]
    size = ((max(xs) - min(xs) + 1.4) * inches, (max(ys) - min(ys) + 1.4) * inches)
    return diagram_figure(boxes, segments, title, font_size=font_px * 72 / PX_PER_INCH,
                          size=size)
