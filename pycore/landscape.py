"""The loss landscape and the quantities that explain why gradient descent fails on a net.

`loss_surface` evaluates the loss on a 2-D slice through any two parameters (everything else
held at the current weights), vectorised over the slice: the layers below the first chosen
parameter are computed once, two parameters of different units in one hidden layer are
evaluated per axis, for two parameters in different layers the layers below the upper one are
computed once per value of the lower one's axis, and the layers from there on run for a whole
block of slice points at a time. What remains is irreducible: the output activation and the
loss at every (slice point, sample) pair, 40 million of them for 100 x 100 points and 4,000
samples; the division activation (three pieces, each evaluated everywhere) dominates that.
Timing against one `predict` per point: `benchmarks/division_story.py`.

`output_gradient_signs` and `hidden_cosine_similarity` are what the division story
(docs/division-story.md) measures: at a random start both output weights' gradients are
positive, so gradient descent pushes both output weights down together and the two hidden
units end up doing the same thing.

Parameters are named by ``(weight_index, position)``: the index into ``model.get_weights()``
(Keras order W1, b1, W2, b2, ...) and the position inside that array (a tuple, or a flat int).
Any object with ``.weight_index`` and ``.position`` attributes works as well.
Nothing here changes the model's weights: every evaluation uses copies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from pycore import losses
from pycore.layers import Dense
from pycore.solvers.residuals import forward, layer_weights
from pycore.training import as_inputs, as_targets

#: Values per block of slice points (points x samples x widest layer): 64k float64 = 512 kB,
#: small enough for a block's temporaries to stay in the CPU cache, large enough that the
#: per-block Python overhead is small. On the lab's shared 2-core machine (division net, 4,000
#: samples) blocks of 16k-64k values ran fastest; 1M values about 1.4x slower.
_BLOCK_ELEMENTS = 65_536
#: Largest stack (values of one axis x samples x widest layer) of the layers below the upper
#: parameter's that is computed once per axis value instead of once per slice point: 4M
#: float64 = 32 MB.
_SHARED_ELEMENTS = 4_000_000


def _dense(model: Any) -> list[Dense]:
    if not getattr(model, "built", False):
        raise ValueError("the model is not built yet: give input_dim or call build()")
    return [layer for layer in model.layers if isinstance(layer, Dense)]


def _loss(model: Any, loss: Any) -> losses.Loss:
    if loss is None:
        if getattr(model, "loss", None) is None:
            raise ValueError("give a loss, or compile the model (model.compile(loss=...))")
        return model.loss
    return losses.get(loss)


def parameter(ref: Any, weights: Sequence[np.ndarray]) -> tuple[int, tuple[int, ...]]:
    """``(weight_index, position tuple)`` for a ref object or a plain pair, checked."""
    if hasattr(ref, "weight_index") and hasattr(ref, "position"):
        index, position = ref.weight_index, ref.position
    elif isinstance(ref, tuple | list) and len(ref) == 2:
        index, position = ref
    else:
        raise ValueError(f"a parameter is (weight_index, position), got {ref!r}")
    if isinstance(index, bool) or not isinstance(index, int | np.integer) \
            or not 0 <= index < len(weights):
        raise ValueError(f"weight_index must be 0 .. {len(weights) - 1}, got {index!r}")
    shape = weights[index].shape
    try:
        if isinstance(position, int | np.integer):
            position = np.unravel_index(int(position), shape)
        position = tuple(int(p) for p in position)
        weights[index][position]
    except (TypeError, ValueError, IndexError):
        raise ValueError(
            f"position {position!r} is not inside weight {index}, of shape {shape}") from None
    if len(position) != len(shape):
        raise ValueError(f"position {position!r} must have {len(shape)} indices")
    return int(index), position


def _values(values: Any, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be a non-empty 1-D array of finite numbers")
    return arr


def _layer_of(layers: Sequence[Dense], weight_index: int) -> int:
    """Index (among the Dense layers) of the layer that owns ``weights[weight_index]``."""
    k = 0
    for number, layer in enumerate(layers):
        k += 2 if layer.use_bias else 1
        if weight_index < k:
            return number
    raise ValueError(f"weight {weight_index} belongs to no Dense layer")


def loss_surface(model: Any, x: Any, y: Any, refs_or_indices: Sequence[Any], a_values: Any,
                 b_values: Any, loss: Any = None) -> np.ndarray:
    """Loss at every (a, b) of the slice, shape (len(b_values), len(a_values)).

    ``surface[j, i]`` is the loss with the first parameter set to ``a_values[i]`` and the
    second to ``b_values[j]`` (rows follow b, as an image with a on the x axis), all other
    weights at their current values. ``loss`` defaults to the model's compiled loss; the data
    loss only (regularization penalties are not included).
    """
    layers = _dense(model)
    weights = model.get_weights()
    if len(refs_or_indices) != 2:
        raise ValueError(f"give exactly two parameters, got {len(refs_or_indices)}")
    params = [parameter(ref, weights) for ref in refs_or_indices]
    if params[0] == params[1]:
        raise ValueError(f"the two parameters must differ, both are {params[0]}")
    a, b = _values(a_values, "a_values"), _values(b_values, "b_values")
    fn = _loss(model, loss)
    x_arr = as_inputs(x, model.input_dim)
    y_arr = as_targets(y, x_arr.shape[0], layers[-1].units)
    owners = [_layer_of(layers, index) for index, _ in params]
    first = min(owners)
    pairs = layer_weights(layers, weights)
    with np.errstate(all="ignore"):
        shared = forward(layers[:first], weights, x_arr).output
        block_prediction = _block_prediction(layers, pairs, params, owners, shared, (a, b),
                                             weights)
        width = max(layer.units for layer in layers)
        block = max(1, _BLOCK_ELEMENTS // (x_arr.shape[0] * width))
        out = np.empty(a.size * b.size)
        for start in range(0, out.size, block):
            index = np.arange(start, min(start + block, out.size))
            pred = block_prediction(index % a.size, index // a.size)
            out[index] = fn.per_sample(y_arr, pred).mean(axis=-1)
    return out.reshape(b.size, a.size)


def _block_prediction(layers: Sequence[Dense], pairs: list, params: list, owners: list[int],
                      shared: np.ndarray, axes: tuple[np.ndarray, np.ndarray],
                      weights: Sequence[np.ndarray]) -> Callable[[np.ndarray, np.ndarray],
                                                                 np.ndarray]:
    """The net's output for a block of slice points, given as index arrays into both axes.

    Three ways, each giving the numbers of evaluating every point on its own: two units of
    one hidden layer (`_column_terms`); two layers, where every layer below the upper
    parameter's depends on the lower parameter only and is computed once per value of its
    axis, then gathered for the block's points (when that stack has at most
    ``_SHARED_ELEMENTS`` values); otherwise every layer from the lower parameter's on, per
    point."""
    first = min(owners)
    a, b = axes
    if (owners[0] == owners[1] and first + 1 < len(layers)
            and layers[first].activation.elementwise
            and params[0][1][-1] != params[1][1][-1]):
        base, (term_a, term_b) = _column_terms(layers, pairs, first, shared, params, axes,
                                               weights)

        def by_columns(ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
            z = base + term_a[ia] + term_b[ib]
            return _stacked_forward(layers, pairs, first + 1, z, [], weights, given_z=True)

        return by_columns
    low = 0 if owners[0] < owners[1] else 1
    upper = owners[1 - low]
    width = max(layer.units for layer in layers[first:upper]) if upper > first else 0
    if upper > first and axes[low].size * shared.shape[0] * width <= _SHARED_ELEMENTS:
        below = _stacked_forward(layers[:upper], pairs[:upper], first, shared,
                                 [(params[low], axes[low])], weights)

        def by_lower_axis(ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
            index = (ia, ib)
            settings = [(params[1 - low], axes[1 - low][index[1 - low]])]
            return _stacked_forward(layers, pairs, upper, below[index[low]], settings, weights)

        return by_lower_axis

    def per_point(ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        settings = [(params[0], a[ia]), (params[1], b[ib])]
        return _stacked_forward(layers, pairs, first, shared, settings, weights)

    return per_point


def _column_terms(layers: Sequence[Dense], pairs: list, first: int, a: np.ndarray,
                  params: list, values: tuple[np.ndarray, np.ndarray],
                  weights: Sequence[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Both parameters in layer ``first``, in different units j and k, element-wise activation:
    unit j then depends on the first parameter only and unit k on the second, so each is
    evaluated once per value of its own axis (len(a) + len(b) rows, not len(a) x len(b)). The
    next layer's pre-activation is base + term_a[i] + term_b[j]: base from the other units,
    term = unit's output times its row of the next kernel, shape (values, samples, units)."""
    layer, (kernel, bias) = layers[first], pairs[first]
    next_kernel, next_bias = pairs[first + 1]
    z = a @ kernel if bias is None else a @ kernel + bias
    hidden = layer.activation(z)
    columns = [position[-1] for _, position in params]
    hidden[:, columns] = 0.0
    base = hidden @ next_kernel if next_bias is None else hidden @ next_kernel + next_bias
    terms = []
    for (index, position), axis in zip(params, values, strict=True):
        source = a[:, position[0]] if weights[index].ndim == 2 else 1.0
        unit = z[:, position[-1]] + (axis - weights[index][position])[:, None] * source
        terms.append(layer.activation(unit)[..., None] * next_kernel[position[-1]])
    return base, terms


