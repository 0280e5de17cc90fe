"""The Experiments tab: the course's demos as one-click live experiments, one card each."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.experiments.view import ExperimentsView
    from web.ui.display import Display


def build(display: Display) -> ExperimentsView:
    """The view, imported only now (the part is built when first shown)."""
    from web.experiments.view import ExperimentsView

    return ExperimentsView(display)
