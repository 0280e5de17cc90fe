"""View-model of the deep-nets tab: setting A (edited), optionally B (kept to compare), presets,
training and the size limit. Free of widgets, so that tests drive it without a browser.

Each side owns its net in a `LiveModel` and its last probe result. A change of A's settings
builds a new net and probes it at once; a change that would exceed the size budget is refused
with a message and the previous settings are put back (the last valid picture stays). Training
goes through the lab's one training loop, `web.ui.trainer.Trainer` (Adam, learning rate 0.001,
batch 32, MSE), created on the first click because it evaluates the net when it starts.
"""

from __future__ import annotations

import copy
from typing import Any

import param

from pycore.serialization import load_weights_json, to_json
from web.deepnets import texts  # noqa: F401  (registers the tab's words)
from web.deepnets.presets import CUSTOM, PRESETS
from web.deepnets.probe import ProbeResult, run_probe
from web.deepnets.settings import MAX_MULTIPLY_ADDS, SETTING_NAMES, ProbeSettings
from web.ui import pacing
from web.ui.live_model import LiveModel
from web.ui.model_files import ModelFile
from web.ui.trainer import Dataset, Trainer

FIRST_PRESET = "homework_tanh"


class Side(param.Parameterized):
    """One setting with its net, its data and its last probe result."""

    result = param.ClassSelector(class_=ProbeResult, default=None, allow_None=True)

    def __init__(self, values: dict[str, Any], model: Any = None,
                 result: ProbeResult | None = None) -> None:
        super().__init__()
        self.settings = ProbeSettings(**values)
        self.live = LiveModel(model=model or self.settings.build_model(), origin="deep.model")
        self.x, self.y = self.settings.data()
        self.trainer: Trainer | None = None
        self.epoch = 0 if result is None else result.epoch
        if result is None:
            self.probe()
        else:
            self.result = result

    def probe(self) -> None:
        self.result = run_probe(self.live.model, self.x, self.y, epoch=self.epoch)

    def rebuild(self) -> None:
        """A fresh net and data for the current settings (untrained), probed."""
        self.live = LiveModel(model=self.settings.build_model(), origin="deep.model")
        self.x, self.y = self.settings.data()
        self.trainer, self.epoch = None, 0
        self.probe()

    def copy(self) -> Side:
        """The same setting, net (weights included), epochs and result, independent from now
        on (its training continues with a fresh optimizer state)."""
        return Side(self.settings.values(), model=copy.deepcopy(self.live.model),
                    result=self.result)

    def train(self, epochs: int) -> None:
        """`epochs` more epochs (no new probe: the caller probes when it is done)."""
        if self.trainer is None:
            self.trainer = Trainer(self.live, Dataset(self.x, self.y), seed=self.settings.seed,
                                   optimizer="adam", learning_rate=1e-3, loss="mse",
                                   batch_size=32)
        before = self.trainer.epoch
        self.trainer.step(epochs)
        self.epoch += self.trainer.epoch - before


class DeepNetsViewModel(param.Parameterized):
    """The tab's state; the view draws `a.result` and `b.result` whenever `revision` ticks."""

    preset = param.Selector(default=FIRST_PRESET, objects=[*PRESETS, CUSTOM])
    b = param.ClassSelector(class_=Side, default=None, allow_None=True,
                            doc="The setting kept for comparison (None: no comparison).")
    message = param.Parameter(default=None, doc="(i18n key, fields) of a refused setting.")
    layer = param.Integer(default=1, bounds=(1, 50), doc="Layer of the slope picture.")
    train_epochs = param.Integer(default=5, bounds=(1, 50))
    progress = param.Parameter(default=None, doc="(epoch, total) while training.")
    revision = param.Integer(default=0, doc="Ticks whenever a result changes.")

    def __init__(self, start: dict[str, Any] | None = None, **params: Any) -> None:
        """`start`: A's first settings over those of `preset` (then "custom")."""
        super().__init__(**params)
        base = PRESETS.get(self.preset, PRESETS[FIRST_PRESET]).settings
        if start is not None:
            self.preset = CUSTOM
        self.a = Side({**base, **(start or {})})
        self._applied = self.a.settings.values()
        self._applying = False
        self.a.settings.param.watch(self._settings_changed, list(SETTING_NAMES))
        self._fit_layer()

    # --- settings ------------------------------------------------------------------------
    def _settings_changed(self, *_events: object) -> None:
        settings = self.a.settings
        values = settings.values()
        if values == self._applied:
            return
        work = settings.multiply_adds()
        if work > MAX_MULTIPLY_ADDS:
            self.message = ("deep.msg.too_large", {
                "depth": values["depth"], "width": values["width"],
                "samples": values["samples"], "millions": round(work / 1e6),
                "limit": MAX_MULTIPLY_ADDS // 1_000_000})
            settings.param.update(**self._applied)  # the last valid setting stays
            return
        with param.parameterized.batch_call_watchers(self):
            self.message = None
            if not self._applying:
                self.preset = CUSTOM
            self._applied = values
            self.a.rebuild()
            self._fit_layer()
            self.revision += 1

    def _fit_layer(self) -> None:
        """The slope picture's layer stays one of A's layers."""
        depth = self.a.settings.depth
        self.param.layer.bounds = (1, depth)
        self.layer = min(self.layer, depth)

    def apply_preset(self, name: str) -> None:
        """All of A's settings from preset `name`, a fresh net; B as the preset says."""
        preset = PRESETS[name]
        with param.parameterized.batch_call_watchers(self):
            self._applying = True
            try:
                if preset.settings == self._applied:
                    self.a.rebuild()  # the same setting again: start from fresh weights
                else:
                    self.a.settings.param.update(**preset.settings)
            finally:
                self._applying = False
            self.b = Side(preset.compare) if preset.compare else None
            self.preset = name
            self.message = None
            self._fit_layer()
            self.revision += 1

    # --- comparison ----------------------------------------------------------------------
    def keep_as_b(self) -> None:
        """Keep the current A (net, weights, picture) as B; A can then be changed."""
        self.b = self.a.copy()
        self.revision += 1

    def end_comparison(self) -> None:
        self.b = None
        self.revision += 1

    # --- training ------------------------------------------------------------------------
    def sides(self) -> list[Side]:
        return [self.a] if self.b is None else [self.a, self.b]

    def train(self, epochs: int | None = None) -> None:
        """Train A (and B) `epochs` (default `train_epochs`) more epochs, then probe again."""
        for side in self.sides():
            side.train(epochs or self.train_epochs)
            side.probe()
        self.revision += 1

    async def train_in_steps(self) -> None:
        """`train` one epoch at a time, giving the page its turn in between (the button)."""
        total = self.train_epochs
        try:
            for epoch in range(1, total + 1):
                self.progress = (epoch, total)
                await pacing.yield_to_events()
                for side in self.sides():
                    side.train(1)
            for side in self.sides():
                side.probe()
            self.revision += 1
        finally:
            self.progress = None

    # --- model file ----------------------------------------------------------------------
    def model_file(self) -> ModelFile:
        """The header's save/load acts on net A (loading needs A's architecture)."""
        return ModelFile(model_key="deep.model", filename="deep-net-a.json",
                         save=lambda: to_json(self.a.live.model), load=self._load)

    def _load(self, data: bytes) -> None:
        load_weights_json(self.a.live.model, data)  # ModelFileError: nothing changed
        self.a.trainer, self.a.epoch = None, 0
        self.a.probe()
        self.preset = CUSTOM
        self.revision += 1
