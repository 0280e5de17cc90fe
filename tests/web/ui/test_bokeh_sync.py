"""`held`: a redraw reaches the page as one burst of combined changes."""

from __future__ import annotations

from bokeh.document import Document
from bokeh.models import Range1d
from bokeh.plotting import figure

from web.ui.bokeh_sync import held


def _document_with_figure():
    doc = Document()
    fig = figure(x_range=Range1d(0, 1))
    doc.add_root(fig)
    seen: list = []
    doc.on_change(lambda event: seen.append((event.attr, event.new)))
    return doc, fig, seen


def test_changes_wait_for_the_end_and_repeated_ones_are_combined() -> None:
    doc, fig, seen = _document_with_figure()
    with held(fig):
        fig.x_range.start = 0.5
        fig.x_range.start = 0.7
        fig.title.text = "t"
        assert seen == []
    assert seen == [("start", 0.7), ("text", "t")]
    assert doc.callbacks.hold_value is None


def test_a_document_held_already_is_left_to_its_holder() -> None:
    doc, fig, seen = _document_with_figure()
    doc.hold("collect")
    with held(fig):
        fig.x_range.start = 0.5
    assert seen == [] and doc.callbacks.hold_value == "collect"
    doc.unhold()
    assert seen == [("start", 0.5)]


def test_a_model_in_no_document_changes_at_once() -> None:
    fig = figure(x_range=Range1d(0, 1))
    with held(fig):
        fig.x_range.start = 0.5
    assert fig.x_range.start == 0.5
