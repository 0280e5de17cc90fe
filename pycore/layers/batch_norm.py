"""`BatchNormalization` with Keras 3 semantics: per-feature normalisation of a batch.

Why a layer of its own: deep nets lose their signal when every layer shrinks or widens the
spread of its input; batch normalisation rescales each feature to mean 0 and spread 1 before
the trainable scale gamma and shift beta, so the next layer always sees inputs of the same size.

Training (`forward(x, training=True)`), per feature over the batch of N rows:

    mu = mean(x),  var = mean((x - mu)²)             (biased variance, as Keras)
    x̂ = (x - mu) / sqrt(var + epsilon),  y = gamma · x̂ + beta
    moving = moving · momentum + batch · (1 - momentum)   for mean and variance

Inference (`training=False`, `predict`, `evaluate`) uses the moving statistics instead of the
batch's. Backward, for g = dL/dy (the loss's 1/N is already inside g):

    dL/dbeta = Σ g,   dL/dgamma = Σ g · x̂
    training:   dL/dx = gamma / sqrt(var + epsilon) · (g - mean(g) - x̂ · mean(g · x̂))
    inference:  dL/dx = gamma / sqrt(moving_variance + epsilon) · g

The training formula is the derivative through mu and var (both depend on every row of x); the
moving statistics are never differentiated: they are not trainable, the optimizer never sees
them, and only the layer's training forward pass changes them (in place).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pycore import initializers
from pycore.layers.base import Layer
from pycore.layers.dense import _initialize, _initializer_config

FEATURE_AXES = (-1, 1)  # rows are examples: the features are the last (= second) axis


def _fraction(value: Any, what: str, low: float, high: float, closed_low: bool) -> float:
    """`value` as a float in [low, high] (or (low, high]); a ValueError naming `what`."""
    number = float(value)
    if not (low <= number if closed_low else low < number) or not number <= high:
        bracket = "[" if closed_low else "("
        raise ValueError(f"BatchNormalization {what} must be in {bracket}{low}, {high}], "
                         f"got {value!r}")
    return number


class BatchNormalization(Layer):
    """Normalise each feature over the batch, then scale by gamma and shift by beta (Keras 3).

    Weights, in `get_weights` order: gamma (if `scale`), beta (if `center`), moving_mean,
    moving_variance. Only gamma and beta are trainable; `.grads` holds their gradients after
    `backward`. The moving statistics follow the batches seen in `forward(training=True)`.
    """

    config_keys = frozenset({"name", "axis", "momentum", "epsilon", "center", "scale",
                             "beta_initializer", "gamma_initializer",
                             "moving_mean_initializer", "moving_variance_initializer"})

    def __init__(
        self,
        axis: int = -1,
        momentum: float = 0.99,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        beta_initializer: Any = "zeros",
        gamma_initializer: Any = "ones",
        moving_mean_initializer: Any = "zeros",
        moving_variance_initializer: Any = "ones",
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        if isinstance(axis, bool) or axis not in FEATURE_AXES:
            raise ValueError(f"BatchNormalization axis must be -1 or 1 (the features of a "
                             f"(examples, features) batch), got {axis!r}")
        self.axis = int(axis)
        self.momentum = _fraction(momentum, "momentum", 0.0, 1.0, closed_low=True)
        self.epsilon = _fraction(epsilon, "epsilon", 0.0, 1.0, closed_low=False)
        self.center, self.scale = bool(center), bool(scale)
        self.initializers = {"gamma": gamma_initializer, "beta": beta_initializer,
                             "moving_mean": moving_mean_initializer,
                             "moving_variance": moving_variance_initializer}
        for identifier in self.initializers.values():
            initializers.get(identifier)  # fail now, not at build time, on unknown names
        self.gamma: np.ndarray | None = None
        self.beta: np.ndarray | None = None
        self.moving_mean: np.ndarray | None = None
        self.moving_variance: np.ndarray | None = None
        self._x_hat: np.ndarray | None = None
        self._inv_std: np.ndarray | None = None
        self._batch_statistics = False

    @property
    def built(self) -> bool:
        return self.moving_mean is not None

    @property
    def output_dim(self) -> int | None:
        return self.input_dim

    def build(self, input_dim: int, rng: np.random.Generator) -> None:
        """gamma, beta, moving mean and variance, one entry per feature."""
        self.input_dim = int(input_dim)
        shape = (self.input_dim,)
        wanted = {"gamma": self.scale, "beta": self.center, "moving_mean": True,
                  "moving_variance": True}
        made = {key: _initialize(identifier, shape, rng) if wanted[key] else None
                for key, identifier in self.initializers.items()}
        self.gamma, self.beta = made["gamma"], made["beta"]
        self.moving_mean, self.moving_variance = made["moving_mean"], made["moving_variance"]

    @property
    def weights(self) -> list[np.ndarray]:
        """[gamma, beta, moving_mean, moving_variance] (gamma/beta left out if disabled)."""
        if self.moving_mean is None or self.moving_variance is None:
            return []
        return [*self.trainable_weights, self.moving_mean, self.moving_variance]

    @property
    def trainable_weights(self) -> list[np.ndarray]:
        return [w for w in (self.gamma, self.beta) if w is not None]

    def _normalise(self, x: np.ndarray, mean: np.ndarray, variance: np.ndarray,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(x̂, 1/sqrt(variance + epsilon), gamma · x̂ + beta)."""
        inv_std = 1.0 / np.sqrt(variance + self.epsilon)
        x_hat = (x - mean) * inv_std
        out = x_hat if self.gamma is None else x_hat * self.gamma
        if self.beta is not None:
            out = out + self.beta
        return x_hat, inv_std, out

    def _moving(self) -> tuple[np.ndarray, np.ndarray]:
        if self.moving_mean is None or self.moving_variance is None:
            raise ValueError(f"layer {self.name!r} is not built yet")
        return self.moving_mean, self.moving_variance

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Normalised x; in training with the batch's statistics (and the moving statistics
        move towards them, in place), otherwise with the moving statistics."""
        moving_mean, moving_variance = self._moving()
        if training:
            mean = x.mean(axis=0)
            variance = ((x - mean) ** 2).mean(axis=0)
            moving_mean *= self.momentum
            moving_mean += mean * (1.0 - self.momentum)
            moving_variance *= self.momentum
            moving_variance += variance * (1.0 - self.momentum)
        else:
            mean, variance = moving_mean, moving_variance
        self._x_hat, self._inv_std, out = self._normalise(x, mean, variance)
        self._batch_statistics = training
        return out

    def trace(self, x: np.ndarray) -> tuple[None, np.ndarray]:
        """(no pre-activation, inference output); moving statistics and caches untouched."""
        return None, self._normalise(x, *self._moving())[2]

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        """Given dL/dy for the cached forward pass, fill `.grads` and return dL/dx."""
        if self._x_hat is None or self._inv_std is None:
            raise ValueError(f"layer {self.name!r}: call forward before backward")
        x_hat = self._x_hat
        self.grads = []
        if self.gamma is not None:
            self.grads.append((grad_out * x_hat).sum(axis=0))
        if self.beta is not None:
            self.grads.append(grad_out.sum(axis=0))
        grad_hat = grad_out if self.gamma is None else grad_out * self.gamma
        if not self._batch_statistics:
            return grad_hat * self._inv_std
        centred = grad_hat - grad_hat.mean(axis=0)
        return self._inv_std * (centred - x_hat * (grad_hat * x_hat).mean(axis=0))

    def get_config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            **{f"{key}_initializer": _initializer_config(identifier)
               for key, identifier in self.initializers.items()},
        }
