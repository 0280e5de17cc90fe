"""Card "Generalisation": over- and underfitting, and what cures them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.experiments.gen.view import GenCard
    from web.ui.display import Display


def build(display: Display) -> GenCard:
    """The view, imported only now (the part is built when first shown)."""
    from web.experiments.gen.view import GenCard

    return GenCard(display)
