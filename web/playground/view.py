"""The playground tab: data on the left, the net in the middle, its output on the right.

Everything a lecture needs at once fits one 1280 x 800 screen (issue 12): the play controls
on top, the output plot (the tab's main picture, ``nnlab-main-figure``) and the network
drawing side by side, the loss chart under the output (TF Playground too keeps its loss
curve by its output, not below the page); code, model summary and help lie below. State
lives in the :class:`PlaygroundViewModel` (settings), its :class:`Trainer` (training
settings) and its :class:`LiveModel` (weights); this module only lays out widgets made from
their params.

Links: the page address's hash is read when the tab opens and whenever it changes
(:mod:`web.playground.links`); "Share" writes the experiment into the address bar (without a
reload; the static site's ``share.js`` then copies the address). The hash is not rewritten on
every change, so typing in a field never makes the browser's history jump. A share is done in
Python (:func:`web.ui.links.share`), not by a script of the button: the site's Content Security
Policy allows no ``eval``, which BokehJS's ``CustomJS`` needs.
"""

from __future__ import annotations

import html

import panel as pn
import param

from web.playground import code
from web.playground.choices import FRAME_SECONDS, UPDATE_SECONDS
from web.playground.data_controls import DataControls
from web.playground.layer_controls import LayerControls
from web.playground.links import apply_link, write_link
from web.playground.numbers import Numbers
from web.playground.pictures import Pictures
from web.playground.viewmodel import PlaygroundViewModel
from web.ui import axes, i18n, theme
from web.ui.display import Display
from web.ui.export import export_buttons
from web.ui.fields import NumberField
from web.ui.links import follow_hash, format_hash, parse_hash
from web.ui.links import share as share_link
from web.ui.model_files import ModelFile
from web.ui.network_figure import network_mpl
from web.ui.pacing import BetweenEpochs
from web.ui.training_controls import TrainingControls
from web.ui.weight_fields import WeightEditor
from web.ui.widgets import from_param

OUTPUT_PX = 300  # as TensorFlow Playground's; leaves the net room on a 1024 px screen
CHART_SECONDS = 2.0  # the loss chart follows a running net every 2 s
CHART_PX, CHART_EPOCH_TICKS = 260, 3  # under the output: whole on a 1920 x 1080 screen
TRAINER_SETTINGS = ("optimizer", "learning_rate", "momentum", "nesterov", "loss", "batch_size")


def notices_html(notices: list, code: str) -> str:
    """The view-model's messages in the current language, one per line."""
    if not notices:
        return ""
    lines = "<br>".join(html.escape(i18n.text(key, code, **fields)) for key, fields in notices)
    return f'<span class="nnlab-message nnlab-warning">{lines}</span>'


def settings_styles(projector: bool) -> dict[str, str]:
    """The settings row's place: above the data, net and output, or (projector) below them."""
    return {"flex-wrap": "wrap", **({"order": "1"} if projector else {})}


