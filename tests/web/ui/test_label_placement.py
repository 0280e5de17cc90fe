"""Edge numbers placed clear of each other and of obstacles; text widths; readable ink."""

from __future__ import annotations

import pytest

from web.ui import colors
from web.ui.label_placement import label_rects, overlap, place_labels
from web.ui.text_metrics import text_width


def test_a_steep_edge_moves_its_label_off_a_short_flat_one() -> None:
    steep, flat = (0.0, 0.0, 0.3, 2.0, "1e-6"), (0.0, 1.1, 0.3, 0.9, "5")
    at_steep, at_flat = place_labels([steep, flat])
    assert at_steep != 0.5 and at_flat == 0.5


def test_two_edges_crossing_in_an_x_get_their_labels_apart() -> None:
    """Moving one label at a time cannot separate these (every single move still touches the
    other label); moving the pair together can."""
    size = lambda text: (53.0, 23.0)  # noqa: E731
    down, up = (630.0, 215.0, 725.0, 303.0, "0,8861"), (630.0, 291.0, 725.0, 228.0, "0,7114")
    fractions = (0.5, 0.3, 0.7)  # only both at 0.3 or both at 0.7 are free
    at = place_labels([down, up], size=size, fractions=fractions)
    a, b = label_rects([down, up], at, size)
    assert not overlap(a, b)


def test_labels_keep_off_obstacles() -> None:
    size = lambda text: (20.0, 10.0)  # noqa: E731
    edge = (0.0, 0.0, 100.0, 0.0, "7")
    box = (50.0, 0.0, 30.0, 30.0)  # sits on the middle of the edge
    (at,) = place_labels([edge], size=size, obstacles=[box])
    (rect,) = label_rects([edge], [at], size)
    assert at != 0.5 and not overlap(rect, box)


def test_text_widths_are_helvetica_advance_widths() -> None:
    assert text_width("0", 16) == pytest.approx(8.896)  # 556/1000 em
    assert text_width("-1,5", 20) == pytest.approx((333 + 556 + 278 + 556) / 50)
    assert text_width("m", 10, bold=True) > text_width("m", 10)
    assert text_width("∂", 10) == pytest.approx(7.0)  # unknown: counted wide


@pytest.mark.parametrize("value", [-1.0, -0.5, -0.2, -0.05, 0.0, 0.05, 0.2, 0.5, 1.0])
def test_box_text_contrasts_with_every_fill_of_the_scale(value: float) -> None:
    fill = colors.color(value)
    assert colors.contrast(colors.ink(fill), fill) >= 4.5
    if value < 0:
        assert colors.ink(fill) == colors.DARK_TEXT  # never white on (light) orange
