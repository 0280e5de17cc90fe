"""Activation explorer: any activations and their derivatives on one shared axis.

The view's state is its params (which curves, x-range, overlays, the user's formula); widgets are
made from them and the figure follows them. Each activation has its own line pair (value solid,
derivative dashed) built once; a change only swaps data and visibility.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import panel as pn
import param
from bokeh.models import BoxAnnotation, ColumnDataSource, Label, Legend, LegendItem, Span
from bokeh.plotting import figure

import pycore
from pycore.activations import Division
from pycore.formula import FormulaError
from web.activations import texts
from web.activations.curves import (
    CUSTOM,
    DIVISION_RANGE,
    NAMES,
    curve,
    sigmoid_from_tanh,
    y_limits,
)
from web.ui import axes, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.explanation import explanation
from web.ui.export import export_buttons
from web.ui.widgets import from_param

# One colour per activation (the list follows NAMES). No orange and no mid blue: in the lab those
# mean negative and positive (web.ui.colors), and a curve is neither.
LINE_COLORS = ("#666666", "#7b3294", "#1b9e77", "#c51b7d", "#a6761d", "#66a61e", "#e6ab02",
               "#8c510a", "#35978f", "#17becf")
CUSTOM_COLOR = "#000000"


class ActivationView(pn.viewable.Viewer):
    """Curves of chosen activations and their derivatives with teaching overlays."""

    chosen = param.ListSelector(default=["sigmoid", "tanh", "relu", "division"], objects=NAMES)
    x_range = param.Range(default=(-5.0, 5.0), bounds=(-20.0, 30.0))
    derivatives = param.Boolean(default=True)
    identity = param.Boolean(default=False, doc="Overlay (1 + tanh(x/2)) / 2 on sigmoid.")
    dying = param.Boolean(default=False, doc="Shade ReLU's zero-gradient region.")
    formula = param.String(default="", doc="The user's f(x), as typed.")
    derivative_formula = param.String(default="", doc="The user's f'(x); empty: numerical.")
    custom = param.ClassSelector(class_=pycore.activations.Activation, default=None,
                                 allow_None=True, doc="The user's activation once plotted.")
    formula_message = param.Parameter(default=None, doc="(i18n key, fields) or None.")

    def __init__(self, display: Display, **params: Any) -> None:
        super().__init__(**params)
        self.display = display
        self._sources = {name: ColumnDataSource({"x": [], "y": [], "dy": []})
                         for name in [*NAMES, CUSTOM]}
        self._identity = ColumnDataSource({"x": [], "y": []})
        self._figure = self._build_figure()
        self._draw()

    # --- actions -------------------------------------------------------------------------
    def show_division(self) -> None:
        """Select the division activation and the range that shows its kink and its seam."""
        with param.parameterized.batch_call_watchers(self):
            if "division" not in self.chosen:
                self.chosen = [*self.chosen, "division"]
            self.x_range = DIVISION_RANGE

    def apply_formula(self) -> bool:
        """Plot the typed formula (safe parser, never eval); on a bad formula say why."""
        try:
            custom = pycore.activations.from_formula(self.formula, self.derivative_formula or None,
                                                     name=CUSTOM)
            custom(np.linspace(-1.0, 1.0, 3))
        except FormulaError as error:
            self.param.update(custom=None, formula_message=("act.formula_error",
                                                            {"error": str(error)}))
            return False
        self.param.update(custom=custom, formula_message=("act.formula_ok", {}))
        return True

    # --- data ----------------------------------------------------------------------------
    def visible_names(self) -> list[str]:
        return [n for n in NAMES if n in self.chosen] + ([CUSTOM] if self.custom else [])

    def curves(self) -> dict[str, dict[str, np.ndarray]]:
        """Data of every visible curve over the current x-range (what the figure shows)."""
        lo, hi = self.x_range
        return {name: curve(self.custom if name == CUSTOM else pycore.activations.get(name),
                            lo, hi) for name in self.visible_names()}

    # --- drawing -------------------------------------------------------------------------
    def _build_figure(self) -> Any:
        # Range1d (tuples): start/end set later must reach the browser (DataRange1d auto-ranges)
        fig = figure(sizing_mode="stretch_width", height=580, tools="pan,wheel_zoom,reset",
                     toolbar_location="right", x_axis_label="x", y_axis_label="f(x), f'(x)",
                     css_classes=["nnlab-main-figure"],
                     x_range=self.x_range, y_range=(-1.0, 1.0))
        self._dying = BoxAnnotation(right=0, fill_color="#999999", fill_alpha=0.18, visible=False)
        self._kink = Span(location=0, dimension="height", line_dash="dotted", line_width=2)
        self._seam = Span(location=Division.SEAM, dimension="height", line_dash="dotted",
                          line_width=2)
        # At the top of the plot (y follows the range in _draw), clear of the x axis.
        self._marks = [Label(x=at, y=0, x_offset=6, y_offset=-6, text_baseline="top")
                       for at in (0, Division.SEAM)]
        for item, key in zip(self._marks, ("act.kink", "act.seam"), strict=True):
            self.display.follow(item, "text", self.display.text(key))
            self.display.follow(item, "text_font_size", self.display.px(theme.PLOT_TEXT_PX))
        for item in (self._dying, self._kink, self._seam, *self._marks):
            fig.add_layout(item)
        self._lines: dict[str, tuple[Any, Any]] = {}
        items = []
        for k, name in enumerate([*NAMES, CUSTOM]):
            color = CUSTOM_COLOR if name == CUSTOM else LINE_COLORS[k % len(LINE_COLORS)]
            solid = fig.line("x", "y", source=self._sources[name], line_width=3, color=color)
            dashed = fig.line("x", "dy", source=self._sources[name], line_width=2.5, color=color,
                              line_dash="dashed")
            self._lines[name] = (solid, dashed)
            items.append(LegendItem(label=name, renderers=[solid, dashed]))
        self._identity_line = fig.line("x", "y", source=self._identity, line_width=6,
                                       line_dash="dotted", color=CUSTOM_COLOR, line_alpha=0.7)
        self._legend = Legend(items=items, click_policy="hide")
        fig.add_layout(self._legend, "right")
        theme.style_axes(fig, self.display)
        axes.follow_linear(self.display, fig.xaxis[0], fig.x_range)
        axes.follow_linear(self.display, fig.yaxis[0], fig.y_range)
        return fig

    @param.depends("chosen", "x_range", "derivatives", "identity", "dying", "custom",
                   watch=True)
    @bokeh_edit
    def _draw(self) -> None:
        data = self.curves()
        for name, (solid, dashed) in self._lines.items():
            visible = name in data
            if visible:
                self._sources[name].data = data[name]
            solid.visible, dashed.visible = visible, visible and self.derivatives
        for item in self._legend.items:
            item.visible = item.label.value in data
        x = data["sigmoid"]["x"] if self.identity and "sigmoid" in data else np.array([])
        self._identity.data = {"x": x, "y": sigmoid_from_tanh(x)}
        self._dying.visible = self.dying and "relu" in data
        for item in (self._kink, self._seam, *self._marks):
            item.visible = "division" in data
        self._figure.x_range.update(start=self.x_range[0], end=self.x_range[1])
        low, high = y_limits(data, self.derivatives)
        self._figure.y_range.update(start=low, end=high)
        for mark in self._marks:
            mark.y = high

    def figure(self) -> Any:
        """The visible curves as a Matplotlib figure (for the PNG/SVG buttons); the legend
        stands beside the axes, never over a curve."""
        from matplotlib.figure import Figure

        fig = Figure(figsize=(10, 5.5))
        ax = fig.add_subplot()
        data = self.curves()
        for name, d in data.items():
            color = self._lines[name][0].glyph.line_color
            ax.plot(d["x"], d["y"], color=color, linewidth=2.5, label=name)
            if self.derivatives:
                ax.plot(d["x"], d["dy"], color=color, linewidth=1.5, linestyle="--")
        ax.set_xlim(*self.x_range)
        ax.set_ylim(*y_limits(data, self.derivatives))
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.set_xlabel("x")
        ax.set_title(self.display.t("act.title"))
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
        return fig

    # --- layout --------------------------------------------------------------------------
    def __panel__(self) -> pn.viewable.Viewable:
        t, p = self.display.text, self.param
        button = pn.widgets.Button(label=t("act.division_preset"),
                                   css_classes=["nnlab-act-division-range"])
        button.on_click(lambda _event: self.show_division())
        plot = pn.widgets.Button(label=t("act.formula_plot"),
                                 css_classes=["nnlab-act-formula-plot"])
        plot.on_click(lambda _event: self.apply_formula())
        controls = pn.Column(
            from_param(pn.widgets.MultiChoice, p.chosen, t("act.choose"),
                       sizing_mode="stretch_width", stylesheets=[theme.CHOICES_CSS]),
            from_param(pn.widgets.RangeSlider, p.x_range, t("act.range"), step=0.5,
                                              width=320),
            button,
            from_param(pn.widgets.Checkbox, p.derivatives, t("act.derivatives")),
            from_param(pn.widgets.Checkbox, p.identity, t("act.sigmoid_tanh"),
                                           css_classes=["nnlab-act-identity"]),
            from_param(pn.widgets.Checkbox, p.dying, t("act.dying")),
            from_param(pn.widgets.TextInput, p.formula, t("act.formula"),
                                            placeholder="x / (1 + abs(x))", width=260),
            from_param(pn.widgets.TextInput, p.derivative_formula, t("act.formula_derivative"),
                       width=260),
            plot,
            pn.pane.Markdown(pn.bind(texts.formula_message, p.formula_message,
                                     self.display.param.code),
                             css_classes=["nnlab-act-formula-message"]),
            export_buttons(self.figure, "activations", self.display),
            width=360)
        notes = pn.pane.Markdown(pn.bind(texts.notes, p.chosen, p.identity, p.dying,
                                         self.display.param.code),
                                 sizing_mode="stretch_width", styles={"font-size": "1.1em"})
        picture = pn.Column(pn.pane.Bokeh(self._figure, sizing_mode="stretch_width"),
                            notes, explanation(self.display, "act.intro"),
                            sizing_mode="stretch_width")
        return pn.Row(controls, picture, sizing_mode="stretch_width")
