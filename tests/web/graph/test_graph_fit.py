"""The graph's text size on the screen at hand: projector mode's 22 px where the picture fits
the figure's width and 1/64 of the width allows it, smaller (never below 16 px) where not, and
a minimum width that does not feed back on the width the browser reports."""

from __future__ import annotations

import math

import pytest

from web.graph.figure import TEXT_PX
from web.graph.view import GraphView
from web.ui.display import Display, scaled

LARGEST = scaled(TEXT_PX, projector=True)


def need(view: GraphView, font: int) -> float:
    return view.layout_for(font, 0)[0].needed


def projector_view(net: str = "division") -> GraphView:
    return GraphView(Display(code="de", projector=True), net=net)


@pytest.mark.parametrize("width", [900, 1024, 1280, 1920])
@pytest.mark.parametrize("net", ["division", "sigmoid", "slides"])
def test_the_text_is_the_largest_that_fits_the_width(net: str, width: int) -> None:
    view = projector_view(net)
    view.width_px = width
    cap = max(TEXT_PX, min(LARGEST, width // 64))
    fitting = [f for f in range(TEXT_PX, cap + 1) if need(view, f) <= width]
    assert view.font_px == (max(fitting) if fitting else TEXT_PX)
    if fitting:  # the picture fills the figure and the numbers keep their room
        assert view.figure.figure.x_range.end == width
    sizes = {glyph.text_font_size for glyph in view.figure.glyphs}
    assert sizes == {f"{view.font_px}px"}


def test_the_division_graph_on_projectors_of_1024_and_1280_px() -> None:
    view = projector_view()
    view.width_px = 1024
    assert view.font_px == TEXT_PX  # 1/64 of the image, as 20 px on 1280
    view.width_px = 1280
    assert view.font_px == 20  # 1/64 of the width: 21-22 px would push the loss off 800 px
    view.width_px = 1920
    assert view.font_px == LARGEST


def test_the_minimum_width_is_the_need_at_the_smallest_text() -> None:
    view = projector_view()
    least = math.ceil(need(view, TEXT_PX))
    for width in (700, 1024, 1280, 1920):
        view.width_px = width
        assert view.figure.figure.min_width == least


@pytest.mark.parametrize("reported", [1200, 1325, 1400])
def test_the_reported_width_settles_on_the_screen_width(reported: int) -> None:
    """The browser reports the figure's width, which is the screen's unless the minimum width
    holds it wider: from any earlier report, the figure comes back to a 1024 px screen."""
    view = projector_view()
    view.width_px = reported
    for _ in range(5):
        view.width_px = max(1024, view.figure.figure.min_width)
    assert view.width_px == 1024 and view.font_px == TEXT_PX


def test_plain_mode_keeps_16_px_at_any_width() -> None:
    view = GraphView(Display(code="de"))
    for width in (800, 1280, 1920):
        view.width_px = width
        assert view.font_px == TEXT_PX
