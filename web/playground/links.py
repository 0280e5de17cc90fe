"""A playground experiment as a link: TensorFlow Playground's hash keys, plus ours.

Where a setting means the same thing, the key and its values are TensorFlow Playground's
(``src/state.ts``), so a link copied from playground.tensorflow.org opens the same experiment
here: data set, noise, train:test ratio, features, network shape, activation, learning rate,
batch size, regularization, seed, "show test data", "discretize". Our additions have keys of
their own (``optimizer``, ``loss``, ``activations`` per layer, ``dropout`` per layer, ...).

Two meanings differ and are converted: TF's L2 penalty is ½·rate·Σw² (its update pulls by
rate·w), Keras's and ours rate·Σw², so a link's L2 ``regularizationRate`` r is our rate r / 2;
TF's ``seed`` is any text (its random generator is another), a non-integer seed is hashed to
one of ours. Every key that is unknown, has a bad value, or has no counterpart here is ignored
and reported (an i18n key and fields) — a link never breaks the page.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from pycore import toy_data
from web.playground.choices import CLASS_SETS, DEFAULT_POINTS, PROBLEMS
from web.playground.keys import KEYS
from web.playground.network import HIDDEN_ACTIVATIONS, MAX_LAYERS, MAX_UNITS
from web.playground.viewmodel import PlaygroundViewModel
from web.ui.trainer import LOSSES, OPTIMIZERS

FEATURE_KEYS = {"x": "x1", "y": "x2", "xSquared": "x1_squared", "ySquared": "x2_squared",
                "xTimesY": "x1_times_x2", "sinX": "sin_x1", "sinY": "sin_x2"}
APP_KEYS = {"tab", "projector"}  # read by the app (web.ui.links)
# TF keys without a counterpart: fine when off or empty, reported otherwise.
UNSUPPORTED = {"cosX", "cosY", "collectStats", "hideText", "tutorial"}
TF_REGULARIZATION = {"none": "none", "L1": "l1", "L2": "l2"}
Notice = tuple[str, dict[str, object]]


def _bool(text: str) -> bool:
    return text != "false"  # TF: anything but "false" is true


def _number(low: float, high: float, integer: bool = False) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = float(text)
        if not low <= value <= high or (integer and value != int(value)):
            raise ValueError(text)
        return int(value) if integer else value
    return parse


def _choice(options) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(text)
        return text
    return parse


def _seed(text: str) -> int:
    """Our seeds are integers; TF's are any text (usually "0.12345"): hash those."""
    if text.isdigit() and int(text) < 2**31:
        return int(text)
    return zlib.crc32(text.encode()) % 2**31


def _shape(text: str) -> list[int]:
    units = [int(part) for part in text.split(",") if part.strip()] if text.strip() else []
    if len(units) > MAX_LAYERS or any(not 1 <= u <= MAX_UNITS for u in units):
        raise ValueError(text)
    return units


def _list(parse_item: Callable[[str], object]) -> Callable[[str], list]:
    def parse(text: str) -> list:
        return [parse_item(part) for part in text.split(",")] if text else []
    return parse


# key -> (parser, where it goes: "vm" setting name, or "trainer:<name>")
SIMPLE: dict[str, tuple[Callable[[str], object], str]] = {
    "problem": (_choice(PROBLEMS), "problem"),
    "dataset": (_choice([s for s in CLASS_SETS if s != "own"]), "dataset"),
    "regDataset": (_choice(toy_data.REGRESSION), "reg_dataset"),
    "noise": (_number(0, 50, integer=True), "noise"),
    "percTrainData": (_number(10, 90, integer=True), "train_percent"),
    "points": (_number(10, 2000, integer=True), "points"),
    "seed": (_seed, "seed"),
    "showTestData": (_bool, "show_test"),
    "discretize": (_bool, "discretize"),
    "initializer": (_choice(PlaygroundViewModel.param.initializer.objects), "initializer"),
    "colorBy": (_choice(["weight", "grad"]), "color_by"),
    "learningRate": (_number(1e-5, 10.0), "trainer:learning_rate"),
    "batchSize": (_number(1, 256, integer=True), "trainer:batch_size"),
    "optimizer": (_choice(OPTIMIZERS), "trainer:optimizer"),
    "loss": (_choice(LOSSES), "trainer:loss"),
    "momentum": (_number(0.0, 0.999), "trainer:momentum"),
    "nesterov": (_bool, "trainer:nesterov"),
}


