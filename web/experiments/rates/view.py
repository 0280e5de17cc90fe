"""The card "learning rate and batch size": the comparison and its settings on the left, the
three loss curves on one chart (main picture), the lane table with updates per epoch, compute
time and the caught divergence below it. Everything follows :class:`RatesLab`.
"""

from __future__ import annotations

import panel as pn
from bokeh.models import ColumnDataSource, Legend, LegendItem
from bokeh.plotting import figure

from web.experiments import card, plots
from web.experiments.rates import export, texts
from web.experiments.rates.model import MODES, RatesLab
from web.ui import axes, i18n, links
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.widgets import from_param

PREFIX = "rates"
FIELD_WIDTH = 150


class RatesCard(pn.viewable.Viewer):
    """View of one :class:`RatesLab`."""

    def __init__(self, display: Display, lab: RatesLab | None = None) -> None:
        super().__init__()
        self.display, self.lab = display, lab or RatesLab()
        self.sources = [ColumnDataSource({"x": [], "y": []}) for _ in export.LANE_COLORS]
        self.stops = ColumnDataSource({"x": [], "y": [], "color": []})
        self.figure = self._figure()
        self.link = card.LinkTool(display, PREFIX,
                                  lambda: links.param_values(self.lab, PREFIX,
                                                             RatesLab.LINK_PARAMS))
        self.draw()
        self.lab.param.watch(self.draw, ["revision", "x_axis"])
        display.param.watch(self.draw, "code")

    def _figure(self):
        # Range1d (a tuple): limits set later reach the browser (a DataRange1d re-ranges itself)
        fig = figure(height=card.PICTURE_HEIGHT - 30, sizing_mode="stretch_width",
                     y_axis_type="log", y_range=(1e-3, 1.0), tools="pan,wheel_zoom,reset",
                     toolbar_location=None)
        lines = [fig.line("x", "y", source=source, line_width=3, color=color)
                 for source, color in zip(self.sources, export.LANE_COLORS, strict=True)]
        fig.scatter("x", "y", source=self.stops, marker="x", size=22, line_width=4,
                    color="color")
        self.items = [LegendItem(renderers=[line], label="") for line in lines]
        fig.add_layout(Legend(items=self.items, orientation="horizontal"), "below")
        self.display.follow(fig.xaxis[0], "axis_label", pn.bind(
            lambda axis, code: i18n.text(f"exp.rates.axis.{axis}", code),
            self.lab.param.x_axis, self.display.param.code))
        plots.finish(fig, self.display, "exp.rates.chart")
        return fig

    @bokeh_edit
    def draw(self, _event: object = None) -> None:
        lab, code = self.lab, self.display.code
        series = export.series(lab)
        for k, source in enumerate(self.sources):
            x, y = series[k] if k < len(series) else ([], [])
            source.data = {"x": x, "y": y}
        for item, lane in zip(self.items, lab.lanes, strict=False):
            item.label = {"value": texts.lane_label(lane, code)}
        low, high = export.y_limits(lab)
        self.figure.y_range.update(start=low, end=high)
        axes.apply_log(self.figure.yaxis[0], (low, high), code)
        right = max((max(s[0]) for s in series if s[0]), default=1.0) or 1.0
        axes.apply_linear(self.figure.xaxis[0], 0.0, right, code)
        stops = [(s[0][-1], high / export.MARK_BELOW_TOP, color) for lane, s, color in
                 zip(lab.lanes, series, export.LANE_COLORS, strict=False)
                 if lane.stopped is not None and s[0]]
        self.stops.data = {"x": [s[0] for s in stops], "y": [s[1] for s in stops],
                           "color": [s[2] for s in stops]}

    # --- layout --------------------------------------------------------------------------
    def _field(self, name: str) -> NumberField:
        return NumberField(self.lab, name, self.display.text(f"exp.rates.{name}"), self.display,
                           css_class=f"nnlab-rates-{name}", width=FIELD_WIDTH)

    def controls(self) -> pn.Column:
        lab, display, t = self.lab, self.display, self.display.text
        choose = card.action_buttons({mode: t(f"exp.rates.mode.{mode}") for mode in MODES},
                                     lab.choose, "nnlab-rates-mode", width=330)
        lr_fields = pn.Row(self._field("lr_small"), self._field("lr_good"),
                           visible=pn.bind(lambda m: m == "lr", lab.param.mode))
        lr_large = pn.Row(self._field("lr_large"),
                          visible=pn.bind(lambda m: m == "lr", lab.param.mode))
        batch_fields = pn.Column(pn.Row(self._field("batch_small"), self._field("batch_mid")),
                                 pn.Row(self._field("batch_full"), self._field("batch_lr")),
                                 visible=pn.bind(lambda m: m == "batch", lab.param.mode))
        run = card.run_toggle(lab, display, "nnlab-rates-run", 150)
        axis = from_param(pn.widgets.RadioButtonGroup, lab.param.x_axis, "",
                          options=display.options({f"exp.rates.axis_short.{a}": a
                                                   for a in lab.param.x_axis.objects}),
                          css_classes=["nnlab-rates-axis"], color="default", width=330)
        return pn.Column(*choose, lr_fields, lr_large, batch_fields,
                         pn.Row(self._field("epochs"), run),
                         pn.pane.HTML(t("exp.rates.x_axis"), margin=(0, 10)), axis,
                         width=card.CONTROLS_WIDTH)

    def __panel__(self) -> pn.Column:
        code, rev = self.display.param.code, self.lab.param.revision
        table = pn.pane.HTML(pn.bind(lambda _r, c: texts.table_html(
            self.lab, list(export.LANE_COLORS), c), rev, code), sizing_mode="stretch_width",
            css_classes=["nnlab-rates-table"])
        picture = pn.Column(card.main_figure(self.figure), table,
                            card.tools(self.display, self.export_chart, "learning-rates",
                                       self.link),
                            sizing_mode="stretch_width")
        return pn.Column(
            card.heading(self.display, "exp.rates.title", "exp.rates.question"),
            pn.Row(self.controls(), picture, sizing_mode="stretch_width"),
            card.note(pn.bind(texts.setup_text, code)),
            sizing_mode="stretch_width")

    def export_chart(self):
        return export.chart_figure(self.lab, self.display)

