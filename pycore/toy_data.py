"""Small 2-D (and one 1-D) data sets for watching a network learn, and the input features.

The 2-D sets follow TensorFlow Playground's generators (``src/dataset.ts``) so that its
experiments carry over: points in [-6, 6]², classification labels 1 (TF: +1) and 0 (TF: -1),
regression targets in [-1, 1], ``noise`` as a fraction 0..0.5 (TF's 0..50 %). Two sets are ours:
``moons`` (two interleaving half circles) and ``function`` (the 1-D "watch a network learn"
function on [0, 1]); ``division`` is the division task of :mod:`pycore.division`.

Everything is NumPy and seeded, so the code the lab shows ("make, features, split, fit")
reproduces its data exactly. TF Playground draws its numbers with another generator
(seedrandom), so the *same seed* gives other points there; the distributions are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from pycore.division import division_dataset

CLASSIFICATION = ("circle", "xor", "gauss", "spiral", "moons")
REGRESSION = ("reg-plane", "reg-gauss", "function", "division")
NAMES = CLASSIFICATION + REGRESSION
RADIUS = 6.0  # TF Playground's input plane is [-6, 6]²

#: Input features: name -> (what it is computed from, function of x1, x2).
FEATURES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1_squared": lambda x1, x2: x1 * x1,
    "x2_squared": lambda x1, x2: x2 * x2,
    "x1_times_x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: np.sin(x1),
    "sin_x2": lambda x1, x2: np.sin(x2),
}
ONE_D_FEATURES = ("x1", "x1_squared", "sin_x1")  # the ones that need no x2


def domain(name: str) -> tuple[float, float]:
    """The interval each input coordinate of the named set lies in (the plane to draw)."""
    if name == "function":
        return 0.0, 1.0
    if name == "division":
        return 1.0, 20.0
    return -RADIUS, RADIUS


def input_dim(name: str) -> int:
    """Raw coordinates per point: 1 for the 1-D function, else 2."""
    return 1 if name == "function" else 2


def invented_function(x: np.ndarray) -> np.ndarray:
    """The 1-D target: 0.5 sin(2πx) + 0.3x + 0.4 exp(-((x - 0.7) / 0.08)²)."""
    return 0.5 * np.sin(2 * np.pi * x) + 0.3 * x + 0.4 * np.exp(-(((x - 0.7) / 0.08) ** 2))


def _uniform(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    return rng.uniform(low, high, n)


def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    r = np.concatenate([_uniform(rng, 0.0, 2.5, half), _uniform(rng, 3.5, 5.0, n - half)])
    angle = _uniform(rng, 0.0, 2 * np.pi, n)
    x = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    shifted = x + rng.uniform(-5.0, 5.0, (n, 2)) * noise
    return x, (np.hypot(shifted[:, 0], shifted[:, 1]) < 2.5).astype(float)


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-5.0, 5.0, (n, 2))
    x += np.where(x > 0, 0.3, -0.3)  # TF's padding keeps points off the axes
    shifted = x + rng.uniform(-5.0, 5.0, (n, 2)) * noise
    return x, (shifted[:, 0] * shifted[:, 1] >= 0).astype(float)


def _gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    variance = 0.5 + 3.5 * noise / 0.5  # TF: noise 0..0.5 -> variance 0.5..4
    half = n // 2
    centres = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [half, n - half], axis=0)
    x = centres + rng.normal(0.0, np.sqrt(variance), (n, 2))
    return x, np.repeat([1.0, 0.0], [half, n - half])


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    parts = []
    for count, delta in ((half, 0.0), (n - half, np.pi)):
        i = np.arange(count) / max(count, 1)
        r, t = 5.0 * i, 1.75 * i * 2 * np.pi + delta
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)])
                     + rng.uniform(-1.0, 1.0, (count, 2)) * noise)
    return np.concatenate(parts), np.repeat([1.0, 0.0], [half, n - half])


def _moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    t = np.concatenate([_uniform(rng, 0.0, np.pi, half), _uniform(rng, 0.0, np.pi, n - half)])
    upper = np.arange(n) < half
    x = np.where(upper[:, None], np.column_stack([np.cos(t), np.sin(t)]),
                 np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)]))
    x = (x - [0.5, 0.25]) * 3.0 + rng.normal(0.0, 1.0, (n, 2)) * noise * 1.5
    return x, upper.astype(float)


def _plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-RADIUS, RADIUS, (n, 2))
    shifted = x + rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    return x, (shifted[:, 0] + shifted[:, 1]) / 10.0


GAUSSIANS = ((-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),
             (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0))


def _multi_gauss(n: int, noise: float, rng: np.random.Generator
                 ) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-RADIUS, RADIUS, (n, 2))
    shifted = x + rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    bumps = np.stack([sign * np.clip(1.0 - np.hypot(shifted[:, 0] - cx, shifted[:, 1] - cy)
                                     / 2.0, 0.0, 1.0) for cx, cy, sign in GAUSSIANS])
    strongest = np.argmax(np.abs(bumps), axis=0)  # TF: the bump largest in absolute value
    return x, bumps[strongest, np.arange(n)]


def _function(n: int, noise: float, rng: np.random.Generator
              ) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(0.0, 1.0, (n, 1))
    return x, invented_function(x[:, 0]) + rng.normal(0.0, 1.0, n) * noise


def _division(n: int, noise: float, rng: np.random.Generator
              ) -> tuple[np.ndarray, np.ndarray]:
    x, y = division_dataset(n, seed=int(rng.integers(2**31)))
    return x, y[:, 0]


_GENERATORS = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral,
               "moons": _moons, "reg-plane": _plane, "reg-gauss": _multi_gauss,
               "function": _function, "division": _division}


def make(name: str, n: int = 500, noise: float = 0.0, seed: int | None = None
         ) -> tuple[np.ndarray, np.ndarray]:
    """``(x, y)``: ``n`` points of the named set, ``x`` of shape (n, 2) ((n, 1) for
    ``function``), ``y`` of shape (n, 1) (class 0/1, or the regression target).
    ``noise`` in [0, 0.5] as in TF Playground (``division`` has none)."""
    if name not in _GENERATORS:
        raise ValueError(f"unknown data set {name!r}; known: {', '.join(NAMES)}")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    if not 0.0 <= noise <= 0.5:
        raise ValueError(f"noise must be in [0, 0.5], got {noise}")
    x, y = _GENERATORS[name](int(n), float(noise), np.random.default_rng(seed))
    return x.astype(np.float64), np.asarray(y, dtype=np.float64).reshape(-1, 1)


def features(x: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """The chosen input features of raw points ``x`` (n, 2) (or (n, 1): x2 counts as 0 there,
    so use only ``ONE_D_FEATURES``), one column per name in the given order."""
    unknown = [name for name in names if name not in FEATURES]
    if unknown or not names:
        raise ValueError(f"features must be a non-empty list from {list(FEATURES)}, "
                         f"got {list(names)}")
    x = np.asarray(x, dtype=np.float64)
    x1 = x[:, 0]
    x2 = x[:, 1] if x.shape[1] > 1 else np.zeros_like(x1)
    return np.column_stack([FEATURES[name](x1, x2) for name in names])


def split(x: np.ndarray, y: np.ndarray, train_fraction: float = 0.5, seed: int | None = None
          ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Shuffle (seeded) and cut into ``(x_train, y_train), (x_test, y_test)``; the training
    part has ``floor(n * train_fraction)`` rows (at least one row on each side)."""
    n = len(x)
    if n < 2:
        raise ValueError("split needs at least two rows")
    order = np.random.default_rng(seed).permutation(n)
    cut = min(max(int(np.floor(n * train_fraction)), 1), n - 1)
    train, test = order[:cut], order[cut:]
    return (x[train], y[train]), (x[test], y[test])
