"""The deep-nets tab: a signal probe for activations and gradients, layer by layer.

Left: presets (one click each), A's settings, comparison and training. Right, on top (the main
picture, inside the first screen at 1280 × 800): ridgelines of A's activations and gradients
over depth — or, while B is kept for comparison, A's and B's activations side by side with
their gradients in a second row. Below: the status, the preset's explanation (every number
computed), mean and std against depth, gradient std (log), dead units, and the slope f'(z) over
the histogram of one layer's sums z. All state is in :class:`DeepNetsViewModel`; the pictures
follow its `revision` (and the language, which writes their numbers).
"""

from __future__ import annotations

from typing import Any

import panel as pn
import param

from web.deepnets.export import FIGURES, make_figure
from web.deepnets.figures import DeadFigure, DepthLines, RidgeFigure
from web.deepnets.model import DeepNetsViewModel
from web.deepnets.presets import HOMEWORK, PRESETS, explanation
from web.deepnets.ridgeline import ridges, value_range
from web.deepnets.slope import SlopeFigure, slope_data
from web.deepnets.status import status_html, zero_gradient_notice
from web.ui import theme
from web.ui.bokeh_sync import bokeh_edit, held
from web.ui.display import Display
from web.ui.export import export_buttons
from web.ui.fields import NumberField
from web.ui.model_files import ModelFile
from web.ui.widgets import from_param

MAIN_HEIGHT = 430
CONTROLS_WIDTH = 350
SMALL_HEIGHT = 270
HOMEWORK_LABELS = {"tanh": "tanh", "relu": "ReLU", "elu": "ELU", "selu": "SELU"}
ACTIVATION, GRADIENT = "deep.kind.activation", "deep.kind.gradient"


