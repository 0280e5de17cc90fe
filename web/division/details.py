"""Lower half of the division tab, built right after the first paint.

The weight table with presets, the training panel and the error heatmap, then five sections
that are built only when first opened (:mod:`web.division.sections`): learn from scratch, why
gradient descent fails, grid search, your own activation, and the comparison of models.
The view-models the sections share are made here, cheaply and without widgets: the
:class:`Trainer`, the recorder of its weight paths, and the learner (whose path the landscape
draws), so a section shows what happened before it was opened.
"""

from __future__ import annotations

import time

import panel as pn

from pycore import notation
from web.division import heatmap
from web.division.landscape.trajectories import TrainerPath
from web.division.model import CUSTOM, PRESETS, TRAINING_EXAMPLES, DivisionViewModel
from web.division.scratch.model import ScratchLearner
from web.division.sections import sections
from web.ui import theme
from web.ui.display import Display
from web.ui.export import export_buttons
from web.ui.fields import NumberField
from web.ui.trainer import Trainer
from web.ui.training_controls import TrainingControls
from web.ui.weight_fields import WeightField
from web.ui.widgets import from_param

HEATMAP_SECONDS = 1.0  # at most one heatmap redraw per second while training


class DivisionDetails(pn.viewable.Viewer):
    """Weights, training, heatmap and the sections below them."""

    def __init__(self, vm: DivisionViewModel, display: Display) -> None:
        super().__init__()
        self.vm, self.display = vm, display
        self.data = vm.training_data()
        self.trainer = Trainer(vm.live, self.data, seed=0, loss="mae")
        self.path = TrainerPath(self.trainer)
        self.learner = ScratchLearner(vm.live, self.data.x_train, self.data.y_train,
                                      on_learnt=vm.mark_custom)
        self.training = TrainingControls(self.trainer, display, "train", on_reset=self.restart,
                                         baseline=True)
        self.weight_fields = [
            WeightField(vm.live, display, ref, width=190, on_store=vm.mark_custom,
                        css_classes=["nnlab-weight", f"nnlab-weight-{k}"])
            for k, ref in enumerate(notation.parameters(vm.live.model))]
        # 720 + 500 px: weights/training and the heatmap side by side on a 1280 px screen
        self.heatmap = heatmap.ErrorHeatmap(display, width=500, height=440)
        self._heatmap_drawn = 0.0
        self._redraw_heatmap()
        vm.live.param.watch(self._weights_changed, "revision")
        vm.param.watch(self._redraw_heatmap, "wide_range")
        vm.param.watch(self._mark, "result")
        self.trainer.param.watch(self._redraw_heatmap, "running")
        self._mark()

    def restart(self) -> None:
        """Reset: back to the preset's weights (a new run at epoch 0), or, for other
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
            pn.widgets.Select, p.preset, t("division.preset"), width=500,
            css_classes=["nnlab-preset"],
            options=display.options({f"division.preset.{name}": name for name in PRESETS}),
            stylesheets=theme.INPUT_STYLESHEETS)
        seed = NumberField(self.vm, "seed", t("division.seed"), display, width=160, digits=10)
        return pn.Column(pn.pane.Markdown(t("division.weights")), pn.Row(preset, seed), *rows)

    def __panel__(self) -> pn.Column:
        t = self.display.text
        training = pn.Column(
            pn.pane.Markdown(t("division.train.title")),
            pn.pane.Markdown(t("division.train.help", n=TRAINING_EXAMPLES)),
            self.training, sizing_mode="stretch_width")
        heat = pn.Column(
            pn.pane.Bokeh(self.heatmap.figure),
            from_param(pn.widgets.Checkbox, self.vm.param.wide_range, t("division.heatmap.wide"),
                       css_classes=["nnlab-wide"]),
            pn.pane.Markdown(t("division.heatmap.legend"), width=500),
            export_buttons(self.heatmap_mpl, "division-error-heatmap", self.display))
        return pn.Column(
            pn.Row(pn.Column(self.weight_table(), training, width=720), heat,
                   sizing_mode="stretch_width"),
            *sections(self), sizing_mode="stretch_width")
