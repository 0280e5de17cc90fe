"""Train the division net from its current weights and watch the loss (division demo, part 3).

The original project never got gradient descent to find the hand-set solution; this panel lets a
student try: start from the hand-set, trained or random weights, pick optimizer, loss and
learning rate, and watch the loss curve and the network change epoch by epoch. Training runs
through ``web.trainer.Trainer`` (one epoch at a time, yielding to the event loop), and when it
diverges pycore restores the last finite weights and says why; that is shown in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import panel as pn

from pycore import data as pycore_data
from web import fmt, i18n, theme
from web.division_model import DivisionViewModel
from web.training_chart import LossChart, stopped_message

i18n.register(
    {
        "division.train.title": ("Train this network", "Dieses Netz trainieren"),
        "division.train.optimizer": ("Optimizer", "Optimierer"),
        "division.train.loss": ("Loss", "Verlustfunktion"),
        "division.train.lr": ("Learning rate", "Lernrate"),
        "division.train.batch": ("Batch size", "Batchgröße"),
        "division.train.start": ("▶ Train", "▶ Trainieren"),
        "division.train.pause": ("⏸ Pause", "⏸ Pause"),
        "division.train.reset": ("Clear curve", "Kurve löschen"),
        "division.train.status": ("Epoch {epoch}: loss {loss}, validation loss {val_loss}",
                                  "Epoche {epoch}: Verlust {loss}, Validierungsverlust {val_loss}"),
        "division.train.help": (
            "Training data: {n} random pairs from 1.00…19.99, target x1/x2/100 (as in the "
            "original project).",
            "Trainingsdaten: {n} zufällige Paare aus 1.00…19.99, Ziel x1/x2/100 (wie im "
            "Originalprojekt)."),
    }
)

N_EXAMPLES = 2000
DATA_SEED = 2021
HEATMAP_EVERY = 10  # epochs between heatmap redraws while training (it is the costly picture)


class DivisionTraining(pn.viewable.Viewer):
    """Controls + live loss curve; ``on_weights(final)`` tells the view that weights changed."""

    def __init__(self, model: DivisionViewModel, lang: i18n.Language,
                 on_weights: Callable[[bool], None]) -> None:
        super().__init__()
        from web.trainer import LOSSES, OPTIMIZERS

        self._vm, self._lang, self._on_weights = model, lang, on_weights
        self._trainer = None
        small = {"width": 170, "stylesheets": theme.INPUT_STYLESHEETS}
        self.optimizer = pn.widgets.Select(options=list(OPTIMIZERS), value="adam",
                                           css_classes=["nnlab-train-optimizer"], **small)
        self.loss = pn.widgets.Select(options=list(LOSSES), value="mae", **small)
        self.learning_rate = pn.widgets.FloatInput(value=1e-3, start=1e-7, end=100.0,
                                                   css_classes=["nnlab-train-lr"], **small)
        self.batch_size = pn.widgets.IntInput(value=32, start=1, end=N_EXAMPLES, **small)
        self.start = pn.widgets.Toggle(color="success", css_classes=["nnlab-train"])
        self.clear = pn.widgets.Button(color="light")
        self.status = pn.pane.HTML("", sizing_mode="stretch_width")
        self.chart = LossChart(height=260)
        self._title = pn.pane.Markdown("")
        self._help = pn.pane.Markdown("")
        self.start.param.watch(self._toggled, "value")
        self.clear.on_click(self._clear)
        for widget in (self.optimizer, self.loss, self.learning_rate, self.batch_size):
            widget.param.watch(self._settings_changed, "value")
        lang.bind(self._relabel)

    @property
    def running(self) -> bool:
        return self._trainer is not None and self._trainer.running

    def _relabel(self) -> None:
        t = self._lang.t
        self._title.object = f"### {t('division.train.title')}"
        self._help.object = t("division.train.help", n=N_EXAMPLES)
        self.optimizer.name = t("division.train.optimizer")
        self.loss.name = t("division.train.loss")
        self.learning_rate.name = t("division.train.lr")
        self.batch_size.name = t("division.train.batch")
        self.start.name = t("division.train.pause" if self.start.value else "division.train.start")
        self.clear.name = t("division.train.reset")
        self.chart.relabel(self._lang)

    def _trainer_for_model(self):
        """Created on first use: building the data set and compiling cost time at start-up."""
        from web.trainer import Trainer

        if self._trainer is None:
            x, y = pycore_data.division_dataset(N_EXAMPLES, seed=DATA_SEED)
            (x_train, y_train), (x_val, y_val), _ = pycore_data.train_val_test_split(
                x, y, (0.8, 0.2, 0.0), seed=DATA_SEED)
            self._trainer = Trainer(self._vm.model, x_train, y_train, x_val, y_val,
                                    seed=DATA_SEED)
        self._settings_changed()
        return self._trainer

    def _settings_changed(self, *_events: object) -> None:
        if self._trainer is None:
            return
        lr = self.learning_rate.value
        self._trainer.param.update(
            optimizer=self.optimizer.value, loss=self.loss.value,
            batch_size=int(self.batch_size.value or 32),
            learning_rate=lr if lr and lr > 0 else self._trainer.learning_rate)

    async def _toggled(self, event: object) -> None:
        self._relabel()
        if not self.start.value:
            if self._trainer is not None:
                self._trainer.pause()
            return
        trainer = self._trainer_for_model()
        self.status.object = ""
        await trainer.run(self._epoch_done)
        if not trainer.running:  # else a newer run (Train right after Pause) took over the loop
            self._finished(trainer)

    def _finished(self, trainer) -> None:
        self.start.value = False
        if trainer.stopped is not None:
            self.status.object = ('<span class="nnlab-train-message nnlab-warning">'
                                  + stopped_message(trainer.stopped, self._lang) + "</span>")
        self._vm.pull_from_model()
        self._on_weights(True)

    def _epoch_done(self, logs: dict[str, float]) -> None:
        trainer = self._trainer
        loss, val_loss = logs.get("loss"), logs.get("val_loss")
        if loss is not None:
            self.chart.append(trainer.epoch, loss, math.nan if val_loss is None else val_loss)
        self.status.object = ('<span class="nnlab-train-message">'
                              + self._lang.t("division.train.status", epoch=trainer.epoch,
                                             loss=fmt.sig(loss), val_loss=fmt.sig(val_loss))
                              + "</span>")
        self._vm.pull_from_model()
        self._on_weights(trainer.epoch % HEATMAP_EVERY == 0)

    def _clear(self, _event: object) -> None:
        self.chart.clear()
        if self._trainer is not None and not self._trainer.running:
            self._trainer.reset(model=self._vm.model)
            self._settings_changed()
        self.status.object = ""

    def __panel__(self) -> pn.Column:
        return pn.Column(
            self._title, self._help,
            pn.Row(self.optimizer, self.loss, self.learning_rate, self.batch_size),
            pn.Row(self.start, self.clear), self.status, self.chart.figure,
            sizing_mode="stretch_width")
