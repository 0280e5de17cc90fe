"""Axis ticks and labels that fit the data and the reader's language (0,5 in German).

Log axes (:func:`apply_log`):

The labels are monospaced and padded to one length, that of the longest label of a power of
ten: the page lays a whole chart out again (and paints it twice) whenever an axis's widest
label changes width, as a falling loss curve reaches a tick ("0,5" to "0,05").

Bokeh's LogTicker falls back to linear steps when the data span few decades (the lower decades
of a loss chart stay bare), and a fixed list of 1, 2, 5 × 10^k ticks crowds the axis into an
unreadable column when they span many (a loss falling from 1 to 1e-11). So the ticks are chosen
from the data's range: 1, 2, 5 × 10^k over at most two decades, powers of ten (every n-th, at
most ``MAX_TICKS``) beyond. Labels are written by :func:`web.ui.fmt.sig` ("0,02" in German,
"1e-11"), so a chart reads like every other number of the lab.

Linear axes (:func:`apply_linear`): Bokeh's default formatter always writes "0.5". The site's
CSP allows no ``eval``, so a CustomJS formatter is out; a NumeralTickFormatter in the reader's
language (numbro's "de" writes a decimal comma) with as many optional decimals as the range
needs does it. :func:`follow_linear` keeps an axis right whenever its ``Range1d`` moves or the
language changes. This module is the lab's one owner of tick labels.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bokeh.models import BasicTicker, FixedTicker, NumeralTickFormatter

from web.ui import fmt
from web.ui.bokeh_sync import bokeh_edit

if TYPE_CHECKING:
    from web.ui.display import Display

MAX_TICKS = 7


def _span(values: Iterable[float]) -> tuple[float, float, int, int] | None:
    """(low, high, first decade, last decade) of the positive finite ``values``, or None."""
    positive = [v for v in values if v is not None and math.isfinite(v) and v > 0]
    if not positive:
        return None
    low, high = min(positive), max(positive)
    return low, high, math.floor(math.log10(low)), math.ceil(math.log10(high))


def log_ticks(values: Iterable[float]) -> list[float]:
    """Ticks for the positive finite ``values`` (none if there are none)."""
    span = _span(values)
    if span is None:
        return []
    low, high, first, last = span
    if last - first <= 2:
        for multiples in ((1, 2, 5), range(1, 10)):
            ticks = [m * 10.0**k for k in range(first, last + 1) for m in multiples]
            inside = [t for t in ticks if low / 1.0001 <= t <= high * 1.0001]
            if len(inside) >= 2:
                return inside
        return sorted({float(fmt.sig(low, 2)), float(fmt.sig(high, 2))})
    step = max(1, math.ceil((last - first) / (MAX_TICKS - 1)))
    return [10.0**k for k in range(last, first - 1, -step)][::-1]


def tick_labels(ticks: list[float], code: str) -> dict[float, str]:
    """Labels as the lab writes numbers in the language ``code``."""
    return {t: fmt.sig(t, 2, code) for t in ticks}


#: The length of "0,0001" and "100000", the longest labels of powers of ten (and of their
#: 2 and 5 multiples) between 1e-13 and 1e13 (:func:`web.ui.fmt.sig`).
LOG_LABEL_LENGTH = 6


def equal_width(labels: dict[float, str], length: int = LOG_LABEL_LENGTH) -> dict[float, str]:
    """``labels`` right-aligned to one length, at least ``length`` (for a monospaced font: one
    width, so that new ticks do not change the axis's width)."""
    width = max(length, *map(len, labels.values()))
    return {t: label.rjust(width) for t, label in labels.items()}


#: A growing chart's ticks reach this many decades below its curves (:func:`growing_log_ticks`).
AHEAD = 3


def growing_log_ticks(values: Iterable[float]) -> list[float]:
    """Ticks for a curve that is still falling (a training loss): from ``AHEAD`` decades under
    it, powers of ten once it spans more than one decade, else :func:`log_ticks` with the
    powers of ten under those. Ticks outside the range are not drawn, so the axis looks as
    usual, but it keeps labelling the curve (:func:`log_ticks_still_label`) for ``AHEAD``
    more decades: it changes about twice per run instead of with every new tick, and every
    change makes the page lay the whole chart out again (tens of milliseconds)."""
    span = _span(values)
    if span is None:
        return []
    low, high, first, last = span
    if high > 10 * low:
        return [10.0**k for k in range(first - AHEAD, last + 1)]
    ticks = log_ticks([low, high])
    top = math.floor(math.log10(ticks[0]) - 1e-9)  # the first power of ten under them
    return [10.0**k for k in range(top - AHEAD + 1, top + 1)] + ticks


def log_ticks_still_label(ticks: Iterable[float], values: Iterable[float]) -> bool:
    """True while ``ticks`` (from :func:`growing_log_ticks`) still label ``values``: one of
    them inside their range, no decade of it beyond the outermost ticks, and only powers of
    ten near it once it spans more than one decade (2 and 5 multiples would crowd; a label
    rounded from its first value, "0,77", would stand at the top instead of "1")."""
    span, ticks = _span(values), list(ticks)
    if span is None or not ticks:
        return span is None and not ticks
    low, high, _first, _last = span
    inside = [t for t in ticks if low / 1.0001 <= t <= high * 1.0001]
    near = [t for t in ticks if low / 10 <= t <= high * 10]
    if high > 10 * low and any(10.0 ** round(math.log10(t)) != t for t in near):
        return False
    return len(inside) >= 1 and low >= min(ticks) / 10 and high <= max(ticks) * 10


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at or above ``value`` (> 0)."""
    k = math.floor(math.log10(value))
    return next(m * 10.0**k for m in (1, 2, 5, 10) if m * 10.0**k >= value * (1 - 1e-9))


#: Room around a curve on a log axis, as factors: at the top for the epoch-0 dot, at the
#: bottom for the star of the best epoch.
LOG_MARGIN_TOP, LOG_MARGIN_BOTTOM = 1.15, 1.05
EMPTY_LOG_BOUNDS = (0.1, 1.0)


def log_bounds(values: Iterable[float], growing: bool = False) -> tuple[float, float]:
    """The range of a log axis for the positive finite ``values`` with a margin: from a power
    of ten or its half, 10^(k/2), up to 1, 2 or 5 × 10^k. A falling loss curve then changes
    the range twice per decade and not with every new point (each change repaints the whole
    chart, not only its curves); the curve never leaves more than half a decade empty.
    ``growing`` (a curve that training is extending): the bottom in whole decades, a change
    once per decade; while a net trains, a frame with such a repaint costs the page 17–36 ms
    of script (median), more than any other picture's update (benchmarks/README.md)."""
    span = _span(values)
    if span is None:
        return EMPTY_LOG_BOUNDS
    low, high = span[:2]
    steps = 1 if growing else 2  # steps per decade
    bottom = math.floor(steps * math.log10(low / LOG_MARGIN_BOTTOM) + 1e-9)
    return 10.0 ** (bottom / steps), nice_ceiling(high * LOG_MARGIN_TOP)


def epoch_bounds(last_epoch: float) -> tuple[float, float]:
    """The range of an epoch axis up to ``last_epoch``: it ends at the next 1, 2 or 5 × 10^k
    (the same reason as :func:`log_bounds`) and starts a little before 0, room for the
    epoch-0 dot."""
    end = nice_ceiling(max(last_epoch, 1.0))
    return -end / 50, end


def apply_log(axis, values: Iterable[float], code: str, growing: bool = False) -> None:
    """Set ``axis``'s ticks and labels for ``values`` (call inside ``bokeh_edit``); for a
    chart that grows while a net trains, :func:`growing_log_ticks`."""
    ticks = growing_log_ticks(values) if growing else log_ticks(values)
    if isinstance(axis.ticker, FixedTicker):
        axis.ticker.ticks = ticks
    else:
        axis.ticker = FixedTicker(ticks=ticks)
    axis.major_label_text_font = "monospace"
    axis.major_label_overrides = equal_width(tick_labels(ticks, code))


NUMERAL_LANGUAGE = {"de": "de", "en": "en"}


def decimals(low: float, high: float, ticks: int = 6) -> int:
    """Decimals that tell the ticks of [low, high] apart (about ``ticks`` of them)."""
    span = abs(high - low)
    if not math.isfinite(span) or span == 0.0:
        return 2
    return min(8, max(0, math.ceil(-math.log10(span / ticks)) + 1))


def apply_linear(axis, low: float, high: float, code: str, count: int | None = None) -> None:
    """Tick labels of a linear axis over [low, high] in the language ``code`` (and about
    ``count`` ticks, if given)."""
    if count is not None:
        set_tick_count(axis, count)
    places = decimals(low, high, count or 6)
    pattern = "0" if places == 0 else "0.[" + "0" * places + "]"
    language = NUMERAL_LANGUAGE[code]
    if isinstance(axis.formatter, NumeralTickFormatter):  # update: no new model every redraw
        axis.formatter.update(format=pattern, language=language)
    else:
        axis.formatter = NumeralTickFormatter(format=pattern, language=language)


def set_tick_count(axis, count: int) -> None:
    """About ``count`` ticks on ``axis``, changing its BasicTicker in place when it has one.

    Why in place: assigning a new ticker *model* makes Bokeh recollect every model of the
    document (``Document.models.recompute``), which in the static site's one big document
    costs ~0.2 s per axis in Pyodide; changing a number on the existing ticker costs nothing
    (and sends nothing when the number is the same)."""
    if type(axis.ticker) is BasicTicker:
        axis.ticker.desired_num_ticks = count
    else:
        axis.ticker = BasicTicker(desired_num_ticks=count)


def follow_linear(display: Display, axis, bounds) -> None:
    """Keep ``axis``'s labels right for its range ``bounds`` (a Range1d) in the current
    language: now, whenever the range's start or end is set, and on a language switch."""

    @bokeh_edit
    def relabel() -> None:
        apply_linear(axis, float(bounds.start), float(bounds.end), display.code)

    relabel()
    for end in ("start", "end"):
        bounds.on_change(end, lambda _attr, _old, _new: relabel())
    display.param.watch(lambda _event: relabel(), "code")
