"""View-model of the playground: every setting as a param, the data, the live net, the trainer.

Kept free of widgets so it can be tested without a browser. One rule decides what a change
does: a new *shape* (input features, layer widths) or initializer needs new weights (a fresh
net, epoch 0); everything else changes in place and keeps the weights — a learning rate, an
activation, a dropout rate, a regularizer, and new data (noise, ratio, points, another data set,
a clicked point), which starts a new run on the loss chart from the current weights.
Reset gives fresh weights. Training settings (optimizer, learning rate, batch, loss) are the
:class:`Trainer`'s params; its loop trains for a time budget per update, so the pictures are
redrawn at most ~30 times a second however fast the epochs are.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import param

import pycore
from pycore import toy_data
from pycore.serialization import from_json, to_json
from pycore.serialization.fields import fail
from web.playground import choices, network, texts  # noqa: F401  (texts registers the tab's words)
from web.playground import data as pg_data
from web.playground.csv_points import read_points
from web.playground.network import MAX_LAYERS, MAX_UNITS, NetSpec
from web.ui.live_model import LiveModel
from web.ui.model_files import ModelFile
from web.ui.trainer import Trainer


class PlaygroundViewModel(param.Parameterized):
    """The playground's state (defaults are TensorFlow Playground's)."""

    problem = param.Selector(default="classification", objects=list(choices.PROBLEMS))
    dataset = param.Selector(default="circle", objects=list(choices.CLASS_SETS))
    reg_dataset = param.Selector(default="reg-plane", objects=list(choices.REG_SETS))
    noise = param.Integer(default=0, bounds=(0, 50), doc="Percent, as in TF Playground.")
    points = param.Integer(default=500, bounds=(10, 2000))
    train_percent = param.Integer(default=50, bounds=(10, 90))
    seed = param.Integer(default=0, bounds=(0, 2**31 - 1))
    features = param.ListSelector(default=["x1", "x2"], objects=list(toy_data.FEATURES))
    layers = param.Integer(default=2, bounds=(0, MAX_LAYERS))
    regularization = param.Selector(default="none", objects=list(network.REGULARIZATIONS))
    regularization_rate = param.Number(default=0.0, bounds=(0.0, 10.0))
    initializer = param.Selector(default="glorot_uniform",
                                 objects=pycore.initializers.names())
    show_test = param.Boolean(default=False)
    discretize = param.Boolean(default=False)
    color_by = param.Selector(default="weight", objects=["weight", "grad"])
    click_label = param.Selector(default=1, objects=[1, 0], doc="Class of a clicked point.")
    click_value = param.Number(default=0.5, bounds=(-1e6, 1e6), doc="Target of a clicked point.")
    notices = param.List(default=[], doc="(i18n key, fields) of messages about the last action.")
    data_revision = param.Integer(default=0, doc="Ticks whenever the data change.")
    settings_revision = param.Integer(default=0, doc="Ticks whenever data or net change.")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self.layer_settings = [choices.LayerSettings(units=4 if k == 0 else 2)
                               for k in range(MAX_LAYERS)]
        self.own = pg_data.OwnPoints()
        self._resets = 0
        self._hold = 0  # > 0 while several settings change as one
        self.data = self._make_data()
        self._spec = self.net_spec()
        self.live = LiveModel(model=network.build(self._spec, self.init_seed),
                              origin="pg.origin.fresh")
        self.trainer = Trainer(self.live, self.data.dataset(), seed=self.seed,
                               metrics=self._metrics(), loss=choices.LOSSES[self.problem],
                               **choices.TRAINING)
        self.trainer.param.learning_rate.bounds = (1e-5, 10.0)
        self.trainer.param.batch_size.bounds = (1, 256)
        for layer in self.layer_settings:
            layer.param.watch(self._layer_changed, ["units", "activation", "dropout"])
        self.param.watch(self._features_changed, "features")

    # --- derived settings ----------------------------------------------------------------
    @property
    def set_name(self) -> str:
        return self.dataset if self.problem == "classification" else self.reg_dataset

    @property
    def classification(self) -> bool:
        return self.problem == "classification"

    @property
    def init_seed(self) -> int:
        """Seed of the current net's initial weights (Reset draws the next ones)."""
        return self.seed + 1_000_003 * self._resets

    def _metrics(self) -> tuple[str, ...]:
        return ("accuracy",) if self.classification else ()

    def output_activation(self) -> str:
        if self.classification:
            return "sigmoid"
        return "division" if self.reg_dataset == "division" else "linear"

    def hidden(self) -> list[choices.LayerSettings]:
        return self.layer_settings[: self.layers]

    def net_spec(self) -> NetSpec:
        hidden = self.hidden()
        return NetSpec(len(self.data.features), network.hidden_specs(
            [h.units for h in hidden], [h.activation for h in hidden],
            [h.dropout for h in hidden]), self.output_activation(), self.regularization,
            self.regularization_rate, self.initializer)

    def _make_data(self) -> pg_data.PlaygroundData:
        name = self.set_name
        dim = 2 if name == pg_data.OWN else toy_data.input_dim(name)
        features = pg_data.effective_features(self.features, dim) or ("x1",)
        if name == pg_data.OWN:
            return pg_data.own(self.own, features)
        return pg_data.generated(name, self.points, self.noise, self.train_percent, self.seed,
                                 features)

    # --- reacting to settings --------------------------------------------------------------
    @contextmanager
    def _holding(self) -> Iterator[None]:
        """Change several settings as one: widgets follow at once, the net and data are
        rebuilt once by the caller afterwards."""
        self._hold += 1
        try:
            yield
        finally:
            self._hold -= 1

    def _refresh(self, new_net: bool = False) -> None:
        """New data from the settings; a fresh net if the shape changed (or asked for), else
        the same weights with the new in-place settings and a new run."""
        if self._hold:
            return
        running = self.trainer.running
        self.notices = []
        self.data = self._make_data()
        spec = self.net_spec()
        self.trainer.data = self.data.dataset()
        fresh = new_net or spec.shape != self._spec.shape or (
            spec.initializer != self._spec.initializer)
        self._spec = spec
        if fresh:
            self.live.replace(network.build(spec, self.init_seed), origin="pg.origin.fresh")
        else:
            network.update_in_place(self.live.model, spec)
            self.trainer.reset()
            self.live.touch()
        self.data_revision += 1
        self.settings_revision += 1
        if running and not fresh:
            self.trainer.running = True  # a data change does not stop a running demo

    @param.depends("dataset", "reg_dataset", "noise", "points", "train_percent", "seed",
                   "layers", "initializer", watch=True)
    def _settings_changed(self) -> None:
        self._refresh()

    def _features_changed(self, event: param.parameterized.Event) -> None:
        """A net needs an input: taking away the last feature is refused with a message."""
        if not self.features:
            self.features = event.old
            self.notices = [("pg.msg.one_feature", {})]
            return
        self._refresh()

    @param.depends("dataset", "reg_dataset", watch=True, on_init=False)
    def _apply_preset(self) -> None:
        """Switching to a data set with a preset (division, the 1-D function) applies it."""
        preset = choices.PRESETS.get(self.set_name)
        if preset is None:
            return
        own, layers, trainer = preset
        with self._holding():
            for settings, (units, activation) in zip(self.layer_settings, layers, strict=False):
                settings.param.update(units=units, activation=activation)
            self.param.update(**own)
            self.trainer.param.update(**trainer)
        self._refresh(new_net=True)

    @param.depends("problem", watch=True)
    def _problem_changed(self) -> None:
        with self._holding():
            self.points = choices.DEFAULT_POINTS[self.problem]
        self.trainer.metrics = self._metrics()
        self.trainer.loss = choices.LOSSES[self.problem]
        self._refresh()

    @param.depends("regularization", "regularization_rate", watch=True)
    def _regularization_changed(self) -> None:
        if self._hold:
            return
        self._spec = self.net_spec()
        network.update_in_place(self.live.model, self._spec)
        self.live.touch()
        self.settings_revision += 1

    def _layer_changed(self, *events: param.parameterized.Event) -> None:
        if not any(event.obj in self.hidden() for event in events):
            return
        if any(event.name == "units" for event in events):
            self._refresh()
        else:
            self._regularization_changed()

    # --- actions -------------------------------------------------------------------------
    def apply(self, settings: dict[str, object], layers: list[dict[str, object]],
              training: dict[str, object]) -> None:
        """A whole experiment at once (a link): settings of the view-model, of each hidden
        layer and of the trainer; then one fresh net."""
        with self._holding():
            for name in ("problem", "dataset", "reg_dataset"):
                if name in settings:
                    setattr(self, name, settings[name])
            self.param.update({k: v for k, v in settings.items()
                               if k not in ("problem", "dataset", "reg_dataset")})
            for layer, values in zip(self.layer_settings, layers, strict=False):
                layer.param.update(values)
            self.trainer.param.update(training)
        self._refresh(new_net=True)

    def reset_weights(self) -> None:
        """Reset: fresh weights (the next seeded draw), epoch 0, a new run."""
        self._resets += 1
        self._refresh(new_net=True)

    def regenerate(self) -> None:
        """New points from the next seed (the net keeps its weights)."""
        self.seed = (self.seed + 1) % 2**31

    def add_layer(self) -> None:
        if self.layers < MAX_LAYERS:
            with self._holding():
                self.layer_settings[self.layers].units = 2  # as TF Playground adds layers
            self.layers += 1

    def remove_layer(self) -> None:
        if self.layers > 0:
            self.layers -= 1

    def change_units(self, layer: int, step: int) -> None:
        """+1 or -1 neuron in hidden layer ``layer`` (0-based), within 1..MAX_UNITS."""
        settings = self.layer_settings[layer]
        settings.units = min(MAX_UNITS, max(1, settings.units + step))

    def add_point(self, x1: float, x2: float) -> None:
        """A clicked point (class ``click_label``, or target ``click_value``) joins the
        training data; a generated set first becomes the student's own points."""
        if self.data.dim != 2:
            self.notices = [("pg.msg.no_click_1d", {})]
            return
        label = float(self.click_label) if self.classification else self.click_value
        if self.set_name != pg_data.OWN:
            d = self.data
            self.own = pg_data.OwnPoints(d.x_train, d.y_train, d.x_test, d.y_test)
        self.own = self.own.with_point(float(x1), float(x2), label)
        self._show_own()

    def clear_points(self) -> None:
        self.own = pg_data.OwnPoints()
        self._show_own()

    def load_csv(self, data: bytes | None) -> bool:
        """Points from a CSV file (split by the train:test ratio); on any bad row nothing
        changes and ``notices`` names every bad row."""
        result = read_points(data, self.classification)
        if result.problems:
            self.notices = result.problems
            return False
        self.own = pg_data.OwnPoints(result.x, result.y).resplit(self.train_percent / 100,
                                                                 self.seed)
        self._show_own()
        self.notices = [("pg.csv.loaded", {"count": self.own.count})]
        return True

    def _show_own(self) -> None:
        if self.set_name == pg_data.OWN:
            self._refresh()
        else:
            setattr(self, "dataset" if self.classification else "reg_dataset", pg_data.OWN)

    def model_file(self) -> ModelFile:
        return ModelFile("pg.model", "playground-model.json",
                         lambda: to_json(self.live.model), self.load_json)

    def load_json(self, text: str | bytes) -> None:
        """A saved net whose inputs match the chosen features; raises ModelFileError (and
        changes nothing) otherwise. Its layers become the playground's settings."""
        model = from_json(text)
        spec = network.spec_of(model, self._spec)
        if spec.inputs != len(self.data.features):
            raise fail("layers[0].config.input_dim", "pg_inputs", inputs=spec.inputs,
                       features=len(self.data.features))
        with self._holding():
            self.layers = len(spec.hidden)
            for settings, layer in zip(self.layer_settings, spec.hidden, strict=False):
                settings.param.update(units=layer.units, activation=layer.activation,
                                      dropout=layer.dropout)
        self._spec = spec
        self.live.replace(network.rebuilt(model, spec), origin="pg.origin.file")
