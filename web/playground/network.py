"""The playground's net as pycore layers, and the settings that change it in place.

Every hidden Dense layer is followed by a Dropout layer (rate 0 = the identity), so a dropout
rate, an activation or a regularizer can change while the net trains, without new weights and
without a reset: they are attributes of existing layers. Only the *shape* (features, layer
widths) and the initializer need a new net. The code view and the model summary leave out the
Dropout layers of rate 0 (:func:`effective_config`), as a student would write the net.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pycore
from pycore.layers import Dense, Dropout

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
        layers += [Dense(hidden.units, activation=hidden.activation, **first, **common),
                   Dropout(hidden.dropout)]
    first = {} if spec.hidden else {"input_dim": spec.inputs}
    layers.append(Dense(1, activation=spec.output_activation, **first, **common))
    return pycore.Sequential(layers, seed=seed)


def dense_layers(model: pycore.Sequential) -> list[Dense]:
    return [layer for layer in model.layers if isinstance(layer, Dense)]


def update_in_place(model: pycore.Sequential, spec: NetSpec) -> None:
    """Give the existing layers ``spec``'s activations, dropout rates and regularizer (the
    shape must be the same); the weights stay as they are."""
    dense = dense_layers(model)
    drops = [layer for layer in model.layers if isinstance(layer, Dropout)]
    if len(dense) != len(spec.hidden) + 1:
        raise ValueError("update_in_place needs a net of the same shape")
    reg = regularizer(spec.regularization, spec.rate)
    for layer, name in zip(dense, [h.activation for h in spec.hidden] + [spec.output_activation],
                           strict=True):
        if layer.activation.name != name:
            layer.activation = pycore.activations.get(name)
        layer.kernel_regularizer = reg
    for layer, hidden in zip(drops, spec.hidden, strict=True):
        layer.rate = float(hidden.dropout)


def effective_config(model: pycore.Sequential) -> list[pycore.layers.Layer]:
    """The layers a student would write: without Dropout layers of rate 0."""
    return [layer for layer in model.layers
            if not (isinstance(layer, Dropout) and layer.rate == 0.0)]


def summary(model: pycore.Sequential) -> str:
    """Keras's summary table of the effective layers (parameters per layer)."""
    config = {"name": model.name, "layers": [
        {"class_name": type(layer).__name__, "config": layer.get_config()}
        for layer in effective_config(model)]}
    return pycore.Sequential.from_config(config, seed=0).summary()


def spec_of(model: pycore.Sequential, spec_like: NetSpec) -> NetSpec:
    """The spec of a loaded model (widths, activations, dropout from its layers; the rest as
    ``spec_like``). Raises ValueError if the model does not fit the playground."""
    dense = dense_layers(model)
    if (not isinstance(model.layers[-1], Dense) or model.output_dim != 1
            or len(dense) - 1 > MAX_LAYERS):
        raise ValueError(f"the playground takes nets with 1 output and at most {MAX_LAYERS} "
                         "hidden layers")
    hidden = []
    for index, layer in enumerate(model.layers[:-1]):
        if isinstance(layer, Dense):
            if layer.units > MAX_UNITS:
                raise ValueError(f"the playground takes at most {MAX_UNITS} neurons per layer")
            if layer.activation.name not in HIDDEN_ACTIVATIONS:
                raise ValueError(f"activation {layer.activation.name!r} is not offered here")
            after = model.layers[index + 1]
            rate = after.rate if isinstance(after, Dropout) else 0.0
            hidden.append(LayerSpec(layer.units, layer.activation.name, rate))
        elif not isinstance(layer, Dropout):
            raise ValueError(f"the playground has no {type(layer).__name__} layers")
    return NetSpec(model.input_dim or 0, tuple(hidden), spec_like.output_activation,
                   spec_like.regularization, spec_like.rate, spec_like.initializer)


def with_dropout_layers(model: pycore.Sequential, spec: NetSpec) -> pycore.Sequential:
    """``model``'s weights in the playground's layout (a Dropout after every hidden layer)."""
    fresh = build(spec, seed=0)
    fresh.set_weights(model.get_weights())
    return fresh


def hidden_specs(units: Sequence[int], activations: Sequence[str],
                 dropout: Sequence[float]) -> tuple[LayerSpec, ...]:
    return tuple(LayerSpec(u, a, d) for u, a, d in zip(units, activations, dropout, strict=True))
