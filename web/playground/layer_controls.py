"""The controls above the network drawing: layers ±, and per hidden layer its neurons ±,
activation and dropout rate, in one column per layer (as TensorFlow Playground has them).

A column of widgets exists for each of the six possible hidden layers and is shown while its
layer exists, so adding a layer only flips visibility. Every widget is made from the param it
sets (the view-model's ``layers``, each :class:`LayerSettings`' ``activation`` and ``dropout``);
the ± buttons call view-model actions, which respect the bounds (1..8 neurons, 0..6 layers).
"""

from __future__ import annotations

import panel as pn

from web.playground.choices import LayerSettings
from web.playground.network import HIDDEN_ACTIVATIONS, MAX_LAYERS
from web.playground.viewmodel import PlaygroundViewModel
from web.ui import theme
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.widgets import from_param

COLUMN_WIDTH = 100
LABEL = {"font-size": "0.85em", "white-space": "nowrap"}
SMALL_INPUT = [":host select, :host input { font-size: 0.9em; min-height: 1.8em; }"]


def _button(label, on_click, css: str, width: int = 36) -> pn.widgets.Button:
    button = pn.widgets.Button(label=label, width=width, height=34, margin=(2, 2),
                               css_classes=[css], color="light")
    button.on_click(lambda _event: on_click())
    return button


class LayerControls:
    """Layer count and, per hidden layer, its neurons ± (``above``: over the drawing) and its
    activation and dropout (``below``: under it), in columns that line up with the layers."""

    def __init__(self, vm: PlaygroundViewModel, display: Display) -> None:
        self.vm, self.display = vm, display
        t = display.text
        self.layers = pn.Row(
            _button("−", vm.remove_layer, "nnlab-pg-remove-layer", 30),
            pn.pane.HTML(t("pg.layers", count=vm.param.layers), margin=(8, 2),
                         css_classes=["nnlab-pg-layers"], styles=LABEL),
            _button("+", vm.add_layer, "nnlab-pg-add-layer", 30), width=COLUMN_WIDTH, margin=0)

    def _units(self, k: int, settings: LayerSettings) -> pn.Row:
        return pn.Row(
            _button("−", lambda: self.vm.change_units(k, -1), f"nnlab-pg-units-minus-{k}", 30),
            pn.pane.HTML(self.display.text("pg.units", count=settings.param.units),
                         margin=(8, 2), styles=LABEL),
            _button("+", lambda: self.vm.change_units(k, 1), f"nnlab-pg-units-plus-{k}", 30),
            width=COLUMN_WIDTH, margin=0)

    def _settings(self, k: int, settings: LayerSettings) -> pn.Column:
        t = self.display.text
        activation = from_param(pn.widgets.Select, settings.param.activation, "",
                                options=list(HIDDEN_ACTIVATIONS), width=COLUMN_WIDTH - 10,
                                margin=(2, 4), stylesheets=SMALL_INPUT,
                                css_classes=[f"nnlab-pg-activation-{k}"])
        dropout = NumberField(settings, "dropout", t("pg.dropout"), self.display, width=90,
                              css_class=f"nnlab-pg-dropout-{k}", digits=3)
        dropout.input.stylesheets = SMALL_INPUT
        return pn.Column(activation, dropout, width=COLUMN_WIDTH, margin=0)

    def _row(self, first: pn.viewable.Viewable, cells: list, last_key: str | None
             ) -> pn.viewable.Viewable:
        """The cells of the existing layers between the first and the last column (hidden
        cells would still take their width in a Row, so the row is rebuilt from the cells)."""
        last = (pn.pane.HTML(self.display.text(last_key), width=COLUMN_WIDTH, styles=LABEL,
                             margin=(8, 4)) if last_key else pn.Spacer(width=COLUMN_WIDTH))

        def row(count: int) -> pn.Row:
            return pn.Row(first, *cells[:count], last, margin=0, sizing_mode="stretch_width",
                          styles={"justify-content": "space-around"})

        return pn.panel(pn.bind(row, self.vm.param.layers), sizing_mode="stretch_width")

    @property
    def above(self) -> pn.Row:
        cells = [self._units(k, s) for k, s in enumerate(self.vm.layer_settings[:MAX_LAYERS])]
        return self._row(self.layers, cells, "pg.output")

    @property
    def below(self) -> pn.Row:
        cells = [self._settings(k, s)
                 for k, s in enumerate(self.vm.layer_settings[:MAX_LAYERS])]
        label = pn.pane.HTML(self.display.text("pg.activation"), width=COLUMN_WIDTH,
                             styles=LABEL, margin=(8, 4), stylesheets=theme.STYLESHEETS)
        return self._row(label, cells, None)