def _stacked_forward(layers: Sequence[Dense], pairs: list, first: int, a: np.ndarray,
                     settings: list, weights: Sequence[np.ndarray],
                     given_z: bool = False) -> np.ndarray:
    """Layers ``first ..`` for a block of P slice points: from a (samples, d) input shared by
    all (or, with ``given_z``, from layer ``first``'s pre-activations (P, samples, units)) to
    the output (P, samples, units). A chosen kernel entry W[i, j] = v adds (v - W[i, j]) a_i
    to z_j; a chosen bias entry b[j] = v adds v - b[j]."""
    k0 = 0
    for number, (layer, (kernel, bias)) in enumerate(zip(layers, pairs, strict=True)):
        k1 = k0 + (2 if layer.use_bias else 1)
        if number == first and given_z:
            z = a
        elif number >= first:
            z = a @ kernel if bias is None else a @ kernel + bias
            if settings:
                z = np.broadcast_to(z, (settings[0][1].size, *z.shape[-2:])).copy()
            for (index, position), values in settings:
                if k0 <= index < k1:
                    delta = (values - weights[index][position])[:, None]
                    source = a[..., position[0]] if index == k0 else 1.0
                    z[..., position[-1]] += delta * source
        if number >= first:
            a = layer.activation(z)
        k0 = k1
    return a


