"""Axis ticks: round values, labelled in the reader's language, following range and language."""

from __future__ import annotations

from bokeh.plotting import figure

from web.ui.display import Display
from web.ui.ticks import follow_range, labels, log_ticks, nice_ticks


def test_nice_ticks_are_round_and_inside() -> None:
    assert nice_ticks(0, 1) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(-2.1, 3.4) == [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
    assert nice_ticks(1, 1) == [1]
    assert log_ticks(1e-3, 1e-1)[:3] == [0.001, 0.002, 0.005]


def test_labels_use_the_decimal_comma_in_german() -> None:
    assert labels([0.5, 2.0, 1e-6], "de") == {0.5: "0,5", 2.0: "2", 1e-6: "1e-6"}
    assert labels([0.5], "en") == {0.5: "0.5"}


def test_axis_follows_its_range_and_the_language() -> None:
    display = Display(code="de")
    fig = figure(x_range=(0, 1), y_range=(0, 1))
    follow_range(display, fig.xaxis[0], fig.x_range)
    assert fig.xaxis[0].major_label_overrides[0.2] == "0,2"
    fig.x_range.update(start=0.0, end=10.0)
    assert fig.xaxis[0].ticker.ticks == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    display.code = "en"
    fig.x_range.end = 1.0
    assert fig.xaxis[0].major_label_overrides[0.2] == "0.2"
