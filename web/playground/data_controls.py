"""The left column of the playground: the problem, the data, own points and input features.

Every widget is made from the view-model param it sets; the data set box shows the
classification sets or the regression sets, whichever problem is chosen. Own points come from
clicks into the output plot (class or value chosen here) or from a CSV file; what went wrong
with a file is listed row by row in the tab's notice line, and nothing changes then.
"""

from __future__ import annotations

import panel as pn

from pycore import toy_data
from web.playground.choices import CLASS_SETS, REG_SETS
from web.playground.viewmodel import PlaygroundViewModel
from web.ui import theme
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.widgets import from_param

WIDTH = 250
FEATURE_NAMES = {"x1": "x1", "x2": "x2", "x1_squared": "x1²", "x2_squared": "x2²",
                 "x1_times_x2": "x1·x2", "sin_x1": "sin x1", "sin_x2": "sin x2"}
# A slider's title ("Trainingsanteil (%): 50") breaks into two lines where projector mode's
# type makes it wider than the column, instead of running out of it.
SLIDER_CSS = [":host .bk-slider-title { white-space: normal; }"]
# Buttons side by side where they fit (normal mode), one under the other where not, and a
# button's label in two lines where one is wider than the column.
WRAP_CSS = ":host .bk-btn-group { flex-wrap: wrap; } :host .bk-btn { white-space: normal; }"


class DataControls(pn.viewable.Viewer):
    """Problem, data set and its parameters, own points, features."""

    def __init__(self, vm: PlaygroundViewModel, display: Display) -> None:
        super().__init__()
        self.vm, self.display = vm, display
        t, p = display.text, vm.param
        is_class = pn.bind(lambda problem: problem == "classification", p.problem)
        is_reg = pn.bind(lambda problem: problem == "regression", p.problem)
        select = {"width": WIDTH - 20, "stylesheets": theme.INPUT_STYLESHEETS}
        self.problem = from_param(
            pn.widgets.RadioButtonGroup, p.problem, "", width=WIDTH - 20,
            options=display.options({f"pg.problem.{n}": n for n in p.problem.objects}),
            stylesheets=[WRAP_CSS],
            css_classes=["nnlab-pg-problem"])
        self.dataset = from_param(
            pn.widgets.Select, p.dataset, t("pg.dataset"), visible=is_class,
            options=display.options({f"pg.set.{n}": n for n in CLASS_SETS}),
            css_classes=["nnlab-pg-dataset"], **select)
        self.reg_dataset = from_param(
            pn.widgets.Select, p.reg_dataset, t("pg.dataset"), visible=is_reg,
            options=display.options({f"pg.set.{n}": n for n in REG_SETS}),
            css_classes=["nnlab-pg-reg-dataset"], **select)
        slider = {"width": WIDTH - 30, "margin": (4, 12), "stylesheets": SLIDER_CSS}
        self.noise = from_param(pn.widgets.IntSlider, p.noise, t("pg.noise"), step=5,
                                css_classes=["nnlab-pg-noise"], **slider)
        self.train_percent = from_param(pn.widgets.IntSlider, p.train_percent,
                                        t("pg.train_percent"), step=10,
                                        css_classes=["nnlab-pg-train-percent"], **slider)
        self.points = NumberField(vm, "points", t("pg.points"), display, width=80,
                                  css_class="nnlab-pg-points", digits=6)
        self.regenerate = pn.widgets.Button(label=t("pg.regenerate"), margin=(5, 5),
                                            css_classes=["nnlab-pg-regenerate"], align="end",
                                            stylesheets=[WRAP_CSS], **theme.em_width(140))
        self.regenerate.on_click(lambda _event: vm.regenerate())
        self.features = from_param(
            pn.widgets.CheckButtonGroup, p.features, "", orientation="vertical",
            options={FEATURE_NAMES[n]: n for n in toy_data.FEATURES}, width=110,
            color="primary", variant="outline", css_classes=["nnlab-pg-features"])
        self.click_label = from_param(
            pn.widgets.RadioButtonGroup, p.click_label, "", visible=is_class,
            options=display.options({"pg.click.1": 1, "pg.click.0": 0}), width=WIDTH - 20,
            orientation="vertical",
            css_classes=["nnlab-pg-click-class"])
        self.click_value = NumberField(vm, "click_value", t("pg.click_value"), display,
                                       width=150, css_class="nnlab-pg-click-value")
        self.clear = pn.widgets.Button(label=t("pg.clear"), width=WIDTH - 20,
                                       css_classes=["nnlab-pg-clear"], stylesheets=[WRAP_CSS])
        self.clear.on_click(lambda _event: vm.clear_points())
        self.upload = pn.widgets.FileInput(accept=".csv,text/csv,text/plain", multiple=False,
                                           width=WIDTH - 20, css_classes=["nnlab-pg-csv"])
        self.upload.param.watch(self._uploaded, "value")
        self._is_reg = is_reg

    def _uploaded(self, event) -> None:
        if event.new is None:
            return
        self.vm.load_csv(event.new)
        self.upload.clear()  # choosing the same (corrected) file again reads it again

    def __panel__(self) -> pn.Column:
        t = self.display.text
        small = {"styles": {"font-size": "0.85em", "color": "#444"}, "margin": (2, 10)}
        return pn.Column(
            self.problem, self.dataset, self.reg_dataset, self.noise, self.train_percent,
            pn.Row(self.points, self.regenerate, styles={"flex-wrap": "wrap"}),
            pn.pane.HTML(t("pg.features"), **small),
            self.features,
            pn.pane.HTML(t("pg.click"), **small),
            self.click_label, pn.Column(self.click_value, visible=self._is_reg, margin=0),
            self.clear,
            pn.pane.HTML(t("pg.csv"), **small), self.upload,
            width=WIDTH, margin=(0, 4))