def output_gradient_signs(model: Any, x: Any, y: Any, loss: Any = None) -> np.ndarray:
    """Signs (-1, 0, +1) of d loss / d W for the last Dense layer's kernel W (its shape).

    At a random start of the division net both entries are +1: the prediction is far above
    every target, so the loss falls when either output weight falls, and gradient descent
    lowers both together (docs/division-story.md)."""
    layers = _dense(model)
    fn = _loss(model, loss)
    x_arr = as_inputs(x, model.input_dim)
    y_arr = as_targets(y, x_arr.shape[0], layers[-1].units)
    with np.errstate(all="ignore"):
        cache = forward(layers, model.get_weights(), x_arr)
        grad = fn.gradient(y_arr, cache.output)
        slope = cache.slopes[-1]
        grad_z = (grad * slope if slope is not None
                  else layers[-1].activation.backward(cache.pre_activations[-1], grad))
        return np.sign(cache.inputs[-1].T @ grad_z).astype(int)


def hidden_cosine_similarity(model: Any, x: Any) -> float:
    """Cosine similarity of the last hidden layer's two units' activations over the data:
    h1 · h2 / (|h1| |h2|), with h_k the vector of unit k's outputs on the rows of ``x``.

    1 means the two units compute the same feature up to scale (the net is effectively a
    one-unit net). Needs exactly two units in the layer before the output layer."""
    layers = _dense(model)
    if len(layers) < 2 or layers[-2].units != 2:
        raise ValueError("hidden_cosine_similarity needs a last hidden layer of exactly 2 units")
    with np.errstate(all="ignore"):
        hidden = forward(layers[:-1], model.get_weights(), as_inputs(x, model.input_dim))
    h1, h2 = hidden.output.T
    norm = float(np.linalg.norm(h1) * np.linalg.norm(h2))
    return float(h1 @ h2) / norm if norm > 0.0 else 0.0
