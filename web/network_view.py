"""Network tab: a small net, its weights as coloured edges, and live training.

Training goes through :class:`web.trainer.Trainer`, whose ``run`` yields to the event loop after
every epoch, so the page stays responsive. Learning rate, batch size, optimizer and loss are
Trainer parameters: changing them keeps the weights and the epoch counter. A new data set or a
new architecture builds a new net (that is a reset). Loss curves grow with
``ColumnDataSource.stream``; the network picture only swaps its data.
"""

from __future__ import annotations

import math
from typing import Any

import panel as pn
import param

import pycore
from web import i18n, network_data
from web.bokeh_sync import bokeh_edit
from web.export import export_buttons
from web.fit_figure import FitFigure
from web.fmt import sig
from web.network_figure import NetworkFigure, get_weight, network_mpl, set_weight, weight_refs
from web.trainer import LOSSES, OPTIMIZERS, Trainer
from web.training_chart import LossChart, stopped_message

i18n.register({
    "net.title": ("Network and training", "Netz und Training"),
    "net.intro": (
        "Each line is a weight: the thicker, the larger |w|; blue is positive, orange negative "
        "(a circle's colour is its bias). Press Play and watch the weights change while the "
        "training loss (on the examples used for the updates) and the validation loss (on "
        "examples the net never trains on) fall. Click a line to edit that weight. "
        "“gradient ∂L/∂w” colours the lines by the gradient on all training examples instead "
        "(blue: the next step makes w smaller, orange: larger).",
        "Jede Linie ist ein Gewicht: je dicker, desto größer |w|; blau ist positiv, orange "
        "negativ (die Farbe eines Kreises ist sein Bias). Drücke Play und sieh zu, wie sich die "
        "Gewichte ändern, während der Trainings-Loss (auf den Beispielen für die Updates) und "
        "der Validierungs-Loss (auf Beispielen, die das Netz nie zum Lernen sieht) sinken. "
        "Klicke auf eine Linie, um dieses Gewicht zu ändern. „Gradient ∂L/∂w“ färbt die Linien "
        "stattdessen nach dem Gradienten auf allen Trainingsbeispielen (blau: der nächste "
        "Schritt verkleinert w, orange: vergrößert w)."),
    "net.data": ("Data set", "Datensatz"),
    "net.data.function": ("1-D function on [0, 1]", "1-D-Funktion auf [0, 1]"),
    "net.data.xor": ("XOR (2-D classification)", "XOR (2-D-Klassifikation)"),
    "net.data.circle": ("Circle (2-D classification)", "Kreis (2-D-Klassifikation)"),
    "net.data.division": ("Division x1 / x2 / 100", "Division x1 / x2 / 100"),
    "net.layers": ("Hidden layers", "Verdeckte Schichten"),
    "net.units": ("Neurons in layer {k}", "Neuronen in Schicht {k}"),
    "net.activation": ("Activation of layer {k}", "Aktivierung von Schicht {k}"),
    "net.lr": ("Learning rate", "Lernrate"),
    "net.batch": ("Batch size", "Batchgröße"),
    "net.optimizer": ("Optimizer", "Optimierer"),
    "net.loss": ("Loss", "Loss"),
    "net.play": ("▶ Play", "▶ Start"),
    "net.pause": ("❚❚ Pause", "❚❚ Pause"),
    "net.step": ("+1 epoch", "+1 Epoche"),
    "net.reset": ("Reset", "Zurücksetzen"),
    "net.show": ("Lines show", "Linien zeigen"),
    "net.show.weight": ("weight w", "Gewicht w"),
    "net.show.grad": ("gradient ∂L/∂w", "Gradient ∂L/∂w"),
    "net.weight": ("Weight", "Gewicht"),
    "net.value": ("Value", "Wert"),
    "net.epoch": ("Epoch {epoch}", "Epoche {epoch}"),
    "net.losses": ("training loss {loss} · validation loss {val}",
                   "Trainings-Loss {loss} · Validierungs-Loss {val}"),
    "net.fit.function": ("Net (green) and true function (dashed)",
                         "Netz (grün) und wahre Funktion (gestrichelt)"),
    "net.fit.xor": ("Net's probability of class 1 (blue > 0.5 > orange)",
                    "Wahrscheinlichkeit für Klasse 1 (blau > 0,5 > orange)"),
    "net.fit.division": ("Net's quotient vs. true quotient (diagonal = exact)",
                         "Netz-Quotient über wahrem Quotienten (Diagonale = exakt)"),
    "net.tip.lr": ("Step size: how far each update moves the weights along −gradient. Too "
                   "large and the loss explodes.",
                   "Schrittweite: wie weit jedes Update die Gewichte entlang −Gradient "
                   "verschiebt. Zu groß, und der Loss explodiert."),
    "net.tip.batch": ("Examples per update: the gradient is averaged over a mini-batch of this "
                      "size; one epoch = one pass over all training examples.",
                      "Beispiele pro Update: der Gradient wird über einen Mini-Batch dieser "
                      "Größe gemittelt; eine Epoche = ein Durchgang durch alle "
                      "Trainingsbeispiele."),
    "net.tip.optimizer": ("The update rule: sgd = plain gradient step; momentum, rmsprop, adam "
                          "and others remember past gradients. Changing it keeps the weights.",
                          "Die Update-Regel: sgd = einfacher Gradientenschritt; momentum, "
                          "rmsprop, adam und andere merken sich frühere Gradienten. Ein Wechsel "
                          "behält die Gewichte."),
    "net.tip.loss": ("What training minimises: mse = mean squared error, mae = mean absolute "
                     "error, cross-entropy for classes.",
                     "Was das Training minimiert: mse = mittlerer quadratischer Fehler, mae = "
                     "mittlerer absoluter Fehler, Kreuzentropie für Klassen."),
    "net.tip.weight": ("w[l]ij connects neuron i of layer l−1 to neuron j of layer l; b[l]j "
                       "is the bias of neuron j. Or click a line.",
                       "w[l]ij verbindet Neuron i von Schicht l−1 mit Neuron j von Schicht l; "
                       "b[l]j ist der Bias von Neuron j. Oder klicke eine Linie an."),
})

