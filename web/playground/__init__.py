"""The Playground tab: a TensorFlow-Playground-class training lab on toy data sets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from web.playground.keys import KEYS as LINK_KEYS

if TYPE_CHECKING:
    from web.playground.view import PlaygroundView
    from web.ui.display import Display

__all__ = ["LINK_KEYS", "build"]


def build(display: Display) -> PlaygroundView:
    """The view, imported only now (the part is built when first shown)."""
    from web.playground.view import PlaygroundView

    return PlaygroundView(display)
