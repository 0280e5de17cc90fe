"""Card "Parameter counter": inputs × units + units per layer, checked against pycore."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.experiments.params.view import ParamsCard
    from web.ui.display import Display


def build(display: Display) -> ParamsCard:
    """The view, imported only now (the part is built when first shown)."""
    from web.experiments.params.view import ParamsCard

    return ParamsCard(display)
