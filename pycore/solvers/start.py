"""Where Levenberg-Marquardt starts: the documented, seeded initial weights (never presets).

- A hidden layer with the ``division`` activation: kernel ~ |N(0, 0.05)|, bias 0.
  Why positive: the division data's inputs are >= 1, so a positive kernel and zero bias put
  every hidden unit on the activation's log piece (z > 0), where it computes
  0.03 ln(1e6 z + 1) + 0.5, a logarithm of a positive mix of the inputs; the solution
  (hidden_i = 0.03 ln(c x_i) + 0.5) lives there. A unit that starts with some negative weight
  sits on the exp piece for part of the data, and the kink at 0 (slope 0.5 on one side, 30000 on
  the other) walls it off from the log piece. Measured with `benchmarks/lm_division.py
  --init-scan` (20 seeds each): |N(0, 0.05)| reaches MAE <= 1e-6 for 20/20 starts, N(0, 0.05)
  with signs for 1/20; |N(0, 0.005)| 20/20, |N(0, 0.5)| 17/20, |N(0, 5)| 0/20.
- Any other hidden layer: kernel glorot_uniform, bias ~ N(0, 1). Non-zero biases matter: with
  zero biases a tanh net is an odd function of its inputs at the start and LM tends to stay
  in that symmetric family (measured on a 1-6-1 tanh net fitting 0.5 sin 3x: fewer converged
  starts with zero biases).
- The output layer: solved by linear least squares when the residual is affine in its
  pre-activation (`pycore.solvers.projection`), so LM starts with the best output layer for the
  hidden start; otherwise glorot_uniform and bias 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pycore import initializers
from pycore.layers import Dense
from pycore.solvers.projection import OutputProjection
from pycore.solvers.residuals import forward

DIVISION_INIT_SCALE = 0.05
HIDDEN_BIAS_SCALE = 1.0


def _glorot_uniform(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    return np.asarray(initializers.get("glorot_uniform")(shape, rng), dtype=np.float64)


def initial_weights(layers: Sequence[Dense], x: np.ndarray, rng: np.random.Generator,
                    projection: OutputProjection | None) -> list[np.ndarray]:
    """The start for ``layers`` (Keras order), drawn from ``rng``; see the module docstring."""
    weights = []
    for layer in layers[:-1]:
        if layer.activation.name == "division":
            weights.append(np.abs(rng.normal(0.0, DIVISION_INIT_SCALE, layer.kernel.shape)))
            bias = np.zeros(layer.units)
        else:
            weights.append(_glorot_uniform(layer.kernel.shape, rng))
            bias = rng.normal(0.0, HIDDEN_BIAS_SCALE, layer.units)
        if layer.use_bias:
            weights.append(bias)
    out = layers[-1]
    if projection is None:
        weights.append(_glorot_uniform(out.kernel.shape, rng))
        if out.use_bias:
            weights.append(np.zeros(out.units))
        return weights
    kernel, bias = projection.solve(forward(layers[:-1], weights, x).output)
    return weights + [kernel] + ([] if bias is None else [bias])
