"""The data sets of the network tab, each with the net and training settings that suit it.

* ``function``: "watch a network learn" — an invented smooth 1-D function on [0, 1]
  (y = 0.5 sin(2πx) + 0.3 x, with a bump), learnt by regression with MSE.
* ``xor`` and ``circle``: 2-D classification in [-1, 1]² with a sigmoid output and binary
  cross-entropy (xor: label 1 where x1·x2 > 0; circle: label 1 inside radius 0.6).
* ``division``: the original task (x1 / x2 / 100 on 1.00–19.99) with the 2-2-1 division net,
  which gradient descent does not solve (BRIEF.md) — a student sees it stall.

All sets are seeded, split 80 % train / 20 % validation, and small enough that one epoch
takes milliseconds even in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

import pycore

SETS = ("function", "xor", "circle", "division")


@dataclass
class Setup:
    """A data set plus the defaults the network tab starts with for it."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    hidden: list[int] = field(default_factory=list)
    hidden_activation: str = "tanh"
    output_activation: str = "linear"
    loss: str = "mse"
    learning_rate: float = 0.01
    batch_size: int = 16

    @property
    def input_dim(self) -> int:
        return self.x_train.shape[1]

    @property
    def output_dim(self) -> int:
        return self.y_train.shape[1]


def invented_function(x: np.ndarray) -> np.ndarray:
    """The 1-D target: 0.5 sin(2πx) + 0.3x + 0.4 exp(-((x - 0.7) / 0.08)²)."""
    return 0.5 * np.sin(2 * np.pi * x) + 0.3 * x + 0.4 * np.exp(-(((x - 0.7) / 0.08) ** 2))


def _split(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, ...]:
    (xt, yt), (xv, yv), _ = pycore.data.train_val_test_split(x, y, (0.8, 0.2, 0.0), seed=seed)
    return xt, yt, xv, yv


def make(name: str, seed: int = 0) -> Setup:
    """The named data set, split and with its default net and settings."""
    rng = np.random.default_rng(seed)
    if name == "function":
        x = rng.uniform(0.0, 1.0, size=(200, 1))
        return Setup(name, *_split(x, invented_function(x), seed), hidden=[8, 8],
                     hidden_activation="tanh", learning_rate=0.01, batch_size=16)
    if name in ("xor", "circle"):
        x = rng.uniform(-1.0, 1.0, size=(300, 2))
        inside = (x[:, 0] * x[:, 1] > 0) if name == "xor" else (np.hypot(x[:, 0], x[:, 1]) < 0.6)
        y = inside.astype(float).reshape(-1, 1)
        return Setup(name, *_split(x, y, seed), hidden=[4, 4], hidden_activation="tanh",
                     output_activation="sigmoid", loss="binary_crossentropy",
                     learning_rate=0.03, batch_size=16)
    if name == "division":
        x, y = pycore.data.division_dataset(1000, seed=seed)
        return Setup(name, *_split(x, y, seed), hidden=[2], hidden_activation="division",
                     output_activation="division", loss="mae", learning_rate=1e-3,
                     batch_size=4)
    raise ValueError(f"unknown data set {name!r}; known: {', '.join(SETS)}")


def build_model(setup: Setup, hidden: list[int], activations: list[str],
                seed: int = 0) -> pycore.Sequential:
    """Dense layers of the given hidden sizes and activations plus the set's output layer."""
    layers = []
    for k, (units, activation) in enumerate(zip(hidden, activations, strict=True)):
        extra = {"input_dim": setup.input_dim} if k == 0 else {}
        layers.append(pycore.Dense(units, activation=activation, **extra))
    extra = {} if hidden else {"input_dim": setup.input_dim}
    layers.append(pycore.Dense(setup.output_dim, activation=setup.output_activation, **extra))
    return pycore.Sequential(layers, seed=seed)
