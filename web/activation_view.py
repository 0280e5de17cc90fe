"""Activation explorer: any activations and their derivatives on one shared axis.

Each activation has its own line pair (value solid, derivative dashed) built once; choosing,
hiding and changing the x-range only swap data and visibility. Softmax is left out: it maps a
vector to a vector, so it has no curve over one x.
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
from web import i18n
from web.bokeh_sync import bokeh_edit
from web.export import export_buttons

i18n.register({
    "act.title": ("Activation functions", "Aktivierungsfunktionen"),
    "act.intro": (
        "An activation f turns a neuron's sum z into its output f(z). Without it, stacked "
        "layers would still be one linear function. Solid: f(x); dashed: its slope f'(x), which "
        "backprop multiplies into every gradient that passes the neuron.",
        "Eine Aktivierung f macht aus der Summe z eines Neurons seine Ausgabe f(z). Ohne sie "
        "wären gestapelte Schichten immer noch eine lineare Funktion. Durchgezogen: f(x); "
        "gestrichelt: die Steigung f'(x), mit der Backprop jeden Gradienten multipliziert, der "
        "durch das Neuron läuft."),
    "act.choose": ("Activations", "Aktivierungen"),
    "act.range": ("x range", "x-Bereich"),
    "act.derivatives": ("Show derivatives (dashed)", "Ableitungen zeigen (gestrichelt)"),
    "act.division_preset": ("Division: x from −2 to 20", "Division: x von −2 bis 20"),
    "act.sigmoid_tanh": ("Overlay (1 + tanh(x/2)) / 2 on sigmoid",
                         "(1 + tanh(x/2)) / 2 über Sigmoid legen"),
    "act.sigmoid_tanh_note": (
        "The dotted curve (1 + tanh(x/2)) / 2 lies exactly on sigmoid: sigmoid is a shifted and "
        "scaled tanh.",
        "Die gepunktete Kurve (1 + tanh(x/2)) / 2 liegt genau auf Sigmoid: Sigmoid ist ein "
        "verschobener und gestauchter tanh."),
    "act.dying": ("Shade the dying-ReLU region", "Dying-ReLU-Bereich schattieren"),
    "act.dying_note": (
        "Dying ReLU: for x < 0 ReLU is 0 and so is its slope. A neuron whose sum stays negative "
        "for every example gets gradient 0 and never learns again.",
        "Dying ReLU: Für x < 0 ist ReLU 0 und ihre Steigung auch. Ein Neuron, dessen Summe bei "
        "jedem Beispiel negativ bleibt, bekommt Gradient 0 und lernt nie wieder."),
    "act.division_note": (
        "Division activation: exp piece for x ≤ 0, log piece up to 15, then 1 − 1/(…). At 0 the "
        "value is continuous (0.5) but the slope jumps from 0.5 to 30000 (a kink, far above "
        "this chart); at 15 value and slope both match (the seam).",
        "Divisionsaktivierung: exp-Stück für x ≤ 0, log-Stück bis 15, dann 1 − 1/(…). Bei 0 ist "
        "der Wert stetig (0,5), aber die Steigung springt von 0,5 auf 30000 (ein Knick, weit "
        "über diesem Bild); bei 15 passen Wert und Steigung (die Naht)."),
    "act.kink": ("kink: slope 0.5 → 30000", "Knick: Steigung 0,5 → 30000"),
    "act.seam": ("seam at 15", "Naht bei 15"),
    "act.formula": ("Your own activation f(x) =", "Eigene Aktivierung f(x) ="),
    "act.formula_derivative": ("f'(x) = (empty: numerical)", "f'(x) = (leer: numerisch)"),
    "act.formula_plot": ("Plot", "Zeichnen"),
    "act.formula_error": ("Cannot use this formula: {error}",
                          "Diese Formel geht nicht: {error}"),
    "act.formula_ok": ("Plotted as “custom”.", "Als „custom“ gezeichnet."),
})

NAMES = [n for n in pycore.activations.names() if n != "softmax"]
CUSTOM = "custom"
DIVISION_RANGE = (-2.0, 20.0)
SAMPLES = 801
Y_CLIP = 3.0
# One colour per activation (the list follows NAMES). No orange and no mid blue: in the lab those
# mean negative and positive (web.colors), and a curve is neither.
LINE_COLORS = ("#666666", "#7b3294", "#1b9e77", "#c51b7d", "#a6761d", "#66a61e", "#e6ab02",
               "#8c510a", "#35978f", "#17becf")


def curve(activation: Any, lo: float, hi: float, n: int = SAMPLES) -> dict[str, np.ndarray]:
    """x on [lo, hi] (with the division kink points 0 and 15 added when inside), f(x) and
    f'(x) straight from pycore; derivatives are clipped to ±Y_CLIP so a slope of 30000 does
    not flatten every other curve (the clip is stated in the explanation)."""
    x = np.linspace(lo, hi, n)
    extra = [p for p in (0.0, Division.SEAM) if lo < p < hi]
    x = np.unique(np.concatenate([x, extra, np.nextafter(extra, np.inf)]))
    return {"x": x, "y": activation(x), "dy": np.clip(activation.derivative(x), -Y_CLIP, Y_CLIP)}


class ActivationView(pn.viewable.Viewer):
    """Curves of chosen activations and their derivatives with teaching overlays."""

    chosen = param.ListSelector(default=["sigmoid", "tanh", "relu", "division"], objects=NAMES)
    x_range = param.Range(default=(-5.0, 5.0))

    def __init__(self, lang: i18n.Language, **params: Any) -> None:
        super().__init__(**params)
        self.lang = lang
        self.custom: Any = None
        self._sources = {name: ColumnDataSource({"x": [], "y": [], "dy": []})
                         for name in [*NAMES, CUSTOM]}
        self._identity = ColumnDataSource({"x": [], "y": []})
        self._build_widgets()
        self._figure = self._build_figure()
        self._update()
        lang.bind(self._relabel)

    def _build_widgets(self) -> None:
        self.w_choose = pn.widgets.MultiChoice(value=list(self.chosen), options=NAMES,
                                               sizing_mode="stretch_width")
        self.w_range = pn.widgets.RangeSlider(start=-20, end=30, step=0.5, value=self.x_range,
                                              width=320)
        self.w_deriv = pn.widgets.Checkbox(value=True)
        self.b_division = pn.widgets.Button(css_classes=["nnlab-act-division-range"])
        self.w_identity = pn.widgets.Checkbox(value=False, css_classes=["nnlab-act-identity"])
        self.w_dying = pn.widgets.Checkbox(value=False)
        self.w_formula = pn.widgets.TextInput(placeholder="x / (1 + abs(x))", width=260)
        self.w_formula_d = pn.widgets.TextInput(width=260)
        self.b_formula = pn.widgets.Button(css_classes=["nnlab-act-formula-plot"])
        self.formula_message = pn.pane.Markdown(css_classes=["nnlab-act-formula-message"])
        self.notes = pn.pane.Markdown(sizing_mode="stretch_width", styles={"font-size": "1.1em"})
        self.intro = pn.pane.Markdown(sizing_mode="stretch_width", styles={"font-size": "1.1em"})
        self.title = pn.pane.Markdown()
        self.w_choose.param.watch(lambda e: self._set(chosen=e.new), "value")
        self.w_range.param.watch(lambda e: self._set(x_range=e.new), "value")
        for w in (self.w_deriv, self.w_identity, self.w_dying):
            w.param.watch(lambda _e: self._update(), "value")
        self.b_division.on_click(lambda _e: self.show_division())
        self.b_formula.on_click(lambda _e: self.set_formula(self.w_formula.value,
                                                            self.w_formula_d.value))

    @bokeh_edit
    def _relabel(self) -> None:
        t = self.lang.t
        self.title.object = f"## {t('act.title')}"
        self.intro.object = t("act.intro")
        self.w_choose.label = t("act.choose")
        self.w_range.label = t("act.range")
        self.w_deriv.label = t("act.derivatives")
        self.b_division.label = t("act.division_preset")
        self.w_identity.label = t("act.sigmoid_tanh")
        self.w_dying.label = t("act.dying")
        self.w_formula.label = t("act.formula")
        self.w_formula_d.label = t("act.formula_derivative")
        self.b_formula.label = t("act.formula_plot")
        self._kink_label.text = t("act.kink")
        self._seam_label.text = t("act.seam")
        self._update()

    # --- actions -------------------------------------------------------------------------
    def _set(self, **values: Any) -> None:
        self.param.update(**values)
        self._update()

    def show_division(self) -> None:
        """Select the division activation and the range that shows its kink and its seam."""
        if "division" not in self.w_choose.value:
            self.w_choose.value = [*self.w_choose.value, "division"]
        self.w_range.value = DIVISION_RANGE

    def set_formula(self, text: str, derivative: str = "") -> bool:
        """Plot a user formula (safe parser, never eval); on a bad formula show why."""
        try:
            self.custom = pycore.activations.from_formula(text, derivative or None, name=CUSTOM)
            self.custom(np.linspace(-1.0, 1.0, 3))
        except FormulaError as error:
            self.custom = None
            self.formula_message.object = self.lang.t("act.formula_error", error=error)
        else:
            self.formula_message.object = self.lang.t("act.formula_ok")
        self._update()
        return self.custom is not None

    # --- drawing -------------------------------------------------------------------------
    def _build_figure(self) -> Any:
        # Range1d (tuples): start/end set later must reach the browser (DataRange1d auto-ranges)
        fig = figure(sizing_mode="stretch_width", height=560, tools="pan,wheel_zoom,reset",
                     toolbar_location="right", x_axis_label="x", y_axis_label="f(x), f'(x)",
                     x_range=self.x_range, y_range=(-1.0, 1.0))
        fig.xaxis.axis_label_text_font_size = fig.yaxis.axis_label_text_font_size = "18px"
        fig.xaxis.major_label_text_font_size = fig.yaxis.major_label_text_font_size = "18px"
        self._dying = BoxAnnotation(right=0, fill_color="#999999", fill_alpha=0.18, visible=False)
        self._kink = Span(location=0, dimension="height", line_dash="dotted", line_width=2)
        self._seam = Span(location=Division.SEAM, dimension="height", line_dash="dotted",
                          line_width=2)
        self._kink_label = Label(x=0, y=10, y_units="screen", x_offset=6,
                                 text_font_size="17px")
        self._seam_label = Label(x=Division.SEAM, y=10, y_units="screen", x_offset=6,
                                 text_font_size="17px")
        for item in (self._dying, self._kink, self._seam, self._kink_label, self._seam_label):
            fig.add_layout(item)
        self._lines: dict[str, tuple[Any, Any]] = {}
        items = []
        for k, name in enumerate([*NAMES, CUSTOM]):
            color = LINE_COLORS[k % len(LINE_COLORS)] if name != CUSTOM else "#000000"
            solid = fig.line("x", "y", source=self._sources[name], line_width=3, color=color)
            dashed = fig.line("x", "dy", source=self._sources[name], line_width=2.5, color=color,
                              line_dash="dashed")
            self._lines[name] = (solid, dashed)
            items.append(LegendItem(label=name, renderers=[solid, dashed]))
        self._identity_line = fig.line("x", "y", source=self._identity, line_width=6,
                                       line_dash="dotted", color="#000000", line_alpha=0.7)
        self._legend = Legend(items=items, label_text_font_size="18px", click_policy="hide")
        fig.add_layout(self._legend, "right")
        return fig

    def visible_names(self) -> list[str]:
        return [n for n in NAMES if n in self.chosen] + ([CUSTOM] if self.custom else [])

    def curves(self) -> dict[str, dict[str, np.ndarray]]:
        """Data of every visible curve over the current x-range (what the figure shows)."""
        lo, hi = self.x_range
        out = {}
        for name in self.visible_names():
            act = self.custom if name == CUSTOM else pycore.activations.get(name)
            out[name] = curve(act, lo, hi)
        return out

    @bokeh_edit
    def _update(self) -> None:
        data = self.curves()
        show_d = self.w_deriv.value
        for name, (solid, dashed) in self._lines.items():
            visible = name in data
            if visible:
                self._sources[name].data = data[name]
            solid.visible, dashed.visible = visible, visible and show_d
        for item in self._legend.items:
            item.visible = item.label.value in data
        sigmoid_on = self.w_identity.value and "sigmoid" in data
        x = data["sigmoid"]["x"] if sigmoid_on else np.array([])
        self._identity.data = {"x": x, "y": (1.0 + np.tanh(x / 2.0)) / 2.0}
        relu_on = self.w_dying.value and "relu" in data
        self._dying.visible = relu_on
        division_on = "division" in data
        for item in (self._kink, self._seam, self._kink_label, self._seam_label):
            item.visible = division_on
        t = self.lang.t
        notes = [t("act.sigmoid_tanh_note")] if sigmoid_on else []
        notes += [t("act.dying_note")] if relu_on else []
        notes += [t("act.division_note")] if division_on else []
        self.notes.object = "\n\n".join(notes)
        self._figure.x_range.start, self._figure.x_range.end = self.x_range
        self._figure.y_range.start, self._figure.y_range.end = self._y_limits(data, show_d)

    @staticmethod
    def _y_limits(data: dict[str, dict[str, np.ndarray]], show_d: bool) -> tuple[float, float]:
        keys = ("y", "dy") if show_d else ("y",)
        values = [np.clip(d[k], -Y_CLIP, Y_CLIP) for d in data.values() for k in keys]
        finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.zeros(1)
        lo, hi = float(finite.min(initial=0.0)), float(finite.max(initial=1.0))
        pad = 0.08 * (hi - lo or 1.0)
        return lo - pad, hi + pad

    def figure(self) -> Any:
        """The visible curves as a Matplotlib figure (for the PNG/SVG buttons)."""
        from matplotlib.figure import Figure

        fig = Figure(figsize=(9, 5.5))
        ax = fig.add_subplot()
        for name, d in self.curves().items():
            color = self._lines[name][0].glyph.line_color
            ax.plot(d["x"], d["y"], color=color, linewidth=2.5, label=name)
            if self.w_deriv.value:
                ax.plot(d["x"], d["dy"], color=color, linewidth=1.5, linestyle="--")
        ax.set_xlim(*self.x_range)
        ax.set_ylim(*self._y_limits(self.curves(), self.w_deriv.value))
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.set_xlabel("x")
        ax.set_title(self.lang.t("act.title"))
        ax.legend()
        return fig

    def __panel__(self) -> pn.viewable.Viewable:
        controls = pn.Column(
            self.w_choose, self.w_range, self.b_division, self.w_deriv, self.w_identity,
            self.w_dying, self.w_formula, self.w_formula_d, self.b_formula,
            self.formula_message, export_buttons(self.figure, "activations", self.lang),
            width=360)
        return pn.Column(self.title, self.intro,
                         pn.Row(controls, pn.Column(pn.pane.Bokeh(self._figure,
                                                                  sizing_mode="stretch_width"),
                                                    self.notes, sizing_mode="stretch_width"),
                                sizing_mode="stretch_width"),
                         sizing_mode="stretch_width")
