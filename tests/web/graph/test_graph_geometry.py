"""The graph's layout in pixels: numbers never on a box or on each other, text fits its box,
nothing moves while stepping (the browser test measures the same at the figure's real size)."""

from __future__ import annotations

import pytest

from web.graph.figure import TEXT_PX
from web.graph.geometry import BOX_PAD_X
from web.graph.nets import NETS
from web.graph.picture import box_texts
from web.graph.view import GraphView
from web.ui.display import Display, scaled
from web.ui.label_placement import overlap
from web.ui.text_metrics import text_width

WIDTHS = (900, 1024, 1264, 1904)  # the figure's width at common screen widths (and narrower)
FONTS = (TEXT_PX, scaled(TEXT_PX, projector=True))


def overlaps(view: GraphView, font: int, width: int) -> tuple[list, list]:
    geo, texts = view.layout_for(font, width)
    labels = [r for r, text in zip(geo.label_rects(), texts, strict=True) if text]
    boxes = geo.box_rects()
    among = [(a, b) for k, a in enumerate(labels) for b in labels[k + 1:] if overlap(a, b)]
    on_boxes = [(a, b) for a in labels for b in boxes if overlap(a, b)]
    on_boxes += [(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1:] if overlap(a, b)]
    return among, on_boxes


@pytest.mark.parametrize("code", ["de", "en"])
@pytest.mark.parametrize("net", NETS)
def test_edge_numbers_never_cover_a_box_or_each_other(net: str, code: str) -> None:
    view = GraphView(Display(code=code), net=net)
    for font in FONTS:
        for width in WIDTHS:
            among, on_boxes = overlaps(view, font, width)
            assert among == [] and on_boxes == [], (font, width)


@pytest.mark.parametrize("net", NETS)
def test_every_text_fits_its_box_at_every_step(net: str) -> None:
    view = GraphView(Display(code="de"), net=net)
    for font in FONTS:
        geo, _ = view.layout_for(font, 1264)
        for node_id, texts in box_texts(view.backprop, "de").items():
            for text, bold in texts:
                assert text_width(text, font, bold) <= geo.sizes[node_id][0] - 2 * BOX_PAD_X + 1e-9
            assert geo.sizes[node_id][1] >= 3 * font


def test_stepping_changes_colours_and_texts_but_not_the_layout() -> None:
    view = GraphView(Display(code="en"))
    keys = ("x", "y", "w", "h")
    first = {k: list(view.figure.nodes.data[k]) for k in keys}
    labels = dict(view.figure.labels.data)
    height = view.figure.figure.height
    for k in range(1, view.backprop.n + 1):
        view.step = k
        assert {key: view.figure.nodes.data[key] for key in keys} == first
        assert dict(view.figure.labels.data) == labels
        assert view.figure.figure.height == height


def test_the_default_net_fits_a_1280_screen_with_16_px_text() -> None:
    """At 1280×800 the header and stepper leave about 450 px for the picture, and the page is
    about 1264 px wide: the 2-2-1 nets must fit without scrolling."""
    for net in ("division", "sigmoid", "tanh", "relu"):
        geo, _ = GraphView(Display(code="de"), net=net).layout_for(TEXT_PX, 1264)
        assert geo.needed <= 1264 and geo.height <= 460, net
