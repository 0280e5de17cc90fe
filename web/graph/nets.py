"""The nets the computation-graph tab can show, each with its example, target and loss.

From small to large: the lecture's first model (one weight, one bias: x = 2, w = 3, b = 1,
y = 4 and the mean absolute error give the edge gradients 1, 1, 1, 2 of the slides), a single
neuron (a linear regression followed by sigmoid), the division net with its hand-set weights,
and 2-2-1 nets with a sigmoid, tanh or ReLU hidden layer and seeded random weights. Every net
gets its own example: the division net's inputs would saturate a tanh net.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import pycore
from pycore.division import division_model

SLIDES, NEURON, DIVISION = "slides", "neuron", "division"
HIDDEN = ("sigmoid", "tanh", "relu")
NETS = (SLIDES, NEURON, DIVISION, *HIDDEN)


@dataclass(frozen=True)
class Net:
    """A net of the tab: its example (inputs, target), the loss it is shown with, and
    whether its weights come from a seed (else they are fixed, as on the slide)."""

    inputs: tuple[float, ...]
    target: float
    loss: str
    seeded: bool = False


NET_SPECS = {
    SLIDES: Net((2.0,), 4.0, "mae"),
    NEURON: Net((2.0, 1.0), 1.0, "mse"),
    DIVISION: Net((20.0, 5.0), 0.04, "mae"),
    **{name: Net((0.5, -1.0), 1.0, "mse", seeded=True) for name in HIDDEN},
}


def _dense_net(units: tuple[int, ...], activations: tuple[str, ...], input_dim: int,
               seed: int) -> pycore.Sequential:
    layers = [pycore.Dense(units[0], activation=activations[0], input_dim=input_dim),
              *(pycore.Dense(u, activation=a) for u, a in zip(units[1:], activations[1:],
                                                               strict=True))]
    return pycore.Sequential(layers, seed=seed)


def build_model(net: str, seed: int = 0) -> pycore.Sequential:
    """The model of ``net`` (uncompiled weights set; the trainer compiles it). ``seed`` matters
    for the seeded 2-2-1 nets only."""
    if net == SLIDES:
        model = _dense_net((1,), ("linear",), 1, seed)
        model.set_weights([np.array([[3.0]]), np.array([1.0])])
    elif net == NEURON:
        model = _dense_net((1,), ("sigmoid",), 2, seed)
        model.set_weights([np.array([[0.5], [-1.0]]), np.array([0.5])])
    elif net == DIVISION:
        model = division_model("hand_set")
    elif net in HIDDEN:
        model = _dense_net((2, 1), (net, "linear"), 2, seed)
    else:
        raise ValueError(f"unknown net {net!r}; known: {', '.join(NETS)}")
    return model
