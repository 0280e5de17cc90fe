"""Axis ticks written in the reader's language (German: 0,5), on every plot.

Bokeh formats tick labels in JavaScript with a decimal point, and the static site's security
policy forbids the custom JavaScript formatters that could change that. So the lab chooses the
ticks itself (the usual 1-2-5 steps, or 1-2-5 per decade on a log axis) and gives Bokeh the
labels as text, formatted by :func:`web.ui.fmt.sig`. :func:`follow_range` keeps an axis's
ticks right whenever its ``Range1d`` moves or the language changes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from bokeh.models import FixedTicker

from web.ui import fmt
from web.ui.bokeh_sync import bokeh_edit

if TYPE_CHECKING:
    from web.ui.display import Display

STEPS = (1.0, 2.0, 5.0, 10.0)
COUNT = 7
LOG_TICKS = [m * 10.0**k for k in range(-12, 13) for m in (1, 2, 5)]


def nice_ticks(low: float, high: float, count: int = COUNT) -> list[float]:
    """About ``count`` round ticks (multiples of 1, 2 or 5 × 10^k) inside [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else []
    raw = (high - low) / max(1, count - 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = min((s * power for s in STEPS),
               key=lambda s: abs((high - low) / s + 1 - count))
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(k * step, 12) for k in range(first, last + 1)]


def log_ticks(low: float, high: float) -> list[float]:
    """The 1-2-5 ticks of a log axis inside [low, high] (all of them if the range is unknown)."""
    inside = [t for t in LOG_TICKS if low <= t <= high]
    return inside or LOG_TICKS


def labels(ticks: list[float], code: str, digits: int = 4) -> dict[float, str]:
    """Bokeh ``major_label_overrides``: tick value -> its text in language ``code``."""
    return {float(t): fmt.sig(t, digits, code) for t in ticks}


def set_ticks(axis: Any, ticks: list[float], code: str) -> None:
    """Put ``ticks`` on ``axis`` with labels in language ``code``."""
    axis.ticker = FixedTicker(ticks=[float(t) for t in ticks])
    axis.major_label_overrides = labels(ticks, code)


def follow_range(display: Display, axis: Any, bounds: Any, log: bool = False) -> None:
    """Keep ``axis`` ticked and labelled for its range ``bounds`` (a Range1d) in the current
    language: now, whenever the range's start or end is set, and on a language switch."""

    @bokeh_edit
    def retick() -> None:
        low, high = sorted((float(bounds.start), float(bounds.end)))
        set_ticks(axis, log_ticks(low, high) if log else nice_ticks(low, high), display.code)

    retick()
    for end in ("start", "end"):
        bounds.on_change(end, lambda _attr, _old, _new: retick())
    display.param.watch(lambda _event: retick(), "code")

