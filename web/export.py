"""PNG and SVG downloads of a view's figure, drawn with Matplotlib for slides.

Matplotlib is the heaviest package the lab can use, and most visitors never export anything.
So it is imported only when a download button is pressed; in the browser (Pyodide) its files
are fetched from the site's own folder at that moment. Each view supplies a function that draws
its current state into a fresh Matplotlib figure; this module does the rest.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import panel as pn

from web import i18n

if TYPE_CHECKING:
    from matplotlib.figure import Figure

i18n.register(
    {
        "export.png": ("PNG for slides", "PNG für Folien"),
        "export.svg": ("SVG for slides", "SVG für Folien"),
    }
)

FORMATS = ("png", "svg")


async def _load_matplotlib() -> None:
    """In Pyodide, fetch Matplotlib's files on first use; in CPython it is simply installed."""
    if sys.platform == "emscripten" and "matplotlib" not in sys.modules:
        import pyodide_js  # available only inside Pyodide

        await pyodide_js.loadPackage("matplotlib")


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


def export_buttons(
    make_figure: Callable[[], Figure], basename: str, lang: i18n.Language
) -> pn.Row:
    """Two download buttons (PNG, SVG) that draw ``make_figure()`` when clicked."""
    buttons = []
    for fmt in FORMATS:

        async def download(fmt: str = fmt) -> io.BytesIO:
            await _load_matplotlib()
            return io.BytesIO(render(make_figure, fmt))

        button = pn.widgets.FileDownload(
            callback=download,
            filename=f"{basename}.{fmt}",
            embed=False,
            css_classes=[f"nnlab-export-{fmt}"],
        )
        buttons.append(button)

    def relabel() -> None:
        for fmt, button in zip(FORMATS, buttons, strict=True):
            button.label = lang.t(f"export.{fmt}")

    lang.bind(relabel)
    return pn.Row(*buttons)
