"""Checks for the ``layers`` list of a model file, derived from the layer classes.

What a file may contain comes from `pycore.layers`: the layer kinds are the keys of
`LAYER_CLASSES`, a kind's allowed config keys are its class's `config_keys`, the required
ones are the constructor parameters without a default, and a kind may come first exactly when
its `config_keys` contain "input_dim". Only the *values* need knowledge per kind: each kind
has one check in `LAYER_CHECKS` that validates its values and says how wide its output is and
how many weights it has (so the size limits hold before anything is built). A new layer class
is one function and one entry here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from pycore import activations, initializers, regularizers
from pycore.layers import LAYER_CLASSES, Layer
from pycore.serialization.fields import fail, got, is_number, lookup, obj, text, whole_number
from pycore.serialization.limits import MAX_LAYERS, MAX_PARAMS, MAX_UNITS

#: (config, path of the config, input width) -> (output width, number of weights)
LayerCheck = Callable[[dict[str, Any], str, int], tuple[int, int]]


def _check_activation(value: Any, where: str) -> None:
    """A name, ``{"name": ..., <numeric parameters>}`` or a formula activation
    ``{"name": ..., "formula": ..., "derivative": ...}`` (parsed by the safe formula parser)."""
    if isinstance(value, dict) and "formula" in value:
        obj(value, where, {"name", "formula", "derivative"}, {"name", "formula"})
    lookup(activations.get, value, where, activations.names(), "activation")


def _check_dense(config: dict[str, Any], where: str, width: int) -> tuple[int, int]:
    units = whole_number(config["units"], f"{where}.units", 1, MAX_UNITS)
    use_bias = config.get("use_bias", True)
    if not isinstance(use_bias, bool):
        raise fail(f"{where}.use_bias", "boolean", got=got(use_bias))
    _check_activation(config.get("activation", "linear"), f"{where}.activation")
    for key in ("kernel_initializer", "bias_initializer"):
        if key in config:
            lookup(initializers.get, config[key], f"{where}.{key}", initializers.names(),
                   "initializer")
    if config.get("kernel_regularizer") is not None:
        lookup(regularizers.get, config["kernel_regularizer"], f"{where}.kernel_regularizer",
               regularizers.names(), "regularizer")
    return units, width * units + (units if use_bias else 0)


def _check_dropout(config: dict[str, Any], where: str, width: int) -> tuple[int, int]:
    rate = config["rate"]
    if not is_number(rate) or not 0.0 <= rate < 1.0:
        raise fail(f"{where}.rate", "number_range", left="[", low=0, high=1, right=")",
                   got=got(rate))
    if config.get("seed") is not None:
        whole_number(config["seed"], f"{where}.seed", 0, 2**32 - 1)
    return width, 0


def _check_batch_norm(config: dict[str, Any], where: str, width: int) -> tuple[int, int]:
    axis = config.get("axis", -1)
    if isinstance(axis, bool) or axis not in (-1, 1):
        raise fail(f"{where}.axis", "axis", got=got(axis))
    for key, closed in (("momentum", True), ("epsilon", False)):
        value = config.get(key, 0.5)
        if not is_number(value) or not (value >= 0 if closed else value > 0) or value > 1:
            raise fail(f"{where}.{key}", "number_range", left="[" if closed else "(", low=0,
                       high=1, right="]", got=got(value))
    flags = [config.get(key, True) for key in ("center", "scale")]
    for key, flag in zip(("center", "scale"), flags, strict=True):
        if not isinstance(flag, bool):
            raise fail(f"{where}.{key}", "boolean", got=got(flag))
    for key in sorted(k for k in config if k.endswith("_initializer")):
        lookup(initializers.get, config[key], f"{where}.{key}", initializers.names(),
               "initializer")
    return width, width * (2 + sum(flags))


LAYER_CHECKS: dict[str, LayerCheck] = {"Dense": _check_dense, "Dropout": _check_dropout,
                                       "BatchNormalization": _check_batch_norm}


def required_keys(cls: type[Layer]) -> set[str]:
    """The constructor parameters without a default (a file must give them)."""
    return {name for name, p in inspect.signature(cls).parameters.items()
            if p.default is inspect.Parameter.empty
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}


def _check_layer(entry: Any, where: str, width: int | None) -> tuple[int, int]:
    """One entry of ``layers`` after a layer of output ``width`` (None: the first layer);
    returns the entry's output width and number of weights."""
    entry = obj(entry, where, {"class_name", "config"}, {"class_name", "config"})
    kind = entry["class_name"]
    if not isinstance(kind, str) or kind not in LAYER_CLASSES or kind not in LAYER_CHECKS:
        known = ", ".join(repr(name) for name in LAYER_CLASSES if name in LAYER_CHECKS)
        raise fail(f"{where}.class_name", "layer_kind", known=known, got=got(kind))
    cls = LAYER_CLASSES[kind]
    first = width is None
    if first and "input_dim" not in cls.config_keys:
        starters = [name for name, c in LAYER_CLASSES.items() if "input_dim" in c.config_keys]
        raise fail(where, "first_layer", starters=", ".join(starters), layer=kind)
    cwhere = f"{where}.config"
    config = obj(entry["config"], cwhere, set(cls.config_keys),
                 required_keys(cls) | ({"input_dim"} if first else set()))
    if config.get("name") is not None:
        text(config["name"], f"{cwhere}.name")
    if width is None:
        width = whole_number(config["input_dim"], f"{cwhere}.input_dim", 1, MAX_UNITS)
    elif config.get("input_dim") is not None:
        input_dim = whole_number(config["input_dim"], f"{cwhere}.input_dim", 1, MAX_UNITS)
        if input_dim != width:
            raise fail(f"{cwhere}.input_dim", "input_width", expected=width, found=input_dim)
    return LAYER_CHECKS[kind](config, cwhere, width)


def check_architecture(layers: Any) -> None:
    """Checks every layer entry, the widths between them and the size limits; raises
    ModelFileError naming the first bad field."""
    if not isinstance(layers, list) or not 1 <= len(layers) <= MAX_LAYERS:
        raise fail("layers", "layer_count", limit=MAX_LAYERS, got=got(layers))
    width, params = None, 0
    for k, entry in enumerate(layers):
        width, count = _check_layer(entry, f"layers[{k}]", width)
        params += count
    if params > MAX_PARAMS:
        raise fail("layers", "too_many_params", count=params, limit=MAX_PARAMS)