class DeepNetsView(pn.viewable.Viewer):
    """The tab; `vm` holds the state, `export_figure` which picture the export buttons draw."""

    export_figure = param.Selector(default="activations", objects=list(FIGURES))

    def __init__(self, display: Display, vm: DeepNetsViewModel | None = None,
                 **params: Any) -> None:
        super().__init__(**params)
        self.display = display
        self.vm = vm or DeepNetsViewModel()
        self.ridges = {"top_left": RidgeFigure(display, MAIN_HEIGHT),
                       "top_right": RidgeFigure(display, MAIN_HEIGHT, what=GRADIENT),
                       "bottom_left": RidgeFigure(display, MAIN_HEIGHT, what=GRADIENT),
                       "bottom_right": RidgeFigure(display, MAIN_HEIGHT, side="B",
                                                   what=GRADIENT)}
        self.spread = DepthLines(display, "deep.spread.title",
                                 ("activation_mean", "activation_std"), height=SMALL_HEIGHT)
        self.gradients = DepthLines(display, "deep.gradients.title",
                                    ("gradient_std", "weight_gradient_norm"), log=True,
                                    height=SMALL_HEIGHT)
        self.dead = DeadFigure(display, height=SMALL_HEIGHT)
        self.slope = SlopeFigure(display, height=SMALL_HEIGHT)
        self._draw()
        self.vm.param.watch(self._draw, "revision")
        self.vm.param.watch(self._draw_slope, "layer")
        display.param.watch(self._draw, "code")

    # --- pictures ------------------------------------------------------------------------
    def results(self) -> tuple[Any, Any]:
        b = self.vm.b
        return self.vm.a.result, None if b is None else b.result

    @bokeh_edit
    def _draw(self, *_events: object) -> None:
        with held(self.spread.figure):
            self._draw_all()

    def _draw_all(self) -> None:
        a, b = self.results()
        code = self.display.code
        shown = [r for r in (a, b) if r is not None]
        act, grad = value_range(shown, "activation"), value_range(shown, "gradient")
        figures = self.ridges
        figures["top_left"].show(ridges(a, "activation", act), code)
        if b is None:
            figures["top_right"].param.update(side="A", what=GRADIENT)
            figures["top_right"].show(ridges(a, "gradient", grad), code)
        else:
            figures["top_right"].param.update(side="B", what=ACTIVATION)
            figures["top_right"].show(ridges(b, "activation", act), code)
            figures["bottom_left"].show(ridges(a, "gradient", grad), code)
            figures["bottom_right"].show(ridges(b, "gradient", grad), code)
        self.spread.show(a, b, code)
        sides = [("A", a)] + ([("B", b)] if b is not None else [])
        self.gradients.show(a, b, code, notice=zero_gradient_notice(sides, code))
        self.dead.show(a, b, code)
        self._draw_slope()

    @bokeh_edit
    def _draw_slope(self, *_events: object) -> None:
        a, b = self.results()
        data = slope_data(a, b, self.vm.layer)
        with held(self.slope.figure):
            self.slope.show(data, self.vm.layer, self.display.code)

    def export_mpl(self):
        a, b = self.results()
        return make_figure(self.export_figure, a, b, self.vm.layer, self.display.code)

    def model_file(self) -> ModelFile:
        return self.vm.model_file()

    # --- layout --------------------------------------------------------------------------
    def _preset_button(self, name: str, label: Any) -> pn.widgets.Button:
        button = pn.widgets.Button(label=label, css_classes=[f"nnlab-deep-preset-{name}"],
                                   sizing_mode="stretch_width")
        button.on_click(lambda _event: self.vm.apply_preset(name))
        return button

    def _presets(self) -> pn.Column:
        t = self.display.text
        homework = [self._preset_button(f"homework_{a}", HOMEWORK_LABELS[a]) for a in HOMEWORK]
        others = [self._preset_button(name, t(f"deep.preset.{name}")) for name in PRESETS
                  if not name.startswith("homework_")]
        return pn.Column(pn.pane.Markdown(t("deep.presets"), margin=(0, 10)),
                         pn.pane.Markdown(t("deep.homework"), margin=(0, 10)),
                         pn.Row(*homework, sizing_mode="stretch_width"), *others,
                         sizing_mode="stretch_width")

    def _settings(self) -> pn.Column:
        t, display, s = self.display.text, self.display, self.vm.a.settings
        number = {"display": display, "width": 150}
        select = {"stylesheets": theme.INPUT_STYLESHEETS, "sizing_mode": "stretch_width"}
        sigma = NumberField(s, "sigma", t("deep.sigma"), css_class="nnlab-deep-sigma", **number)
        return pn.Column(
            pn.Row(NumberField(s, "depth", t("deep.depth"), css_class="nnlab-deep-depth",
                               **number),
                   NumberField(s, "width", t("deep.width"), css_class="nnlab-deep-width",
                               **number)),
            from_param(pn.widgets.Select, s.param.activation, t("deep.activation"),
                       css_classes=["nnlab-deep-activation"], **select),
            from_param(pn.widgets.Select, s.param.initializer, t("deep.initializer"),
                       css_classes=["nnlab-deep-initializer"], **select),
            pn.Column(sigma, visible=pn.bind(lambda name: name == "random_normal",
                                             s.param.initializer), margin=0),
            from_param(pn.widgets.Checkbox, s.param.batch_norm, t("deep.batch_norm"),
                       css_classes=["nnlab-deep-bn"]),
            from_param(pn.widgets.Select, s.param.inputs, t("deep.inputs"),
                       options=display.options({f"deep.inputs.{k}": k
                                                for k in s.param.inputs.objects}),
                       css_classes=["nnlab-deep-inputs"], **select),
            pn.Row(NumberField(s, "samples", t("deep.samples"), css_class="nnlab-deep-samples",
                               **number),
                   NumberField(s, "seed", t("deep.seed"), css_class="nnlab-deep-seed",
                               **number)),
            sizing_mode="stretch_width")

    def _actions(self) -> pn.Column:
        t, vm = self.display.text, self.vm
        pin = pn.widgets.Button(label=t("deep.pin"), css_classes=["nnlab-deep-pin"],
                                sizing_mode="stretch_width")
        pin.on_click(lambda _event: vm.keep_as_b())
        unpin = pn.widgets.Button(label=t("deep.unpin"), css_classes=["nnlab-deep-unpin"],
                                  sizing_mode="stretch_width",
                                  visible=pn.bind(lambda b: b is not None, vm.param.b))
        unpin.on_click(lambda _event: vm.end_comparison())
        train = pn.widgets.Button(label=t("deep.train", n=vm.param.train_epochs),
                                  color="primary", css_classes=["nnlab-deep-train"],
                                  disabled=pn.bind(lambda p: p is not None, vm.param.progress),
                                  sizing_mode="stretch_width")

        async def run(_event: object) -> None:
            await vm.train_in_steps()

        train.on_click(run)
        epochs = NumberField(vm, "train_epochs", t("deep.train_epochs"), self.display,
                             css_class="nnlab-deep-epochs", width=150)
        return pn.Column(pin, unpin, epochs, train, sizing_mode="stretch_width")

    def _pictures(self) -> pn.Column:
        t, vm, code = self.display.text, self.vm, self.display.param.code

        def pane(figure: Any) -> pn.pane.Bokeh:
            return pn.pane.Bokeh(figure, sizing_mode="stretch_width")

        r = self.ridges
        main = pn.Row(pane(r["top_left"].figure), pane(r["top_right"].figure),
                      sizing_mode="stretch_width",
                      css_classes=["nnlab-main-figure", "nnlab-deep-ridges"])
        compared = pn.Row(pane(r["bottom_left"].figure), pane(r["bottom_right"].figure),
                          sizing_mode="stretch_width", css_classes=["nnlab-deep-ridges-b"],
                          visible=pn.bind(lambda b: b is not None, vm.param.b))
        status = pn.pane.HTML(pn.bind(lambda *_: status_html(vm, self.display.code),
                                      vm.param.revision, vm.param.message, vm.param.progress,
                                      code),
                              css_classes=["nnlab-deep-status"], stylesheets=theme.STYLESHEETS,
                              sizing_mode="stretch_width")
        explain = pn.pane.Markdown(pn.bind(lambda _rev, preset, language: explanation(
            preset, *self.results(), language), vm.param.revision, vm.param.preset, code),
            css_classes=["nnlab-deep-explain"], sizing_mode="stretch_width",
            styles={"font-size": "1.1em"})
        layer = from_param(pn.widgets.IntSlider, vm.param.layer, t("deep.layer"),
                           css_classes=["nnlab-deep-layer"], sizing_mode="stretch_width")
        export = pn.Row(from_param(pn.widgets.Select, self.param.export_figure, t("deep.export"),
                                   options=self.display.options({f"deep.figure.{name}": name
                                                                 for name in FIGURES}),
                                   css_classes=["nnlab-deep-export-figure"], width=300,
                                   stylesheets=theme.INPUT_STYLESHEETS),
                        export_buttons(self.export_mpl, "deep-nets", self.display))
        small = [pane(self.spread.figure), pane(self.gradients.figure), pane(self.dead.figure),
                 pn.Column(pane(self.slope.figure), layer, sizing_mode="stretch_width")]
        lower = pn.panel(pn.bind(_two_by_two, small, self.display.param.projector),
                         sizing_mode="stretch_width")
        return pn.Column(main, status, explain, compared, lower, export,
                         pn.pane.Markdown(t("deep.intro"), sizing_mode="stretch_width"),
                         sizing_mode="stretch_width")

    def __panel__(self) -> pn.Row:
        # Projector mode enlarges every text by PROJECTOR_SCALE: the controls get wider too,
        # so that no button label is cut off.
        width = pn.bind(lambda projector: CONTROLS_WIDTH + (120 if projector else 0),
                        self.display.param.projector)
        controls = pn.Column(self._presets(), self._settings(), self._actions(), width=width)
        return pn.Row(controls, self._pictures(), sizing_mode="stretch_width",
                      css_classes=["nnlab-deepnets"])


def _two_by_two(parts: list[Any], projector: bool) -> pn.Column:
    """Four small pictures in two rows, or one below the other in projector mode (where the
    larger type needs the width)."""
    if projector:
        return pn.Column(*parts, sizing_mode="stretch_width")
    return pn.Column(pn.Row(*parts[:2], sizing_mode="stretch_width"),
                     pn.Row(*parts[2:], sizing_mode="stretch_width"), sizing_mode="stretch_width")
