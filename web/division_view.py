"""The division demo tab: type two numbers, watch a 2-2-1 network divide them (and fail).

Layout, top to bottom: a short explanation; inputs, result and the drawn network; the weight
table with presets next to the error heatmap; the training panel. All state lives in
``web.division_model.DivisionViewModel``; this module turns it into widgets and keeps them in
sync with watchers. Bokeh figures are built once and only their data sources change.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable

import panel as pn

from web import i18n, theme
from web.division_model import WEIGHT_LABELS, DivisionResult, DivisionViewModel
from web.division_training import DivisionTraining
from web.export import export_buttons
from web.heatmap import ErrorHeatmap
from web.heatmap import draw_matplotlib as draw_heatmap
from web.network_diagram import NetworkDiagram
from web.network_diagram import draw_matplotlib as draw_network

i18n.register(
    {
        "division.title": ("Division demo", "Divisions-Demo"),
        "division.dividend": ("Dividend x1", "Dividend x1"),
        "division.divisor": ("Divisor x2", "Divisor x2"),
        "division.network": ("Network × 100", "Netz × 100"),
        "division.true": ("True quotient x1 / x2", "Wahrer Quotient x1 / x2"),
        "division.abs_error": ("Absolute error", "Absoluter Fehler"),
        "division.rel_error": ("Relative error", "Relativer Fehler"),
        "division.weights": ("Weights and biases", "Gewichte und Schwellen (Bias)"),
        "division.preset": ("Start from", "Startwerte"),
        "division.preset.hand_set": ("hand-set weights (original project)",
                                     "von Hand gesetzte Gewichte (Originalprojekt)"),
        "division.preset.trained": ("trained weights (original project)",
                                    "trainierte Gewichte (Originalprojekt)"),
        "division.preset.random": ("random weights", "Zufallsgewichte"),
        "division.seed": ("Random seed", "Zufalls-Seed"),
        "division.heatmap.title": ("|error| of the network quotient (log colour scale)",
                                   "|Fehler| des Netz-Quotienten (log. Farbskala)"),
        "division.heatmap.wide": ("Wider range 0.1 … 60 (shows where it breaks)",
                                  "Größerer Bereich 0.1 … 60 (zeigt, wo es versagt)"),
        "division.heatmap.legend": (
            "Red dot: your input. Dashed line: quotient = 50. Dotted lines: x = 1.",
            "Roter Punkt: deine Eingabe. Gestrichelt: Quotient = 50. Gepunktet: x = 1."),
        "division.explain": (
            "**How can two neurons divide?** Sums and products alone cannot divide. The trick is "
            "the activation *f*: for positive inputs it is a logarithm, for negative inputs an "
            "exponential. With the hand-set weights each hidden neuron computes "
            "**a = 0.03 · ln(x) + 0.5**. The output neuron weighs them with +33.3333 and "
            "−33.3333 and adds −3.912023 = ln(0.02), so its input is "
            "**z ≈ ln(x1) − ln(x2) + ln(0.02)** — negative, so *f* is the exponential there: "
            "0.5 · e^z = 0.01 · x1 / x2. Because **exp(ln x1 − ln x2) = x1 / x2**, the output "
            "× 100 is the quotient. It works only for x1, x2 ≥ 1 (below 1 the hidden neurons "
            "leave their logarithm piece) and quotients up to 50 (the output saturates): the "
            "heatmap shows where it breaks.",
            "**Wie können zwei Neuronen teilen?** Mit Summen und Produkten allein geht das "
            "nicht. Der Trick ist die Aktivierung *f*: für positive Eingaben ist sie ein "
            "Logarithmus, für negative eine Exponentialfunktion. Mit den von Hand gesetzten "
            "Gewichten rechnet jedes versteckte Neuron **a = 0.03 · ln(x) + 0.5**. Das "
            "Ausgabeneuron gewichtet sie mit +33.3333 und −33.3333 und addiert "
            "−3.912023 = ln(0.02); seine Eingabe ist also **z ≈ ln(x1) − ln(x2) + ln(0.02)** — "
            "negativ, also wirkt dort die Exponentialfunktion: 0.5 · e^z = 0.01 · x1 / x2. "
            "Weil **exp(ln x1 − ln x2) = x1 / x2** ist, ergibt die Ausgabe × 100 den Quotienten. "
            "Das klappt nur für x1, x2 ≥ 1 (darunter verlassen die versteckten Neuronen ihr "
            "Logarithmus-Stück) und Quotienten bis 50 (die Ausgabe sättigt): die Heatmap zeigt, "
            "wo es versagt."),
    }
)

# W1 is shown as the 2x2 matrix it is (row = input, column = hidden neuron).
WEIGHT_GROUPS = (("w[1]", (0, 1)), ("", (2, 3)), ("b[1]", (4, 5)), ("w[2]", (6, 7)),
                 ("b[2]", (8,)))


def results_html(result: DivisionResult, lang: i18n.Language) -> str:
    """The four result numbers; the network's quotient in ``.nnlab-quotient`` as plain text."""
    shown = result.display()
    rows = [("division.network", "nnlab-quotient", shown["network"]),
            ("division.true", "nnlab-number nnlab-true", shown["true"]),
            ("division.abs_error", "nnlab-number nnlab-abs-error", shown["abs_error"]),
            ("division.rel_error", "nnlab-number nnlab-rel-error", shown["rel_error"])]
    cells = "".join(f'<span class="nnlab-label">{html.escape(lang.t(key))}</span>'
                    f'<span class="{css}">{html.escape(value)}</span>'
                    for key, css, value in rows)
    return f'<div class="nnlab-results">{cells}</div>'


