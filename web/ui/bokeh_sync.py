"""Edit Bokeh models (data sources, ranges, titles) from Panel callbacks so the browser sees it.

Panel runs widget callbacks outside Bokeh's document lock, and so does an async training loop;
changing a Bokeh model directly there raises "_pending_writes should be non-None" under
``panel serve`` and the change never reaches the browser. ``pn.io.unlocked()`` dispatches such
changes itself (and is a no-op in Pyodide and in plain Python), so every method that touches
Bokeh models directly is wrapped in it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import panel as pn

P = ParamSpec("P")
R = TypeVar("R")


def bokeh_edit(method: Callable[P, R]) -> Callable[P, R]:
    """Run ``method`` inside ``pn.io.unlocked()``."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with pn.io.unlocked():
            return method(*args, **kwargs)

    return wrapper
