"""Ticks and tick labels of a log-scale axis that fit its data and the reader's language.

Bokeh's LogTicker falls back to linear steps when the data span few decades (the lower decades
of a loss chart stay bare), and a fixed list of 1, 2, 5 × 10^k ticks crowds the axis into an
unreadable column when they span many (a loss falling from 1 to 1e-11). So the ticks are chosen
from the data's range: 1, 2, 5 × 10^k over at most two decades, powers of ten (every n-th, at
most ``MAX_TICKS``) beyond. Labels are written by :func:`web.ui.fmt.sig` ("0,02" in German,
"1e-11"), so a chart reads like every other number of the lab.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from bokeh.models import FixedTicker

from web.ui import fmt

MAX_TICKS = 7


def log_ticks(values: Iterable[float]) -> list[float]:
    """Ticks for the positive finite ``values`` (none if there are none)."""
    positive = [v for v in values if v is not None and math.isfinite(v) and v > 0]
    if not positive:
        return []
    low, high = min(positive), max(positive)
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
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


def apply(axis, values: Iterable[float], code: str) -> None:
    """Set ``axis``'s ticks and labels for ``values`` (call inside ``bokeh_edit``)."""
    ticks = log_ticks(values)
    if isinstance(axis.ticker, FixedTicker):
        axis.ticker.ticks = ticks
    else:
        axis.ticker = FixedTicker(ticks=ticks)
    axis.major_label_overrides = tick_labels(ticks, code)