def message_html(result: DivisionResult, weight_key: str | None, lang: i18n.Language) -> str:
    """All current messages in one ``.nnlab-message`` element (empty, and hidden, if none)."""
    texts = [m.text(lang) for m in result.messages]
    if weight_key is not None:
        texts.append(lang.t(weight_key))
    error = any(m.level == "error" for m in result.messages) or weight_key is not None
    css = "nnlab-message" if error or not texts else "nnlab-message nnlab-warning"
    return f'<span class="{css}">{"<br>".join(html.escape(t) for t in texts)}</span>'


def after_first_paint(build: Callable[[], pn.viewable.Viewable]) -> pn.Column:
    """A Column that receives ``build()`` once the page has drawn everything else.

    Building widgets and figures, turning them into Bokeh models and drawing them is most of
    the start-up time in Pyodide, and the lower half of the division tab (weights, training,
    heatmap) is below the inputs a student types into first. Bokeh's ``document_ready`` event
    marks the moment: BokehJS sends it under ``panel serve``; in the static site Panel's worker
    link triggers it after the page has rendered. (``pn.state.onload`` would not do: in Pyodide
    it runs its callback at once.) Without a document (plain Python) it is built now.
    """
    holder = pn.Column(sizing_mode="stretch_width")
    doc = pn.state.curdoc
    if doc is None:
        holder.append(build())
        return holder

    def fill() -> None:
        if not holder.objects:  # document_ready can come again (e.g. a reconnect)
            holder.append(build())

    # Filled on the next turn of the event loop, not inside the event: in Pyodide, changes
    # made while Panel's worker link dispatches the event never reach the page.
    doc.on_event("document_ready", lambda _event: asyncio.get_running_loop().call_soon(fill))
    return holder


