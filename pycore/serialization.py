"""Save and load a model as a JSON text file ("nnlab-model", version 1).

    {"format": "nnlab-model", "version": 1,
     "layers":  [{"class_name": "Dense", "config": {...}}, ...],   # Layer.get_config()
     "weights": [[[...], ...], [...], ...],                        # get_weights(), nested lists
     "compile": {"optimizer": {"name": "adam", ...}, "loss": "mae", "metrics": ["mse"]}}

``compile`` is ``null`` for a model that was never compiled. The optimizer's *configuration*
is saved, not its slot state (momenta), so training resumes like a fresh ``compile``.

Why so strict on loading: the file comes from a student's disk or a URL and is opened in the
browser, so it is untrusted input. ``from_json`` checks every field (type, allowed names via
the modules' own ``get``, shapes, finite numbers, size limits) before anything is built and
raises only :class:`ModelFileError`, whose message names the field and what was expected.
Formula activations go through the safe formula parser; nothing is ever ``eval``-ed.

Floats round-trip exactly: ``json`` writes the shortest ``repr`` that reads back bit-identical.

Two ways to load: ``from_json`` returns a brand-new compiled model (the front end swaps its
model for it); ``load_weights_json(model, text)`` validates the whole file the same way, checks
that its architecture matches ``model`` and only then copies the weights in (the compile
settings in the file are ignored there). Either way a bad file leaves the current model as is.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from pycore import activations, initializers, losses, optimizers, regularizers
from pycore.formula import FormulaError
from pycore.metrics import resolve_metric
from pycore.model import Sequential

FORMAT = "nnlab-model"
VERSION = 1
MAX_TEXT_CHARS = 5_000_000
MAX_LAYERS = 20
MAX_UNITS = 512
MAX_PARAMS = 100_000
MAX_NAME_CHARS = 200
MAX_FORMULA_CHARS = 1_000
MAX_METRICS = 10
MAX_INT_DIGITS = 30

_DENSE_KEYS = {"name", "units", "activation", "input_dim", "use_bias", "kernel_initializer",
               "bias_initializer", "kernel_regularizer"}
_DROPOUT_KEYS = {"name", "rate", "seed"}
# Library errors a valid-looking value can still trigger while building; all become
# ModelFileError with the field's path in the message.
_BUILD_ERRORS = (ValueError, TypeError, KeyError, OverflowError, FormulaError)


class ModelFileError(ValueError):
    """The model file cannot be loaded; the message says which field is wrong and why."""


def _fail(where: str, problem: str) -> ModelFileError:
    return ModelFileError(f"{where}: {problem}" if where else problem)


def _describe(value: Any) -> str:
    kind = {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")
    return kind if isinstance(value, dict | list) else f"{kind} ({str(value)[:40]!r})"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _int(value: Any, where: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _fail(where, f"expected a whole number from {low} to {high}, got {_describe(value)}")
    return value


def _text(value: Any, where: str, limit: int = MAX_NAME_CHARS) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _fail(where, f"expected text of at most {limit} characters, "
                           f"got {_describe(value)}")
    return value


def _obj(value: Any, where: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"expected an object {{...}}, got {_describe(value)}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise _fail(where, f"unknown field {unknown[0]!r}; allowed: {', '.join(sorted(allowed))}")
    missing = sorted(required - set(value))
    if missing:
        raise _fail(where, f"missing field {missing[0]!r}")
    return value


def _flat_params(value: dict[str, Any], where: str, text_keys: tuple[str, ...] = ("name",),
                 ) -> None:
    """Settings objects (activation, regularizer, optimizer, loss) hold numbers, true/false
    and null; only the ``text_keys`` (names, formulas) may be text."""
    for key, item in value.items():
        if key in text_keys:
            if item is not None or key == "name":
                _text(item, f"{where}.{key}", MAX_FORMULA_CHARS)
        elif not (item is None or isinstance(item, bool) or _is_number(item)):
            raise _fail(f"{where}.{key}", f"expected a number, true/false or null, "
                                          f"got {_describe(item)}")


def _lookup(getter: Any, value: Any, where: str, known: list[str]) -> Any:
    """Resolves a name or settings object with the owning module's ``get``; any complaint
    of that module becomes a ModelFileError naming the field."""
    if isinstance(value, dict):
        _obj(value, where, set(value), {"name"})
        _flat_params(value, where, ("name", "formula", "derivative"))
    elif not isinstance(value, str) or len(value) > MAX_NAME_CHARS:
        raise _fail(where, f"expected a name ({', '.join(known)}), got {_describe(value)}")
    try:
        return getter(dict(value) if isinstance(value, dict) else value)
    except _BUILD_ERRORS as err:
        raise _fail(where, str(err)) from err


def _parse(text: Any) -> Any:
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise _fail("", "the file is not UTF-8 text") from err
    if not isinstance(text, str):
        raise _fail("", f"expected the text of a JSON file, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise _fail("", f"the file is too large ({len(text)} characters, "
                        f"at most {MAX_TEXT_CHARS})")

    def constant(name: str) -> Any:
        raise _fail("", f"the file contains {name}; every number must be finite")

    def floating(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise _fail("", f"the number {literal[:40]} is too large for a float")
        return value

    def integer(literal: str) -> int:
        if len(literal.lstrip("-")) > MAX_INT_DIGITS:
            raise _fail("", f"the number {literal[:40]}... has too many digits")
        return int(literal)

    try:
        return json.loads(text, parse_constant=constant, parse_float=floating,
                          parse_int=integer)
    except ModelFileError:
        raise
    except RecursionError as err:
        raise _fail("", "the file is nested too deeply to be a model file") from err
    except ValueError as err:  # json.JSONDecodeError and invalid surrogates
        raise _fail("", f"the file is not valid JSON ({err})") from err


def _check_activation(value: Any, where: str) -> None:
    """A name, ``{"name": ..., <numeric parameters>}`` or a formula activation
    ``{"name": ..., "formula": ..., "derivative": ...}`` (parsed by the safe formula parser)."""
    if isinstance(value, dict) and "formula" in value:
        _obj(value, where, {"name", "formula", "derivative"}, {"name", "formula"})
    _lookup(activations.get, value, where, activations.names())


def _check_layer(entry: Any, where: str, first: bool) -> tuple[int | None, int, bool]:
    """Validates one layer entry; returns (input_dim, units, use_bias) for Dense, or
    (None, 0, False) for Dropout."""
    entry = _obj(entry, where, {"class_name", "config"}, {"class_name", "config"})
    kind = entry["class_name"]
    if kind not in ("Dense", "Dropout"):
        raise _fail(f"{where}.class_name", f"expected 'Dense' or 'Dropout', "
                                           f"got {_describe(kind)}")
    if kind == "Dropout":
        if first:
            raise _fail(where, "the first layer must be Dense (it fixes the number of inputs)")
        config = _obj(entry["config"], f"{where}.config", _DROPOUT_KEYS, {"rate"})
        rate = config["rate"]
        if not _is_number(rate) or not 0.0 <= rate < 1.0:
            raise _fail(f"{where}.config.rate", f"expected a number in [0, 1), "
                                                f"got {_describe(rate)}")
        if config.get("seed") is not None:
            _int(config["seed"], f"{where}.config.seed", 0, 2**32 - 1)
        return None, 0, False
    cwhere = f"{where}.config"
    config = _obj(entry["config"], cwhere, _DENSE_KEYS, {"units", "input_dim"} if first
                  else {"units"})
    units = _int(config["units"], f"{cwhere}.units", 1, MAX_UNITS)
    input_dim = config.get("input_dim")
    if input_dim is not None or first:
        input_dim = _int(input_dim, f"{cwhere}.input_dim", 1, MAX_UNITS)
    if config.get("name") is not None:
        _text(config["name"], f"{cwhere}.name")
    use_bias = config.get("use_bias", True)
    if not isinstance(use_bias, bool):
        raise _fail(f"{cwhere}.use_bias", f"expected true or false, got {_describe(use_bias)}")
    _check_activation(config.get("activation", "linear"), f"{cwhere}.activation")
    for key in ("kernel_initializer", "bias_initializer"):
        if key in config:
            _lookup(initializers.get, config[key], f"{cwhere}.{key}", initializers.names())
    if config.get("kernel_regularizer") is not None:
        _lookup(regularizers.get, config["kernel_regularizer"], f"{cwhere}.kernel_regularizer",
                regularizers.names())
    return input_dim, units, use_bias


def _check_architecture(layers: Any) -> None:
    if not isinstance(layers, list) or not 1 <= len(layers) <= MAX_LAYERS:
        raise _fail("layers", f"expected a list of 1 to {MAX_LAYERS} layers, "
                              f"got {_describe(layers)}")
    width, params = 0, 0
    for k, entry in enumerate(layers):
        input_dim, units, use_bias = _check_layer(entry, f"layers[{k}]", k == 0)
        if not units:
            continue
        if input_dim is not None and k > 0 and input_dim != width:
            raise _fail(f"layers[{k}].config.input_dim",
                        f"expected {width} (the width of the layer before), got {input_dim}")
        params += (input_dim or width) * units + (units if use_bias else 0)
        width = units
    if params > MAX_PARAMS:
        raise _fail("layers", f"the model has {params} parameters, at most {MAX_PARAMS}")


def _nested_shape(value: Any, shape: tuple[int, ...], where: str) -> None:
    if not shape:
        if not _is_number(value):
            raise _fail(where, f"expected a number, got {_describe(value)}")
        return
    if not isinstance(value, list) or len(value) != shape[0]:
        raise _fail(where, f"expected a list of {shape[0]} entries, got {_describe(value)}"
                    + (f" of length {len(value)}" if isinstance(value, list) else ""))
    for k, item in enumerate(value):
        _nested_shape(item, shape[1:], f"{where}[{k}]")


def _build(doc: dict[str, Any]) -> Sequential:
    """Builds, fills and compiles a new model from an already shape-checked document."""
    try:
        model = Sequential.from_config({"layers": doc["layers"]})
    except _BUILD_ERRORS as err:
        raise _fail("layers", f"cannot build the model ({err})") from err
    expected = [w.shape for w in model.get_weights()]
    weights = doc["weights"]
    if not isinstance(weights, list) or len(weights) != len(expected):
        raise _fail("weights", f"expected a list of {len(expected)} arrays (kernel and bias "
                               f"of each Dense layer), got {_describe(weights)}")
    for k, (array, shape) in enumerate(zip(weights, expected, strict=True)):
        _nested_shape(array, shape, f"weights[{k}]")
    try:
        model.set_weights([np.array(w, dtype=np.float64).reshape(s)
                           for w, s in zip(weights, expected, strict=True)])
    except _BUILD_ERRORS as err:
        raise _fail("weights", str(err)) from err
    compiled = doc["compile"]
    if compiled is None:
        return model
    compiled = _obj(compiled, "compile", {"optimizer", "loss", "metrics"}, {"optimizer", "loss"})
    if not isinstance(compiled["optimizer"], dict):
        raise _fail("compile.optimizer", f"expected an object with the optimizer's name and "
                                         f"settings, got {_describe(compiled['optimizer'])}")
    optimizer = _lookup(optimizers.get, compiled["optimizer"], "compile.optimizer",
                        optimizers.names())
    loss = _lookup(losses.get, compiled["loss"], "compile.loss", losses.names())
    metrics = compiled.get("metrics", [])
    if not isinstance(metrics, list) or len(metrics) > MAX_METRICS:
        raise _fail("compile.metrics", f"expected a list of at most {MAX_METRICS} metric "
                                       f"names, got {_describe(metrics)}")
    def metric_getter(name: str) -> Any:
        return resolve_metric(name, model.output_dim)

    for k, metric in enumerate(metrics):
        _lookup(metric_getter, _text(metric, f"compile.metrics[{k}]"), f"compile.metrics[{k}]",
                ["accuracy", *losses.names()])
    try:
        model.compile(optimizer=optimizer, loss=loss, metrics=list(metrics))
    except _BUILD_ERRORS as err:
        raise _fail("compile", f"cannot compile the model ({err})") from err
    return model


def from_json(text: str | bytes) -> Sequential:
    """A new model (architecture, weights, optimizer settings, loss, metrics) from a file's
    text. Raises :class:`ModelFileError` for anything that is not a valid model file."""
    doc = _obj(_parse(text), "file", {"format", "version", "layers", "weights", "compile"},
               {"format", "version", "layers", "weights"})
    if doc["format"] != FORMAT:
        raise _fail("format", f"expected {FORMAT!r}, got {_describe(doc['format'])}")
    if doc["version"] != VERSION or not isinstance(doc["version"], int) or isinstance(
            doc["version"], bool):
        raise _fail("version", f"expected {VERSION} (this lab reads version {VERSION} files), "
                               f"got {_describe(doc['version'])}")
    _check_architecture(doc["layers"])
    return _build({"compile": None, **doc})


def _architecture(model: Sequential) -> list[tuple[Any, ...]]:
    """What must agree for weights to be interchangeable: layer kinds, widths, biases and
    activations (names and initializers do not matter)."""
    return [(type(layer).__name__, getattr(layer, "units", None), layer.input_dim,
             getattr(layer, "use_bias", None),
             layer.activation.get_config() if hasattr(layer, "activation") else None)
            for layer in model.layers]


def load_weights_json(model: Sequential, text: str | bytes) -> None:
    """Copies the weights of a model file into ``model`` if the architectures match.

    The whole file is validated first (as :func:`from_json`); on any problem
    :class:`ModelFileError` is raised and ``model`` is not touched."""
    loaded = from_json(text)
    ours, theirs = _architecture(model), _architecture(loaded)
    if len(ours) != len(theirs):
        raise _fail("layers", f"the file has {len(theirs)} layers, this model {len(ours)}")
    for k, (mine, file) in enumerate(zip(ours, theirs, strict=True)):
        if mine != file:
            raise _fail(f"layers[{k}]", f"the file's layer {file} does not match this "
                                        f"model's layer {mine}")
    model.set_weights([w.copy() for w in loaded.get_weights()])


def to_json(model: Sequential) -> str:
    """The model file's text. Raises ``ValueError`` if a weight is NaN or infinite."""
    weights = [w.tolist() for w in model.get_weights()]
    if not all(np.isfinite(w).all() for w in model.get_weights()):
        raise ValueError("cannot save a model whose weights are not all finite numbers")
    compiled = None
    if getattr(model, "optimizer", None) is not None and getattr(model, "loss", None) is not None:
        loss = model.loss.get_config()
        compiled = {"optimizer": model.optimizer.get_config(),
                    "loss": loss["name"] if len(loss) == 1 else loss,
                    "metrics": list(model.metrics)}
    doc = {"format": FORMAT, "version": VERSION, "layers": model.get_config()["layers"],
           "weights": weights, "compile": compiled}
    return json.dumps(doc, allow_nan=False)
