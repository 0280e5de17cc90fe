"""Weight penalties added to the loss (Keras 3 names and defaults).

penalty(w) = l1 * sum |w| + l2 * sum w^2
gradient(w) = l1 * sign(w) + 2 * l2 * w        (sign(0) = 0, as TF's gradient of abs)

L2 pulls every weight towards 0 in proportion to its size ("weight decay"); L1 pulls with a
constant force and so drives small weights exactly to 0 (sparse weights).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pycore.registry import Configurable, resolve


class L1L2(Configurable):
    """Both penalties; Keras defaults l1 = l2 = 0."""

    name = "l1_l2"
    config_keys = ("l1", "l2")

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1, self.l2 = float(l1), float(l2)

    def __call__(self, w: np.ndarray) -> float:
        w = np.asarray(w, dtype=np.float64)
        return float(self.l1 * np.sum(np.abs(w)) + self.l2 * np.sum(w * w))

    def gradient(self, w: np.ndarray) -> np.ndarray:
        """d penalty / d w, same shape as ``w``."""
        w = np.asarray(w, dtype=np.float64)
        return self.l1 * np.sign(w) + 2.0 * self.l2 * w


class L1(L1L2):
    """l1 * sum |w|; Keras default l1 = 0.01."""

    name = "l1"
    config_keys = ("l1",)

    def __init__(self, l1: float = 0.01) -> None:
        super().__init__(l1=l1)


class L2(L1L2):
    """l2 * sum w^2; Keras default l2 = 0.01."""

    name = "l2"
    config_keys = ("l2",)

    def __init__(self, l2: float = 0.01) -> None:
        super().__init__(l2=l2)


_CLASSES: dict[str, type[L1L2]] = {"l1": L1, "l2": L2, "l1_l2": L1L2}


def names() -> list[str]:
    """Names accepted by :func:`get`."""
    return list(_CLASSES)


def get(identifier: str | L1L2 | dict[str, Any] | None) -> L1L2 | None:
    """None (no penalty), a name (case-insensitive, ``"L1L2"`` works too), an instance
    (returned as is) or a config dict such as ``{"name": "l2", "l2": 1e-3}``."""
    if identifier is None:
        return None
    return resolve(identifier, kind="regularizer", base=L1L2, table=_CLASSES,
                   aliases={"l1l2": "l1_l2"})
