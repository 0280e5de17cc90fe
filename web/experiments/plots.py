"""What the cards' plots share: tick labels in the reader's language, legends, the finish.

Tick labels: German writes 0,5. Bokeh formats ticks in the browser, and the static site's
Content Security Policy forbids evaluating JavaScript from a string (a ``CustomJSTickFormatter``
leaves the whole plot blank there), while Bokeh's own number formatter knows only English. So
the ticks are chosen here (:func:`nice_ticks`, or the 1-2-5 ladder on a log axis) and each gets
its label written by the lab's number format (``web.ui.fmt.sig``) as a label override; a view
calls :func:`label_ticks` whenever its range or the language changes. Matplotlib exports use the
same number format.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import panel as pn
from bokeh.models import FixedTicker, Legend, LegendItem

from web.ui import fmt, theme
from web.ui.display import Display
from web.ui.loss_chart import LOG_TICKS

TICKS = 6  # about this many ticks on a linear axis


def nice_ticks(low: float, high: float, count: int = TICKS) -> list[float]:
    """Round numbers (1, 2 or 5 × 10^k apart) from ``low`` to ``high``."""
    span = high - low
    if not (math.isfinite(span) and span > 0):
        return [low] if math.isfinite(low) else []
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    ticks = np.arange(first, math.floor(high / step + 1e-9) + 1) * step
    return [float(f"{t:.12g}") for t in ticks]


def label_ticks(axis: Any, ticks: list[float], code: str) -> None:
    """Put ``ticks`` on a Bokeh axis, each labelled in the language ``code``."""
    axis.ticker = FixedTicker(ticks=list(ticks))
    axis.major_label_overrides = {float(t): fmt.sig(t, 6, code) for t in ticks}


def label_range(axis: Any, low: float, high: float, code: str) -> None:
    """Round ticks over ``[low, high]`` with labels in the language ``code``."""
    label_ticks(axis, nice_ticks(low, high), code)


def label_log(axis: Any, code: str) -> None:
    """The 1-2-5 ladder on a log axis (Bokeh's own log ticker leaves decades bare when the
    range spans only a few), labelled in the language ``code``."""
    label_ticks(axis, LOG_TICKS, code)


def localize_mpl(ax: Any, code: str, axes: str = "xy") -> None:
    """Tick labels of a Matplotlib axes (exports) in the language ``code``."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda value, _pos: fmt.sig(value, 6, code))
    for name in axes:
        getattr(ax, f"{name}axis").set_major_formatter(formatter)


def legend(fig: Any, display: Display, entries: list[tuple[Any, str]], place: str = "right",
           location: str = "top_left", **options: Any) -> Legend:
    """A legend of ``(renderer, i18n key)`` entries whose labels follow the language; outside
    the plot (``place`` "right" or "below"), so that it never covers data."""
    items = []
    for renderer, key in entries:
        item = LegendItem(renderers=[renderer])
        display.follow(item, "label", pn.bind(lambda text: {"value": text}, display.text(key)))
        items.append(item)
    box = Legend(items=items, location=location, **options)
    display.follow(box, "label_text_font_size", display.px(theme.PLOT_TEXT_PX))
    fig.add_layout(box, place)
    return box


def finish(fig: Any, display: Display, title_key: str) -> None:
    """What every card's figure gets last: the lab's text sizes and a title that follows the
    language."""
    theme.style_axes(fig, display)
    display.follow(fig.title, "text", display.text(title_key))


class TickLabels:
    """Writes an axis's ticks and labels only when they change, so that a view may call it in
    every redraw (a training run redraws several times a second)."""

    def __init__(self) -> None:
        self._shown: dict[int, tuple] = {}

    def set(self, axis: Any, ticks: list[float], code: str) -> None:
        key = (tuple(ticks), code)
        if self._shown.get(id(axis)) != key:
            self._shown[id(axis)] = key
            label_ticks(axis, ticks, code)