MAX_LAYERS = 4
LEARNING_RATES = [1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128]
HIDDEN_ACTIVATIONS = [n for n in pycore.activations.names() if n != "softmax"]


class NetworkView(pn.viewable.Viewer):
    """Architecture and data controls, the network picture, and training with loss curves."""

    data_set = param.Selector(default="function", objects=list(network_data.SETS))
    show_grad = param.Boolean(default=False)

    def __init__(self, lang: i18n.Language, seed: int = 0, **params: Any) -> None:
        super().__init__(**params)
        self.lang = lang
        self.seed = seed
        self.setup = network_data.make(self.data_set, seed)
        self._build_widgets()
        self.picture = NetworkFigure(self.pick)
        self.fit = FitFigure()
        self.loss_chart = LossChart()
        model = self._new_model()
        self.trainer = Trainer(model, self.setup.x_train, self.setup.y_train, self.setup.x_val,
                               self.setup.y_val, seed=seed, loss=self.setup.loss,
                               learning_rate=self.setup.learning_rate,
                               batch_size=self.setup.batch_size)
        for name in ("learning_rate", "batch_size", "optimizer", "loss"):
            widget = getattr(self, f"w_{name}")
            widget.param.watch(lambda e, name=name: setattr(self.trainer, name, e.new), "value")
        self.trainer.param.watch(self._show_running, "running")
        self._show_running()
        self._after_new_model()
        lang.bind(self._relabel)

    # --- widgets -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        s = self.setup
        self.w_data = pn.widgets.Select(value=self.data_set, options=list(network_data.SETS),
                                        css_classes=["nnlab-net-data"])
        self.w_layers = pn.widgets.IntSlider(start=0, end=MAX_LAYERS, value=len(s.hidden))
        self.w_units = [pn.widgets.IntSlider(start=1, end=8, value=4, width=260)
                        for _ in range(MAX_LAYERS)]
        self.w_acts = [pn.widgets.Select(options=HIDDEN_ACTIVATIONS, value="tanh", width=260)
                       for _ in range(MAX_LAYERS)]
        self.w_learning_rate = pn.widgets.Select(options=LEARNING_RATES, value=s.learning_rate,
                                                 width=170, css_classes=["nnlab-net-lr"])
        self.w_batch_size = pn.widgets.Select(options=BATCH_SIZES, value=s.batch_size, width=170)
        self.w_optimizer = pn.widgets.Select(options=list(OPTIMIZERS), value="adam", width=170)
        self.w_loss = pn.widgets.Select(options=list(LOSSES), value=s.loss, width=170)
        self.b_play = pn.widgets.Button(color="success", css_classes=["nnlab-net-play"])
        self.b_pause = pn.widgets.Button(css_classes=["nnlab-net-pause"])
        self.b_step = pn.widgets.Button(css_classes=["nnlab-net-step"])
        self.b_reset = pn.widgets.Button(css_classes=["nnlab-net-reset"])
        self.w_show = pn.widgets.RadioButtonGroup(options=["weight", "grad"], value="weight")
        self.w_weight = pn.widgets.Select(width=130, css_classes=["nnlab-net-weight"])
        self.w_value = pn.widgets.FloatInput(width=150, css_classes=["nnlab-net-weight-value"])
        self.epoch_text = pn.pane.Markdown(css_classes=["nnlab-net-epoch"],
                                           styles={"font-size": "1.4em"})
        self.loss_text = pn.pane.Markdown(css_classes=["nnlab-net-loss"],
                                          styles={"font-size": "1.2em"})
        self.stopped_text = pn.pane.Alert(alert_type="danger", visible=False,
                                          css_classes=["nnlab-net-stopped"])
        self.title = pn.pane.Markdown()
        self.intro = pn.pane.Markdown(sizing_mode="stretch_width", styles={"font-size": "1.1em"})
        self._fill_architecture(s)
        self.w_data.param.watch(lambda e: self.set_data_set(e.new), "value")
        for w in (self.w_layers, *self.w_units, *self.w_acts):
            w.param.watch(lambda _e: self.rebuild(), "value")
        self.b_play.on_click(self._play)
        self.b_pause.on_click(lambda _e: self.trainer.pause())
        self.b_step.on_click(lambda _e: self.train(1))
        self.b_reset.on_click(lambda _e: self.rebuild())
        self.w_show.param.watch(lambda e: self._set_show(e.new == "grad"), "value")
        self.w_weight.param.watch(lambda e: self._show_weight(e.new), "value")
        self.w_value.param.watch(lambda e: self.edit_weight(self.w_weight.value, e.new), "value")

    def _fill_architecture(self, s: network_data.Setup) -> None:
        """Put a data set's default architecture into the widgets without rebuilding each time."""
        self._quiet = True
        self.w_layers.value = len(s.hidden)
        for k, units in enumerate(s.hidden):
            self.w_units[k].value = units
            self.w_acts[k].value = s.hidden_activation
        self._quiet = False

    @bokeh_edit
    def _relabel(self) -> None:
        t = self.lang.t
        self.title.object = f"## {t('net.title')}"
        self.intro.object = t("net.intro")
        self.w_data.label = t("net.data")
        self.w_data.options = {t(f"net.data.{n}"): n for n in network_data.SETS}
        self.w_layers.label = t("net.layers")
        for k in range(MAX_LAYERS):
            self.w_units[k].label = t("net.units", k=k + 1)
            self.w_acts[k].label = t("net.activation", k=k + 1)
        for key, widget in (("lr", self.w_learning_rate), ("batch", self.w_batch_size),
                            ("optimizer", self.w_optimizer), ("loss", self.w_loss)):
            widget.label = t(f"net.{key}")
            widget.description = t(f"net.tip.{key}")
        for button, key in ((self.b_play, "play"), (self.b_pause, "pause"),
                            (self.b_step, "step"), (self.b_reset, "reset")):
            button.label = t(f"net.{key}")
        self.w_show.options = {t("net.show.weight"): "weight", t("net.show.grad"): "grad"}
        self.w_show.label = t("net.show")
        self.w_weight.label = t("net.weight")
        self.w_weight.description = t("net.tip.weight")
        self.w_value.label = t("net.value")
        self.loss_chart.relabel(self.lang)
        self._show_status()

    # --- model life cycle ----------------------------------------------------------------
    def _new_model(self) -> Any:
        hidden = [w.value for w in self.w_units[: self.w_layers.value]]
        acts = [w.value for w in self.w_acts[: self.w_layers.value]]
        return network_data.build_model(self.setup, hidden, acts, seed=self.seed)

    def set_data_set(self, name: str) -> None:
        """Switch data set: its default net and settings, training from scratch."""
        self.trainer.pause()
        self.data_set = name
        self.setup = network_data.make(name, self.seed)
        self._fill_architecture(self.setup)
        self.w_learning_rate.value = self.setup.learning_rate
        self.w_batch_size.value = self.setup.batch_size
        self.w_loss.value = self.setup.loss
        s = self.setup
        self.trainer.reset(self._new_model(), s.x_train, s.y_train, s.x_val, s.y_val)
        self._after_new_model()

    def rebuild(self) -> None:
        """A fresh net from the architecture widgets (seeded), epoch 0, empty curves."""
        if getattr(self, "_quiet", False):
            return
        self.trainer.pause()
        self.trainer.reset(self._new_model())
        self._after_new_model()

    @bokeh_edit
    def _after_new_model(self) -> None:
        for k in range(MAX_LAYERS):
            self.w_units[k].visible = self.w_acts[k].visible = k < self.w_layers.value
        self.loss_chart.clear()
        refs = weight_refs(self.trainer.model)
        self._refs = {r.name: r for r in refs}
        self.w_weight.options = list(self._refs)
        if self.w_weight.value not in self._refs:
            self.w_weight.value = next(iter(self._refs))
        self._show_weight(self.w_weight.value)
        self.redraw()

    # --- weights -------------------------------------------------------------------------
    def pick(self, name: str) -> None:
        """Select a weight for editing (what a click on its edge does)."""
        self.w_weight.value = name

    def _show_weight(self, name: str | None) -> None:
        if name in self._refs:
            self._quiet_value = True
            self.w_value.value = get_weight(self.trainer.model, self._refs[name])
            self._quiet_value = False

    def edit_weight(self, name: str | None, value: float | None) -> None:
        """Set one weight of the live model (training continues from the edited value)."""
        if getattr(self, "_quiet_value", False) or name not in self._refs or value is None:
            return
        set_weight(self.trainer.model, self._refs[name], float(value))
        self.redraw()

    def _set_show(self, grad: bool) -> None:
        self.show_grad = grad
        self.redraw()

    def gradients(self) -> list[Any]:
        """d loss / d weights on the whole training set (what one full-batch step would use)."""
        return self.trainer.model.gradients(self.setup.x_train, self.setup.y_train)

    @bokeh_edit
    def redraw(self) -> None:
        grads = self.gradients() if self.show_grad else None
        self.picture.update(self.trainer.model, grads, self.show_grad)
        self.fit.update(self.setup, self.trainer.model)
        self._show_status()

    # --- training ------------------------------------------------------------------------
    def train(self, epochs: int) -> dict[str, float]:
        """Train synchronously (the step button and tests); the live loop uses ``_play``."""
        logs = {}
        for _ in range(epochs):
            logs = self.trainer.step(1)
            self._on_epoch(logs)
            if self.trainer.stopped is not None:
                break
        return logs

    async def _play(self, _event: Any = None) -> None:
        if self.trainer.running:
            return
        await self.trainer.run(self._on_epoch)
        if not self.trainer.running:  # else a newer run (Play right after Pause) took over
            self._show_weight(self.w_weight.value)
            self._show_status()

    @bokeh_edit
    def _on_epoch(self, logs: dict[str, float]) -> None:
        """Draw one finished epoch; called by the Trainer, also from inside its async ``run``
        loop, where only ``bokeh_edit`` makes Bokeh model changes reach the browser.

        While training runs, the weight field is left alone: refreshing it every epoch would
        overwrite what a user is typing there (the picture shows the live weights)."""
        if "loss" in logs:
            self.loss_chart.append(self.trainer.epoch, logs["loss"],
                                   logs.get("val_loss", math.nan))
        if not self.trainer.running:
            self._show_weight(self.w_weight.value)
        self.redraw()

    def _show_running(self, _event: Any = None) -> None:
        """Play is greyed out while training runs and Pause while it does not: the state at a
        glance (and the browser tests' sign that a click has reached Python)."""
        self.b_play.disabled = self.trainer.running
        self.b_pause.disabled = not self.trainer.running

    def _show_status(self) -> None:
        t = self.lang.t
        history = self.trainer.history
        last = {k: (v[-1] if v else float("nan")) for k, v in history.items()}
        self.epoch_text.object = t("net.epoch", epoch=self.trainer.epoch)
        self.loss_text.object = t("net.losses", loss=sig(last.get("loss", float("nan"))),
                                  val=sig(last.get("val_loss", float("nan"))))
        stopped = self.trainer.stopped
        self.stopped_text.visible = stopped is not None
        if stopped is not None:
            self.stopped_text.object = stopped_message(stopped, self.lang)
        fit_key = "xor" if self.data_set in ("xor", "circle") else self.data_set
        self.fit.figure.title.text = t(f"net.fit.{fit_key}")


    # --- export and layout ---------------------------------------------------------------
    def figure(self) -> Any:
        grads = self.gradients() if self.show_grad else None
        return network_mpl(self.trainer.model, grads, self.show_grad, self.lang.t("net.title"))

    def __panel__(self) -> pn.viewable.Viewable:
        layers = [w for pair in zip(self.w_units, self.w_acts, strict=True) for w in pair]
        architecture = pn.Column(self.w_data, self.w_layers, *layers,
                                 export_buttons(self.figure, "network", self.lang), width=300)
        training = pn.Column(self.w_learning_rate, self.w_batch_size, self.w_optimizer,
                             self.w_loss, width=190)
        buttons = pn.Row(self.b_play, self.b_pause, self.b_step, self.b_reset)
        editor = pn.Row(self.w_show, self.w_weight, self.w_value, align="end",
                        styles={"flex-wrap": "wrap"})
        picture = pn.Column(buttons, pn.Row(self.epoch_text, self.loss_text), self.stopped_text,
                            editor,
                            pn.pane.Bokeh(self.picture.figure, sizing_mode="stretch_width"),
                            pn.Row(pn.pane.Bokeh(self.loss_chart.figure,
                                                 sizing_mode="stretch_width"),
                                   pn.pane.Bokeh(self.fit.figure), sizing_mode="stretch_width"),
                            sizing_mode="stretch_width")
        return pn.Column(self.title, self.intro, pn.Row(architecture, training, picture,
                                                        sizing_mode="stretch_width"),
                         sizing_mode="stretch_width")
