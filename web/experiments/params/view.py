"""The parameter counter: the widths as typed (with presets) on the left; the parameters of
every layer as stacked bars (weights, biases) as the main picture; the formula per layer with
its numbers, the total and pycore's own count of the same net beside it.
"""

from __future__ import annotations

import panel as pn
from bokeh.models import ColumnDataSource, FactorRange, LabelSet
from bokeh.plotting import figure

from web.experiments import card, plots
from web.experiments.params import export, texts
from web.experiments.params.model import PRESETS, ParamsLab
from web.ui import axes, links, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.widgets import from_param

PREFIX = "params"


class ParamsCard(pn.viewable.Viewer):
    """View of one :class:`ParamsLab`."""

    def __init__(self, display: Display, lab: ParamsLab | None = None) -> None:
        super().__init__()
        self.display, self.lab = display, lab or ParamsLab()
        self.bars = ColumnDataSource({"layer": [], "weights": [], "biases": [], "total": []})
        self.figure = self._figure()
        self.link = card.LinkTool(display, PREFIX,
                                  lambda: links.param_values(self.lab, PREFIX,
                                                             ParamsLab.LINK_PARAMS))
        self.draw()
        self.lab.param.watch(self.draw, ["widths", "use_bias"])
        display.param.watch(self.draw, "code")

    def _figure(self):
        # Range1d (a tuple): a new end set later reaches the browser (a DataRange1d does not)
        fig = figure(height=card.PICTURE_HEIGHT, sizing_mode="stretch_width",
                     x_range=FactorRange(), y_range=(0.0, 1.0), toolbar_location=None, tools="")
        stack = fig.vbar_stack(["weights", "biases"], x="layer", width=0.6, source=self.bars,
                               color=list(export.COLORS))
        labels = LabelSet(x="layer", y="total", text="total", source=self.bars,
                          text_align="center", y_offset=4)
        self.display.follow(labels, "text_font_size", self.display.px(theme.PLOT_TEXT_PX))
        fig.add_layout(labels)
        plots.legend(fig, self.display, [(stack[0], "exp.params.weights"),
                                         (stack[1], "exp.params.biases")], place="below",
                     orientation="horizontal")
        plots.finish(fig, self.display, "exp.params.figure")
        return fig

    @bokeh_edit
    def draw(self, _event: object = None) -> None:
        layers, code = self.lab.layers(), self.display.code
        names = [texts.layer_label(layer.number, layer.inputs, layer.units, code)
                 for layer in layers]
        self.figure.x_range.factors = names
        self.bars.data = {"layer": names, "weights": [layer.weights for layer in layers],
                          "biases": [layer.biases for layer in layers],
                          "total": [layer.total for layer in layers]}
        top = 1.15 * max(layer.total for layer in layers)
        self.figure.y_range.update(start=0.0, end=top)
        axes.apply_linear(self.figure.yaxis[0], 0.0, top, code)

    def controls(self) -> pn.Column:
        lab, display, t = self.lab, self.display, self.display.text
        typed = from_param(pn.widgets.TextInput, lab.param.architecture,
                           t("exp.params.architecture"), width=320, placeholder="2, 3, 2",
                           css_classes=["nnlab-params-architecture"],
                           stylesheets=theme.INPUT_STYLESHEETS)
        message = pn.pane.HTML(pn.bind(texts.message_html, lab.param.problem,
                                       display.param.code), width=320,
                               css_classes=["nnlab-params-message"])
        bias = from_param(pn.widgets.Checkbox, lab.param.use_bias, t("exp.params.use_bias"),
                          css_classes=["nnlab-params-bias"])
        presets = card.action_buttons({name: t(f"exp.params.preset.{name}") for name in PRESETS},
                                      lab.preset, "nnlab-params-preset", width=320)
        return pn.Column(typed, message, bias, *presets, width=card.CONTROLS_WIDTH)

    def __panel__(self) -> pn.Column:
        code = self.display.param.code
        p = self.lab.param
        table = pn.pane.HTML(pn.bind(lambda _w, _b, c: texts.table_html(self.lab, c), p.widths,
                                     p.use_bias, code), css_classes=["nnlab-params-table"])
        side = pn.Column(table, card.note(pn.bind(lambda _w, _b, c: texts.notes(self.lab, c),
                                                  p.widths, p.use_bias, code)),
                         width=420)
        picture = pn.Column(card.main_figure(self.figure),
                            card.tools(self.display, self.export_bars, "parameters",
                                       self.link),
                            sizing_mode="stretch_width")
        return pn.Column(
            card.heading(self.display, "exp.params.title", "exp.params.question"),
            pn.Row(self.controls(), picture, side, sizing_mode="stretch_width"),
            sizing_mode="stretch_width")

    def export_bars(self):
        return export.bars_figure(self.lab, self.display)
