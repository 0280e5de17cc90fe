"""Loss surfaces over two parameters: three classic test functions and a slice through a net.

Each surface gives its loss on a grid (for the contour picture) and its gradient at a point
(for the optimizers): the test functions analytically, the net by pycore itself — its loss
surface from :func:`pycore.landscape.loss_surface` and its gradient from ``model.gradients``
with the two chosen weights set, all other weights held at their trained values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import pycore
from pycore import landscape, notation

ROTATION = 0.5  # radians: the quadratic's valley is not along an axis
CONDITION = 125.0  # ratio of its curvatures: SGD's stable step is set by the steep one


@dataclass(frozen=True)
class Surface:
    """A loss over two parameters (a, b) with the region to draw and where to start."""

    name: str
    loss_at: Callable[[np.ndarray], float]
    grid: Callable[[np.ndarray, np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray], np.ndarray]
    a_range: tuple[float, float]
    b_range: tuple[float, float]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    learning_rate: float
    steps: int
    labels: tuple[str, str] = ("w₁", "w₂")


def analytic(name: str, function: Callable[[np.ndarray, np.ndarray], np.ndarray],
             gradient: Callable[[np.ndarray], np.ndarray], **settings: object) -> Surface:
    """A surface from a formula f(a, b) that works element-wise on arrays."""
    return Surface(name, lambda p: float(function(p[0], p[1])),
                   lambda a, b: function(*np.meshgrid(a, b)), gradient, **settings)


def rotate(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c, s = np.cos(ROTATION), np.sin(ROTATION)
    return c * a + s * b, -s * a + c * b


def _quadratic_loss(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    u, v = rotate(a, b)
    return 0.5 * (u**2 + CONDITION * v**2)


def _quadratic_gradient(p: np.ndarray) -> np.ndarray:
    u, v = rotate(p[0], p[1])
    c, s = np.cos(ROTATION), np.sin(ROTATION)
    du, dv = u, CONDITION * v  # d/du, d/dv; u = c a + s b, v = -s a + c b
    return np.array([c * du - s * dv, s * du + c * dv])


def _rosenbrock_loss(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (1.0 - a) ** 2 + 100.0 * (b - a**2) ** 2


def _rosenbrock_gradient(p: np.ndarray) -> np.ndarray:
    a, b = p
    return np.array([-2.0 * (1.0 - a) - 400.0 * a * (b - a**2), 200.0 * (b - a**2)])


def _saddle_loss(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a² − b² + b⁴/2: a saddle at (0, 0), minima at (0, ±1)."""
    return a**2 - b**2 + 0.5 * b**4


def _saddle_gradient(p: np.ndarray) -> np.ndarray:
    a, b = p
    return np.array([2.0 * a, -2.0 * b + 2.0 * b**3])


QUADRATIC = analytic("quadratic", _quadratic_loss, _quadratic_gradient, a_range=(-5.0, 5.0),
                     b_range=(-5.0, 5.0), start=(-4.0, 3.0), minima=((0.0, 0.0),),
                     learning_rate=0.01, steps=300)
ROSENBROCK = analytic("rosenbrock", _rosenbrock_loss, _rosenbrock_gradient, a_range=(-2.0, 2.0),
                      b_range=(-1.0, 3.0), start=(-1.5, 2.0), minima=((1.0, 1.0),),
                      learning_rate=0.002, steps=500)
SADDLE = analytic("saddle", _saddle_loss, _saddle_gradient, a_range=(-2.0, 2.0),
                  b_range=(-2.0, 2.0), start=(-2.0, 0.001), minima=((0.0, 1.0), (0.0, -1.0)),
                  learning_rate=0.02, steps=300)


ANALYTIC = {s.name: s for s in (QUADRATIC, ROSENBROCK, SADDLE)}


# --- a slice through a real net -------------------------------------------------------------
NET_POINTS = 100
NET_HIDDEN = 3
NET_EPOCHS = 500
NET_SPAN = 6.0  # the slice shows the trained values ± this


def trained_net(seed: int = 1) -> tuple[pycore.Sequential, np.ndarray, np.ndarray]:
    """A 1-3-1 tanh net trained (Adam, full batch) on sin(2πx) at 100 points."""
    rng = np.random.default_rng(0)
    x = rng.uniform(0.0, 1.0, size=(NET_POINTS, 1))
    y = np.sin(2.0 * np.pi * x)
    net = pycore.Sequential([pycore.Dense(NET_HIDDEN, activation="tanh", input_dim=1),
                             pycore.Dense(1)], seed=seed)
    net.compile(optimizer=pycore.optimizers.get("adam", learning_rate=0.05), loss="mse")
    net.fit(x, y, epochs=NET_EPOCHS, batch_size=NET_POINTS, seed=0, verbose=0)
    return net, x, y


def net_slice(net: pycore.Sequential, x: np.ndarray, y: np.ndarray,
              first: int = 0, second: int = 1) -> Surface:
    """The net's loss over two of its weights (``notation.parameters`` positions), all other
    weights at their trained values. The gradient works on a copy: the net is not changed."""
    refs = notation.parameters(net)
    chosen = [refs[first], refs[second]]
    trained = tuple(notation.get_parameter(net, ref) for ref in chosen)
    work = pycore.Sequential.from_config(net.get_config())
    work.set_weights(net.get_weights())
    work.compile(optimizer="sgd", loss="mse")

    def grid(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return landscape.loss_surface(net, x, y, chosen, a, b, loss="mse")

    def loss_at(p: np.ndarray) -> float:
        _put(work, chosen, p)
        return float(work.evaluate(x, y))

    def gradient(p: np.ndarray) -> np.ndarray:
        _put(work, chosen, p)
        grads = work.gradients(x, y)
        return np.array([grads[ref.weight_index][ref.position] for ref in chosen])

    span = NET_SPAN
    return Surface("net", loss_at, grid, gradient, a_range=(trained[0] - span, trained[0] + span),
                   b_range=(trained[1] - span, trained[1] + span),
                   start=(trained[0] - 0.8 * span, trained[1] + 0.8 * span), minima=(trained,),
                   learning_rate=0.1, steps=300, labels=(chosen[0].label, chosen[1].label))


def _put(work: pycore.Sequential, chosen: list, p: np.ndarray) -> None:
    for ref, value in zip(chosen, p, strict=True):
        notation.set_parameter(work, ref, float(value))
