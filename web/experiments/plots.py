"""Tick labels in the reader's language (0,5 in German) on the cards' Bokeh and Matplotlib plots.

Bokeh formats ticks in the browser, so a small JavaScript formatter rounds each tick to six
significant digits (no 0.30000000000000004) and writes the language's decimal mark; the mark is
a formatter argument that follows the display's language. Matplotlib exports use the lab's own
number format (``web.ui.fmt.sig``).
"""

from __future__ import annotations

from typing import Any

import panel as pn
from bokeh.models import CustomJSTickFormatter, FixedTicker, Legend, LegendItem

from web.ui import fmt, theme
from web.ui.display import Display
from web.ui.loss_chart import LOG_TICKS

TICK_JS = "return String(Number(tick.toPrecision(6))).replace('.', mark)"


def localize(fig: Any, display: Display, axes: str = "xy") -> None:
    """Numeric tick labels of ``fig``'s chosen axes ("x", "y" or "xy") in the display's
    language."""
    for name in axes:
        for axis in getattr(fig, f"{name}axis"):
            formatter = CustomJSTickFormatter(code=TICK_JS, args={"mark": "."})
            display.follow(formatter, "args", pn.bind(
                lambda code: {"mark": fmt.DECIMAL_MARK[code]}, display.param.code))
            axis.formatter = formatter


def localize_mpl(ax: Any, code: str, axes: str = "xy") -> None:
    """The same for a Matplotlib axes (exports)."""
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


def log_ticks(fig: Any) -> None:
    """Ticks at 1, 2, 5 × 10^k on a log y-axis (Bokeh's own log ticker leaves decades bare
    when the range spans only a few)."""
    fig.yaxis.ticker = FixedTicker(ticks=LOG_TICKS)


def finish(fig: Any, display: Display, title_key: str, axes: str = "xy",
           log_y: bool = False) -> None:
    """What every card's figure gets last: the lab's text sizes, tick labels in the reader's
    language on the numeric ``axes``, 1-2-5 ticks on a log y-axis, a title that follows the
    language."""
    theme.style_axes(fig, display)
    localize(fig, display, axes)
    if log_y:
        log_ticks(fig)
    display.follow(fig.title, "text", display.text(title_key))
