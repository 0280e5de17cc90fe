"""The Experiments tab: one card per question of the course, chosen by a row of buttons.

Only the chosen card is on screen (one screen per idea), and each card is built the first time
it is chosen. The tab's state is its ``card`` param; each card keeps its own state in its
view-model. A link ``#tab=experiments&card=fit&fit.width=600`` opens a card with settings: the
keys of a card (``<card>.<param>``) are applied when that card is built, and again whenever the
page's address changes.
"""

from __future__ import annotations

from typing import Any

import panel as pn
import param

from web.experiments import fit, gen, params, rates, surface
from web.ui import i18n, links
from web.ui.display import Display
from web.ui.parts import Part
from web.ui.widgets import from_param

i18n.register({
    "exp.cards": ("Experiment", "Experiment"),
    "exp.card.fit": ("Watch a network learn", "Einem Netz beim Lernen zuschauen"),
    "exp.card.gen": ("Over- and underfitting", "Over- und Underfitting"),
    "exp.card.rates": ("Learning rate & batch size", "Lernrate & Batchgröße"),
    "exp.card.opt": ("Optimizers", "Optimierer"),
    "exp.card.params": ("Parameter counter", "Parameterzähler"),
})


CARDS = (
    Part("fit", "exp.card.fit", fit.build),
    Part("gen", "exp.card.gen", gen.build),
    Part("rates", "exp.card.rates", rates.build),
    Part("opt", "exp.card.opt", surface.build),
    Part("params", "exp.card.params", params.build),
)
NAMES = [spec.name for spec in CARDS]


class ExperimentsView(pn.viewable.Viewer):
    """The tab: the card buttons and the chosen card."""

    card = param.Selector(default=NAMES[0], objects=NAMES)

    def __init__(self, display: Display, **params: Any) -> None:
        super().__init__(**params)
        self.display = display
        self.cards: dict[str, Any] = {}
        self.panels: dict[str, pn.viewable.Viewable] = {}  # each card laid out once
        self._link: dict[str, str] = {}
        self.holder = pn.Column(sizing_mode="stretch_width")
        links.follow_hash(self.apply_link)
        self._show()

    def apply_link(self, values: dict[str, str]) -> None:
        """Take the card and its settings from a link (unknown or bad values are ignored)."""
        self._link = values
        for name, view in self.cards.items():
            links.apply_params(view.lab, name, view.lab.LINK_PARAMS, values)
        if values.get("card") in NAMES:
            self.card = values["card"]

    def view(self, name: str) -> Any:
        """The card ``name``, built now if it was not yet."""
        if name not in self.cards:
            spec = CARDS[NAMES.index(name)]
            view = self.cards[name] = spec.build(self.display)
            links.apply_params(view.lab, name, view.lab.LINK_PARAMS, self._link)
        return self.cards[name]

    @param.depends("card", watch=True)
    def _show(self) -> None:
        if self.card not in self.panels:
            self.panels[self.card] = pn.panel(self.view(self.card))
        self.holder.objects = [self.panels[self.card]]

    def __panel__(self) -> pn.Column:
        chooser = from_param(
            pn.widgets.RadioButtonGroup, self.param.card, "",
            options=self.display.options({spec.title: spec.name for spec in CARDS}),
            color="primary", button_style="outline", css_classes=["nnlab-exp-cards"])
        return pn.Column(chooser, self.holder, sizing_mode="stretch_width",
                         css_classes=["nnlab-experiments"])
