"""The playground's net as pycore layers, and the settings that change it in place.

A hidden Dense layer is followed by a Dropout layer only while its dropout rate is above 0 (a
Dropout layer of rate 0 would still cost every training step two calls, and a tiny net's step
is mostly such calls). An activation, a regularizer or a dropout rate can change while the net
trains, without new weights and without a reset: they are attributes of existing layers, and a
Dropout layer (which has no weights) is inserted into or taken out of the model's layer list in
place. Only the *shape* (features, layer widths) and the initializer need a new net.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pycore
from pycore.layers import Dense, Dropout
from pycore.serialization.fields import fail
from web.playground import texts  # noqa: F401  (registers the reasons of spec_of's errors)

MAX_LAYERS, MAX_UNITS = 6, 8
HIDDEN_ACTIVATIONS = tuple(n for n in pycore.activations.names() if n != "softmax")
REGULARIZATIONS = ("none", "l1", "l2")


@dataclass(frozen=True)
class LayerSpec:
    """One hidden layer: width, activation and dropout rate after it."""

    units: int
    activation: str = "tanh"
    dropout: float = 0.0


@dataclass(frozen=True)
class NetSpec:
    """Everything the net is made of."""

    inputs: int
    hidden: tuple[LayerSpec, ...]
    output_activation: str
    regularization: str = "none"
    rate: float = 0.0
    initializer: str = "glorot_uniform"

    @property
    def shape(self) -> tuple[int, ...]:
        """What needs new weights when it changes."""
        return (self.inputs, *(layer.units for layer in self.hidden))


def regularizer(kind: str, rate: float) -> pycore.regularizers.L1L2 | None:
    """Keras's L1(rate) or L2(rate) on every kernel, or none (also for a rate of 0)."""
    if kind == "none" or rate == 0:
        return None
    return pycore.regularizers.get({"name": kind, kind: rate})


def build(spec: NetSpec, seed: int) -> pycore.Sequential:
    """A fresh net (seeded initialization) for ``spec``."""
    reg = regularizer(spec.regularization, spec.rate)
    common = {"kernel_initializer": spec.initializer, "kernel_regularizer": reg}
    layers: list[pycore.layers.Layer] = []
    for k, hidden in enumerate(spec.hidden):
        first = {"input_dim": spec.inputs} if k == 0 else {}
        layers.append(Dense(hidden.units, activation=hidden.activation, **first, **common))
        if hidden.dropout > 0:
            layers.append(Dropout(hidden.dropout))
    first = {} if spec.hidden else {"input_dim": spec.inputs}
    layers.append(Dense(1, activation=spec.output_activation, **first, **common))
    return pycore.Sequential(layers, seed=seed)


def dense_layers(model: pycore.Sequential) -> list[Dense]:
    return [layer for layer in model.layers if isinstance(layer, Dense)]


def update_in_place(model: pycore.Sequential, spec: NetSpec) -> None:
    """Give the existing layers ``spec``'s activations, dropout rates and regularizer (the
    shape must be the same); the weights and the optimizer's state stay as they are."""
    dense = dense_layers(model)
    if len(dense) != len(spec.hidden) + 1:
        raise ValueError("update_in_place needs a net of the same shape")
    reg = regularizer(spec.regularization, spec.rate)
    for layer, name in zip(dense, [h.activation for h in spec.hidden] + [spec.output_activation],
                           strict=True):
        if layer.activation.name != name:
            layer.activation = pycore.activations.get(name)
        layer.kernel_regularizer = reg
    for layer, hidden in zip(dense, spec.hidden, strict=False):
        _set_dropout(model, layer, hidden.dropout)


def _set_dropout(model: pycore.Sequential, dense: Dense, rate: float) -> None:
    """The Dropout layer after ``dense``: its rate set, inserted, or taken out (rate 0)."""
    at = model.layers.index(dense) + 1
    after = model.layers[at] if at < len(model.layers) else None
    if isinstance(after, Dropout):
        if rate > 0:
            after.rate = float(rate)
        else:
            del model.layers[at]
    elif rate > 0:
        taken = {layer.name for layer in model.layers}
        names = ("dropout", *(f"dropout_{i}" for i in range(1, len(taken) + 2)))
        name = next(n for n in names if n not in taken)
        layer = Dropout(rate, name=name)
        layer.build(dense.units)
        model.layers.insert(at, layer)


def summary(model: pycore.Sequential) -> str:
    """Keras's summary table (parameters per layer)."""
    return model.summary()


def spec_of(model: pycore.Sequential, spec_like: NetSpec) -> NetSpec:
    """The spec of a loaded model (widths, activations, dropout from its layers; the rest as
    ``spec_like``). Raises ModelFileError if the model does not fit the playground."""
    dense = dense_layers(model)
    if (not isinstance(model.layers[-1], Dense) or model.output_dim != 1
            or len(dense) - 1 > MAX_LAYERS):
        raise fail("layers", "pg_net_shape", limit=MAX_LAYERS)
    hidden = []
    for index, layer in enumerate(model.layers[:-1]):
        if isinstance(layer, Dense):
            if layer.units > MAX_UNITS:
                raise fail(f"layers[{index}]", "pg_units", limit=MAX_UNITS)
            if layer.activation.name not in HIDDEN_ACTIVATIONS:
                raise fail(f"layers[{index}]", "pg_activation", name=layer.activation.name)
            after = model.layers[index + 1]
            rate = after.rate if isinstance(after, Dropout) else 0.0
            hidden.append(LayerSpec(layer.units, layer.activation.name, rate))
        elif not isinstance(layer, Dropout):
            raise fail(f"layers[{index}]", "pg_layer_kind", layer=type(layer).__name__)
    return NetSpec(model.input_dim or 0, tuple(hidden), spec_like.output_activation,
                   spec_like.regularization, spec_like.rate, spec_like.initializer)


def rebuilt(model: pycore.Sequential, spec: NetSpec) -> pycore.Sequential:
    """``model``'s weights in a net built from ``spec`` (the playground's own layers)."""
    fresh = build(spec, seed=0)
    fresh.set_weights(model.get_weights())
    return fresh


def hidden_specs(units: Sequence[int], activations: Sequence[str],
                 dropout: Sequence[float]) -> tuple[LayerSpec, ...]:
    return tuple(LayerSpec(u, a, d) for u, a, d in zip(units, activations, dropout, strict=True))