def read_link(values: dict[str, str]) -> tuple[dict, list[dict], dict, list[Notice]]:
    """(view-model settings, per-layer settings, trainer settings, notices) of a link."""
    settings: dict[str, object] = {}
    training: dict[str, object] = {}
    layers: list[dict[str, object]] = []
    unknown, bad, unsupported = [], [], []
    features = {}

    def parse(key: str, parser: Callable[[str], object]) -> object | None:
        try:
            return parser(values[key].strip())
        except (ValueError, TypeError):
            bad.append(f"{key}={values[key][:20]}")
            return None

    for key in values:
        if key in SIMPLE:
            parser, target = SIMPLE[key]
            value = parse(key, parser)
            if value is not None:
                (training if target.startswith("trainer:") else settings)[
                    target.removeprefix("trainer:")] = value
        elif key in FEATURE_KEYS:
            features[FEATURE_KEYS[key]] = _bool(values[key])
        elif key in UNSUPPORTED or key.endswith("_hide"):
            if values[key] not in ("", "false"):
                unsupported.append(key)
        elif key == "initZero" and _bool(values[key]):
            settings["initializer"] = "zeros"
        elif key not in APP_KEYS | KEYS:
            unknown.append(key)
    if features:
        settings["features"] = [name for name in toy_data.FEATURES if features.get(
            name, name in ("x1", "x2") and not any(k in values for k in ("x", "y")))]
    _read_net(values, settings, layers, parse)
    if "problem" in settings and "points" not in settings:
        settings["points"] = DEFAULT_POINTS[settings["problem"]]
    notices: list[Notice] = []
    if unknown:
        notices.append(("pg.link.unknown", {"keys": ", ".join(sorted(unknown))}))
    if bad:
        notices.append(("pg.link.bad", {"items": ", ".join(bad)}))
    if unsupported:
        notices.append(("pg.link.unsupported", {"keys": ", ".join(sorted(unsupported))}))
    return settings, layers, training, notices


def _read_net(values: dict[str, str], settings: dict, layers: list[dict], parse) -> None:
    """networkShape, activation(s), dropout, regularization (in place into the arguments)."""
    units = parse("networkShape", _shape) if "networkShape" in values else None
    if units is not None:
        settings["layers"] = len(units)
        layers.extend({"units": u} for u in units)
    count = len(units) if units is not None else MAX_LAYERS
    per_layer = {"activation": parse("activation", _choice(HIDDEN_ACTIVATIONS))
                 if "activation" in values else None}
    for key, name, item in (("activations", "activation", _choice(HIDDEN_ACTIVATIONS)),
                            ("dropout", "dropout", _number(0.0, 0.9))):
        if key in values:
            parsed = parse(key, _list(item))
            if parsed is not None:
                per_layer[name] = parsed
    while len(layers) < count:
        layers.append({})
    for k, layer in enumerate(layers):
        for name, value in per_layer.items():
            if isinstance(value, list):
                if k < len(value):
                    layer[name] = value[k]
            elif value is not None:
                layer[name] = value
    kind = parse("regularization", _choice(TF_REGULARIZATION)) if (
        "regularization" in values) else None
    if kind is not None:
        settings["regularization"] = TF_REGULARIZATION[kind]
    if "regularizationRate" in values:
        rate = parse("regularizationRate", _number(0.0, 10.0))
        if rate is not None:
            halve = settings.get("regularization") == "l2"
            settings["regularization_rate"] = rate / 2 if halve else rate


def write_link(vm: PlaygroundViewModel) -> dict[str, str]:
    """The experiment's keys and values (TF's where they mean the same)."""
    trainer, hidden = vm.trainer, vm.hidden()
    rate = vm.regularization_rate * (2 if vm.regularization == "l2" else 1)
    acts = [layer.activation for layer in hidden]
    out = {"tab": "playground", "problem": vm.problem, "dataset": vm.dataset,
           "regDataset": vm.reg_dataset, "noise": vm.noise, "percTrainData": vm.train_percent,
           "seed": vm.seed, "networkShape": ",".join(str(layer.units) for layer in hidden),
           "learningRate": f"{trainer.learning_rate:g}", "batchSize": trainer.batch_size,
           "regularization": {v: k for k, v in TF_REGULARIZATION.items()}[vm.regularization],
           "regularizationRate": f"{rate:g}", "showTestData": vm.show_test,
           "discretize": vm.discretize, "optimizer": trainer.optimizer, "loss": trainer.loss}
    if acts and len(set(acts)) == 1:
        out["activation"] = acts[0]
    if acts:
        out["activations"] = ",".join(acts)
    if any(layer.dropout for layer in hidden):
        out["dropout"] = ",".join(f"{layer.dropout:g}" for layer in hidden)
    for key, name in FEATURE_KEYS.items():
        out[key] = name in vm.data.features
    if trainer.optimizer == "sgd":
        out |= {"momentum": f"{trainer.momentum:g}", "nesterov": trainer.nesterov}
    if vm.points != DEFAULT_POINTS[vm.problem]:
        out["points"] = vm.points
    if vm.initializer != "glorot_uniform":
        out["initializer"] = vm.initializer
    if vm.color_by != "weight":
        out["colorBy"] = vm.color_by
    return {key: str(value).lower() if isinstance(value, bool) else str(value)
            for key, value in out.items()}


def apply_link(vm: PlaygroundViewModel, values: dict[str, str]) -> None:
    """Open the experiment of a link (a fresh net); what was ignored goes to ``vm.notices``."""
    settings, layers, training, notices = read_link(values)
    vm.apply(settings, layers, training)
    vm.notices = notices
