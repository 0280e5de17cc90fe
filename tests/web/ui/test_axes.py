"""Axis ticks chosen from the data and written in the reader's language."""

from __future__ import annotations

import math

import pytest
from bokeh.models import LinearAxis, LogAxis

from web.ui.axes import (
    apply_linear,
    apply_log,
    decimals,
    epoch_bounds,
    growing_log_ticks,
    log_bounds,
    log_ticks,
    log_ticks_still_label,
    nice_ceiling,
    tick_labels,
)


def test_many_decades_get_powers_of_ten_only() -> None:
    ticks = log_ticks([2e-11, 0.3, 1.0, math.nan, None, -1.0, 0.0])
    assert all(math.log10(t) == round(math.log10(t)) for t in ticks)
    assert 3 <= len(ticks) <= 7 and ticks[-1] == 1.0


def test_few_decades_get_1_2_5_and_a_narrow_range_its_own_ticks() -> None:
    assert log_ticks([0.01, 0.05]) == pytest.approx([0.01, 0.02, 0.05])
    assert log_ticks([0.3, 0.4]) == pytest.approx([0.3, 0.4])
    assert log_ticks([]) == [] and log_ticks([math.inf]) == []


def test_ticks_still_label_a_falling_curve_until_a_decade_lies_beyond_them() -> None:
    ticks = [0.1, 0.2, 0.5]
    assert log_ticks_still_label(ticks, [0.7, 0.15])
    assert log_ticks_still_label(ticks, [0.7, 0.3])  # one labelled tick is enough
    assert not log_ticks_still_label(ticks, [0.3, 0.4])  # none inside
    assert not log_ticks_still_label(ticks, [6.0, 0.15])  # a decade above is bare
    assert not log_ticks_still_label(ticks, [0.7, 0.011])  # two decades: 0.2 and 0.5 crowd
    decades = [1e-4, 1e-3, 0.01, 0.1, 1.0]
    assert log_ticks_still_label(decades, [0.7, 0.011])
    assert log_ticks_still_label(decades, [0.7, 2e-5])
    assert not log_ticks_still_label(decades, [0.7, 5e-6])  # the decade below is bare
    assert log_ticks_still_label([], []) and not log_ticks_still_label([], [0.5])


def test_labels_follow_the_language() -> None:
    assert tick_labels([0.02, 1e-6], "de") == {0.02: "0,02", 1e-6: "1e-6"}
    axis = LogAxis()
    apply_log(axis, [0.01, 0.05], "en")
    assert axis.ticker.ticks == pytest.approx([0.01, 0.02, 0.05])
    # padded to the length of "0.0001": new ticks never change the axis's width
    assert axis.major_label_overrides == {0.01: "  0.01", 0.02: "  0.02", 0.05: "  0.05"}


def test_linear_labels_get_the_decimals_the_range_needs() -> None:
    assert decimals(-100, 100) == 0 and decimals(0, 1) == 2 and decimals(0, 1e-5) == 7
    axis = LinearAxis()
    apply_linear(axis, 0.0, 1.0, "de")
    assert axis.formatter.language == "de" and axis.formatter.format == "0.[00]"


def test_a_linear_axis_follows_its_range_and_the_language() -> None:
    from bokeh.plotting import figure

    from web.ui.axes import follow_linear
    from web.ui.display import Display

    display = Display(code="de")
    fig = figure(x_range=(0, 1), y_range=(0, 1))
    follow_linear(display, fig.xaxis[0], fig.x_range)
    assert fig.xaxis[0].formatter.language == "de"
    fig.x_range.update(start=0.0, end=1000.0)
    assert fig.xaxis[0].formatter.format == "0"
    display.code = "en"
    assert fig.xaxis[0].formatter.language == "en"


def test_a_tick_count_changes_the_ticker_in_place() -> None:
    """A new ticker model per redraw made Bokeh recollect the whole document each time."""
    from bokeh.models import BasicTicker, FixedTicker

    axis = LinearAxis(ticker=FixedTicker(ticks=[0.0]))
    apply_linear(axis, 0.0, 1.0, "en", count=5)
    ticker = axis.ticker
    assert type(ticker) is BasicTicker and ticker.desired_num_ticks == 5
    apply_linear(axis, 0.0, 2.0, "en", count=4)
    assert axis.ticker is ticker and ticker.desired_num_ticks == 4


def test_a_growing_chart_gets_ticks_decades_below_its_curve() -> None:
    axis = LogAxis()
    apply_log(axis, [0.08, 0.7], "de", growing=True)  # within a decade: 1, 2, 5 and ahead
    assert axis.ticker.ticks == pytest.approx([1e-4, 1e-3, 0.01, 0.1, 0.2, 0.5])
    labels = axis.major_label_overrides
    assert labels[1e-4] == "0,0001" and labels[0.5] == "   0,5"  # one width, monospaced
    assert axis.major_label_text_font == "monospace"
    assert growing_log_ticks([0.7, 0.02]) == pytest.approx([1e-5, 1e-4, 1e-3, 0.01, 0.1, 1.0])
    assert growing_log_ticks([]) == []
    assert log_ticks_still_label(growing_log_ticks([0.7, 0.02]), [0.7, 2e-5])
    # a new run's ticks end in its rounded first loss, 0.77 (just above it): once the curve
    # spans a decade the axis is reticked with powers of ten, 1 at the top instead of 0,77
    first = growing_log_ticks([0.7659, 0.7699])
    assert first == pytest.approx([1e-3, 0.01, 0.1, 0.77])
    assert not log_ticks_still_label(first, [0.7699, 0.05])


def test_a_growing_chart_gets_ranges_that_change_in_steps() -> None:
    assert [nice_ceiling(v) for v in (0.7, 1.0, 1.01, 3.0, 430.0, 5e-7)] == pytest.approx(
        [1.0, 1.0, 2.0, 5.0, 500.0, 5e-7])
    # a loss falling from 0.69: the top stays, the bottom moves half a decade at a time
    half = 10**-0.5
    assert log_bounds([0.69, 0.4]) == pytest.approx((half, 1.0))
    assert log_bounds([0.69, 0.3]) == pytest.approx((0.1, 1.0))
    assert log_bounds([0.69, 0.106]) == pytest.approx((0.1, 1.0))
    assert log_bounds([0.69, 0.104]) == pytest.approx((half / 10, 1.0))  # margin below
    assert log_bounds([0.9, 0.02, math.nan, None, 0.0]) == pytest.approx((0.01, 2.0))
    assert log_bounds([]) == log_bounds([math.inf]) == pytest.approx((0.1, 1.0))
    # while training extends it: whole decades
    assert log_bounds([0.69, 0.3], growing=True) == pytest.approx((0.1, 1.0))
    assert log_bounds([0.69, 0.104], growing=True) == pytest.approx((0.01, 1.0))
    assert log_bounds([0.69, 0.0105], growing=True) == pytest.approx((0.01, 1.0))
    assert log_bounds([0.69, 0.0104], growing=True) == pytest.approx((0.001, 1.0))
    assert epoch_bounds(0) == pytest.approx((-0.02, 1.0))
    assert epoch_bounds(864) == pytest.approx((-20.0, 1000.0))
    assert epoch_bounds(1000) == epoch_bounds(999)
    assert epoch_bounds(1001) == pytest.approx((-40.0, 2000.0))
