"""`LayerStack`: the layers of a model, their widths and their weights.

Everything about a model that needs no loss: adding and building layers, the weight lists
(all / trainable / non-trainable, Keras order), the Keras summary table, the inference
forward pass and `forward_trace`, and the config. `pycore.model.Sequential` adds compile /
fit / evaluate / predict on top; users meet only `Sequential`.

Each layer holds its own weights, and `weights` returns those very arrays in Keras order
[W1, b1, W2, b2, ...] (every layer's `weights`, trainable or not). The optimizer updates
`trainable_weights` in place, so the layers see every update without copying. `set_weights`
therefore copies *into* the existing arrays rather than replacing them. Once the layers are
built, their arrays are views into one buffer of the stack (`pycore.packing`), which lets the
training loop treat all weights with one call; a layer added later moves them into a new one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Self

import numpy as np

from pycore.layers import Layer, LayerTrace, layer_from_config
from pycore.packing import PackedWeights, pack
from pycore.training import as_inputs


def _snake_case(class_name: str) -> str:
    """Keras's default layer names: "BatchNormalization" -> "batch_normalization"."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()


class LayerStack:
    """A linear stack of layers (any `pycore.layers.Layer`: Dense, Dropout, ...).

    `seed` makes weight initialization reproducible (Keras would use a global seed); without
    it the initial weights differ on every build.
    """

    def __init__(
        self, layers: Sequence[Layer] | None = None, name: str = "sequential",
        seed: int | None = None,
    ) -> None:
        self.name = name
        self.layers: list[Layer] = []
        self.rng = np.random.default_rng(seed)
        self._packed: PackedWeights | None = None
        for layer in layers or []:
            self.add(layer)

    # ----------------------------------------------------------------- structure
    def add(self, layer: Layer) -> None:
        """Append a layer; it is built at once if the width of its input is known."""
        if not isinstance(layer, Layer):
            raise ValueError(f"Sequential accepts pycore layers (Dense, Dropout, ...), "
                             f"got {layer!r}")
        if not self.layers and "input_dim" not in type(layer).config_keys:
            raise ValueError(f"the first layer must be one that takes input_dim (e.g. Dense), "
                             f"not {type(layer).__name__}")
        if layer.name is None:
            kind = _snake_case(type(layer).__name__)
            taken = {other.name for other in self.layers}
            layer.name = next(
                name for i in range(len(self.layers) + 1)
                if (name := kind if i == 0 else f"{kind}_{i}") not in taken
            )
        self.layers.append(layer)
        width = layer.input_dim if len(self.layers) == 1 else self.layers[-2].output_dim
        if width is not None and (len(self.layers) == 1 or self.layers[-2].built):
            layer.build(width, self.rng)
        if self.built:
            self._packed = pack(self.layers)

    def build(self, input_dim: int | Sequence[int | None]) -> None:
        """Create all weights for inputs of width `input_dim` (an int or a shape (None, d))."""
        width = input_dim[-1] if isinstance(input_dim, Sequence) else input_dim
        if not self.layers:
            raise ValueError("cannot build an empty model: add layers first")
        if isinstance(width, bool) or not isinstance(width, int | np.integer) or width < 1:
            raise ValueError(f"input_dim must be a positive integer, got {input_dim!r}")
        width = int(width)
        for layer in self.layers:
            if not layer.built:
                layer.build(width, self.rng)
            elif layer.input_dim != width:
                raise ValueError(
                    f"layer {layer.name!r} was built for {layer.input_dim} inputs, not {width}"
                )
            width = width if layer.output_dim is None else layer.output_dim
        self.packed_weights()

    @property
    def built(self) -> bool:
        return bool(self.layers) and all(layer.built for layer in self.layers)

    @property
    def input_dim(self) -> int | None:
        return self.layers[0].input_dim if self.layers else None

    @property
    def output_dim(self) -> int:
        """Width of the output: that of the last layer which fixes a width (a Dropout or
        other width-preserving layer passes on the width before it)."""
        for layer in reversed(self.layers):
            if layer.output_dim is not None:
                return layer.output_dim
        raise ValueError("the model has no layer that fixes its output width (e.g. Dense)")

    def _ensure_built(self, x: np.ndarray) -> None:
        if not self.built:
            self.build(x.shape[1])

    # ------------------------------------------------------------------- weights
    @property
    def weights(self) -> list[np.ndarray]:
        """All live weight arrays (trainable or not) in Keras order; updating them in place
        updates the layers."""
        return [w for layer in self.layers for w in layer.weights]

    @property
    def trainable_weights(self) -> list[np.ndarray]:
        """The live arrays the optimizer updates, in order (`backward` returns their grads)."""
        return [w for layer in self.layers for w in layer.trainable_weights]

    @property
    def non_trainable_weights(self) -> list[np.ndarray]:
        """The live arrays the layers update themselves (e.g. moving statistics), in order."""
        return [w for layer in self.layers for w in layer.non_trainable_weights]

    def packed_weights(self) -> PackedWeights:
        """The weights as views into one buffer (packed anew if a layer's arrays are no longer
        the packed views, e.g. in a ``copy.deepcopy`` of the model)."""
        if self._packed is None or not self._packed.holds(self.layers):
            self._packed = pack(self.layers)
        return self._packed

    def get_weights(self) -> list[np.ndarray]:
        """Copies of all weights in Keras order [W1, b1, W2, b2, ...]."""
        return [w.copy() for w in self.weights]

    def set_weights(self, weights: Sequence[Any]) -> None:
        """Copy `weights` (all of them, Keras order) into the model after checking count,
        shapes and finiteness; on any problem nothing is changed."""
        live = self.weights
        if not self.built:
            raise ValueError("the model is not built yet: give input_dim or call build()")
        if len(weights) != len(live):
            raise ValueError(f"expected {len(live)} weight arrays, got {len(weights)}")
        new = [np.asarray(w, dtype=np.float64) for w in weights]
        for i, (target, value) in enumerate(zip(live, new, strict=True)):
            if value.shape != target.shape:
                raise ValueError(
                    f"weight {i} must have shape {target.shape}, got {value.shape}"
                )
            if not np.all(np.isfinite(value)):
                raise ValueError(f"weight {i} contains NaN or infinite values")
        for target, value in zip(live, new, strict=True):
            np.copyto(target, value)

    def count_params(self) -> int:
        """Entries of all weights, trainable or not (as Keras counts)."""
        return sum(layer.count_params() for layer in self.layers)

    def summary(self) -> str:
        """Keras-style table (layer, output shape, parameter count) as a string."""
        rule, thick = "_" * 65, "=" * 65
        lines = [f'Model: "{self.name}"', rule,
                 f" {'Layer (type)':<28}{'Output Shape':<26}Param #", thick]
        for layer in self.layers:
            label = f"{layer.name} ({type(layer).__name__})"
            params = str(layer.count_params()) if layer.built else "?"
            shape = f"(None, {layer.output_dim if layer.output_dim is not None else '?'})"
            lines.append(f" {label:<28}{shape:<26}{params}")
        lines.append(thick)
        total = trainable = fixed = "? (not built yet)"
        if self.built:
            total = str(self.count_params())
            trainable = str(sum(w.size for w in self.trainable_weights))
            fixed = str(sum(w.size for w in self.non_trainable_weights))
        lines += [f"Total params: {total}", f"Trainable params: {trainable}",
                  f"Non-trainable params: {fixed}", rule]
        return "\n".join(lines)

    # --------------------------------------------------------------- computation
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Raw forward pass on a checked float64 array (layers cache what backward needs)."""
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    def penalty(self) -> float:
        """Sum of the layers' regularization penalties at the current weights."""
        return float(sum(layer.penalty() for layer in self.layers))

    def forward_trace(self, x: Any) -> list[LayerTrace]:
        """Every layer's input, pre-activation z (None where a layer has none) and output for
        the batch `x`, in inference mode, as `predict` computes them (the last `a` equals
        `predict(x)` bit for bit). The layers' training caches are left untouched."""
        inputs = as_inputs(x, self.input_dim)
        self._ensure_built(inputs)
        traces = []
        with np.errstate(all="ignore"):
            for k, layer in enumerate(self.layers):
                z, a = layer.trace(inputs)
                traces.append(LayerTrace(k, str(layer.name), inputs, z, a))
                inputs = a
        return traces

    # ------------------------------------------------------------------ config
    def get_config(self) -> dict[str, Any]:
        """{"name": ..., "layers": [{"class_name": "Dense", "config": {...}}, ...]}."""
        return {
            "name": self.name,
            "layers": [
                {"class_name": type(layer).__name__, "config": layer.get_config()}
                for layer in self.layers
            ],
        }

    @classmethod
    def from_config(cls, config: dict[str, Any], seed: int | None = None) -> Self:
        """A fresh (newly initialized) model with the layers described by `get_config()`."""
        layers = [layer_from_config(entry) for entry in config.get("layers", [])]
        return cls(layers, name=config.get("name", "sequential"), seed=seed)
