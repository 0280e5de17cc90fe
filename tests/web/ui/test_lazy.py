"""Parts built after the first paint: deferred before it, built at once after it."""

from __future__ import annotations

import asyncio

import panel as pn
from bokeh.document import Document
from bokeh.events import DocumentReady
from panel.io.state import set_curdoc

from web.ui.lazy import after_first_paint


def test_without_a_document_parts_are_built_at_once() -> None:
    holder = after_first_paint(lambda: pn.pane.Str("built"))
    assert [pane.object for pane in holder.objects] == ["built"]


def test_parts_wait_for_the_first_paint_and_later_ones_do_not(run_coroutine) -> None:
    doc = Document()

    async def scenario() -> tuple[int, int, int]:
        with set_curdoc(doc):
            early = after_first_paint(lambda: pn.pane.Str("early"))
        before = len(early.objects)
        doc.callbacks.trigger_event(DocumentReady())
        await asyncio.sleep(0)  # the part is built on the loop's next turn, not in the event
        with set_curdoc(doc):
            late = after_first_paint(lambda: pn.pane.Str("late"))
        return before, len(early.objects), len(late.objects)

    assert run_coroutine(scenario()) == (0, 1, 1)
