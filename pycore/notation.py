"""The lecture notation for weights and biases, and where each one lives in a model.

    w[l]ij   the weight from input i to neuron j of Dense layer l
    b[l]j    the bias of neuron j of Dense layer l

l counts Dense layers from 1 (Dropout and other weightless layers are not counted), i and j
count from 1. The subscripts are written together (w[1]21) and separated by a comma once an
index has two digits (w[1]12,3), so they stay unambiguous. `pycore.graph` labels its nodes with
these functions, and every view of the lab names weights through them, so there is exactly
one notation.

`parameters(model)` lists every Dense kernel entry and bias as a `ParameterRef` in
`model.get_weights()` order (each array flattened row-major), which lets a view show, edit or
highlight "w[2]13" without knowing the layout of the weight list.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Literal

from pycore.layers import Dense


def _index(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{what} must be an integer >= 1 (lecture indices count from 1), "
                         f"got {value!r}")
    return value


def subscript(*indices: int) -> str:
    """Lecture subscripts: "21" for (2, 1); "12,3" once an index has two digits."""
    parts = [str(_index(i, "an index")) for i in indices]
    return ("," if any(len(p) > 1 for p in parts) else "").join(parts)


def weight_label(layer_number: int, i: int, j: int) -> str:
    """w[l]ij: the weight from input i to neuron j of Dense layer l (all from 1)."""
    return f"w[{_index(layer_number, 'layer_number')}]{subscript(i, j)}"


def bias_label(layer_number: int, j: int) -> str:
    """b[l]j: the bias of neuron j of Dense layer l (both from 1)."""
    return f"b[{_index(layer_number, 'layer_number')}]{subscript(j)}"


def sum_label(layer_number: int, j: int) -> str:
    """z[l]j: the pre-activation (weighted sum) of neuron j of Dense layer l (both from 1)."""
    return f"z[{_index(layer_number, 'layer_number')}]{subscript(j)}"


def activation_label(layer_number: int, j: int) -> str:
    """a[l]j: the output of neuron j of Dense layer l (both from 1)."""
    return f"a[{_index(layer_number, 'layer_number')}]{subscript(j)}"


@dataclass(frozen=True)
class ParameterRef:
    """Where one weight or bias lives and what the lecture calls it.

    `weight_index` indexes `model.get_weights()` (and `model.weights`), `position` is the
    index tuple inside that array; `layer` is the index in `model.layers`, `layer_number` the
    Dense count from 1 (the l of the label); `kind` is "weight" or "bias"; `i` (None for a
    bias) and `j` are the 0-based row (input) and column (neuron) of the kernel entry, i.e.
    `position` itself, while the label shows them from 1.
    """

    weight_index: int
    position: tuple[int, ...]
    label: str
    layer: int
    layer_number: int
    kind: Literal["weight", "bias"]
    i: int | None
    j: int


def weight_offsets(model: Any) -> list[int]:
    """For each layer of a built model, the index of its first array in `get_weights()`."""
    if not model.built:
        raise ValueError("the model is not built yet: give input_dim or call build()")
    offsets, total = [], 0
    for layer in model.layers:
        offsets.append(total)
        total += len(layer.weights)
    return offsets


def parameters(model: Any) -> list[ParameterRef]:
    """Every Dense kernel entry and bias of a built model, in `get_weights()` order."""
    refs = []
    dense = [(k, layer) for k, layer in enumerate(model.layers) if isinstance(layer, Dense)]
    offsets = weight_offsets(model)
    for number, (k, layer) in enumerate(dense, start=1):
        kernel_index = offsets[k]
        rows, units = layer.weights[0].shape  # the kernel (input_dim, units)
        refs += [ParameterRef(kernel_index, (i, j), weight_label(number, i + 1, j + 1), k, number,
                              "weight", i, j)
                 for i in range(rows) for j in range(units)]
        if layer.bias is not None:
            refs += [ParameterRef(kernel_index + 1, (j,), bias_label(number, j + 1), k, number,
                                  "bias", None, j)
                     for j in range(units)]
    return refs


def _live_array(model: Any, ref: ParameterRef) -> Any:
    weights = model.weights
    if not 0 <= ref.weight_index < len(weights):
        raise ValueError(f"{ref.label} does not belong to this model "
                         f"(it has {len(weights)} weight arrays)")
    array = weights[ref.weight_index]
    if len(ref.position) != array.ndim or any(
            not 0 <= p < n for p, n in zip(ref.position, array.shape, strict=True)):
        raise ValueError(f"{ref.label} does not belong to this model "
                         f"(weight array {ref.weight_index} has shape {array.shape})")
    return array


def get_parameter(model: Any, ref: ParameterRef) -> float:
    """The current value of the weight or bias `ref` points at."""
    return float(_live_array(model, ref)[ref.position])


def set_parameter(model: Any, ref: ParameterRef, value: float) -> None:
    """Write `value` in place (the optimizer's arrays see it); a non-finite or non-numeric
    value raises ValueError and changes nothing."""
    array = _live_array(model, ref)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{ref.label} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{ref.label} must be a finite number, got {value!r}")
    array[ref.position] = float(value)


__all__ = [
    "ParameterRef",
    "bias_label",
    "get_parameter",
    "parameters",
    "set_parameter",
    "subscript",
    "weight_label",
    "weight_offsets",
]
