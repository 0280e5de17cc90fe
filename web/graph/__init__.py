"""The computation-graph tab: backprop edge by edge, and one training step by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.graph.view import GraphView
    from web.ui.display import Display


def build(display: Display) -> GraphView:
    """The view, imported only now (the part is built when first shown)."""
    from web.graph.view import GraphView

    return GraphView(display)
