"""Edit Bokeh models (data sources, ranges, titles) from Panel callbacks so the browser sees it.

Panel runs widget callbacks outside Bokeh's document lock, and so does an async training loop;
changing a Bokeh model directly there raises "_pending_writes should be non-None" under
``panel serve`` and the change never reaches the browser. ``pn.io.unlocked()`` dispatches such
changes itself (and is a no-op in Pyodide and in plain Python), so every method that touches
Bokeh models directly is wrapped in it.

A redraw of several pictures should reach the page as one burst: :func:`held` collects the
document's change events and sends them when the redraw is done (combining repeated changes of
one property), instead of one patch per change interleaved with the computing of the next
picture, which in the static site let the page repaint a plot once per arriving patch.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

import panel as pn

P = ParamSpec("P")
R = TypeVar("R")


def bokeh_edit(method: Callable[P, R]) -> Callable[P, R]:
    """Run ``method`` inside ``pn.io.unlocked()``."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with pn.io.unlocked():
            return method(*args, **kwargs)

    return wrapper


@contextlib.contextmanager
def held(model: Any) -> Iterator[None]:
    """Hold the Bokeh document of ``model`` (policy "combine") and release it on exit, unless
    ``model`` is in no document or the document is held already (then whoever holds it
    releases it, e.g. Panel while it processes a server event).

    Only around changes of plain Bokeh models: a Panel widget changed inside the hold gets
    its own change back at the release as if the page had made it (Panel's guard against
    that echo is gone by then), and processes it again (~20 ms in Pyodide)."""
    doc = getattr(model, "document", None)
    if doc is None or doc.callbacks.hold_value is not None:
        yield
        return
    doc.hold("combine")
    try:
        yield
    finally:
        doc.unhold()


def held_edit(method: Callable[..., R]) -> Callable[..., R]:
    """A :func:`bokeh_edit` method of an object with a ``figure`` whose changes reach the page
    at once, :func:`held`: the page paints the figure once for all of them."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> R:
        with pn.io.unlocked(), held(self.figure):
            return method(self, *args, **kwargs)

    return wrapper
