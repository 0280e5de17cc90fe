"""Weight initializers with Keras 3 names and defaults.

``init = get("glorot_uniform")`` is a callable ``init(shape, rng) -> ndarray`` (float64).
All randomness comes from the ``np.random.Generator`` passed in, so the same seed gives
bit-identical weights (the lab's runs are reproducible).

Glorot/Xavier, He and LeCun are variance scaling: the weights get variance ``scale / n`` where
n is fan_in (He, scale 2, keeps the signal's variance through ReLU layers; LeCun, scale 1,
what SELU needs to self-normalise) or the mean of fan_in and fan_out (Glorot, scale 1, balances
forward and backward passes). ``random_normal(stddev=1)`` is the plain N(0, 1) start whose
sums grow with the fan-in (250 inputs of 1 give z a standard deviation of sqrt(250) = 15.811).
Fans follow Keras: for a Dense kernel of shape (inputs, units), fan_in = inputs and
fan_out = units.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from pycore.registry import Configurable, resolve

#: Standard deviation of a standard normal truncated to [-2, 2]; Keras divides by it so the
#: truncated draws still have the intended standard deviation.
TRUNCATION_STD = 0.87962566103423978


def compute_fans(shape: tuple[int, ...]) -> tuple[float, float]:
    """(fan_in, fan_out) as Keras: scalars 1/1, vectors n/n, matrices rows/cols, and for
    higher ranks the receptive field size times the last two dimensions."""
    shape = tuple(int(d) for d in shape)
    if len(shape) == 0:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    receptive = math.prod(shape[:-2])
    return float(shape[-2] * receptive), float(shape[-1] * receptive)


def truncated_normal(shape: tuple[int, ...], rng: np.random.Generator, stddev: float,
                     mean: float = 0.0) -> np.ndarray:
    """Normal draws with every value outside mean +- 2 stddev redrawn (Keras' definition).

    Redrawing only the rejected positions, in order, keeps the result a deterministic function
    of the generator's state."""
    z = rng.standard_normal(shape)
    bad = np.abs(z) > 2.0
    while bad.any():
        z[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(z) > 2.0
    return mean + stddev * z


class Initializer(Configurable):
    """Base class: ``__call__(shape, rng)`` and a JSON-able ``get_config``."""

    name = "initializer"

    def __call__(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError


class Constant(Initializer):
    """Every weight equal to ``value`` (``zeros`` and ``ones`` are the usual cases)."""

    def __init__(self, value: float = 0.0, name: str = "constant") -> None:
        self.value = float(value)
        self.name = name

    def __call__(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return np.full(tuple(shape), self.value, dtype=np.float64)

    def get_config(self) -> dict[str, Any]:
        if self.name == "constant":
            return {"name": self.name, "value": self.value}
        return {"name": self.name}


class RandomUniform(Initializer):
    """Uniform on [minval, maxval) (Keras defaults -0.05, 0.05)."""

    name = "random_uniform"
    config_keys = ("minval", "maxval")

    def __init__(self, minval: float = -0.05, maxval: float = 0.05) -> None:
        self.minval, self.maxval = float(minval), float(maxval)

    def __call__(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return rng.uniform(self.minval, self.maxval, size=tuple(shape))


class RandomNormal(Initializer):
    """Normal(mean, stddev), not truncated (Keras defaults 0, 0.05)."""

    name = "random_normal"
    config_keys = ("mean", "stddev")

    def __init__(self, mean: float = 0.0, stddev: float = 0.05) -> None:
        self.mean, self.stddev = float(mean), float(stddev)

    def __call__(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return rng.normal(self.mean, self.stddev, size=tuple(shape))


class VarianceScaling(Initializer):
    """Variance ``scale / n`` with n = fan_in or (fan_in + fan_out) / 2 (at least 1).

    uniform: U(-limit, limit) with limit = sqrt(3 scale / n);
    truncated normal: stddev sqrt(scale / n) / 0.87962566103423978, cut at 2 stddev.
    """

    def __init__(self, name: str, scale: float, mode: str, distribution: str) -> None:
        self.name, self.scale, self.mode, self.distribution = name, scale, mode, distribution

    def __call__(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        fan_in, fan_out = compute_fans(shape)
        n = fan_in if self.mode == "fan_in" else (fan_in + fan_out) / 2.0
        variance = self.scale / max(1.0, n)
        if self.distribution == "uniform":
            limit = math.sqrt(3.0 * variance)
            return rng.uniform(-limit, limit, size=tuple(shape))
        return truncated_normal(tuple(shape), rng, math.sqrt(variance) / TRUNCATION_STD)


_FACTORIES: dict[str, Any] = {
    "zeros": lambda: Constant(0.0, name="zeros"),
    "ones": lambda: Constant(1.0, name="ones"),
    "constant": Constant,
    "random_uniform": RandomUniform,
    "random_normal": RandomNormal,
    "glorot_uniform": lambda: VarianceScaling("glorot_uniform", 1.0, "fan_avg", "uniform"),
    "glorot_normal": lambda: VarianceScaling("glorot_normal", 1.0, "fan_avg", "normal"),
    "he_uniform": lambda: VarianceScaling("he_uniform", 2.0, "fan_in", "uniform"),
    "he_normal": lambda: VarianceScaling("he_normal", 2.0, "fan_in", "normal"),
    "lecun_uniform": lambda: VarianceScaling("lecun_uniform", 1.0, "fan_in", "uniform"),
    "lecun_normal": lambda: VarianceScaling("lecun_normal", 1.0, "fan_in", "normal"),
}


def names() -> list[str]:
    """Names accepted by :func:`get`."""
    return list(_FACTORIES)


def _without_underscores(name: str) -> str:
    """``"GlorotUniform"`` and ``"glorot_uniform"`` both become ``"glorotuniform"``."""
    return name.strip().lower().replace("_", "")


def get(identifier: str | Initializer | dict[str, Any]) -> Initializer:
    """An initializer by name (case-insensitive; Keras class names such as ``GlorotUniform``
    work too), an instance (returned as is) or a config dict from ``get_config``."""
    return resolve(identifier, kind="initializer", base=Initializer, table=_FACTORIES,
                   normalize=_without_underscores)
