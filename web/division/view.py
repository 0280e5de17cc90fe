"""The division tab: type two numbers, watch a 2-2-1 network divide them (and fail).

Top (built at start-up, it is the first thing a lecture sees): the inputs, the result and the
network drawn with every z, a, weight and bias. Below, built right after the first paint: the
weight table with presets, the training panel and the error heatmap. All state lives in
:class:`DivisionViewModel` and the :class:`LiveModel` it owns; the pictures follow them.
"""

from __future__ import annotations

import time

import panel as pn

from pycore import notation
from web.division import heatmap
from web.division.model import CUSTOM, PRESETS, TRAINING_EXAMPLES, DivisionViewModel
from web.division.results import message_html, results_html
from web.ui import theme
from web.ui.display import Display
from web.ui.export import export_buttons
from web.ui.fields import NumberField
from web.ui.lazy import after_first_paint
from web.ui.model_files import ModelFile
from web.ui.network_figure import NetworkFigure, network_mpl
from web.ui.network_picture import picture
from web.ui.trainer import Trainer
from web.ui.training_controls import TrainingControls
from web.ui.weight_fields import WeightField
from web.ui.widgets import from_param

DIGITS = 6  # numbers in the drawing: enough to see 33.3333 and 1e-6
SPACING = 2.0  # rows of the drawing: room for each neuron's z, a and b texts
HEATMAP_SECONDS = 1.0  # at most one heatmap redraw per second while training


class DivisionView(pn.viewable.Viewer):
    """The division tab; ``vm`` is its view-model (shared with the header's save/load)."""

    def __init__(self, display: Display, vm: DivisionViewModel | None = None) -> None:
        super().__init__()
        self.display = display
        self.vm = vm or DivisionViewModel()
        self.network = NetworkFigure(display, values=True, height=470,
                                     css_classes=["nnlab-main-figure"])
        self.details: DivisionDetails | None = None
        self._draw()
        self.vm.param.watch(self._draw, "result")
        display.param.watch(self._draw, "code")

    def drawing(self):
        """The network drawing for the current weights and input (also the slide export's)."""
        return picture(self.vm.live.model, self.display.code, traces=self.vm.result.traces,
                       edge_labels=True, digits=DIGITS, spacing=SPACING)

    def _draw(self, _event: object = None) -> None:
        self.network.show(self.drawing())

    def model_file(self) -> ModelFile:
        return self.vm.model_file()

    def _build_details(self) -> pn.viewable.Viewable:
        self.details = DivisionDetails(self.vm, self.display)
        return self.details

    def __panel__(self) -> pn.Column:
        t, vm, code = self.display.text, self.vm, self.display.param.code
        big = {"width": 240, "stylesheets": theme.INPUT_STYLESHEETS}
        inputs = pn.Column(
            pn.Row(from_param(pn.widgets.TextInput, vm.param.dividend, t("division.dividend"),
                                                   css_classes=["nnlab-dividend"], **big),
                   from_param(pn.widgets.TextInput, vm.param.divisor, t("division.divisor"),
                                                   css_classes=["nnlab-divisor"], **big)),
            pn.pane.HTML(pn.bind(results_html, vm.param.result, code),
                         stylesheets=theme.STYLESHEETS, margin=(10, 10)),
            pn.pane.HTML(pn.bind(message_html, vm.param.result, code),
                         stylesheets=theme.STYLESHEETS, sizing_mode="stretch_width"),
            width=540)
        network = pn.Column(self.network, export_buttons(
            lambda: network_mpl(self.drawing(), self.display.t("division.model")),
            "division-network", self.display), sizing_mode="stretch_width")
        explanation = pn.pane.Markdown(t("division.explain"), sizing_mode="stretch_width",
                                       styles={"font-size": "19px"})
        return pn.Column(explanation, pn.Row(inputs, network, sizing_mode="stretch_width"),
                         after_first_paint(self._build_details), sizing_mode="stretch_width",
                         css_classes=["nnlab-division"])


