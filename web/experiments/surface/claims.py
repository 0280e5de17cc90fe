"""Facts the loss-surface card states in its notes, computed by running pycore's optimizers.

A note must be true for the settings on screen, so its numbers come from short runs of the
same paths the picture shows (analytic surfaces: a few milliseconds), never from typed-in text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from web.experiments.surface import functions
from web.experiments.surface.functions import Surface
from web.experiments.surface.paths import Path

CHOICES = [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0]
LOSS_TARGET = 1e-3  # "arrived" on the quadratic bowl
ESCAPED = 0.5  # |w₂| beyond this: the path has left the saddle
ZIGZAG_STEPS = 8


def steps_until(surface: Surface, name: str, learning_rate: float, momentum: float,
                start: tuple[float, float], steps: int,
                arrived: Callable[[Path], bool]) -> int | None:
    """The first step after which ``arrived(path)`` holds, or None within ``steps``."""
    path = Path.start(name, surface, start, learning_rate, momentum)
    for step in range(1, steps + 1):
        path.step(surface)
        if path.diverged:
            return None
        if arrived(path):
            return step
    return None


def below_target(path: Path) -> bool:
    return path.losses[-1] < LOSS_TARGET


def off_saddle(path: Path) -> bool:
    return abs(path.points[-1][1]) > ESCAPED


def stable_rates(surface: Surface, name: str, start: tuple[float, float], steps: int,
                 choices: list[float]) -> tuple[float | None, float | None]:
    """(largest learning rate of ``choices`` whose path does not diverge within ``steps``,
    smallest one whose path does)."""
    stable, unstable = None, None
    for rate in sorted(choices):
        path = Path.start(name, surface, start, rate, 0.0)
        for _ in range(steps):
            path.step(surface)
            if path.diverged:
                break
        if path.diverged:
            unstable = rate if unstable is None else unstable
        elif unstable is None:
            stable = rate
    return stable, unstable


def zigzags(path: Path, count: int = ZIGZAG_STEPS) -> bool:
    """True when the coordinate across the quadratic's valley changes sign at every one of
    the first ``count`` steps (the path jumps from wall to wall)."""
    a = np.array([p[0] for p in path.points[:count + 1]])
    b = np.array([p[1] for p in path.points[:count + 1]])
    _, across = functions.rotate(a, b)
    return len(across) > count and bool(np.all(np.sign(across[1:]) != np.sign(across[:-1])))


def first_step(surface: Surface, name: str, learning_rate: float,
               start: tuple[float, float]) -> np.ndarray:
    """How far each weight moved in the optimizer's first step."""
    path = Path.start(name, surface, start, learning_rate, 0.0)
    path.step(surface)
    return np.abs(np.subtract(path.points[1], path.points[0]))


@lru_cache(maxsize=64)
def facts(surface_name: str, learning_rate: float, momentum: float,
          start: tuple[float, float], steps: int) -> dict[str, object]:
    """What the note of an analytic surface says, for these settings (cached: the note is
    redrawn with every animation frame)."""
    surface = functions.ANALYTIC[surface_name]

    def count(name: str, arrived: Callable[[Path], bool]) -> int | None:
        return steps_until(surface, name, learning_rate, momentum, start, steps, arrived)

    if surface_name == "quadratic":
        return {name: count(name, below_target) for name in ("sgd", "momentum", "nesterov")} | {
            "adam_first": first_step(surface, "adam", learning_rate, start)}
    if surface_name == "saddle":
        return {name: count(name, off_saddle)
                for name in ("sgd", "momentum", "rmsprop", "adam")}
    return dict(zip(("stable", "unstable"),
                    stable_rates(surface, "sgd", start, steps, CHOICES), strict=True))
