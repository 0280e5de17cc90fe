"""What happens to the signal in a deep net: activation and gradient statistics per layer.

Why: the classic deep-learning question (vanishing and exploding activations and gradients,
dying ReLUs, what SELU, LeCun/He/Glorot initialisation and batch normalisation change) is
answered by one forward and one backward pass that records, for every layer, how large its
values are. `layer_statistics(model, x, y)` does exactly that and returns one
`LayerStatistics` per layer of `model.layers`.

Definitions (all over every example *and* every unit of the layer together):
- activation: the layer's output a; preactivation: Dense's z = x @ W + b (None for layers
  without one, e.g. BatchNormalization or Dropout);
- gradient: dL/da, the gradient of the loss (a mean over the batch, as `fit` minimises it)
  with respect to the layer's output;
- mean and std: population statistics (NumPy's default, ddof=0);
- weight_gradient_norm: sqrt of the sum of squares of the gradients of all the layer's
  trainable weights (0.0 for a layer without any);
- dead_fraction: the share of units whose activation is exactly 0 for every example (a dead
  ReLU unit passes no gradient back).

The forward pass is that of a training step by default (`training=True`: batch statistics in
BatchNormalization, dropout active), because that is the pass whose gradients training uses;
the model is left as it was (weights, moving statistics and the layers' random generators are
restored). Values may overflow in a badly scaled deep net: nothing warns, the statistics are
then inf or NaN, and `overflow(records, kind)` says from which record on.

`Probe` runs the same computation in two stages (`forward()`, then `backward()`), so that a
view can draw the activations before the slower backward pass is done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from pycore import losses
from pycore.layers import Dense, Layer
from pycore.stack import LayerStack
from pycore.training import as_inputs, as_targets

KINDS = ("activation", "preactivation", "gradient")


def _mean_std(values: np.ndarray | None) -> tuple[float | None, float | None]:
    """Population mean and std; finite whenever every value is (huge values are scaled
    down first, so that a sum or a square cannot overflow on its own)."""
    if values is None:
        return None, None
    mean, std = _two_pass(values)
    if not (np.isfinite(mean) and np.isfinite(std)) and np.isfinite(values).all():
        scale = float(np.abs(values).max())
        mean, std = _two_pass(values / scale)
        mean, std = scale * mean, scale * std
    return mean, std


def _two_pass(values: np.ndarray) -> tuple[float, float]:
    """Mean, then the spread of the centred values as one sum of products: the same numbers as
    `values.std()` (to rounding) with fewer passes over the data, which matters in Pyodide,
    where NumPy's reductions are slow. (`einsum`, not `np.dot`: a BLAS dot would start
    threads for every layer.)"""
    flat = values.reshape(-1)
    mean = float(flat.mean()) if flat.size else float("nan")
    centred = flat - mean
    return mean, float(np.sqrt(np.einsum("i,i->", centred, centred) / max(flat.size, 1)))


@dataclass(frozen=True, eq=False)
class LayerStatistics:
    """One layer's statistics (see the module docstring for the definitions).

    `layer` is the index in `model.layers`. Gradient fields are None only in the records of
    `Probe.forward()` (before the backward pass).
    """

    layer: int
    name: str
    preactivation_mean: float | None
    preactivation_std: float | None
    activation_mean: float
    activation_std: float
    dead_fraction: float
    gradient_mean: float | None = None
    gradient_std: float | None = None
    weight_gradient_norm: float | None = None
    arrays: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def values(self, kind: str) -> np.ndarray | None:
        """The raw values of `kind` (one of `KINDS`), shape (examples, units); None if the
        layer has none of that kind (no pre-activation, or no backward pass yet)."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        return self.arrays.get(kind)

    def histogram(self, kind: str, bins: int | Sequence[float] = 50,
                  range: tuple[float, float] | None = None,
                  ) -> tuple[np.ndarray, np.ndarray]:
        """(counts, bin edges) of the finite values of `kind`, as `np.histogram` counts them
        (`bins`: a number of bins or the edges; `range`: (low, high) for a number of bins,
        default the values' span). Raises ValueError if the layer has no such values."""
        values = self.values(kind)
        if values is None:
            raise ValueError(f"layer {self.name!r} has no {kind} values")
        finite = values[np.isfinite(values)] if not np.isfinite(values).all() else values
        return np.histogram(finite, bins=bins, range=range)


def overflow(records: Sequence[LayerStatistics], kind: str) -> int | None:
    """Position in `records` of the first layer whose `kind` values (or their mean or std)
    are not all finite; None if every layer's are. For gradients, which flow backwards, it is
    the *last* such position: the layer from which on (towards the input) they overflowed."""
    bad = [k for k, record in enumerate(records) if not _finite(record, kind)]
    if not bad:
        return None
    return bad[-1] if kind == "gradient" else bad[0]


