"""The card "watch a network learn": settings and Run on the left, the net's curve over the true
function (with faint "ghost" curves of earlier epochs) as the main picture, the run table and
the compute-time chart below. Everything follows :class:`FitLab`; nothing lives in a widget.
"""

from __future__ import annotations

import numpy as np
import panel as pn
from bokeh.models import ColumnDataSource, FactorRange, Legend, LegendItem
from bokeh.plotting import figure

from web.experiments import card, plots
from web.experiments.fit import export, task, texts
from web.experiments.fit.model import GHOST_CHOICES, PRESETS, FitLab
from web.ui import axes, i18n, links, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.export import export_buttons
from web.ui.fields import NumberField
from web.ui.widgets import from_param

PREFIX = "fit"
TRUE_X = np.linspace(0.0, 1.0, 400)


class FitCard(pn.viewable.Viewer):
    """View of one :class:`FitLab`."""

    def __init__(self, display: Display, lab: FitLab | None = None) -> None:
        super().__init__()
        self.display, self.lab = display, lab or FitLab()
        x, y = self.lab.data()
        self.points = ColumnDataSource({"x": x[:, 0], "y": y[:, 0]})
        self.ghosts = ColumnDataSource({"xs": [], "ys": [], "color": [], "label": []})
        self.current = ColumnDataSource({"x": [], "y": []})
        self.times = ColumnDataSource({"label": [], "ms": [], "color": []})
        self._ghosts_shown: tuple = ()
        self.figure = self._figure()
        self.time_figure = self._time_figure()
        self.link = card.LinkTool(display, PREFIX,
                                  lambda: links.param_values(self.lab, PREFIX, FitLab.LINK_PARAMS))
        self.draw()
        self.lab.param.watch(self.draw, ["revision", "ghosts", "seed"])
        display.param.watch(self.draw, "code")

    # --- pictures ------------------------------------------------------------------------
    def _figure(self):
        fig = figure(height=card.PICTURE_HEIGHT, sizing_mode="stretch_width",
                     x_range=(0.0, 1.0), y_range=export.y_limits(), tools="pan,wheel_zoom,reset",
                     toolbar_location=None, x_axis_label="x", y_axis_label="y")
        points = fig.scatter("x", "y", source=self.points, size=3, color=export.POINTS_COLOR,
                             alpha=0.35)
        truth = fig.line(TRUE_X, task.invented_function(TRUE_X), line_width=3,
                         color=export.TRUTH_COLOR, line_dash="dashed")
        ghosts = fig.multi_line("xs", "ys", source=self.ghosts, line_color="color",
                                line_width=2.5)
        now = fig.line("x", "y", source=self.current, line_width=4, color=export.NOW_COLOR)
        t = self.display.text
        self._now_item = LegendItem(renderers=[now])
        items = [LegendItem(renderers=[truth]), LegendItem(renderers=[points]),
                 LegendItem(label={"field": "label"}, renderers=[ghosts]), self._now_item]
        for item, key in ((items[0], "exp.fit.truth"), (items[1], "exp.fit.points")):
            self.display.follow(item, "label", pn.bind(lambda s: {"value": s}, t(key)))
        fig.add_layout(Legend(items=items, location="top_left"), "right")
        plots.finish(fig, self.display, "exp.fit.figure")
        return fig

    def _time_figure(self):
        fig = figure(height=260, sizing_mode="stretch_width", x_range=FactorRange(),
                     toolbar_location=None, tools="")
        fig.vbar(x="label", top="ms", width=0.7, color="color", source=self.times)
        fig.y_range.start = 0
        fig.xaxis.major_label_orientation = 0.5
        plots.finish(fig, self.display, "exp.fit.times")
        return fig

    @bokeh_edit
    def draw(self, _event: object = None) -> None:
        lab, code = self.lab, self.display.code
        x, y = lab.data()
        if len(self.points.data["x"]) != len(x) or not np.array_equal(self.points.data["x"],
                                                                      x[:, 0]):
            self.points.data = {"x": x[:, 0], "y": y[:, 0]}
        run = lab.run
        shown = export.ghost_lines(run, lab.ghosts)
        key = (run.number if run else 0, tuple(e for e, _ys, _c in shown), code)
        if key != self._ghosts_shown:  # ghosts change a few times per run, not every slice
            self._ghosts_shown = key
            self.ghosts.data = {
                "xs": [task.curve_x()] * len(shown), "ys": [ys for _e, ys, _c in shown],
                "color": [color for _e, _ys, color in shown],
                "label": [i18n.text("exp.fit.after", code, epoch=e) for e, _ys, _c in shown]}
        curve = lab.curve()
        self.current.data = ({"x": task.curve_x(), "y": curve} if curve is not None
                             else {"x": [], "y": []})
        self._now_item.label = {"value": i18n.text("exp.fit.now", code,
                                                   epoch=run.epochs if run else 0)}
        done = [r for r in lab.runs if r.ms_per_epoch is not None]
        axes.apply_linear(self.figure.xaxis[0], 0.0, 1.0, code)
        axes.apply_linear(self.figure.yaxis[0], *export.y_limits(), code)
        slowest = max((r.ms_per_epoch for r in done), default=1.0)
        axes.apply_linear(self.time_figure.yaxis[0], 0.0, slowest, code)
        self.time_figure.x_range.factors = [r.label for r in done]
        self.times.data = {"label": [r.label for r in done], "ms": [r.ms_per_epoch for r in done],
                           "color": [export.activation_color(r.activation) for r in done]}

    # --- notes -------------------------------------------------------------------------
    def _linear_note(self, _revision: int, code: str) -> str:
        run = self.lab.run
        if run is None or run.activation != "linear":
            return ""
        x, y = self.lab.data(run.seed)
        return texts.linear_text(run, task.composed_line(self.lab.trainer.model),
                                 task.best_line(x, y), code)

    # --- layout --------------------------------------------------------------------------
    def controls(self) -> pn.Column:
        lab, t, display = self.lab, self.display.text, self.display
        presets = card.action_buttons({name: f"{activation} · {width}" for name, (width, activation)
                                       in PRESETS.items()}, lab.preset, "nnlab-fit-preset",
                                      width=150)
        run = card.run_toggle(lab, display, "nnlab-fit-run", 150)
        numbers = pn.pane.HTML(pn.bind(lambda _rev, code: texts.numbers_html(lab.run, code),
                                       lab.param.revision, display.param.code), margin=(0, 5))
        return pn.Column(
            pn.pane.HTML(t("exp.fit.presets"), margin=(0, 10)),
            pn.GridBox(*presets, ncols=2),
            pn.Row(NumberField(lab, "width", t("exp.fit.width"), display,
                               css_class="nnlab-fit-width", width=150),
                   NumberField(lab, "epochs", t("exp.fit.epochs"), display,
                               css_class="nnlab-fit-epochs", width=150)),
            from_param(pn.widgets.Select, lab.param.activation, t("exp.fit.activation"),
                       css_classes=["nnlab-fit-activation"], width=310,
                       stylesheets=theme.INPUT_STYLESHEETS),
            from_param(pn.widgets.MultiChoice, lab.param.ghosts, t("exp.fit.ghosts"),
                       options=GHOST_CHOICES, width=310, stylesheets=[theme.CHOICES_CSS]),
            run, numbers, width=card.CONTROLS_WIDTH)

    def __panel__(self) -> pn.Column:
        code = self.display.param.code
        clear = pn.widgets.Button(label=self.display.text("exp.fit.clear"), width=160)
        clear.on_click(lambda _e: self.lab.clear_runs())
        rev = self.lab.param.revision
        below = pn.Row(
            pn.Column(pn.pane.HTML(pn.bind(lambda _r, c: texts.table_html(self.lab.runs, c),
                                           rev, code), sizing_mode="stretch_width",
                                   styles={"overflow-x": "auto"}),
                      clear, width=700),
            pn.Column(pn.pane.Bokeh(self.time_figure, sizing_mode="stretch_width"),
                      card.note(pn.bind(lambda _r, c: texts.compare_text(self.lab.runs, c),
                                        rev, code)),
                      export_buttons(self.export_times, "fit-times", self.display),
                      sizing_mode="stretch_width"),
            sizing_mode="stretch_width")
        picture = pn.Column(
            card.main_figure(self.figure),
            card.note(pn.bind(self._linear_note, rev, code), css_class="nnlab-fit-linear"),
            card.tools(self.display, self.export_curve, "fit-curve", self.link),
            sizing_mode="stretch_width")
        return pn.Column(
            card.heading(self.display, "exp.fit.title", "exp.fit.question"),
            pn.Row(self.controls(), picture, sizing_mode="stretch_width"),
            below,
            card.note(pn.bind(texts.setup_text, code)),
            sizing_mode="stretch_width")

    # --- exports -------------------------------------------------------------------------
    def export_curve(self):
        return export.curve_figure(self.lab, self.display)

    def export_times(self):
        return export.times_figure(self.lab.runs, self.display)
