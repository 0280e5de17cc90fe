"""The "?" button in the header and the list of keyboard keys it shows.

The keys themselves are handled by the page (sitebuild/templates/keys.js): each clicks the
button with the matching ``nnlab-key-<role>`` class in the tab in view. "?" clicks this button.
"""

from __future__ import annotations

import panel as pn
import param

from web.ui import i18n, theme
from web.ui.display import Display
from web.ui.widgets import from_param

i18n.register({
    "keys.button": ("?", "?"),
    "keys.title": ("Keyboard", "Tastatur"),
    "keys.list": ("Space: play / pause · → one step · ← one step back · R: reset · ?: these keys",
                  "Leertaste: Start / Pause · → ein Schritt · ← ein Schritt zurück · "
                  "R: zurücksetzen · ?: diese Tasten"),
})


class KeysHelp(pn.viewable.Viewer):
    """A toggle ("?") and the key list it shows (class ``nnlab-keys``)."""

    shown = param.Boolean(default=False, doc="Whether the key list is shown.")

    def __init__(self, display: Display) -> None:
        super().__init__()
        self.button = from_param(pn.widgets.Toggle, self.param.shown, display.text("keys.button"),
                                 css_classes=["nnlab-key-help"], width=44, align="center")
        self.keys = pn.pane.HTML(
            pn.bind(lambda title, keys: f"<b>{title}:</b> {keys}", display.text("keys.title"),
                    display.text("keys.list")),
            visible=self.param.shown, css_classes=["nnlab-keys"], sizing_mode="stretch_width",
            stylesheets=theme.STYLESHEETS, margin=(0, 10))

    def __panel__(self) -> pn.widgets.Toggle:
        return self.button
