"""The controls of every panel that trains, made from the :class:`Trainer`'s params.

Optimizer (with momentum and Nesterov for SGD), loss, learning rate, batch size, epochs per
update, Play/Pause, +1 epoch, Reset, the epoch counter, the last losses, a status line and the
loss chart. Each widget is made from the trainer param it sets, so the trainer is the only
state; a panel lays the pieces out as it likes (``settings``, ``buttons``, ``status``,
``chart``) or shows the whole component. CSS classes for tests are ``nnlab-<prefix>-<role>``.
``test=True`` names the held-out rows "test" (label and hook ``test-loss``) instead of
"validation" (``val-loss``); ``accuracy=True`` adds the accuracy axis to the chart.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import panel as pn

from pycore.callbacks import StopReason, TrainingStopped
from web.ui import i18n, theme
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.loss_chart import LossChart
from web.ui.trainer import Trainer
from web.ui.widgets import from_param

i18n.register({
    "train.optimizer": ("Optimizer", "Optimierer"),
    "train.loss": ("Loss", "Loss"),
    "train.lr": ("Learning rate", "Lernrate"),
    "train.momentum": ("Momentum", "Momentum"),
    "train.nesterov": ("Nesterov", "Nesterov"),
    "train.batch": ("Batch size", "Batchgröße"),
    "train.per_update": ("Epochs per update", "Epochen pro Update"),
    "train.play": ("▶ Play", "▶ Start"),
    "train.pause": ("❚❚ Pause", "❚❚ Pause"),  # ⏸ (U+23F8) is missing from common fonts
    "train.step": ("+1 epoch", "+1 Epoche"),
    "train.reset": ("↺ Reset", "↺ Zurücksetzen"),
    "train.epoch": ("Epoch", "Epoche"),
    "train.train_loss": ("Training loss", "Trainings-Loss"),
    "train.val_loss": ("Validation loss", "Validierungs-Loss"),
    "train.test_loss": ("Test loss", "Test-Loss"),
    "train.tip.lr": ("Step size: how far each update moves the weights along −gradient. Too "
                     "large and the loss explodes.",
                     "Schrittweite: wie weit jedes Update die Gewichte entlang −Gradient "
                     "verschiebt. Zu groß, und der Loss explodiert."),
    "train.tip.batch": ("Examples per update: the gradient is averaged over a mini-batch of "
                        "this size; one epoch = one pass over all training examples.",
                        "Beispiele pro Update: der Gradient wird über einen Mini-Batch dieser "
                        "Größe gemittelt; eine Epoche = ein Durchgang durch alle "
                        "Trainingsbeispiele."),
    "train.tip.optimizer": ("The update rule: sgd = plain gradient step (with momentum: it "
                            "remembers past steps); rmsprop, adam and the others scale each "
                            "step by past gradients. Changing it keeps the weights.",
                            "Die Update-Regel: sgd = einfacher Gradientenschritt (mit Momentum: "
                            "er merkt sich frühere Schritte); rmsprop, adam und die anderen "
                            "skalieren jeden Schritt mit früheren Gradienten. Ein Wechsel behält "
                            "die Gewichte."),
    "train.tip.loss": ("What training minimises: mse = mean squared error, mae = mean absolute "
                       "error, cross-entropy for classes.",
                       "Was das Training minimiert: mse = mittlerer quadratischer Fehler, mae = "
                       "mittlerer absoluter Fehler, Kreuzentropie für Klassen."),
    "train.stopped": ("Training stopped in epoch {epoch}, batch {batch}: {why} The weights from "
                      "before that step were kept.",
                      "Training gestoppt in Epoche {epoch}, Batch {batch}: {why} Die Gewichte "
                      "von vor diesem Schritt bleiben erhalten."),
    "train.stopped.loss": ("the loss overflowed to infinity or NaN in the forward pass (the "
                           "run diverged). Try a smaller learning rate.",
                           "Der Loss ist im Vorwärtsdurchlauf auf unendlich oder NaN "
                           "übergelaufen (das Training ist divergiert). Versuche eine kleinere "
                           "Lernrate."),
    "train.stopped.gradients": ("a gradient overflowed to infinity or NaN in the backward pass, "
                                "so the update was not applied. Try a smaller learning rate.",
                                "Ein Gradient ist bei der Backpropagation auf unendlich oder "
                                "NaN übergelaufen; das Update wurde nicht ausgeführt. Versuche "
                                "eine kleinere Lernrate."),
    "train.stopped.weights": ("the update itself made a weight infinite or NaN (the run "
                              "diverged). Try a smaller learning rate.",
                              "Das Update selbst hat ein Gewicht unendlich oder NaN gemacht "
                              "(das Training ist divergiert). Versuche eine kleinere Lernrate."),
    "train.problem.no_data": ("There are no training examples: add some first.",
                              "Es gibt keine Trainingsbeispiele: bitte zuerst welche "
                              "hinzufügen."),
    "train.problem.categorical_one_output": (
        "Categorical cross-entropy needs one output neuron per class (and softmax); this net "
        "has one output, so its loss is always 0 and nothing would train. Choose another loss.",
        "Kategoriale Kreuzentropie braucht ein Ausgabeneuron pro Klasse (und Softmax); dieses "
        "Netz hat eine Ausgabe, der Loss ist also immer 0 und nichts würde trainiert. Bitte "
        "eine andere Loss-Funktion wählen."),
    "train.problem.binary_targets": (
        "Binary cross-entropy needs targets between 0 and 1 (class labels); these targets lie "
        "outside. Choose a regression loss such as mse.",
        "Binäre Kreuzentropie braucht Zielwerte zwischen 0 und 1 (Klassen); diese Zielwerte "
        "liegen außerhalb. Bitte eine Loss-Funktion für Regression wie mse wählen."),
    "train.problem.positive_targets": (
        "This loss takes logarithms of the targets, so every target must be positive.",
        "Diese Loss-Funktion logarithmiert die Zielwerte; alle müssen positiv sein."),
    "train.saturated": (
        "The output is the same for every example: the output neuron is saturated (stuck in a "
        "flat part of its activation, where its gradient is almost 0). Reset, or try a smaller "
        "learning rate.",
        "Die Ausgabe ist für jedes Beispiel gleich: das Ausgabeneuron ist gesättigt (es hängt "
        "in einem flachen Teil seiner Aktivierung, wo der Gradient fast 0 ist). Zurücksetzen "
        "oder eine kleinere Lernrate versuchen."),
})

STOP_KEYS = {StopReason.NON_FINITE_LOSS: "train.stopped.loss",
             StopReason.NON_FINITE_GRADIENTS: "train.stopped.gradients",
             StopReason.NON_FINITE_WEIGHTS: "train.stopped.weights"}


def stopped_text(stopped: TrainingStopped, code: str) -> str:
    """pycore's stop event in the UI language, with the explanation of its reason."""
    why = i18n.text(STOP_KEYS[stopped.reason], code)
    return i18n.text("train.stopped", code, epoch=stopped.epoch + 1, batch=stopped.batch + 1,
                     why=why)


