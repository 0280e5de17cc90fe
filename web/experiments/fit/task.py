"""The task of "watch a network learn", as the course material sets it up.

An invented smooth function on [0, 1] that the network does not know: 1,000 points drawn
uniformly, the net sees (x, f(x)) and learns by Adam (learning rate 1e-3, batch 32) on the
mean squared error; its curve is then drawn at 100 evenly spaced x between 0 and 1.
"""

from __future__ import annotations

import numpy as np

import pycore

POINTS = 1000
CURVE_POINTS = 100
OPTIMIZER = "adam"
LEARNING_RATE = 1e-3
BATCH_SIZE = 32
LOSS = "mse"
# Every activation with a curve over one input (softmax maps vectors; division is its own tab).
ACTIVATIONS = tuple(n for n in pycore.activations.names() if n not in ("softmax", "division"))


def invented_function(x: np.ndarray) -> np.ndarray:
    """0.5 sin(2πx) + 0.3 x + 0.4 exp(−((x − 0.7) / 0.08)²): a wave, a slope and a bump."""
    return 0.5 * np.sin(2 * np.pi * x) + 0.3 * x + 0.4 * np.exp(-(((x - 0.7) / 0.08) ** 2))


def dataset(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``POINTS`` inputs uniform on [0, 1] (seeded) and their targets, as (n, 1) columns."""
    x = np.random.default_rng(seed).uniform(0.0, 1.0, size=(POINTS, 1))
    return x, invented_function(x)


def curve_x() -> np.ndarray:
    return np.linspace(0.0, 1.0, CURVE_POINTS)


def model(width: int, activation: str, seed: int) -> pycore.Sequential:
    """One hidden layer of ``width`` neurons and a linear output neuron."""
    return pycore.Sequential([pycore.Dense(width, activation=activation, input_dim=1),
                              pycore.Dense(1)], seed=seed)


def composed_line(net: pycore.Sequential) -> tuple[float, float]:
    """(w, b) of the straight line a net of linear layers computes: x W1 W2 + (b1 W2 + b2)."""
    w, b = np.eye(1), np.zeros(1)
    for layer in net.layers:
        w, b = w @ layer.kernel, b @ layer.kernel + (0.0 if layer.bias is None else layer.bias)
    return float(w[0, 0]), float(b[0])


def best_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """(w, b, mse) of the least-squares straight line through the points: what no net of
    linear neurons can beat."""
    design = np.column_stack([x[:, 0], np.ones(len(x))])
    (w, b), *_ = np.linalg.lstsq(design, y[:, 0], rcond=None)
    return float(w), float(b), float(np.mean((design @ [w, b] - y[:, 0]) ** 2))
