"""All of a model's weights in one buffer, so that per-step work on every weight is one call.

Why: a tiny net (TensorFlow Playground's default has six weight arrays) trains thousands of
steps a second, and in Pyodide each NumPy call costs microseconds whatever its size. Some work
of every step touches every weight: the non-finite guard remembers, checks and may restore
them, checks the gradients, and an element-wise optimizer updates them. On one contiguous
vector each of these is a single call instead of one per array.

The layers keep their arrays: `pack` copies them into the buffer and makes views of it the
layers' live weights (`Layer.move_weights`), so reading or updating `layer.kernel` in place
reads or updates the buffer. The gradients get a buffer of the same layout: each layer is
handed its views (`Layer.grad_buffers`) to write into, and `gather` copies in what a layer
made elsewhere.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pycore.layers import Layer


@dataclass(frozen=True)
class PackedWeights:
    """Views into ``values``: trainable weights first (``trainable``, what the optimizer
    updates), then the rest (e.g. moving statistics). ``grads`` has ``trainable``'s layout."""

    values: np.ndarray
    trainable: np.ndarray
    grads: np.ndarray
    weights: tuple[np.ndarray, ...]  # model.weights order (Keras order)
    trainable_weights: tuple[np.ndarray, ...]  # model.trainable_weights order
    grad_views: tuple[np.ndarray, ...]  # one per trainable weight, same shapes

    def holds(self, layers: Sequence[Layer]) -> bool:
        """True while the layers' weights are still these views. A layer that replaced an
        array, or a copied model (``copy.deepcopy`` copies views as independent arrays), is
        not, and needs a new pack."""
        current = [w for layer in layers for w in layer.weights]
        return len(current) == len(self.weights) and all(
            now is packed and now.base is self.values
            for now, packed in zip(current, self.weights, strict=True))

    def gather(self, grads: Sequence[np.ndarray]) -> np.ndarray:
        """``grads`` (one per trainable weight, in order) copied into ``self.grads``."""
        for view, grad in zip(self.grad_views, grads, strict=True):
            if grad is not view:
                np.copyto(view, grad)
        return self.grads


def consecutive_views(buffer: np.ndarray, shapes: Sequence[tuple[int, ...]]
                      ) -> list[np.ndarray]:
    """Views of ``buffer`` with these shapes, one after the other from its start."""
    views, start = [], 0
    for shape in shapes:
        size = math.prod(shape)
        views.append(buffer[start : start + size].reshape(shape))
        start += size
    return views


def _views(buffer: np.ndarray, arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    return consecutive_views(buffer, [a.shape for a in arrays])


def pack(layers: Sequence[Layer]) -> PackedWeights:
    """Move the built layers' weights into one new buffer (values unchanged)."""
    trainable = [w for layer in layers for w in layer.trainable_weights]
    trainable_ids = {id(w) for w in trainable}
    rest = [w for layer in layers for w in layer.weights if id(w) not in trainable_ids]
    n_trainable = sum(w.size for w in trainable)
    values = np.empty(n_trainable + sum(w.size for w in rest))
    new = {id(old): view for old, view in zip(trainable + rest,
                                                _views(values, trainable + rest), strict=True)}
    for layer in layers:
        arrays = [new[id(w)] for w in layer.weights]
        for view, old in zip(arrays, layer.weights, strict=True):
            np.copyto(view, old)
        layer.move_weights(arrays)
    grads = np.zeros(n_trainable)
    grad_views = _views(grads, trainable)
    start = 0
    for layer in layers:
        count = len(layer.trainable_weights)
        layer.grad_buffers = grad_views[start : start + count]
        start += count
    return PackedWeights(
        values=values, trainable=values[:n_trainable], grads=grads,
        weights=tuple(w for layer in layers for w in layer.weights),
        trainable_weights=tuple(w for layer in layers for w in layer.trainable_weights),
        grad_views=tuple(grad_views))
