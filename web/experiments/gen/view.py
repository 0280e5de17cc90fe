"""The generalisation card: presets on top; data, capacity and cures on the left; the training
and validation curves (main picture, best epoch marked) beside the net's curve over the data;
the computed result and diagnosis below. Everything follows :class:`GenLab`.
"""

from __future__ import annotations

import math

import panel as pn
from bokeh.models import ColumnDataSource, Span
from bokeh.plotting import figure

from web.experiments import card, plots
from web.experiments.gen import data, export, texts
from web.experiments.gen.model import PRESETS, GenLab
from web.ui import axes, links, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.export import export_buttons
from web.ui.fields import NumberField
from web.ui.widgets import from_param

PREFIX = "gen"
FIELD_WIDTH = 105
CONTROLS_WIDTH = 390  # three fields in a row
PICTURE_HEIGHT = 400


class GenCard(pn.viewable.Viewer):
    """View of one :class:`GenLab`."""

    def __init__(self, display: Display, lab: GenLab | None = None) -> None:
        super().__init__()
        self.display, self.lab = display, lab or GenLab()
        self.curves = ColumnDataSource({"epoch": [], "train": [], "val": []})
        self.best = ColumnDataSource({"x": [], "y": []})
        self.points = {part: ColumnDataSource({"x": [], "y": []})
                       for part in ("train", "val", "test")}
        self.net = ColumnDataSource({"x": [], "y": []})
        self.curve_figure = self._curve_figure()
        self.fit_figure = self._fit_figure()
        self.link = card.LinkTool(display, PREFIX,
                                  lambda: links.param_values(self.lab, PREFIX, GenLab.LINK_PARAMS))
        self.draw()
        self.lab.param.watch(self.draw, "revision")
        display.param.watch(self.draw, "code")

    # --- pictures ------------------------------------------------------------------------
    def _curve_figure(self):
        fig = figure(height=PICTURE_HEIGHT, sizing_mode="stretch_width", y_axis_type="log",
                     tools="pan,wheel_zoom,reset", toolbar_location=None)
        train = fig.line("epoch", "train", source=self.curves, line_width=3,
                         color=export.TRAIN_COLOR)
        val = fig.line("epoch", "val", source=self.curves, line_width=3, color=export.VAL_COLOR,
                       line_dash="dashed")
        best = fig.scatter("x", "y", source=self.best, marker="star", size=18,
                           color=export.VAL_COLOR)
        self.best_line = Span(location=0, dimension="height", line_color=export.VAL_COLOR,
                              line_dash="dotted", line_width=2, visible=False)
        fig.add_layout(self.best_line)
        plots.legend(fig, self.display, [(train, "exp.gen.train"), (val, "exp.gen.val"),
                                         (best, "exp.gen.best")], place="below",
                     orientation="horizontal")
        plots.finish(fig, self.display, "exp.gen.curves")
        t = self.display.text
        self.display.follow(fig.xaxis[0], "axis_label", t("exp.gen.epoch_axis"))
        return fig

    def _fit_figure(self):
        fig = figure(height=PICTURE_HEIGHT, sizing_mode="stretch_width", x_range=(0.0, 1.0),
                     y_range=export.Y_LIMITS, tools="pan,wheel_zoom,reset",
                     toolbar_location=None)
        truth = fig.line(export.CURVE_X, data.target(export.CURVE_X), line_width=2,
                         color="#111111", line_dash="dashed")
        marks = {"train": ("circle", export.TRAIN_COLOR), "val": ("square", export.VAL_COLOR),
                 "test": ("triangle", export.TEST_COLOR)}
        drawn = {part: fig.scatter("x", "y", source=self.points[part], marker=marker, size=9,
                                   color=color) for part, (marker, color) in marks.items()}
        net = fig.line("x", "y", source=self.net, line_width=4, color=export.NET_COLOR)
        plots.legend(fig, self.display, [(truth, "exp.gen.truth"), (drawn["train"],
                                                                    "exp.gen.train"),
                                         (drawn["val"], "exp.gen.val"),
                                         (drawn["test"], "exp.gen.test"), (net, "exp.gen.net")],
                     place="below", ncols=3)
        plots.finish(fig, self.display, "exp.gen.fit")
        return fig

    @bokeh_edit
    def draw(self, _event: object = None) -> None:
        lab, curves, code = self.lab, self.lab.curves, self.display.code
        axes.apply_linear(self.fit_figure.xaxis[0], 0.0, 1.0, code)
        axes.apply_linear(self.fit_figure.yaxis[0], *export.Y_LIMITS, code)
        axes.apply_linear(self.curve_figure.xaxis[0], 0.0,
                          float(curves.epochs[-1]) if curves and curves.epochs[-1] else 1.0, code)
        if curves is not None:
            axes.apply_log(self.curve_figure.yaxis[0], [*curves.mse["train"], *curves.mse["val"]],
                           code)
        split = lab.split_data or data.make(lab.points, lab.noise, lab.split, lab.seed)
        for part, (x, y) in split.parts().items():
            if len(self.points[part].data["x"]) != len(x) or not (
                    self.points[part].data["x"] == x[:, 0]).all():
                self.points[part].data = {"x": x[:, 0], "y": y[:, 0]}
        if curves is None:
            return
        self.curves.data = {"epoch": curves.epochs, "train": export.positive(curves.mse["train"]),
                            "val": export.positive(curves.mse["val"])}
        best = curves.best_epoch
        ok = best is not None and math.isfinite(curves.best_val) and curves.best_val > 0
        self.best.data = {"x": [best], "y": [curves.best_val]} if ok else {"x": [], "y": []}
        self.best_line.update(location=best or 0, visible=ok)
        self.net.data = {"x": export.CURVE_X, "y": export.net_curve(lab)}

    # --- layout --------------------------------------------------------------------------
    def _field(self, name: str) -> NumberField:
        return NumberField(self.lab, name, self.display.text(f"exp.gen.{name}"), self.display,
                           css_class=f"nnlab-gen-{name}", width=FIELD_WIDTH)

    def _select(self, name: str, width: int = FIELD_WIDTH) -> pn.widgets.Select:
        return from_param(pn.widgets.Select, self.lab.param[name],
                          self.display.text(f"exp.gen.{name}"), width=width,
                          css_classes=[f"nnlab-gen-{name}"],
                          stylesheets=theme.INPUT_STYLESHEETS)

    def presets(self) -> pn.Row:
        buttons = card.action_buttons({name: self.display.text(f"exp.gen.preset.{name}")
                                       for name in PRESETS}, self.lab.preset,
                                      "nnlab-gen-preset")
        return pn.Row(*buttons, styles={"flex-wrap": "wrap"}, sizing_mode="stretch_width")

    def controls(self) -> pn.Column:
        lab, display, t = self.lab, self.display, self.display.text
        run = card.run_toggle(lab, display, "nnlab-gen-run", 140)
        restore = pn.widgets.Button(label=t("exp.gen.restore"), css_classes=["nnlab-gen-restore"],
                                    width=230)
        restore.on_click(lambda _e: lab.restore_best())
        return pn.Column(
            pn.Row(self._field("noise"), self._field("points"), self._select("split", 125)),
            pn.Row(self._field("width"), self._field("depth"), self._select("activation", 125)),
            pn.Row(self._field("dropout"), self._field("l2"), self._field("patience")),
            pn.Row(from_param(pn.widgets.Checkbox, lab.param.early_stopping,
                              t("exp.gen.early_stopping"), css_classes=["nnlab-gen-early"],
                              align="end"),
                   self._field("epochs")),
            pn.Row(run, restore), width=CONTROLS_WIDTH)

    def __panel__(self) -> pn.Column:
        code, rev = self.display.param.code, self.lab.param.revision
        pictures = pn.Row(
            pn.Column(card.main_figure(self.curve_figure),
                      export_buttons(self.export_curves, "generalisation-curves", self.display),
                      sizing_mode="stretch_width"),
            pn.Column(pn.pane.Bokeh(self.fit_figure, sizing_mode="stretch_width"),
                      export_buttons(self.export_fit, "generalisation-fit", self.display),
                      sizing_mode="stretch_width"),
            sizing_mode="stretch_width")
        right = pn.Column(
            pictures,
            card.note(pn.bind(lambda _r, c: texts.result_text(self.lab, c), rev, code),
                      css_class="nnlab-gen-result-box"),
            self.link, sizing_mode="stretch_width")
        return pn.Column(
            card.heading(self.display, "exp.gen.title", "exp.gen.question"),
            self.presets(),
            pn.Row(self.controls(), right, sizing_mode="stretch_width"),
            card.note(pn.bind(texts.setup_text, code)),
            sizing_mode="stretch_width")

    def export_curves(self):
        return export.curves_figure(self.lab, self.display)

    def export_fit(self):
        return export.fit_figure(self.lab, self.display)
