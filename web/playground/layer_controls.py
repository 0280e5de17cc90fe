"""The controls above the network drawing: layers ±, and per hidden layer its neurons ±,
activation and dropout rate, in one column per layer (as TensorFlow Playground has them).

A column of widgets exists for each of the six possible hidden layers and is shown while its
layer exists, so adding a layer only flips visibility. Every widget is made from the param it
sets (the view-model's ``layers``, each :class:`LayerSettings`' ``activation`` and ``dropout``);
the ± buttons call view-model actions, which respect the bounds (1..8 neurons, 0..6 layers).
"""

from __future__ import annotations

import panel as pn
import param

from web.playground.choices import LayerSettings
from web.playground.network import HIDDEN_ACTIVATIONS, MAX_LAYERS
from web.playground.viewmodel import PlaygroundViewModel
from web.ui import theme
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.widgets import from_param

# One cell per column of the drawing: equal shares of the row's width (as the drawing spaces
# its layers), however long the words are in either language or type size.
CELL = {"flex": "1 1 0", "min-width": "0"}
LABEL = {"font-size": "0.85em", "text-align": "center", "white-space": "nowrap"}
BUTTON_PX = 34  # the ± buttons' height; the count between them is centred on it
# Without padding the sign sits in the middle of the button (with it, projector mode's sign
# would sink below the count).
BUTTON_CSS = ":host .bk-btn { padding: 0; }"
SMALL_INPUT = [":host select, :host input { font-size: 0.9em; min-height: 1.8em; }"]
SELECT_PX = 90  # an activation's box in normal mode; em (theme.em), and never wider than its cell


def _button(label, on_click, css: str) -> pn.widgets.Button:
    button = pn.widgets.Button(label=label, width=30, height=BUTTON_PX, margin=(2, 2),
                               css_classes=[css], color="light", stylesheets=[BUTTON_CSS])
    button.on_click(lambda _event: on_click())
    return button


def _cell(word, count: param.Parameter | None = None, minus: pn.widgets.Button | None = None,
          plus: pn.widgets.Button | None = None, css: str = "") -> pn.Column:
    """A column's heading: the word over − count + (two short lines, not "− 4 Neuronen +":
    a 1024 px screen in projector mode leaves a cell about 110 px)."""
    lines = [pn.pane.HTML(word, margin=(2, 2), styles=LABEL, align="center")]
    if count is not None:
        number = pn.pane.HTML(pn.bind(str, count), margin=(2, 6),
                              styles={**LABEL, "line-height": f"{BUTTON_PX}px"},
                              css_classes=[css] if css else [])
        lines.append(pn.Row(minus, number, plus, margin=0, align="center"))
    return pn.Column(*lines, margin=0, styles=CELL)


class LayerControls:
    """Layer count and, per hidden layer, its neurons ± (``above``: over the drawing) and its
    activation and dropout (``below``: under it), in columns that line up with the layers."""

    def __init__(self, vm: PlaygroundViewModel, display: Display) -> None:
        self.vm, self.display = vm, display
        self.layers = _cell(display.text("pg.layers"), vm.param.layers,
                            _button("−", vm.remove_layer, "nnlab-pg-remove-layer"),
                            _button("+", vm.add_layer, "nnlab-pg-add-layer"),
                            css="nnlab-pg-layers")

    def _units(self, k: int, settings: LayerSettings) -> pn.Column:
        return _cell(
            self.display.text("pg.units"), settings.param.units,
            _button("−", lambda: self.vm.change_units(k, -1), f"nnlab-pg-units-minus-{k}"),
            _button("+", lambda: self.vm.change_units(k, 1), f"nnlab-pg-units-plus-{k}"),
            css=f"nnlab-pg-units-{k}")

    def _settings(self, k: int, settings: LayerSettings) -> pn.Column:
        t = self.display.text
        activation = from_param(pn.widgets.Select, settings.param.activation, "",
                                options=list(HIDDEN_ACTIVATIONS), width=None,
                                styles={"width": theme.em(SELECT_PX), "max-width": "100%"},
                                margin=(2, 4), stylesheets=SMALL_INPUT, align="center",
                                css_classes=[f"nnlab-pg-activation-{k}"])
        dropout = NumberField(settings, "dropout", t("pg.dropout"), self.display, width=90,
                              css_class=f"nnlab-pg-dropout-{k}", digits=3)
        dropout.input.stylesheets = SMALL_INPUT
        return pn.Column(activation, pn.Row(dropout, align="center", margin=0), margin=0,
                         styles=CELL)

    def _row(self, first: pn.viewable.Viewable, cells: list, last: pn.viewable.Viewable
             ) -> pn.viewable.Viewable:
        """The cells of the existing layers between the first and the last column (hidden
        cells would still take their share in a Row, so the row is rebuilt from the cells)."""

        def row(count: int) -> pn.Row:
            return pn.Row(first, *cells[:count], last, margin=0, sizing_mode="stretch_width")

        return pn.panel(pn.bind(row, self.vm.param.layers), sizing_mode="stretch_width")

    @property
    def above(self) -> pn.viewable.Viewable:
        cells = [self._units(k, s) for k, s in enumerate(self.vm.layer_settings[:MAX_LAYERS])]
        return self._row(self.layers, cells, _cell(self.display.text("pg.output")))

    @property
    def below(self) -> pn.viewable.Viewable:
        cells = [self._settings(k, s)
                 for k, s in enumerate(self.vm.layer_settings[:MAX_LAYERS])]
        label = _cell(self.display.text("pg.activation"))
        return self._row(label, cells, pn.Spacer(styles=CELL))
