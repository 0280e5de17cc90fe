"""Card "Optimizers on a loss surface": pycore's update rules on two parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.experiments.surface.view import OptCard
    from web.ui.display import Display


def build(display: Display) -> OptCard:
    """The view, imported only now (the part is built when first shown)."""
    from web.experiments.surface.view import OptCard

    return OptCard(display)