def _finite(record: LayerStatistics, kind: str) -> bool:
    values = record.values(kind)
    if values is None:
        return True
    stats = {"activation": (record.activation_mean, record.activation_std),
             "preactivation": (record.preactivation_mean, record.preactivation_std),
             "gradient": (record.gradient_mean, record.gradient_std)}[kind]
    return bool(np.isfinite(values).all()) and all(np.isfinite(s) for s in stats
                                                   if s is not None)


class Probe:
    """`layer_statistics` in two stages; call `forward()` and then `backward()` once each.

    Between the two calls nothing else may run the model's layers (their caches hold the
    forward pass that `backward` differentiates).
    """

    def __init__(self, model: LayerStack, x: Any, y: Any, *, loss: Any = None,
                 training: bool = True) -> None:
        loss = loss if loss is not None else getattr(model, "loss", None)
        if loss is None:
            raise ValueError(f"layer_statistics needs a loss: compile the model or pass "
                             f"loss=...; known: {losses.names()}")
        self.loss = losses.get(loss)
        self.model = model
        self.x = as_inputs(x, model.input_dim)
        if not model.built:
            model.build(self.x.shape[1])
        self.y = as_targets(y, self.x.shape[0], model.output_dim)
        self.training = bool(training)
        self.records: list[LayerStatistics] = []
        self._output: np.ndarray | None = None

    def forward(self) -> list[LayerStatistics]:
        """Activation and pre-activation statistics of every layer (gradient fields None)."""
        layers = self.model.layers
        saved_weights = [w.copy() for w in self.model.non_trainable_weights]
        saved_rngs = [(layer, layer.rng.bit_generator.state) for layer in layers
                      if layer.rng is not None]
        records = []
        inputs = self.x
        try:
            with np.errstate(all="ignore"):
                for k, layer in enumerate(layers):
                    output = layer.forward(inputs, training=self.training)
                    records.append(_forward_record(k, str(layer.name), _preactivation(layer),
                                                   output))
                    inputs = output
        finally:
            for live, saved in zip(self.model.non_trainable_weights, saved_weights,
                                   strict=True):
                np.copyto(live, saved)
            for layer, state in saved_rngs:
                layer.rng.bit_generator.state = state
        self._output = inputs
        self.records = records
        return records

    def backward(self) -> list[LayerStatistics]:
        """The complete records: `forward()`'s plus the gradient statistics."""
        if self._output is None:
            raise ValueError("call forward() before backward()")
        layers = self.model.layers
        done: list[LayerStatistics] = []
        with np.errstate(all="ignore"):
            grad = self.loss.gradient(self.y, self._output)
            for layer, record in zip(reversed(layers), reversed(self.records), strict=True):
                mean, std = _mean_std(grad)
                arrays = {**record.arrays, "gradient": grad}
                grad = layer.backward(grad)
                norm = float(np.sqrt(sum(float(np.sum(g * g)) for g in layer.grads)))
                done.append(replace(record, gradient_mean=mean, gradient_std=std,
                                    weight_gradient_norm=norm, arrays=arrays))
        self._output = None
        self.records = done[::-1]
        return self.records


def _preactivation(layer: Layer) -> np.ndarray | None:
    """The z that the layer's `forward` just computed and cached for `backward` (Dense only).

    Read from Dense's cache rather than recomputed with `layer.trace`: a second product per
    layer would cost a third more time, and in Pyodide (NumPy without BLAS) that is most of a
    second for 30 layers of 100 units on 1,000 examples."""
    return layer._z if isinstance(layer, Dense) else None


def _forward_record(k: int, name: str, z: np.ndarray | None, a: np.ndarray) -> LayerStatistics:
    z_mean, z_std = _mean_std(z)
    a_mean, a_std = _mean_std(a)
    dead = float(np.mean(~(a != 0).any(axis=0))) if a.size else 0.0
    arrays = {"activation": a} if z is None else {"activation": a, "preactivation": z}
    return LayerStatistics(k, name, z_mean, z_std, float(a_mean), float(a_std), dead,
                           arrays=arrays)


def layer_statistics(model: LayerStack, x: Any, y: Any, *, loss: Any = None,
                     training: bool = True) -> list[LayerStatistics]:
    """One `LayerStatistics` per layer of `model.layers` for inputs `x` and targets `y`.

    `loss` defaults to the compiled model's loss; `training` chooses the forward pass (see the
    module docstring). The model's weights, moving statistics and random generators are left
    as they were; `x` and `y` are checked as for `fit`.
    """
    probe = Probe(model, x, y, loss=loss, training=training)
    probe.forward()
    return probe.backward()