class DivisionDetails(pn.viewable.Viewer):
    """Lower half of the division tab: weight table with presets, training, error heatmap."""

    def __init__(self, vm: DivisionViewModel, display: Display) -> None:
        super().__init__()
        self.vm, self.display = vm, display
        self.trainer = Trainer(vm.live, vm.training_data(), seed=0, loss="mae")
        self.training = TrainingControls(self.trainer, display, "train", on_reset=self.restart,
                                         baseline=True)
        self.weight_fields = [
            WeightField(vm.live, display, ref, width=190, on_store=vm.mark_custom,
                        css_classes=["nnlab-weight", f"nnlab-weight-{k}"])
            for k, ref in enumerate(notation.parameters(vm.live.model))]
        self.heatmap = heatmap.ErrorHeatmap(display)
        self._heatmap_drawn = 0.0
        self._redraw_heatmap()
        vm.live.param.watch(self._weights_changed, "revision")
        vm.param.watch(self._redraw_heatmap, "wide_range")
        vm.param.watch(self._mark, "result")
        self.trainer.param.watch(self._redraw_heatmap, "running")
        self._mark()

    def restart(self) -> None:
        """Reset: back to the preset's weights (a new run at epoch 0), or, for your own
        weights, a new run from where they are."""
        if self.vm.preset == CUSTOM:
            self.trainer.reset()
        else:
            self.vm.param.trigger("preset")

    def _weights_changed(self, _event: object) -> None:
        if not self.trainer.running or time.monotonic() - self._heatmap_drawn > HEATMAP_SECONDS:
            self._redraw_heatmap()

    def _redraw_heatmap(self, _event: object = None) -> None:
        self.heatmap.update(*self.vm.error_grid())
        self._heatmap_drawn = time.monotonic()

    def _mark(self, _event: object = None) -> None:
        self.heatmap.mark(*(self.vm.result.x or (None, None)))

    def heatmap_mpl(self):
        t = self.display.t
        return heatmap.draw_matplotlib(*self.vm.error_grid(), self.vm.result.x,
                                       t("division.heatmap.title"), t("division.dividend"),
                                       t("division.divisor"))

    def weight_table(self) -> pn.Column:
        """W1 as the 2×2 matrix it is (row = input, column = hidden neuron), then b1, W2, b2."""
        display, fields = self.display, self.weight_fields
        rows = [pn.Row(*(fields[k] for k in group)) for group in ((0, 1), (2, 3), (4, 5),
                                                                  (6, 7), (8,))]
        t, p = display.text, self.vm.param
        preset = from_param(
            pn.widgets.Select, p.preset, t("division.preset"), width=420,
            css_classes=["nnlab-preset"],
            options=display.options({f"division.preset.{name}": name for name in PRESETS}),
            stylesheets=theme.INPUT_STYLESHEETS)
        seed = NumberField(self.vm, "seed", t("division.seed"), display, width=160, digits=10)
        return pn.Column(pn.pane.Markdown(t("division.weights")), pn.Row(preset, seed), *rows)

    def __panel__(self) -> pn.Row:
        t = self.display.text
        training = pn.Column(
            pn.pane.Markdown(t("division.train.title")),
            pn.pane.Markdown(t("division.train.help", n=TRAINING_EXAMPLES)),
            self.training, sizing_mode="stretch_width")
        heat = pn.Column(
            pn.pane.Bokeh(self.heatmap.figure),
            from_param(pn.widgets.Checkbox, self.vm.param.wide_range, t("division.heatmap.wide"),
                                           css_classes=["nnlab-wide"]),
            pn.pane.Markdown(t("division.heatmap.legend")),
            export_buttons(self.heatmap_mpl, "division-error-heatmap", self.display))
        return pn.Row(pn.Column(self.weight_table(), training, width=760), heat,
                      sizing_mode="stretch_width")

