"""How large the graph's text can be on the screen at hand.

Projector mode asks for 22 px text, and the division net's graph then needs about 1330 px:
on a 1024 px projector the lecturer would scroll sideways to the loss. What a hall reads is the
text's share of the projected image, not its pixels: 16 px on a 1024 px screen is 1/64 of the
image's width, as the lab's projector minimum of 20 px is on a 1280 px screen. So the picture
takes the largest text, from the wanted size down to the plain 16 px, whose narrowest clear
layout fits the figure's width. Only when even 16 px does not fit does the figure keep the
width it needs (numbers never go on top of each other) and the page scrolls.

Nor is text larger than 1/64 of the figure's width asked for (20 px at 1280 px, 16 px at
1024 px; 22 px from 1408 px on): wider than the width needs, but at 1280×800 the taller boxes
of 21-22 px text would push the loss below the screen's lower edge.

The figure's minimum width is always the need at the smallest text, never at the chosen one:
the browser reports the figure's width, and a minimum that grew with the chosen text would
hold the figure wider than the screen and report that back as room for larger text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from web.graph.geometry import Geometry

SCREEN_SHARE = 64  # at most 1/64 of the figure's width per text pixel


def largest_text(wanted: int, smallest: int, width: float) -> int:
    """The text size to try first: ``wanted``, but at most 1/64 of ``width`` (not below
    ``smallest``)."""
    return max(smallest, min(wanted, int(width // SCREEN_SHARE)))


@dataclass(frozen=True)
class Fit:
    """The chosen text size, its layout and edge numbers, and the figure's minimum width (the
    need at the smallest text)."""

    font_px: int
    geo: Geometry
    labels: list[str]
    min_width: float


def fit(layout: Callable[[int], tuple[Geometry, list[str]]], largest: int, smallest: int,
        width: float) -> Fit:
    """The largest text in ``smallest..largest`` whose layout needs at most ``width`` px
    (``layout(font)`` lays the picture out at that text size in that width, with its edge
    numbers).

    The need grows about in proportion to the text, so the first guess below ``largest`` is
    the proportional one (a slight overestimate: margins and empty gaps do not grow), then one
    size smaller at a time: two or three layouts, not seven."""
    font = largest
    geo, labels = layout(font)
    if geo.needed > width and font > smallest:
        font = max(smallest, min(largest - 1, int(largest * width / geo.needed)))
        geo, labels = layout(font)
        while geo.needed > width and font > smallest:
            font -= 1
            geo, labels = layout(font)
    least = geo.needed if font == smallest else layout(smallest)[0].needed
    return Fit(font, geo, labels, least)