class PlaygroundView(pn.viewable.Viewer):
    """The playground tab; ``vm`` is its view-model (shared with the header's save/load)."""

    link = param.String(default="", doc="The experiment as a hash (#key=value&...).")

    def __init__(self, display: Display, vm: PlaygroundViewModel | None = None) -> None:
        super().__init__()
        self.display = display
        self.vm = vm = vm or PlaygroundViewModel()
        self.editor = WeightEditor(vm.live, display, "pg")
        self.pictures = Pictures(vm, display, on_pick=self.pick, output_px=OUTPUT_PX)
        self.training = TrainingControls(vm.trainer, display, "pg", on_reset=vm.reset_weights,
                                         chart_height=CHART_PX, test=True, accuracy=True,
                                         stream_seconds=CHART_SECONDS)
        # The chart lies under the output, one narrow column: few epoch labels (projector
        # mode's large ones would overlap).
        axes.set_tick_count(self.training.chart.figure.xaxis[0], CHART_EPOCH_TICKS)
        if UPDATE_SECONDS > FRAME_SECONDS:  # Pyodide: long updates, pictures drawn within
            vm.trainer.callbacks += [BetweenEpochs(self.pictures.draw_output, FRAME_SECONDS),
                                     self.training.chart.streamer(CHART_SECONDS)]
        self.data_controls = DataControls(vm, display)
        self.numbers = Numbers(vm, display)
        self.layer_controls = LayerControls(vm, display)
        self._write_link()
        vm.param.watch(self._write_link, ["settings_revision", "show_test", "discretize",
                                          "color_by"])
        vm.trainer.param.watch(self._write_link, list(TRAINER_SETTINGS))
        follow_hash(self.open_link)

    # --- actions -------------------------------------------------------------------------
    def pick(self, label: str) -> None:
        """A click on an edge of the drawing chooses that weight in the editor."""
        self.editor.label = label

    def open_link(self, values: dict[str, str]) -> None:
        """The experiment of a link (``#dataset=xor&...``, TF Playground's or ours); the link
        of the experiment already shown (a share's own address) changes nothing."""
        if set(values) - {"tab", "projector"} and values != parse_hash(self.link):
            apply_link(self.vm, values)

    def share(self) -> None:
        """Put the experiment into the page's address."""
        share_link(write_link(self.vm))

    def _write_link(self, *_events: object) -> None:
        self.link = format_hash(write_link(self.vm))


    def model_file(self) -> ModelFile:
        return self.vm.model_file()

    # --- layout --------------------------------------------------------------------------
    def _settings(self) -> pn.Row:
        t, p = self.display.text, self.vm.param
        regularization = from_param(
            pn.widgets.Select, p.regularization, t("pg.regularization"), **theme.em_width(150),
            options=self.display.options({f"pg.regularization.{n}": n
                                          for n in p.regularization.objects}),
            css_classes=["nnlab-pg-regularization"], stylesheets=theme.INPUT_STYLESHEETS)
        rate = NumberField(self.vm, "regularization_rate", t("pg.regularization_rate"),
                           self.display, width=theme.em(200),
                           css_class="nnlab-pg-regularization-rate")
        initializer = from_param(pn.widgets.Select, p.initializer, t("pg.initializer"),
                                 **theme.em_width(220), css_classes=["nnlab-pg-initializer"],
                                 stylesheets=theme.INPUT_STYLESHEETS)
        return pn.Row(regularization, rate, initializer, styles={"flex-wrap": "wrap"})

    def _share(self) -> pn.Row:
        field = pn.widgets.TextInput(value=self.param.link, disabled=True, width=120,
                                     css_classes=["nnlab-pg-link"], align="end")
        button = pn.widgets.Button(label=self.display.text("pg.share"), width=130,
                                   css_classes=["nnlab-pg-share", "nnlab-share"], align="end")
        button.on_click(lambda _event: self.share())
        return pn.Row(button, field, align="end")

    def _output(self) -> pn.Column:
        t, p = self.display.text, self.vm.param
        options = pn.Column(
            from_param(pn.widgets.Checkbox, p.show_test, t("pg.show_test"),
                       css_classes=["nnlab-pg-show-test"], margin=(2, 10)),
            from_param(pn.widgets.Checkbox, p.discretize, t("pg.discretize"),
                       css_classes=["nnlab-pg-discretize"], margin=(2, 10)))
        notices = pn.pane.HTML(pn.bind(notices_html, self.vm.param.notices,
                                       self.display.param.code),
                               css_classes=["nnlab-pg-notice"], sizing_mode="stretch_width",
                               stylesheets=theme.STYLESHEETS)
        caption = pn.pane.HTML(pn.bind(lambda _r, code: self.pictures.caption(code),
                                       p.data_revision, self.display.param.code),
                               styles={"font-size": "0.85em", "color": "#444"}, margin=(0, 10))
        return pn.Column(self.pictures.output, caption, options, self.training.status,
                         notices, pn.Column(self.training.chart, css_classes=["nnlab-pg-chart"],
                                            sizing_mode="stretch_width", margin=0),
                         width=OUTPUT_PX + 20, margin=(0, 4))

    def _network(self) -> pn.Column:
        t = self.display.text
        color_by = from_param(
            pn.widgets.RadioButtonGroup, self.vm.param.color_by, "",
            options=self.display.options({"pg.color_by.weight": "weight",
                                          "pg.color_by.grad": "grad"}),
            css_classes=["nnlab-pg-color-by"], align="end")
        export = export_buttons(lambda: network_mpl(self.pictures.drawing(),
                                                    self.display.t("pg.model")),
                                "playground-network", self.display)
        return pn.Column(self.layer_controls.above, self.pictures.network,
                         self.layer_controls.below,
                         pn.Row(pn.pane.HTML(t("pg.color_by"), align="end"), color_by,
                                self.editor, styles={"flex-wrap": "wrap"}),
                         self._settings(), export, sizing_mode="stretch_width", margin=0)

    def _code(self) -> pn.Card:
        vm = self.vm

        def pre(make) -> pn.pane.HTML:
            text = pn.bind(lambda *_: f"<pre>{html.escape(make(vm))}</pre>",
                           vm.param.settings_revision, *(vm.trainer.param[name]
                                                         for name in TRAINER_SETTINGS))
            return pn.pane.HTML(text, sizing_mode="stretch_width",
                                styles={"font-size": "0.84em"})

        return pn.Card(pn.Tabs(("pycore", pre(code.pycore_code)),
                               ("Keras", pre(code.keras_code)),
                               (self.display.t("pg.summary"), pre(code.summary)),
                               dynamic=True),
                       title=self.display.t("pg.code"), collapsed=True,
                       sizing_mode="stretch_width", css_classes=["nnlab-pg-code"])

    def __panel__(self) -> pn.Column:
        t = self.display.text
        # In projector mode the training settings (two rows of large type at 1024 px) go
        # below the data, the net and the output: Play and the picture stay on one screen.
        settings = pn.Row(self.training.settings, self._share(), sizing_mode="stretch_width",
                          styles=pn.bind(settings_styles, self.display.param.projector))
        main = pn.Row(self.data_controls, self._network(), self._output(),
                      sizing_mode="stretch_width")
        t_ = self.training
        buttons = pn.Row(t_.play, t_.step, t_.reset, self.numbers,
                         styles={"flex-wrap": "wrap"}, sizing_mode="stretch_width")
        top = pn.Column(buttons, settings, main, sizing_mode="stretch_width", margin=0)
        return pn.Column(top, pn.pane.Markdown(t("pg.help"), sizing_mode="stretch_width"),
                         self._code(), sizing_mode="stretch_width",
                         css_classes=["nnlab-playground"])
