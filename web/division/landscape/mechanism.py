"""The measured reasons why gradient descent fails on the division net, at given weights.

Every number the "why gradient descent fails" text states comes from here, computed from the
model and the data at the moment it is shown (docs/division-story.md tells the story with
numbers measured the same way): where the predictions stand against the targets, how many
samples sit on the output activation's log piece, the signs of both output-weight gradients
(``pycore.landscape.output_gradient_signs``), the hidden units' cosine similarity
(``pycore.landscape.hidden_cosine_similarity``) and their correlation, and the size of the
activation's kink. The story is about the division activation; for a net with other
activations there is none (:func:`web.division.model.is_division_net`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import pycore
from pycore.division import division_model
from pycore.landscape import hidden_cosine_similarity, output_gradient_signs

#: Steps across the kink at 0 whose effect on f the text states: f(s) − f(0) for each s.
KINK_STEPS = (1e-6, 0.01, -0.01)


@dataclass(frozen=True)
class Mechanism:
    """What the text states, measured at one set of weights on one data set."""

    mean_prediction: float
    mean_target: float
    share_log_piece: float  # fraction of samples whose output pre-activation z is > 0
    z_needed: float  # every target needs z at most this (on the exp piece)
    signs: tuple[int, int]  # signs of d loss / d w[2]11 and d loss / d w[2]21
    cosine: float
    correlation: float  # the cosine after subtracting each unit's mean (Pearson's r)
    hand_set_correlation: float  # the same for the hand-set weights, on the same pairs
    kink: tuple[float, ...]  # f(s) − f(0) for s in KINK_STEPS


def kink_steps(activation: pycore.activations.Activation) -> tuple[float, ...]:
    """f(s) − f(0) for each step s of :data:`KINK_STEPS`."""
    values = activation(np.array([0.0, *KINK_STEPS]))
    return tuple(float(v - values[0]) for v in values[1:])


def hidden_correlation(model: pycore.Sequential, x: np.ndarray) -> float:
    """Correlation of the two hidden units' outputs over ``x``: their cosine similarity after
    subtracting each unit's mean. The plain cosine is near 1 whenever both outputs are positive
    (the division activation's are, around 0.5 … 1), even for the hand-set weights, whose units
    read different inputs; the correlation is ±1 when both compute the same feature up to
    scale and offset and near 0 when they carry independent information. 0 if a unit is
    constant."""
    hidden = model.forward_trace(x)[-2].a
    centred = hidden - hidden.mean(axis=0)
    norm = float(np.linalg.norm(centred[:, 0]) * np.linalg.norm(centred[:, 1]))
    return float(centred[:, 0] @ centred[:, 1]) / norm if norm > 0.0 else 0.0


def measure(model: pycore.Sequential, x: np.ndarray, y: np.ndarray, loss: str) -> Mechanism:
    """The numbers of :class:`Mechanism` for ``model`` on (x, y) with ``loss``."""
    traces = model.forward_trace(x)
    output = model.layers[-1].activation
    at_zero = float(output(np.zeros(1))[0])  # f(0) = 0.5: the exp piece is f(0) e^z
    signs = output_gradient_signs(model, x, y, loss=loss).ravel()
    return Mechanism(
        mean_prediction=float(traces[-1].a.mean()),
        mean_target=float(y.mean()),
        share_log_piece=float(np.mean(traces[-1].z > 0.0)),
        z_needed=float(np.log(y.max() / at_zero)),
        signs=(int(signs[0]), int(signs[1])),
        cosine=hidden_cosine_similarity(model, x),
        correlation=hidden_correlation(model, x),
        hand_set_correlation=hidden_correlation(division_model("hand_set"), x),
        kink=kink_steps(model.layers[0].activation))


def random_start_signs(x: np.ndarray, y: np.ndarray, loss: str,
                       seeds: range) -> tuple[int, int]:
    """(starts with both output-weight gradients positive, starts checked) over the random
    starts ``division_model(None, seed=s)`` for s in ``seeds``."""
    both = sum(bool(np.all(output_gradient_signs(division_model(None, seed=s), x, y,
                                                 loss=loss) > 0)) for s in seeds)
    return both, len(seeds)
