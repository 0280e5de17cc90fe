"""The loss-surface card: surface, optimizers, learning rate and momentum on the left; the
banded contour picture with every optimizer's path (main picture) and a table of where each
has got to. Everything follows :class:`OptLab`.
"""

from __future__ import annotations

import panel as pn
from bokeh.models import ColumnDataSource, Legend, LegendItem, LinearColorMapper
from bokeh.plotting import figure

from web.experiments import card, plots
from web.experiments.surface import export, texts
from web.experiments.surface.model import LR_CHOICES, SURFACES, OptLab
from web.experiments.surface.paths import OPTIMIZERS
from web.ui import axes, fmt, i18n, links, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.widgets import from_param

PREFIX = "opt"
FRAME = 380  # a square plot area: the surfaces' regions are square, so circles stay round


class OptCard(pn.viewable.Viewer):
    """View of one :class:`OptLab`."""

    def __init__(self, display: Display, lab: OptLab | None = None) -> None:
        super().__init__()
        self.display, self.lab = display, lab or OptLab()
        self.image = ColumnDataSource({"image": [], "x": [], "y": [], "dw": [], "dh": []})
        self.paths = {name: ColumnDataSource({"x": [], "y": []}) for name in OPTIMIZERS}
        self.ends = ColumnDataSource({"x": [], "y": [], "color": []})
        self.marks = ColumnDataSource({"x": [], "y": []})
        self.start = ColumnDataSource({"x": [], "y": []})
        self.figure = self._figure()
        self._shown_surface: str | None = None
        self.link = card.LinkTool(display, PREFIX,
                                  lambda: links.param_values(self.lab, PREFIX, OptLab.LINK_PARAMS))
        self.draw()
        self.lab.param.watch(self.draw, "revision")
        display.param.watch(self.draw, "code")

    def _figure(self):
        fig = figure(frame_width=FRAME, frame_height=FRAME, x_range=(0.0, 1.0),
                     y_range=(0.0, 1.0), tools="pan,wheel_zoom,reset", toolbar_location=None)
        mapper = LinearColorMapper(palette=export.PALETTE, low=-0.5, high=export.BANDS - 0.5)
        fig.image(image="image", x="x", y="y", dw="dw", dh="dh", source=self.image,
                  color_mapper=mapper)
        self.lines = {name: fig.line("x", "y", source=self.paths[name], line_width=3,
                                     color=export.COLORS[name]) for name in OPTIMIZERS}
        fig.scatter("x", "y", source=self.ends, size=11, color="color", line_color="white")
        start = fig.scatter("x", "y", source=self.start, size=14, color="black")
        minima = fig.scatter("x", "y", source=self.marks, marker="star", size=22, color="black")
        self.items = {name: LegendItem(label=name, renderers=[line])
                      for name, line in self.lines.items()}
        self.start_item = LegendItem(renderers=[start])
        self.minimum_item = LegendItem(renderers=[minima])
        box = Legend(items=[*self.items.values(), self.start_item, self.minimum_item])
        self.display.follow(box, "label_text_font_size", self.display.px(theme.PLOT_TEXT_PX))
        fig.add_layout(box, "right")
        plots.finish(fig, self.display, "exp.opt.figure")
        return fig

    @bokeh_edit
    def draw(self, _event: object = None) -> None:
        lab, fig, code = self.lab, self.figure, self.display.code
        surface = lab.current()
        axes.apply_linear(fig.xaxis[0], *surface.a_range, code)
        axes.apply_linear(fig.yaxis[0], *surface.b_range, code)
        if self._shown_surface != lab.surface:
            self._shown_surface = lab.surface
            a, b, loss = lab.grid()
            self.image.data = {"image": [export.bands(loss)], "x": [a[0]], "y": [b[0]],
                               "dw": [a[-1] - a[0]], "dh": [b[-1] - b[0]]}
            fig.x_range.update(start=surface.a_range[0], end=surface.a_range[1])
            fig.y_range.update(start=surface.b_range[0], end=surface.b_range[1])
            fig.xaxis[0].axis_label, fig.yaxis[0].axis_label = surface.labels
            self.marks.data = {"x": [m[0] for m in surface.minima],
                               "y": [m[1] for m in surface.minima]}
        shown = {path.name: path for path in lab.paths}
        for name, source in self.paths.items():
            points = shown[name].points if name in shown else []
            source.data = {"x": [p[0] for p in points], "y": [p[1] for p in points]}
            self.items[name].visible = name in shown
        self.ends.data = {"x": [p.points[-1][0] for p in lab.paths],
                          "y": [p.points[-1][1] for p in lab.paths],
                          "color": [export.COLORS[p.name] for p in lab.paths]}
        self.start.data = {"x": [lab.start_a], "y": [lab.start_b]}
        self.start_item.label = {"value": i18n.text("exp.opt.start", code)}
        key = "exp.opt.trained" if lab.surface == "net" else "exp.opt.minimum"
        self.minimum_item.label = {"value": i18n.text(key, code)}

    # --- layout --------------------------------------------------------------------------
    def controls(self) -> pn.Column:
        lab, display, t = self.lab, self.display, self.display.text
        surface = from_param(
            pn.widgets.Select, lab.param.surface, t("exp.opt.surface"), width=320,
            options=display.options({f"exp.opt.surface.{s}": s for s in SURFACES}),
            css_classes=["nnlab-opt-surface"], stylesheets=theme.INPUT_STYLESHEETS)
        chosen = from_param(pn.widgets.MultiChoice, lab.param.chosen, t("exp.opt.chosen"),
                            width=320, css_classes=["nnlab-opt-chosen"],
                            stylesheets=[theme.CHOICES_CSS])
        # An IntSlider over the ladder (Panel's DiscreteSlider labels itself with CustomJS,
        # which the static site's Content Security Policy does not run).
        rate = pn.Column(
            pn.pane.HTML(pn.bind(lambda step, code: i18n.text(
                "exp.opt.lr_value", code, lr=fmt.sig(LR_CHOICES[step], 3, code)),
                lab.param.lr_step, display.param.code), margin=(0, 10),
                css_classes=["nnlab-opt-lr-value"]),
            from_param(pn.widgets.IntSlider, lab.param.lr_step, "", show_value=False,
                       width=300, css_classes=["nnlab-opt-lr"]), margin=0)
        momentum = from_param(pn.widgets.FloatSlider, lab.param.momentum, t("exp.opt.momentum"),
                              step=0.01, width=300, css_classes=["nnlab-opt-momentum"])
        labels = pn.bind(lambda _rev: lab.current().labels, lab.param.revision)
        starts = pn.Row(*(NumberField(lab, name, pn.bind(
            lambda labels, code, k=k: i18n.text("exp.opt.start_a", code, label=labels[k]),
            labels, display.param.code), display, css_class=f"nnlab-opt-{name}", width=150)
            for k, name in enumerate(("start_a", "start_b"))))
        step = pn.widgets.Button(label=t("exp.opt.step"), css_classes=["nnlab-opt-step"],
                                 width=110)
        step.on_click(lambda _e: lab.step_once())
        play = card.run_toggle(lab, display, "nnlab-opt-play", 140,
                               ("exp.opt.play", "exp.opt.pause"))
        reset = pn.widgets.Button(label=t("exp.opt.reset"), css_classes=["nnlab-opt-reset"],
                                  width=200)
        reset.on_click(lambda _e: lab.reset())
        return pn.Column(surface, chosen, rate, momentum, starts,
                         NumberField(lab, "steps", t("exp.opt.steps"), display,
                                     css_class="nnlab-opt-steps", width=150),
                         pn.Row(play, step), reset, width=card.CONTROLS_WIDTH)

    def __panel__(self) -> pn.Column:
        code, rev = self.display.param.code, self.lab.param.revision
        table = pn.pane.HTML(pn.bind(lambda _r, c: texts.table_html(self.lab, export.COLORS, c),
                                     rev, code), css_classes=["nnlab-opt-table"])
        side = pn.Column(table, card.note(pn.bind(lambda _r, c: texts.note(self.lab, c),
                                                  rev, code)),
                         card.tools(self.display, self.export_surface, "loss-surface",
                                    self.link),
                         sizing_mode="stretch_width", min_width=300)
        picture = pn.Column(pn.Column(pn.pane.Bokeh(self.figure), css_classes=["nnlab-main-figure"],
                                      margin=0))
        return pn.Column(
            card.heading(self.display, "exp.opt.title", "exp.opt.question"),
            pn.Row(self.controls(), picture, side, sizing_mode="stretch_width"),
            sizing_mode="stretch_width")

    def export_surface(self):
        return export.surface_figure(self.lab, self.display)
