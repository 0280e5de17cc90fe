"""The deep-nets tab: activation and gradient statistics layer by layer (pycore.diagnostics)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from web.deepnets.view import DeepNetsView
    from web.ui.display import Display


def build(display: Display) -> DeepNetsView:
    """The view, imported only now (the part is built when first shown)."""
    from web.deepnets.view import DeepNetsView

    return DeepNetsView(display)
