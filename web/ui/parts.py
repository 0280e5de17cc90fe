"""A part of the page built on first use: a tab of the app, a card of the Experiments tab.

Start-up is what a lecture waits for, so the lab builds a part only when it is first shown. A
part is registered by its name (also its key in links, ``#tab=<name>``), the i18n key of its
title and a function ``build(display)``. Each tab or card package defines that function in its
``__init__.py`` and imports its view inside it, so registering a part imports nothing heavy. A
tab may also claim link keys: a link without ``#tab=`` that has one of them opens it (a
TensorFlow Playground link opens the Playground).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from web.ui.display import Display


@dataclass(frozen=True)
class Part:
    """A lazily built part of the page."""

    name: str
    title: str
    build: Callable[[Display], Any]
    link_keys: frozenset[str] = frozenset()
