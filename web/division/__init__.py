"""The division tab: a 2-2-1 network that divides two numbers, and where it breaks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.division.view import DivisionView
    from web.ui.display import Display


def build(display: Display) -> DivisionView:
    """The view, imported only now (the part is built when first shown)."""
    from web.division.view import DivisionView

    return DivisionView(display)
