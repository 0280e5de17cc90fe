"""Axis ticks written in the reader's language (0,5 in German) on Bokeh's linear axes.

Bokeh formats tick labels in the browser, always with a decimal point, and a custom JavaScript
formatter would need `eval`, which the site's Content-Security-Policy forbids. Every range of
this tab is set from Python anyway, so the ticks are chosen here ("nice" steps of 1, 2, 2.5 or
5 times a power of ten) and their labels written with `web.ui.fmt.sig`.
"""

from __future__ import annotations

import math

from bokeh.models import FixedTicker

from web.ui import fmt

STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """At most about `count` evenly spaced round numbers inside [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return []
    raw = (high - low) / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in STEPS if (high - low) / (m * magnitude) <= count)
    first = math.ceil(low / step)
    last = math.floor(high / step)
    return [float(f"{k * step:.12g}") for k in range(first, last + 1)]  # 0.30000000000000004


def set_ticks(axis, low: float, high: float, code: str, count: int = 6) -> None:
    """Put language-formatted ticks on a Bokeh linear axis for the range [low, high]."""
    ticks = nice_ticks(low, high, count)
    axis.ticker = FixedTicker(ticks=ticks)
    axis.major_label_overrides = {t: fmt.sig(t, 4, code) for t in ticks}
