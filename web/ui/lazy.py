"""Build parts of the page only when they are needed: start-up is what a lecture waits for.

Building widgets and figures, turning them into Bokeh models and drawing them is most of the
start-up time in Pyodide. So a tab is built when it is first opened (:func:`on_first_view`),
and the parts of the first tab below the fold right after the first paint
(:func:`after_first_paint`).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable

import panel as pn
from bokeh.document import Document

# Documents whose document_ready has arrived: parts built later need not wait for it.
_painted: weakref.WeakSet[Document] = weakref.WeakSet()


def on_first_view(build: Callable[[], pn.viewable.Viewable]) -> pn.param.ParamFunction:
    """``build()`` runs when the returned object is first rendered: inside
    ``Tabs(dynamic=True)`` that is when its tab is first opened."""
    return pn.param.ParamFunction(build, lazy=True, sizing_mode="stretch_width")


def after_first_paint(build: Callable[[], pn.viewable.Viewable]) -> pn.Column:
    """A Column that receives ``build()`` once the page has drawn everything else.

    Bokeh's ``document_ready`` event marks the moment: BokehJS sends it under ``panel serve``;
    in the static site Panel's worker link triggers it after the page has rendered.
    (``pn.state.onload`` would not do: in Pyodide it runs its callback at once.) Without a
    document (plain Python), or once the page has been drawn (a tab opened later), it is built
    now.
    """
    holder = pn.Column(sizing_mode="stretch_width")

    def fill() -> None:
        if not holder.objects:  # document_ready can come again (e.g. a reconnect)
            holder.append(build())

    if not on_first_paint(fill):
        fill()
    return holder


def in_background_after_first_paint(work: Callable[[], Awaitable[None]]) -> None:
    """Start the coroutine ``work()`` once the page has been drawn (nothing without a page, or
    when called after the first paint: it is meant for start-up)."""
    on_first_paint(lambda: asyncio.ensure_future(work()))


def on_first_paint(callback: Callable[[], object]) -> bool:
    """Call ``callback`` on the turn of the event loop after Bokeh's ``document_ready``;
    False if there is no document (plain Python) or it has been drawn already (then nothing
    is scheduled). Not inside the event: in Pyodide, changes made while Panel's worker link
    dispatches the event never reach the page."""
    doc = pn.state.curdoc
    if doc is None or doc in _painted:
        return False

    def ready(_event: object) -> None:
        _painted.add(doc)
        asyncio.get_running_loop().call_soon(callback)

    doc.on_event("document_ready", ready)
    return True
