"""One malformed model file per reason of ``ModelFileError`` (pycore's own checks), shared by
the pycore tests (reason, path and English sentence) and the front end's translation tests."""

from __future__ import annotations

import json
from typing import Any

from pycore import data
from pycore.serialization import MAX_LAYERS, MAX_TEXT_CHARS, MAX_UNITS, to_json


def good() -> dict[str, Any]:
    model = data.division_model("hand_set")
    model.compile(optimizer="adam", loss="mae", metrics=["mse"])
    return json.loads(to_json(model))


def with_value(path: tuple[Any, ...], value: Any) -> str:
    """The compiled division net's file with the value at ``path`` replaced."""
    doc = good()
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(doc)


def _bn(key: str, value: Any) -> str:
    doc = good()
    doc["layers"].insert(1, {"class_name": "BatchNormalization", "config": {key: value}})
    return json.dumps(doc)


def _first_dropout() -> str:
    doc = good()
    doc["layers"][0] = {"class_name": "Dropout", "config": {"rate": 0.1}}
    return json.dumps(doc)


def _wide() -> str:
    wide = {"class_name": "Dense", "config": {"units": MAX_UNITS, "input_dim": MAX_UNITS}}
    return with_value(("layers",), [wide, {"class_name": "Dense", "config": {"units": MAX_UNITS}}])


TEXT = to_json(data.division_model("hand_set"))

#: reason -> (file content, path of the field the error names)
SAMPLES: dict[str, tuple[Any, str]] = {
    "not_utf8": (b"\xff\xfe", ""),
    "not_text": (5, ""),
    "too_large": (" " * (MAX_TEXT_CHARS + 1), ""),
    "non_finite": (TEXT.replace("-3.912023", "NaN"), ""),
    "float_overflow": (TEXT.replace("-3.912023", "-1e999"), ""),
    "too_many_digits": (TEXT.replace("-3.912023", "1" * 40), ""),
    "too_deep": ("[" * 100_000 + "]" * 100_000, ""),
    "not_json": ("{", ""),
    "object": ("[]", "file"),
    "unknown_field": (with_value(("extra",), 1), "file"),
    "missing_field": (with_value(("layers", 1, "config"), {}), "layers[1].config"),
    "whole_number": (with_value(("layers", 1, "config", "units"), "2"), "layers[1].config.units"),
    "number": (with_value(("weights", 1, 0), "1.0"), "weights[1][0]"),
    "number_range": (_bn("momentum", 1.5), "layers[1].config.momentum"),
    "boolean": (_bn("center", "yes"), "layers[1].config.center"),
    "setting_value": (with_value(("compile", "optimizer", "learning_rate"), "0.1"),
                      "compile.optimizer.learning_rate"),
    "text": (with_value(("layers", 0, "config", "name"), 7), "layers[0].config.name"),
    "name": (with_value(("compile", "loss"), 3.5), "compile.loss"),
    "unknown_name": (with_value(("layers", 0, "config", "activation"), "divide"),
                     "layers[0].config.activation"),
    "rejected": (with_value(("compile", "optimizer", "learning_rate"), -1.0), "compile.optimizer"),
    "list_length": (with_value(("weights", 0), [[1.0, 2.0]]), "weights[0]"),
    "format": (with_value(("format",), "keras"), "format"),
    "version": (with_value(("version",), 2), "version"),
    "layer_count": (with_value(("layers",), [good()["layers"][1]] * (MAX_LAYERS + 1)), "layers"),
    "layer_kind": (with_value(("layers", 0, "class_name"), "Conv2D"), "layers[0].class_name"),
    "first_layer": (_first_dropout(), "layers[0]"),
    "input_width": (with_value(("layers", 1, "config", "input_dim"), 5),
                    "layers[1].config.input_dim"),
    "axis": (_bn("axis", 0), "layers[1].config.axis"),
    "too_many_params": (_wide(), "layers"),
    "weight_count": (with_value(("weights",), []), "weights"),
    "optimizer_object": (with_value(("compile", "optimizer"), "adam"), "compile.optimizer"),
    "metric_list": (with_value(("compile", "metrics"), "mse"), "compile.metrics"),
}
