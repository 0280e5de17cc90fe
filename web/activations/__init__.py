"""The activations tab: any activation and its derivative on one axis."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.activations.view import ActivationView
    from web.ui.display import Display


def build(display: Display) -> ActivationView:
    """The view, imported only now (the part is built when first shown)."""
    from web.activations.view import ActivationView

    return ActivationView(display)
