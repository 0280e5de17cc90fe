"""`Dense`: a fully connected layer (affine map + activation), Keras-style.

Conventions (as in Keras): rows are examples; a Dense kernel has shape (inputs, units), so the
forward pass is  z = x @ W + b,  a = act(z).  Backward, for an upstream gradient g = dL/da:

    dL/dz = g * act'(z)                 (element-wise act; softmax: act.backward, full Jacobian)
    dL/dW = x.T @ dL/dz  (+ dR/dW for a kernel regularizer R)
    dL/db = sum over rows of dL/dz
    dL/dx = dL/dz @ W.T                 (returned, becomes g for the layer below)

The loss is a mean over the batch, so the 1/batch factor is already inside g (the loss module
puts it there); summing over rows here is therefore correct.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pycore import activations, initializers, regularizers
from pycore.layers.base import Layer, positive_dim
from pycore.matmul import matmul


def _initialize(identifier: Any, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Fresh float64 array of `shape` drawn by the initializer (name, instance or config)."""
    return np.asarray(initializers.get(identifier)(shape, rng), dtype=np.float64)


def _compact(config: dict[str, Any]) -> str | dict[str, Any]:
    """A config that is only a name becomes that name (Keras writes "relu", not a dict)."""
    return config["name"] if set(config) == {"name"} else config


def _initializer_config(identifier: Any) -> str | dict[str, Any]:
    if isinstance(identifier, str):
        return identifier
    return _compact(initializers.get(identifier).get_config())


class Dense(Layer):
    """Fully connected layer: `units` neurons, each a linear regression followed by `activation`.

    Weights exist after `build(input_dim, rng)` (the model calls it as soon as the input width is
    known). `.grads` holds `[dW, db]` (or `[dW]` without bias) after `backward`, and includes the
    kernel regularizer's gradient so that it is the gradient of the full training loss.
    All its weights are trainable.
    """

    config_keys = frozenset({"name", "units", "activation", "input_dim", "use_bias",
                             "kernel_initializer", "bias_initializer", "kernel_regularizer"})

    def __init__(
        self,
        units: int,
        activation: Any = None,
        input_dim: int | None = None,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        use_bias: bool = True,
        kernel_regularizer: Any = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.units = positive_dim(units, "Dense units")
        if input_dim is not None:
            self.input_dim = positive_dim(input_dim, "Dense input_dim")
        self.activation = activations.get("linear" if activation is None else activation)
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        initializers.get(kernel_initializer)  # fail now, not at build time, on unknown names
        initializers.get(bias_initializer)
        self.use_bias = bool(use_bias)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel: np.ndarray | None = None
        self.bias: np.ndarray | None = None
        self._x: np.ndarray | None = None
        self._z: np.ndarray | None = None
        self._slope: np.ndarray | None = None

    @property
    def built(self) -> bool:
        return self.kernel is not None

    @property
    def output_dim(self) -> int:
        return self.units

    def build(self, input_dim: int, rng: np.random.Generator) -> None:
        """Create the kernel (input_dim, units) and bias (units,) with the initializers."""
        if self.input_dim is not None and self.input_dim != input_dim:
            raise ValueError(
                f"layer {self.name!r} expects {self.input_dim} inputs but receives {input_dim}"
            )
        self.input_dim = int(input_dim)
        self.kernel = _initialize(self.kernel_initializer, (self.input_dim, self.units), rng)
        self.bias = (
            _initialize(self.bias_initializer, (self.units,), rng) if self.use_bias else None
        )

    @property
    def weights(self) -> list[np.ndarray]:
        """The live arrays (not copies): kernel, then bias if used."""
        if self.kernel is None:
            return []
        return [self.kernel] if self.bias is None else [self.kernel, self.bias]

    def penalty(self) -> float:
        """Regularization term this layer adds to the training loss (0 without a regularizer)."""
        if self.kernel_regularizer is None or self.kernel is None:
            return 0.0
        return float(self.kernel_regularizer(self.kernel))

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """a = act(x @ W + b); caches x and z for `backward`.

        With `training=True` an element-wise activation's slope act'(z) is computed together
        with its value (`value_and_derivative`, which shares the work) and cached, so backward
        is a single multiplication. Inference (`training=False`) computes the value only, and
        `backward` then evaluates the slope itself.
        """
        z = self._pre_activation(x)
        self._x, self._z = x, z
        if training and self.activation.elementwise:
            a, self._slope = self.activation.value_and_derivative(z)
            return a
        self._slope = None
        return self.activation(z)

    def _pre_activation(self, x: np.ndarray) -> np.ndarray:
        """z = x @ W + b (the one place it is computed, so `trace` equals `forward`)."""
        if self.kernel is None:
            raise ValueError(f"layer {self.name!r} is not built yet")
        z = matmul(x, self.kernel)
        if self.bias is not None:
            z += self.bias  # in place: z is a fresh array, and one allocation fewer per step
        return z

    def trace(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(z, act(z)) for `x` in inference mode; the caches for `backward` stay as they are."""
        z = self._pre_activation(x)
        return z, self.activation(z)

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        """Given dL/da for the cached forward pass, fill `.grads` and return dL/dx."""
        grad_z, kernel = self._weight_gradients(grad_out)
        return matmul(grad_z, kernel.T)

    def backward_weights(self, grad_out: np.ndarray) -> None:
        """`.grads` for dL/da, without dL/dx (see `Layer.backward_weights`)."""
        self._weight_gradients(grad_out)

    def _weight_gradients(self, grad_out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Fill `.grads` from dL/da; return dL/dz and the kernel."""
        if self._x is None or self._z is None or self.kernel is None:
            raise ValueError(f"layer {self.name!r}: call forward before backward")
        if self._slope is None:
            grad_z = self.activation.backward(self._z, grad_out)
        else:
            grad_z = grad_out * self._slope
        # Into the model's gradient buffer if it gave one (no copy, no allocation), else new.
        buffers = self.grad_buffers or [None, None]
        grad_kernel = matmul(self._x.T, grad_z, out=buffers[0])
        if self.kernel_regularizer is not None:
            grad_kernel += self.kernel_regularizer.gradient(self.kernel)
        self.grads = [grad_kernel]
        if self.bias is not None:  # = grad_z.sum(axis=0)
            self.grads.append(np.add.reduce(grad_z, axis=0, out=buffers[1]))
        return grad_z, self.kernel

    def get_config(self) -> dict[str, Any]:
        """JSON-able constructor arguments (plain names where no parameters are involved)."""
        regularizer = self.kernel_regularizer
        return {
            "name": self.name,
            "units": self.units,
            "activation": _compact(self.activation.get_config()),
            "input_dim": self.input_dim,
            "use_bias": self.use_bias,
            "kernel_initializer": _initializer_config(self.kernel_initializer),
            "bias_initializer": _initializer_config(self.bias_initializer),
            "kernel_regularizer": None if regularizer is None else regularizer.get_config(),
        }
