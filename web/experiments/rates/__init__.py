"""Card "Learning rate and batch size": the same net trained three ways, side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.experiments.rates.view import RatesCard
    from web.ui.display import Display


def build(display: Display) -> RatesCard:
    """The view, imported only now (the part is built when first shown)."""
    from web.experiments.rates.view import RatesCard

    return RatesCard(display)
