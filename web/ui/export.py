"""PNG and SVG downloads of a view's figure, drawn with Matplotlib for slides.

Matplotlib is the heaviest package the lab can use, so it is not loaded at start-up. Once the
page is drawn and idle, :func:`warm_up` loads it in the background (in the browser its files come
from the site's own folder) and draws one tiny figure, which builds Matplotlib's font cache: the
first export then takes about as long as every later one. Each view supplies a function that
draws its current state into a fresh Matplotlib figure; this module does the rest.
"""

from __future__ import annotations

import asyncio
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import panel as pn

from web.ui import i18n, pacing
from web.ui.display import Display

if TYPE_CHECKING:
    from matplotlib.figure import Figure

i18n.register(
    {
        "export.png": ("PNG for slides", "PNG für Folien"),
        "export.svg": ("SVG for slides", "SVG für Folien"),
    }
)

FORMATS = ("png", "svg")
WARM_UP_DELAY_S = 8.0  # after the first paint: let the first clicks and a first run go first
QUIET_S = 3.0  # ... and wait until no net has trained for this long


async def _load_matplotlib() -> None:
    """In Pyodide, fetch Matplotlib's files on first use; in CPython it is simply installed."""
    if sys.platform == "emscripten" and "matplotlib" not in sys.modules:
        import pyodide_js  # available only inside Pyodide

        await pyodide_js.loadPackage("matplotlib")


async def warm_up() -> None:
    """Load Matplotlib and draw a tiny figure so the font cache exists before any export."""
    await asyncio.sleep(WARM_UP_DELAY_S)
    await pacing.until_quiet(QUIET_S)  # it holds Python for seconds: not between clicks
    await _load_matplotlib()
    from matplotlib.figure import Figure

    render(lambda: Figure(figsize=(1, 1)), "png")


def render(make_figure: Callable[[], Figure], fmt: str) -> bytes:
    """Draw the figure and encode it; closes the figure so repeated exports do not leak."""
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    figure = make_figure()
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format=fmt, dpi=200 if fmt == "png" else None, bbox_inches="tight")
    finally:
        plt.close(figure)
    return buffer.getvalue()


def export_buttons(make_figure: Callable[[], Figure], basename: str, display: Display) -> pn.Row:
    """Two download buttons (PNG, SVG) that draw ``make_figure()`` when clicked."""
    buttons = []
    for fmt in FORMATS:

        async def download(fmt: str = fmt) -> io.BytesIO:
            await _load_matplotlib()
            return io.BytesIO(render(make_figure, fmt))

        buttons.append(pn.widgets.FileDownload(
            callback=download, filename=f"{basename}.{fmt}", embed=False,
            label=display.text(f"export.{fmt}"), css_classes=[f"nnlab-export-{fmt}"]))
    return pn.Row(*buttons)
