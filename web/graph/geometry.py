"""Where every box, edge and edge number of the graph goes, in pixels of the figure.

Why pixels: the numbers must be readable from the back of a lecture hall (16 px, more in
projector mode), must never cover each other or a box, and the picture must fit the screen.
So the boxes are as wide as their longest text (over every step of backprop, so nothing moves
while stepping), the gap between two columns is at least as wide as the widest number on its
edges, and whatever width the figure has beyond that is shared out among the gaps. The numbers
are then placed along their edges (:func:`web.ui.label_placement.place_labels`) with the boxes
as obstacles. Rows and columns come from :mod:`web.graph.layout`; y grows upwards, as in Bokeh.
If the figure is narrower than the text needs, :attr:`Geometry.width` is the needed width
(the figure then keeps that width: a page that scrolls beats numbers on top of each other).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from pycore.graph import Graph
from web.graph.layout import layout
from web.ui.label_placement import Rect, overlap, place_labels
from web.ui.text_metrics import text_width

LINE = 1.15  # line height in font sizes
BOX_PAD_X, BOX_PAD_Y = 5, 3  # room between a box's border and its text
ROW_GAP = 10  # between two boxes of a column
MARGIN = 6  # around the picture
LABEL_PAD = 2  # white background around an edge number
GAP_MARGIN = 5  # between an edge number and the boxes of the gap
EMPTY_GAP = 28  # a gap whose edges carry no numbers
FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88)
WIDEN_TRIES = 6
WIDEN_PX_PER_FONT_PX = 1.5  # how much a crowded gap grows per try


@dataclass(frozen=True)
class Geometry:
    """Pixel positions: box centres and sizes by node id, and per edge (in ``graph.edges``
    order) its segment, its number's centre and the size of the number's background."""

    width: float
    needed: float
    height: float
    line: float
    centres: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    segments: list[tuple[float, float, float, float]]
    labels: list[tuple[float, float]]
    label_sizes: list[tuple[float, float]]

    def box_rects(self) -> list[Rect]:
        return [(*self.centres[i], *self.sizes[i]) for i in self.centres]

    def label_rects(self) -> list[Rect]:
        return [(*at, *size) for at, size in zip(self.labels, self.label_sizes, strict=True)]


def label_size(text: str, font_px: float) -> tuple[float, float]:
    """Size of an edge number with its background (none for an empty text)."""
    if not text:
        return 0.0, 0.0
    return text_width(text, font_px) + 2 * LABEL_PAD, font_px * LINE + 2 * LABEL_PAD


def _x_positions(columns: Sequence[int], box_widths: Mapping[int, float],
                 gap_needs: Mapping[int, float], crowding: Mapping[int, int],
                 available: float) -> tuple[dict[int, float], float, float]:
    """Centre x of every column, the picture's width (at least ``available``) and the width
    its texts need. Width beyond the need goes to the gaps in proportion to the numbers they
    hold (plus one each): a gap crossed by eight edges needs room to stagger them."""
    gaps = columns[:-1]
    needed = math.ceil(2 * MARGIN + sum(box_widths.values()) + sum(gap_needs[c] for c in gaps))
    width = max(available, needed)
    shares = {c: crowding.get(c, 0) + 1 for c in gaps}
    x, centres = MARGIN, {}
    for c in columns:
        centres[c] = x + box_widths[c] / 2
        if c in shares:
            x += (box_widths[c] + gap_needs[c]
                  + (width - needed) * shares[c] / sum(shares.values()))
    if len(columns) == 1:  # a lone column stands in the middle
        centres[columns[0]] = width / 2
    return centres, width, needed


def _place(geo: Geometry, edge_texts: Sequence[str], font_px: float) -> Geometry:
    """``geo`` with every edge number placed along its edge, clear of the boxes."""
    at = [0.5] * len(geo.segments)
    if any(edge_texts):
        at = place_labels([(*s, t) for s, t in zip(geo.segments, edge_texts, strict=True)],
                          size=lambda text: label_size(text, font_px),
                          obstacles=geo.box_rects(), fractions=FRACTIONS)
    labels = [(x0 + f * (x1 - x0), y0 + f * (y1 - y0))
              for (x0, y0, x1, y1), f in zip(geo.segments, at, strict=True)]
    return replace(geo, labels=labels, label_sizes=[label_size(t, font_px) for t in edge_texts])


def crowded_gaps(geo: Geometry, gaps: Sequence[int]) -> set[int]:
    """The gaps (by column left of them) of the edge numbers that overlap a box or another
    number; ``gaps`` gives each edge's gap."""
    rects = geo.label_rects()
    boxes = geo.box_rects()
    found = set()
    for k, a in enumerate(rects):
        if a[2] and (any(overlap(a, b) for b in rects[k + 1:] if b[2])
                     or any(overlap(a, b) for b in boxes)):
            found.add(gaps[k])
            found.update(gaps[m] for m in range(k + 1, len(rects))
                         if rects[m][2] and overlap(a, rects[m]))
    return found


