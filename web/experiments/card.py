"""What every experiment card has: its question on top, controls left of its main picture, and
a row of tools (PNG/SVG of its figures, its settings as a link).

One screen per idea (issue 12): a card is laid out so that at 1280×800 its main picture and the
controls that drive it are visible together; explanations stand below or beside the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import panel as pn
import param

from web.ui import i18n, links
from web.ui.display import Display
from web.ui.export import export_buttons
from web.ui.widgets import from_param

i18n.register({
    "exp.link": ("Link to these settings", "Link zu diesen Einstellungen"),
    "exp.run": ("▶ Run", "▶ Starten"),
    "exp.stop": ("■ Stop", "■ Stopp"),
})

CONTROLS_WIDTH = 340
PICTURE_HEIGHT = 430
NOTE_STYLE = {"font-size": "0.95em", "line-height": "1.35"}  # em: projector mode scales it


class LinkTool(pn.viewable.Viewer):
    """A button that writes a card's settings into the page address, and the link to copy."""

    link = param.String(default="")

    def __init__(self, display: Display, prefix: str,
                 values: Callable[[], dict[str, object]]) -> None:
        super().__init__()
        self.display, self.prefix, self.values = display, prefix, values
        self.button = pn.widgets.Button(label=display.text("exp.link"),
                                        css_classes=[f"nnlab-{prefix}-link", "nnlab-share"])
        self.button.on_click(lambda _event: self.share())
        self.field = from_param(pn.widgets.TextInput, self.param.link, "",
                                sizing_mode="stretch_width", visible=pn.bind(bool, self.param.link),
                                css_classes=[f"nnlab-{prefix}-link-text"])

    def share(self) -> str:
        """Put the settings into the address; returns the link (also shown in the field)."""
        self.link = links.share({"tab": "experiments", "card": self.prefix, **self.values()})
        return self.link

    def __panel__(self) -> pn.Column:
        return pn.Column(self.button, self.field, sizing_mode="stretch_width", margin=0)


def action_buttons(labels: dict[str, Any], action: Callable[[str], None], css_prefix: str,
                   **kwargs: Any) -> list[pn.widgets.Button]:
    """One button per ``name: label`` (a string or a translation reference) that calls
    ``action(name)``; CSS hook ``<css_prefix>-<name>``."""
    buttons = []
    for name, label in labels.items():
        button = pn.widgets.Button(label=label, css_classes=[f"{css_prefix}-{name}"], **kwargs)
        button.on_click(lambda _event, name=name: action(name))
        buttons.append(button)
    return buttons


def run_toggle(lab: param.Parameterized, display: Display, css_class: str, width: int = 150,
               keys: tuple[str, str] = ("exp.run", "exp.stop")) -> pn.widgets.Toggle:
    """The Run/Stop toggle of a card: it *is* the view-model's ``running`` param; its label
    (``keys``: off, on) follows the state and the language."""
    return from_param(pn.widgets.Toggle, lab.param.running, pn.bind(
        lambda on, code: i18n.text(keys[on], code), lab.param.running, display.param.code),
        color="success", css_classes=[css_class], width=width)


def main_figure(fig: Any) -> pn.Column:
    """The card's main picture, marked ``nnlab-main-figure`` (the one-screen tests find it).
    The class sits on a Column around the Bokeh pane: on the pane itself it is not rendered."""
    return pn.Column(pn.pane.Bokeh(fig, sizing_mode="stretch_width"), sizing_mode="stretch_width",
                     css_classes=["nnlab-main-figure"], margin=0)


def note(reference: Any, css_class: str | None = None, **kwargs: Any) -> pn.pane.HTML:
    """An explanation in the lab's type (an HTML pane that follows ``reference``). No
    stylesheets: Panel rebuilds a pane's stylesheet models on every update of its text."""
    return pn.pane.HTML(reference, styles=NOTE_STYLE, css_classes=[css_class] if css_class else [],
                        sizing_mode="stretch_width", **kwargs)


def tools(display: Display, make_figure: Callable[[], Any], basename: str,
          link: LinkTool) -> pn.Row:
    """The PNG/SVG buttons of the card's main picture and its link button, in one row."""
    return pn.Row(export_buttons(make_figure, basename, display), link,
                  styles={"flex-wrap": "wrap"}, sizing_mode="stretch_width")


def heading(display: Display, title_key: str, question_key: str) -> pn.pane.HTML:
    """The card's title and its question, in one paragraph (room for the picture)."""
    def render(code: str) -> str:
        return (f'<div style="font-size:1em;line-height:1.3"><b>{i18n.text(title_key, code)}:'
                f"</b> {i18n.text(question_key, code)}</div>")

    return pn.pane.HTML(pn.bind(render, display.param.code), sizing_mode="stretch_width",
                        margin=(0, 10))