def status_html(problem: str | None, stopped: TrainingStopped | None, saturated: bool,
                code: str) -> str:
    """The one status line: a configuration problem, a stop, or saturation (or nothing)."""
    if problem is not None:
        text, level = i18n.text(problem, code), "nnlab-error"
    elif stopped is not None:
        text, level = stopped_text(stopped, code), "nnlab-warning"
    elif saturated:
        text, level = i18n.text("train.saturated", code), "nnlab-warning"
    else:
        return ""
    return f'<span class="nnlab-train-message {level}">{html.escape(text)}</span>'


def button_size(px: int) -> dict[str, str]:
    """At least ``px`` wide in normal mode (Play and Pause keep one width), wider with projector
    mode's type, and never narrower than the label."""
    return {"min-width": theme.em(px)}


class TrainingControls(pn.viewable.Viewer):
    """Widgets and chart over one trainer; ``on_reset`` replaces the default reset."""

    def __init__(self, trainer: Trainer, display: Display, prefix: str,
                 on_reset: Callable[[], None] | None = None, baseline: bool = False,
                 chart_height: int = 260, test: bool = False, accuracy: bool = False,
                 stream_seconds: float = 0.0) -> None:
        super().__init__()
        self.trainer, self.display, self.test = trainer, display, test
        t = display.text
        hook = self.hook = lambda role: f"nnlab-{prefix}-{role}"
        small = {"width": 170, "stylesheets": theme.INPUT_STYLESHEETS}
        p = trainer.param
        is_sgd = pn.bind(lambda name: name == "sgd", p.optimizer)
        self.optimizer = from_param(
            pn.widgets.Select, p.optimizer, t("train.optimizer"),
            description=t("train.tip.optimizer"),
            css_classes=[hook("optimizer")], **small)
        self.loss = from_param(
            pn.widgets.Select, p.loss, t("train.loss"), description=t("train.tip.loss"),
            css_classes=[hook("loss")], **{**small, "width": 240})  # binary_crossentropy
        self.learning_rate = NumberField(trainer, "learning_rate", t("train.lr"), display,
                                         css_class=hook("lr"))
        self.momentum = NumberField(trainer, "momentum", t("train.momentum"), display,
                                    css_class=hook("momentum"))
        self.nesterov = from_param(pn.widgets.Checkbox, p.nesterov, t("train.nesterov"),
                                                       visible=is_sgd, align="end")
        self.batch_size = NumberField(trainer, "batch_size", t("train.batch"), display,
                                      css_class=hook("batch"))
        self.per_update = NumberField(trainer, "epochs_per_update", t("train.per_update"),
                                      display, css_class=hook("per-update"))
        self.play = from_param(pn.widgets.Toggle, p.running, pn.bind(lambda on, code: i18n.text(
                "train.pause" if on else "train.play", code), p.running, display.param.code),
            color="success", css_classes=[hook("play"), "nnlab-key-play"],
            styles=button_size(150))
        self.step = pn.widgets.Button(label=t("train.step"), styles=button_size(130),
                                      css_classes=[hook("step"), "nnlab-key-step"])
        self.reset = pn.widgets.Button(label=t("train.reset"), styles=button_size(150),
                                       css_classes=[hook("reset"), "nnlab-key-reset"])
        self.step.on_click(lambda _event: trainer.step(1))
        self.reset.on_click(lambda _event: (on_reset or trainer.reset)())
        self.epoch = pn.pane.HTML(pn.bind(str, p.epoch), css_classes=[hook("epoch")],
                                  styles={"font-size": "1.5em", "font-weight": "700"})
        self.losses = self._numbers()
        self.status = pn.pane.HTML(
            pn.bind(status_html, p.problem, p.stopped, p.saturated, display.param.code),
            css_classes=[hook("message")], sizing_mode="stretch_width",
            stylesheets=theme.STYLESHEETS)
        self.chart = LossChart(trainer, display, height=chart_height, baseline=baseline,
                               accuracy=accuracy, test=test, stream_seconds=stream_seconds)
        self._momentum_box = pn.Column(self.momentum, visible=is_sgd, margin=0)

    def _numbers(self) -> pn.Row:
        """Epoch counter and the last training/validation loss as plain numbers (each in its
        own element with a test hook), with their labels beside them."""
        trainer, display = self.trainer, self.display

        def last(name: str) -> Callable[[], str]:
            return pn.bind(lambda _epoch, _runs, code: display.number(trainer.run.last(name)),
                           trainer.param.epoch, trainer.param.run_count, display.param.code)

        big = {"styles": {"font-size": "1.3em", "font-variant-numeric": "tabular-nums"}}
        label = {"styles": {"font-size": "1.1em", "color": "#444"}}
        t = display.text
        return pn.Row(
            pn.pane.HTML(t("train.epoch"), **label), self.epoch,
            pn.pane.HTML(t("train.train_loss"), **label),
            pn.pane.HTML(last("loss"), css_classes=[self.hook("train-loss")], **big),
            pn.pane.HTML(t("train.test_loss" if self.test else "train.val_loss"), **label),
            pn.pane.HTML(last("val_loss"), css_classes=[self.hook("test-loss" if self.test
                                                                  else "val-loss")], **big),
            align="center")

    @property
    def settings(self) -> pn.Row:
        return pn.Row(self.optimizer, self._momentum_box, self.nesterov, self.loss,
                      self.learning_rate, self.batch_size, styles={"flex-wrap": "wrap"})

    @property
    def buttons(self) -> pn.Row:
        return pn.Row(self.play, self.step, self.reset, self.losses, styles={"flex-wrap": "wrap"})

    def __panel__(self) -> pn.Column:
        return pn.Column(self.settings, self.buttons, self.status, self.chart,
                         sizing_mode="stretch_width")
