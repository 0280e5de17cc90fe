"""The probe's result for one net: pycore's layer statistics of its hidden layers, and where the
signal overflowed.

The pictures show the hidden Dense layers (layer 1 … depth, as in the lecture), not the
BatchNormalization layers between them (their output has mean 0 and std 1 by construction)
nor the one-unit output layer. With batch normalisation on, a hidden layer's activation is
still its own output a[l] = f(z[l]), i.e. before it is normalised, and its gradient is dL/da[l].
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

import pycore
from pycore.diagnostics import LayerStatistics, layer_statistics, overflow


@dataclass(frozen=True)
class ProbeResult:
    """`layers[k]` is hidden layer k + 1. `activation_overflow` is the first hidden layer
    (from 1) whose activations are not finite, `gradient_overflow` the highest hidden layer
    whose gradients are not (they overflow from there down to layer 1); None if all are.
    `loss` is the loss of the probe's own pass (its output against the targets)."""

    layers: list[LayerStatistics]
    activation: pycore.activations.Activation
    activation_overflow: int | None
    gradient_overflow: int | None
    loss: float
    epoch: int
    seconds: float

    @property
    def depth(self) -> int:
        return len(self.layers)

    def finite_layers(self, kind: str) -> list[int]:
        """Layer numbers (from 1) whose values of `kind` can be shown."""
        if kind == "gradient":
            start = 1 if self.gradient_overflow is None else self.gradient_overflow + 1
            if self.activation_overflow is not None:
                return []
            return list(range(start, self.depth + 1))
        stop = self.depth if self.activation_overflow is None else self.activation_overflow - 1
        return list(range(1, stop + 1))

    def stat(self, name: str) -> np.ndarray:
        """One statistic (e.g. "activation_std") per layer, NaN where it cannot be shown."""
        kind = "gradient" if name.startswith(("gradient", "weight")) else "activation"
        shown = set(self.finite_layers(kind))
        return np.array([getattr(r, name) if k + 1 in shown else np.nan
                         for k, r in enumerate(self.layers)], dtype=float)


def run_probe(model: pycore.Sequential, x: np.ndarray, y: np.ndarray, epoch: int = 0,
              ) -> ProbeResult:
    """Statistics of every hidden Dense layer of `model` (training-mode pass, model unchanged)."""
    start = time.perf_counter()
    records = layer_statistics(model, x, y)
    dense = [r for r in records if isinstance(model.layers[r.layer], pycore.Dense)][:-1]
    activations = overflow(dense, "activation")
    gradients = overflow(dense, "gradient")
    first = model.layers[dense[0].layer] if dense else model.layers[0]
    with np.errstate(all="ignore"):
        loss = float(model.loss(y, records[-1].values("activation")))
    return ProbeResult(
        layers=dense, activation=first.activation,
        activation_overflow=None if activations is None else activations + 1,
        gradient_overflow=None if gradients is None else gradients + 1,
        loss=loss, epoch=epoch, seconds=time.perf_counter() - start)