class DivisionView(pn.viewable.Viewer):
    """The division demo; ``model`` is its view-model (shared with the app's save/load).

    Only the inputs, results and network drawing are built at start-up; the weights, training
    and heatmap (:class:`DivisionDetails`) follow right after the first paint.
    """

    def __init__(self, lang: i18n.Language, model: DivisionViewModel | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.model = model or DivisionViewModel()
        self.details: DivisionDetails | None = None
        vm = self.model
        big = {"stylesheets": theme.INPUT_STYLESHEETS}
        self.dividend = pn.widgets.TextInput(value=vm.dividend, css_classes=["nnlab-dividend"],
                                             width=240, **big)
        self.divisor = pn.widgets.TextInput(value=vm.divisor, css_classes=["nnlab-divisor"],
                                            width=240, **big)
        self.dividend.param.watch(lambda e: setattr(vm, "dividend", e.new), "value_input")
        self.divisor.param.watch(lambda e: setattr(vm, "divisor", e.new), "value_input")
        self.results = pn.pane.HTML("", stylesheets=theme.STYLESHEETS, margin=(10, 10))
        self.message = pn.pane.HTML("", stylesheets=theme.STYLESHEETS,
                                    sizing_mode="stretch_width")
        self.explanation = pn.pane.Markdown("", sizing_mode="stretch_width",
                                            styles={"font-size": "19px"})
        self.diagram = NetworkDiagram(vm.result.forward, vm.weights)
        self.network_export = export_buttons(
            lambda: draw_network(vm.result.forward, vm.weights), "division-network", lang)
        vm.param.watch(self._show_result, ["weights", "result", "weight_message"])
        lang.bind(self._relabel)

    def _relabel(self) -> None:
        t = self.lang.t
        self.dividend.name = t("division.dividend")
        self.divisor.name = t("division.divisor")
        self.explanation.object = t("division.explain")
        self._show_result()

    def _show_result(self, _event: object = None) -> None:
        vm = self.model
        self.results.object = results_html(vm.result, self.lang)
        self.message.object = message_html(vm.result, vm.weight_message, self.lang)
        self.diagram.update(vm.result.forward, vm.weights)

    def _build_details(self) -> pn.Row:
        self.details = DivisionDetails(self.model, self.lang)
        return self.details.layout()

    def __panel__(self) -> pn.Column:
        inputs = pn.Column(pn.Row(self.dividend, self.divisor), self.results, self.message,
                           width=560)
        network = pn.Column(self.diagram.figure, self.network_export,
                            sizing_mode="stretch_width")
        return pn.Column(self.explanation, pn.Row(inputs, network, sizing_mode="stretch_width"),
                         after_first_paint(self._build_details), sizing_mode="stretch_width",
                         css_classes=["nnlab-division"])


class DivisionDetails:
    """Lower half of the division tab: weight table with presets, training, error heatmap."""

    def __init__(self, model: DivisionViewModel, lang: i18n.Language) -> None:
        self.model = vm = model
        self.lang = lang
        big = {"stylesheets": theme.INPUT_STYLESHEETS}
        self.heatmap = ErrorHeatmap("")
        self.wide = pn.widgets.Checkbox(value=vm.wide_range, css_classes=["nnlab-wide"])
        self.wide.param.watch(lambda e: setattr(vm, "wide_range", e.new), "value")
        self.heatmap_legend = pn.pane.Markdown("")
        self.preset = pn.widgets.Select(css_classes=["nnlab-preset"], width=420, **big)
        self.preset.param.watch(lambda e: setattr(vm, "preset", e.new), "value")
        self.seed = pn.widgets.IntInput(value=vm.seed, start=0, end=2**31 - 1, width=160, **big)
        self.seed.param.watch(lambda e: setattr(vm, "seed", int(e.new or 0)), "value")
        self.weight_inputs = [
            pn.widgets.FloatInput(name=label, value=float(vm.weights[i]), width=200,
                                  css_classes=["nnlab-weight", f"nnlab-weight-{i}"], **big)
            for i, label in enumerate(WEIGHT_LABELS)]
        for i, widget in enumerate(self.weight_inputs):
            widget.param.watch(lambda e, i=i: self._weight_edited(i, e.new), "value")
        self.weights_title = pn.pane.Markdown("")
        self.training = DivisionTraining(vm, lang, self._trained)
        self.heatmap_export = export_buttons(self._draw_heatmap, "division-error-heatmap", lang)
        vm.param.watch(self._weights_changed, "weights")
        vm.param.watch(self._mark, "result")
        vm.param.watch(lambda _e: self._redraw_heatmap(), "wide_range")
        self._redraw_heatmap()
        lang.bind(self._relabel)

    def _relabel(self) -> None:
        t = self.lang.t
        self.preset.name = t("division.preset")
        self.preset.options = {t(f"division.preset.{p}"): p
                               for p in self.model.param.preset.objects}
        self.preset.value = self.model.preset
        self.seed.name = t("division.seed")
        self.weights_title.object = f"### {t('division.weights')}"
        self.wide.name = t("division.heatmap.wide")
        self.heatmap_legend.object = t("division.heatmap.legend")
        self.heatmap.set_labels(t("division.heatmap.title"), t("division.dividend"),
                                t("division.divisor"))
        self._mark()

    def _weight_edited(self, index: int, value: float | None) -> None:
        if not self.model.set_weight(index, value):
            self.weight_inputs[index].value = float(self.model.weights[index])

    def _weights_changed(self, _event: object = None) -> None:
        if not self.training.running:
            self._show_weights()
            self._redraw_heatmap()

    def _show_weights(self) -> None:
        """Fill the weight fields. Not while training: refreshing them every epoch would
        overwrite what a user is typing there (the network drawing shows the live weights)."""
        for widget, value in zip(self.weight_inputs, self.model.weights, strict=True):
            widget.value = float(value)

    def _trained(self, redraw_heatmap: bool) -> None:
        if not self.training.running:  # the run has ended
            self._show_weights()
        if redraw_heatmap:
            self._redraw_heatmap()

    def _mark(self, _event: object = None) -> None:
        forward = self.model.result.forward
        self.heatmap.mark(*(forward.x if forward is not None else (None, None)))

    def _redraw_heatmap(self) -> None:
        self.heatmap.update(*self.model.error_grid())

    def _draw_heatmap(self):
        t = self.lang.t
        forward = self.model.result.forward
        return draw_heatmap(*self.model.error_grid(), forward.x if forward else None,
                            t("division.heatmap.title"), t("division.dividend"),
                            t("division.divisor"))

    def _weight_grid(self) -> pn.Column:
        rows = [pn.Row(pn.pane.Markdown(f"**{group}**" if group else "", width=50),
                       *(self.weight_inputs[i] for i in indices))
                for group, indices in WEIGHT_GROUPS]
        return pn.Column(self.weights_title, pn.Row(self.preset, self.seed), *rows)

    def layout(self) -> pn.Row:
        heatmap = pn.Column(self.heatmap.figure, self.wide, self.heatmap_legend,
                            self.heatmap_export, sizing_mode="stretch_width")
        return pn.Row(pn.Column(self._weight_grid(), self.training, width=760), heatmap,
                      sizing_mode="stretch_width")
