"""What the cards' plots share: legends that follow the language, the finish, and export tick
labels in the reader's language (on screen, tick labels come from ``web.ui.axes``; the static
site's Content Security Policy forbids a ``CustomJSTickFormatter``, which leaves the plot blank).
"""

from __future__ import annotations

from typing import Any

import panel as pn
from bokeh.models import Legend, LegendItem

from web.ui import fmt, theme
from web.ui.display import Display


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
