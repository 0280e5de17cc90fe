"""One setting of the deep-net probe: the net (depth, width, activation, initialisation, batch
normalisation) and the data it is probed with, as params with their bounds.

Why a size budget besides the bounds: the probe runs one forward and one backward pass over
every example, and in the browser (NumPy without BLAS in Pyodide) a product of 1,000 × 100 by
100 × 100 numbers alone takes ~5–10 ms (`pycore.matmul`). The budget counts the multiply-adds
of one forward pass (examples × Σ inputs × units over all layers) and admits the lab's deepest
default net (50 layers × 100 units on 1,000 examples) but not, say, 50 × 500 on 1,000, which
would take minutes there.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import param

import pycore

ACTIVATIONS = [name for name in pycore.activations.names() if name not in ("softmax", "division")]
INITIALIZERS = ["random_normal", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
                "lecun_uniform", "lecun_normal"]
INPUTS = ["normal", "uniform", "ones"]
MAX_MULTIPLY_ADDS = 600_000_000
SETTING_NAMES = ("depth", "width", "activation", "initializer", "sigma", "batch_norm", "inputs",
                 "samples", "seed")


class ProbeSettings(param.Parameterized):
    """A net of `depth` hidden Dense layers of `width` units (inputs are `width` wide too), one
    linear output, optionally BatchNormalization after every hidden layer (after its
    activation, as in the course's Keras example); `samples` inputs drawn from `inputs`, target
    y = x1 · x2, loss MSE."""

    depth = param.Integer(default=30, bounds=(1, 50))
    width = param.Integer(default=100, bounds=(2, 500))
    activation = param.Selector(default="tanh", objects=ACTIVATIONS)
    initializer = param.Selector(default="random_normal", objects=INITIALIZERS)
    sigma = param.Number(default=0.1, bounds=(0.0, 100.0), inclusive_bounds=(False, True),
                         doc="Standard deviation of random_normal.")
    batch_norm = param.Boolean(default=False)
    inputs = param.Selector(default="normal", objects=INPUTS)
    samples = param.Integer(default=1000, bounds=(10, 2000))
    seed = param.Integer(default=0, bounds=(0, 2**31 - 1))

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SETTING_NAMES}

    def multiply_adds(self, values: dict[str, Any] | None = None) -> int:
        """Multiply-adds of one forward pass: examples × (inputs × units per layer, summed)."""
        v = values or self.values()
        return v["samples"] * v["width"] * (v["depth"] * v["width"] + 1)

    def kernel_initializer(self) -> str | dict[str, Any]:
        if self.initializer == "random_normal":
            return {"name": "random_normal", "mean": 0.0, "stddev": self.sigma}
        return self.initializer

    def build_model(self) -> pycore.Sequential:
        """A fresh, compiled model (seeded: the same settings give the same weights)."""
        init = self.kernel_initializer()
        layers: list[pycore.layers.Layer] = []
        for k in range(self.depth):
            first = {"input_dim": self.width} if k == 0 else {}
            layers.append(pycore.Dense(self.width, activation=self.activation,
                                       kernel_initializer=init, **first))
            if self.batch_norm:
                layers.append(pycore.BatchNormalization())
        layers.append(pycore.Dense(1, kernel_initializer=init))
        model = pycore.Sequential(layers, name="deep_net", seed=self.seed)
        model.compile(optimizer="adam", loss="mse")
        return model

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y): the inputs and the target x1 · x2 (the same for the same settings)."""
        rng = np.random.default_rng([self.seed, 1])
        shape = (self.samples, self.width)
        if self.inputs == "normal":
            x = rng.standard_normal(shape)
        elif self.inputs == "uniform":  # variance 1, as N(0, 1)
            x = rng.uniform(-math.sqrt(3.0), math.sqrt(3.0), shape)
        else:
            x = np.ones(shape)
        return x, (x[:, 0] * x[:, 1]).reshape(-1, 1)