@dataclass
class _Plan:
    """What does not depend on the width: the grid, box sizes, each edge's gap, the numbers."""

    graph: Graph
    grid: dict[str, tuple[float, float]]
    edge_texts: Sequence[str]
    font_px: float
    box_widths: dict[int, float]
    box_h: float
    gaps: list[int]
    crowding: dict[int, int]

    def arrange(self, gap_needs: Mapping[int, float], available: float) -> Geometry:
        """Boxes in columns with gaps at least ``gap_needs`` wide, numbers placed."""
        columns = sorted(self.box_widths)
        xs, width, needed = _x_positions(columns, self.box_widths, gap_needs, self.crowding,
                                         available)
        rows = [y for _, y in self.grid.values()]
        row_px = self.box_h + ROW_GAP
        height = 2 * MARGIN + self.box_h + (max(rows) - min(rows)) * row_px
        centres = {i: (xs[int(x)], MARGIN + self.box_h / 2 + (y - min(rows)) * row_px)
                   for i, (x, y) in self.grid.items()}
        sizes = {i: (self.box_widths[int(x)], self.box_h) for i, (x, _) in self.grid.items()}
        segments = [(centres[e.src][0] + sizes[e.src][0] / 2, centres[e.src][1],
                     centres[e.dst][0] - sizes[e.dst][0] / 2, centres[e.dst][1])
                    for e in self.graph.edges]
        geo = Geometry(width, needed, height, self.font_px * LINE, centres, sizes, segments,
                       [], [])
        return _place(geo, self.edge_texts, self.font_px)

    def widen(self, gap_needs: dict[int, float], available: float) -> tuple[Geometry, bool]:
        """Arrange, and widen every gap whose numbers still overlap (a few times at most);
        ``gap_needs`` grows in place. Returns the last arrangement and whether it is clear."""
        for _ in range(WIDEN_TRIES):
            geo = self.arrange(gap_needs, available)
            crowded = crowded_gaps(geo, self.gaps)
            if not crowded:
                return geo, True
            for gap in crowded:
                gap_needs[gap] += WIDEN_PX_PER_FONT_PX * self.font_px
        return geo, False


def _shifted(geo: Geometry, width: float) -> Geometry:
    """``geo`` centred in a wider figure (same distances, so the numbers stay clear)."""
    dx = (width - geo.width) / 2
    return replace(
        geo, width=width,
        centres={i: (x + dx, y) for i, (x, y) in geo.centres.items()},
        segments=[(x0 + dx, y0, x1 + dx, y1) for x0, y0, x1, y1 in geo.segments],
        labels=[(x + dx, y) for x, y in geo.labels])


def geometry(graph: Graph, box_texts: Mapping[str, Sequence[tuple[str, bool]]],
             edge_texts: Sequence[str], font_px: float, available: float) -> Geometry:
    """The picture for ``graph``: ``box_texts`` are, per node id, every text its box will ever
    show (``(text, bold)``), ``edge_texts`` the number of each edge ("" for none),
    ``available`` the figure's width in pixels.

    First the narrowest clear picture: gaps as wide as their widest number, widened where
    numbers still overlap. Its width is :attr:`Geometry.needed` whatever ``available`` is, so
    the figure's minimum width never depends on its current width (no back and forth with
    the browser). With more room the gaps share it out; should that make numbers overlap,
    the narrow picture is centred instead."""
    grid = layout(graph)
    columns = sorted({int(x) for x, _ in grid.values()})
    box_widths = {c: 0.0 for c in columns}
    for node_id, (x, _) in grid.items():
        widest = max(text_width(text, font_px, bold) for text, bold in box_texts[node_id])
        box_widths[int(x)] = max(box_widths[int(x)], widest + 2 * BOX_PAD_X)
    gaps = [int(min(grid[e.src][0], grid[e.dst][0])) for e in graph.edges]
    gap_needs = {c: float(EMPTY_GAP) for c in columns}
    crowding: dict[int, int] = {}
    for gap, text in zip(gaps, edge_texts, strict=True):
        if text:
            gap_needs[gap] = max(gap_needs[gap], label_size(text, font_px)[0] + 2 * GAP_MARGIN)
            crowding[gap] = crowding.get(gap, 0) + 1
    plan = _Plan(graph, grid, edge_texts, font_px, box_widths,
                 3 * font_px * LINE + 2 * BOX_PAD_Y, gaps, crowding)
    narrow, _ = plan.widen(gap_needs, 0.0)
    if available <= narrow.width:
        return narrow
    wide, clear = plan.widen(dict(gap_needs), available)
    if clear and wide.width == available:
        return replace(wide, needed=narrow.needed)
    return _shifted(narrow, available)
