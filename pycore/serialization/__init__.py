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
Files: ``limits.py`` (sizes), ``fields.py`` (field checks and the guarded JSON parser),
``layer_checks.py`` (the ``layers`` list, derived from the layer classes); this module builds
and writes models.

Floats round-trip exactly: ``json`` writes the shortest ``repr`` that reads back bit-identical.

Two ways to load: ``from_json`` returns a brand-new compiled model (the front end swaps its
model for it); ``load_weights_json(model, text)`` validates the whole file the same way, checks
that its architecture matches ``model`` and only then copies the weights in (the compile
settings in the file are ignored there). Either way a bad file leaves the current model as is.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from pycore import losses, optimizers
from pycore.metrics import resolve_metric
from pycore.model import Sequential
from pycore.serialization.fields import (
    BUILD_ERRORS,
    ModelFileError,
    fail,
    got,
    lookup,
    nested_shape,
    obj,
    parse,
    text,
)
from pycore.serialization.layer_checks import check_architecture
from pycore.serialization.limits import (
    MAX_FORMULA_CHARS,
    MAX_INT_DIGITS,
    MAX_LAYERS,
    MAX_METRICS,
    MAX_NAME_CHARS,
    MAX_PARAMS,
    MAX_TEXT_CHARS,
    MAX_UNITS,
)

FORMAT = "nnlab-model"
VERSION = 1


def _build(doc: dict[str, Any]) -> Sequential:
    """Builds, fills and compiles a new model from an already shape-checked document."""
    try:
        model = Sequential.from_config({"layers": doc["layers"]})
    except BUILD_ERRORS as err:
        raise fail("layers", "cannot_build", detail=str(err)) from err
    expected = [w.shape for w in model.get_weights()]
    weights = doc["weights"]
    if not isinstance(weights, list) or len(weights) != len(expected):
        raise fail("weights", "weight_count", count=len(expected), got=got(weights))
    for k, (array, shape) in enumerate(zip(weights, expected, strict=True)):
        nested_shape(array, shape, f"weights[{k}]")
    try:
        model.set_weights([np.array(w, dtype=np.float64).reshape(s)
                           for w, s in zip(weights, expected, strict=True)])
    except BUILD_ERRORS as err:
        raise fail("weights", "rejected", detail=str(err)) from err
    compiled = doc["compile"]
    if compiled is None:
        return model
    compiled = obj(compiled, "compile", {"optimizer", "loss", "metrics"}, {"optimizer", "loss"})
    if not isinstance(compiled["optimizer"], dict):
        raise fail("compile.optimizer", "optimizer_object", got=got(compiled["optimizer"]))
    optimizer = lookup(optimizers.get, compiled["optimizer"], "compile.optimizer",
                       optimizers.names(), "optimizer")
    loss = lookup(losses.get, compiled["loss"], "compile.loss", losses.names(), "loss")
    metrics = compiled.get("metrics", [])
    if not isinstance(metrics, list) or len(metrics) > MAX_METRICS:
        raise fail("compile.metrics", "metric_list", limit=MAX_METRICS, got=got(metrics))
    def metric_getter(name: str) -> Any:
        return resolve_metric(name, model.output_dim)

    for k, metric in enumerate(metrics):
        lookup(metric_getter, text(metric, f"compile.metrics[{k}]"), f"compile.metrics[{k}]",
               ["accuracy", *losses.names()], "metric")
    try:
        model.compile(optimizer=optimizer, loss=loss, metrics=list(metrics))
    except BUILD_ERRORS as err:
        raise fail("compile", "cannot_compile", detail=str(err)) from err
    return model


def from_json(text: str | bytes) -> Sequential:
    """A new model (architecture, weights, optimizer settings, loss, metrics) from a file's
    text. Raises :class:`ModelFileError` for anything that is not a valid model file."""
    doc = obj(parse(text), "file", {"format", "version", "layers", "weights", "compile"},
               {"format", "version", "layers", "weights"})
    if doc["format"] != FORMAT:
        raise fail("format", "format", expected=FORMAT, got=got(doc["format"]))
    if doc["version"] != VERSION or not isinstance(doc["version"], int) or isinstance(
            doc["version"], bool):
        raise fail("version", "version", expected=VERSION, got=got(doc["version"]))
    check_architecture(doc["layers"])
    return _build({"compile": None, **doc})


def _architecture(model: Sequential) -> list[tuple[Any, ...]]:
    """What must agree for weights to be interchangeable: layer kinds, widths, weight shapes
    and activations (names, initializers and regularizers do not matter)."""
    return [(type(layer).__name__, layer.input_dim, layer.output_dim,
             [w.shape for w in layer.weights],
             layer.activation.get_config() if hasattr(layer, "activation") else None)
            for layer in model.layers]


def load_weights_json(model: Sequential, text: str | bytes) -> None:
    """Copies the weights of a model file into ``model`` if the architectures match.

    The whole file is validated first (as :func:`from_json`); on any problem
    :class:`ModelFileError` is raised and ``model`` is not touched."""
    loaded = from_json(text)
    ours, theirs = _architecture(model), _architecture(loaded)
    if len(ours) != len(theirs):
        raise fail("layers", "layer_count_mismatch", file=len(theirs), model=len(ours))
    for k, (mine, file) in enumerate(zip(ours, theirs, strict=True)):
        if mine != file:
            raise fail(f"layers[{k}]", "layer_mismatch", file=file, model=mine)
    model.set_weights([w.copy() for w in loaded.get_weights()])


def to_json(model: Sequential) -> str:
    """The model file's text. Raises ``ValueError`` if a weight is NaN or infinite."""
    weights = [w.tolist() for w in model.get_weights()]
    if not all(np.isfinite(w).all() for w in model.get_weights()):
        raise ValueError("cannot save a model whose weights are not all finite numbers")
    compiled = None
    if model.optimizer is not None and model.loss is not None:
        loss = model.loss.get_config()
        compiled = {"optimizer": model.optimizer.get_config(),
                    "loss": loss["name"] if len(loss) == 1 else loss,
                    "metrics": list(model.metrics)}
    doc = {"format": FORMAT, "version": VERSION, "layers": model.get_config()["layers"],
           "weights": weights, "compile": compiled}
    return json.dumps(doc, allow_nan=False)


__all__ = [
    "FORMAT",
    "MAX_FORMULA_CHARS",
    "MAX_INT_DIGITS",
    "MAX_LAYERS",
    "MAX_METRICS",
    "MAX_NAME_CHARS",
    "MAX_PARAMS",
    "MAX_TEXT_CHARS",
    "MAX_UNITS",
    "VERSION",
    "ModelFileError",
    "from_json",
    "load_weights_json",
    "to_json",
]
