"""Explanations beside the pictures: collapsible, open at first, hidden in projector mode.

A lecture hall needs the picture; a student at home needs the words. So every longer text sits
in a card that can be folded away (it stays folded while the tab is revisited) and disappears
in projector mode, where the lecturer explains instead. The text itself arrives right after the
first paint: rendering Markdown first needs its parser (~0.2 s in CPython, more in Pyodide),
which the first tab's start-up should not wait for.
"""

from __future__ import annotations

import panel as pn

from web.ui import i18n
from web.ui.display import Display
from web.ui.lazy import after_first_paint

i18n.register({"ui.explanation": ("Explanation", "Erklärung")})


def explanation(display: Display, key: str, title: str = "ui.explanation",
                **fields: object) -> pn.layout.Card:
    """The text ``key`` in a collapsible card (class ``nnlab-explanation``) titled ``title``
    (an i18n key)."""
    return pn.layout.Card(
        after_first_paint(lambda: pn.pane.Markdown(
            display.text(key, **fields), sizing_mode="stretch_width",
            styles={"font-size": "1.05em"}, margin=(0, 8))),
        title=display.text(title), collapsed=False, sizing_mode="stretch_width",
        visible=pn.bind(lambda projector: not projector, display.param.projector),
        css_classes=["nnlab-explanation"], margin=(6, 5))
