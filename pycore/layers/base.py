"""The `Layer` contract every layer of a `Sequential` model fulfils, and `LayerTrace`.

Why a base class: the model, the training loop, serialization and the notation helpers talk to
layers only through this contract, so a new layer (e.g. BatchNormalization) is one new file and
one entry in `pycore.layers.LAYER_CLASSES`, with no edits elsewhere.

The contract (Keras names and conventions; rows are examples):

- `name: str | None` (the model assigns one on `add`), `input_dim: int | None`, `built: bool`,
  `output_dim: int | None` (None only while unbuilt, for a layer whose output width is its
  input width, e.g. Dropout).
- `build(input_dim, rng)`: create the weights for inputs of that width (`rng` draws initial
  values).
- `weights`: ALL weight arrays of the layer in Keras `get_weights` order, as the live arrays
  (updating them in place updates the layer; a layer never rebinds them after `build`, since
  the optimizer and the non-finite guard hold on to these very arrays). The model moves them
  once into one buffer of all its weights (`move_weights`, see `pycore.packing`); the default
  finds each array among the instance's attributes, a layer that keeps them elsewhere (e.g.
  in a list) overrides it. `trainable_weights`:
  the subset the optimizer updates, in order; `non_trainable_weights`: the rest, in order
  (e.g. moving statistics a layer updates itself in `forward(training=True)`).
- `grads`: after `backward`, one gradient per trainable weight, same order and shapes.
  `grad_buffers`: None, or arrays for them from the model (views of its gradient buffer, see
  `pycore.packing`); a layer may write its gradients into them (Dense does) and then list
  those very arrays in `grads`, or ignore them.
- `count_params()`: number of entries of all weights; `penalty()`: the regularization term the
  layer adds to the training loss (0.0 without a regularizer).
- `forward(x, training=False) -> a`: caches what `backward` needs; `training=True` is a
  training step (dropout on, moving statistics updated).
- `backward(grad_out) -> grad_in`: given dL/da for the cached forward pass, fill `grads`
  (including the regularizer's gradient) and return dL/dx.
- `trace(x) -> (z | None, a)`: inference-mode values for `x` without touching the caches
  `backward` needs; z is the pre-activation for layers that have one.
- `get_config() -> dict` (JSON-able constructor arguments) and the class attribute
  `config_keys`: the constructor parameters a model file may contain (serialization derives
  its allowed keys from it; a layer kind whose `config_keys` contain "input_dim" can be first).
- `rng`: None, or the `np.random.Generator` the layer draws from in training (`fit(seed=...)`
  replaces it every epoch so that seeded runs are reproducible).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np


@dataclass(frozen=True)
class LayerTrace:
    """One layer's values for a batch (from `Sequential.forward_trace`): `layer` is the index
    in `model.layers`, `inputs` what the layer received, `z` its pre-activation (None for layers
    without one, e.g. Dropout) and `a` its output."""

    layer: int
    name: str
    inputs: np.ndarray
    z: np.ndarray | None
    a: np.ndarray


def positive_dim(value: Any, what: str) -> int:
    """`value` as a positive int, or a ValueError naming `what` (bools are not counts)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{what} must be a positive integer, got {value!r}")
    return int(value)


class Layer(ABC):
    """Abstract base of every layer; see the module docstring for the full contract."""

    config_keys: ClassVar[frozenset[str]] = frozenset({"name"})
    rng: np.random.Generator | None = None

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self.input_dim: int | None = None
        self.grads: list[np.ndarray] = []
        self.grad_buffers: list[np.ndarray] | None = None

    @property
    @abstractmethod
    def built(self) -> bool:
        """True once `build` has created the weights (and the input width is known)."""

    @property
    @abstractmethod
    def output_dim(self) -> int | None:
        """Width of the output (None only while unbuilt, for width-preserving layers)."""

    @abstractmethod
    def build(self, input_dim: int, rng: np.random.Generator) -> None:
        """Create the weights for inputs of width `input_dim`."""

    @property
    @abstractmethod
    def weights(self) -> list[np.ndarray]:
        """All weight arrays (live), Keras `get_weights` order; empty before `build`."""

    @property
    def trainable_weights(self) -> list[np.ndarray]:
        """The weights the optimizer updates, in order (by default: all of them)."""
        return self.weights

    @property
    def non_trainable_weights(self) -> list[np.ndarray]:
        """The weights the optimizer leaves alone, in `weights` order."""
        trainable = {id(w) for w in self.trainable_weights}
        return [w for w in self.weights if id(w) not in trainable]

    def move_weights(self, arrays: list[np.ndarray]) -> None:
        """Make ``arrays`` (same shapes and values, `weights` order) the live weights: every
        instance attribute that holds one of the old arrays now holds its replacement."""
        old = self.weights  # alive until the end, so no other object can take their ids
        replacement = {id(w): new for w, new in zip(old, arrays, strict=True)}
        for name, value in list(vars(self).items()):
            if id(value) in replacement:
                setattr(self, name, replacement[id(value)])
        if any(now is not new for now, new in zip(self.weights, arrays, strict=True)):
            raise TypeError(f"{type(self).__name__} keeps its weights outside its attributes: "
                            "override Layer.move_weights")

    def count_params(self) -> int:
        """Entries of all weights, trainable or not (as Keras counts)."""
        return sum(w.size for w in self.weights)

    def penalty(self) -> float:
        """Regularization term this layer adds to the training loss."""
        return 0.0

    @abstractmethod
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """The layer's output for `x`; caches what `backward` needs."""

    @abstractmethod
    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        """Fill `grads` for the cached forward pass and return dL/dx."""

    def backward_weights(self, grad_out: np.ndarray) -> None:
        """`backward` without dL/dx: a model's first layer, whose input is the data, needs
        only its `grads`. A layer whose dL/dx is work of its own skips it (Dense: a matrix
        product per training step)."""
        self.backward(grad_out)

    def trace(self, x: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
        """(pre-activation or None, output) for `x` in inference mode, caches untouched.

        This default runs `forward(x, training=False)` and then puts back every attribute the
        call rebound, so `backward` still sees the last training forward pass. A layer whose
        inference forward changes arrays in place, or that has a pre-activation to report,
        overrides it.
        """
        saved = dict(vars(self))
        try:
            out = self.forward(x, training=False)
        finally:
            vars(self).clear()
            vars(self).update(saved)
        return None, out

    @abstractmethod
    def get_config(self) -> dict[str, Any]:
        """JSON-able constructor arguments (keys from `config_keys`)."""
