"""The playground's running numbers: epoch, training and test loss, and accuracy.

Why read-only Bokeh text inputs and not text panes: these numbers change with every training
update, and changing the text of a pane (a Panel pane or a Bokeh ``Div``) makes BokehJS lay out
the whole page again — measured at 160 ms of the page's main thread per update, more than the
rest of a frame together. The value of an input changes in place (well under 1 ms), and a raw
Bokeh model costs the worker's Python no Panel machinery. Each number is its own input with a
test hook (``nnlab-pg-epoch``: the epoch as a plain integer; ``nnlab-pg-train-loss``,
``nnlab-pg-test-loss``, ``nnlab-pg-train-accuracy``, ``nnlab-pg-test-accuracy``: plain numbers
in the language's format), labelled above in the current language.
"""

from __future__ import annotations

import panel as pn
from bokeh.models import InlineStyleSheet, TextInput

from web.playground.viewmodel import PlaygroundViewModel
from web.ui import theme
from web.ui.bokeh_sync import bokeh_edit, held
from web.ui.display import Display
from web.ui.fmt import sig

# Read-only inputs that look like large numbers, not like fields.
CSS = """
:host { --font-size: 0.9em; }
.bk-input-group > .bk-input, .bk-input[disabled] {
  border: none; background: transparent; box-shadow: none; padding: 0 2px; cursor: default;
  color: #111; font-size: 1.35em; font-weight: 700; font-variant-numeric: tabular-nums;
  opacity: 1; height: 1.4em;
}
label { color: #444; font-size: 0.95em; }
"""
# hook -> (label key, what it shows, width in normal mode's pixels: em, see theme.em)
# (the widest values: "100000" epochs, Trainer.max_epochs; losses "0,0002661", 4 digits)
FIELDS = {"epoch": ("train.epoch", "epoch", 110),
          "train-loss": ("train.train_loss", "loss", 150),
          "test-loss": ("train.test_loss", "val_loss", 150),
          "train-accuracy": ("pg.train_accuracy", "accuracy", 190),
          "test-accuracy": ("pg.test_accuracy", "val_accuracy", 150)}
ACCURACY = ("train-accuracy", "test-accuracy")


def values(vm: PlaygroundViewModel, code: str) -> dict[str, str]:
    """What each field shows now (the run's last logs, as the language writes numbers)."""
    run = vm.trainer.run
    return {hook: str(vm.trainer.epoch) if log == "epoch" else sig(run.last(log), 4, code)
            for hook, (_key, log, _width) in FIELDS.items()}


class Numbers(pn.viewable.Viewer):
    """The row of numbers and what keeps it current."""

    def __init__(self, vm: PlaygroundViewModel, display: Display) -> None:
        super().__init__()
        self.vm, self.display = vm, display
        style = InlineStyleSheet(css=CSS)
        self.fields = {hook: TextInput(disabled=True, styles={"width": theme.em(width)},
                                       stylesheets=[style], css_classes=[f"nnlab-pg-{hook}"])
                       for hook, (_key, _log, width) in FIELDS.items()}
        for hook, (key, _log, _width) in FIELDS.items():
            display.follow(self.fields[hook], "title", display.text(key))
        self.update()
        vm.trainer.param.watch(self.update, ["epoch", "run_count"])
        vm.param.watch(self.update, "problem")
        display.param.watch(self.update, "code")

    @bokeh_edit
    def update(self, *_events: object) -> None:
        """All numbers in one patch to the page (:func:`held`)."""
        shown = values(self.vm, self.display.code)
        with held(self.fields["epoch"]):
            for hook, field in self.fields.items():
                if field.value != shown[hook]:
                    field.value = shown[hook]
                field.visible = hook not in ACCURACY or self.vm.classification

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Row(*(pn.pane.Bokeh(field, margin=(0, 4)) for field in self.fields.values()),
                      align="center", margin=0)
