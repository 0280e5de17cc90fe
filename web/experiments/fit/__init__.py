"""Card "Watch a network learn": one hidden layer of up to 1,000 neurons fits a 1-D curve."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.experiments.fit.view import FitCard
    from web.ui.display import Display


def build(display: Display) -> FitCard:
    """The view, imported only now (the part is built when first shown)."""
    from web.experiments.fit.view import FitCard

    return FitCard(display)
