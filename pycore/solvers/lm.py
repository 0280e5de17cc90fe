"""Levenberg-Marquardt for small Sequential nets of Dense layers.

Why a second-order solver in a teaching lab: the division net (2-2-1, division activation)
cannot be learnt by gradient descent from random starts in any reasonable time, but it can be
learnt by LM in well under a second (docs/division-story.md). LM minimises a sum of squared
residuals, L = mean r², by repeatedly solving the damped Gauss-Newton system

    (JᵀJ + λ diag(JᵀJ)) δ = -Jᵀ r

for the step δ of the parameters being solved (J = d r / d params, one row per sample, from
backpropagation: `pycore.solvers.residuals`). Damping λ starts at 1e-3; it is divided by 3
after a step that lowers the loss (towards Gauss-Newton) and multiplied by 4 after one that
does not (towards a short gradient step), and a rejected step is never applied. Marquardt's
scaling diag(JᵀJ) makes the damping independent of the parameters' units, which matters
here: the division net's solution has weights near 1e-6 (b1) and near 33 (W2).
The step length is capped at 0.5 |params| (the parameters being solved), so one overly
optimistic Gauss-Newton step cannot throw the net far off; the cap grows with the weights.

Variable projection (`variable_projection=True`, the default): when the residual is affine in
the output layer's pre-activation (`pycore.solvers.projection`), the output layer is solved
exactly by least squares after every change of the hidden weights and LM runs on the hidden
parameters only. Otherwise (or with `variable_projection=False`) it is plain LM on all
parameters.

Start: re-initialised, seeded, never from preset values (`pycore.solvers.start`; for the
division net: hidden kernel ~ |N(0, 0.05)|, bias 0, output layer solved).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from pycore.callbacks import History
from pycore.solvers.projection import OutputProjection, output_inverse
from pycore.solvers.residuals import (
    Forward,
    dense_layers,
    forward,
    jacobian,
    push,
    residual_loss_name,
    residuals,
)
from pycore.solvers.start import initial_weights
from pycore.training import as_inputs, as_targets

LAMBDA_START = 1e-3
LAMBDA_DOWN = 3.0
LAMBDA_UP = 4.0
#: When λ exceeds this, no step (however short) lowers the loss any more: stop.
LAMBDA_MAX = 1e16
MAX_STEP_RATIO = 0.5


@dataclass
class _State:
    """Everything known at one parameter vector: the weights (Keras order), the forward pass,
    the residuals and their derivative by ŷ, and the loss."""

    params: np.ndarray
    weights: list[np.ndarray]
    cache: Forward
    residual: np.ndarray
    d_residual: np.ndarray
    loss: float
    #: (JᵀJ, Jᵀr), computed once per state: a rejected step only changes λ.
    system: tuple[np.ndarray, np.ndarray] | None = None


class LevenbergMarquardt:
    """The solver as an object, one iteration per :meth:`step`, so that a UI can yield to the
    event loop between iterations (and stop calling `step` to cancel).

    Creating it re-initialises the model (see the module docstring) and writes the start into
    the model; ``start`` (weights in Keras order) replaces the documented start for experiments
    such as `benchmarks/lm_division.py --init-scan` (under projection the output layer is
    still solved); every accepted step writes the new weights into the model, so the model always
    holds the best weights found. ``history.history`` has ``"loss"`` and ``"lambda"``, one value
    per iteration (the loss at the model's weights after that iteration, the damping to use
    next); ``history.params`` records the settings and ``"mode"``
    (``"variable projection"`` or ``"joint"``).
    """

    def __init__(self, model: Any, x: Any, y: Any, loss: Any = "log_mse", max_iter: int = 100,
                 variable_projection: bool = True, seed: int | None = None, *,
                 start: Sequence[Any] | None = None) -> None:
        if isinstance(max_iter, bool) or not isinstance(max_iter, int | np.integer) \
                or max_iter < 0:
            raise ValueError(f"max_iter must be a non-negative integer, got {max_iter!r}")
        self.loss_name = residual_loss_name(loss)
        self.model = model
        self.layers = dense_layers(model)
        self.x = as_inputs(x, model.input_dim)
        if not model.built:
            model.build(self.x.shape[1])
        self.y = as_targets(y, self.x.shape[0], self.layers[-1].units)
        residuals(self.loss_name, self.y, self.y)  # rejects targets the loss cannot take
        self.max_iter = int(max_iter)
        self.iteration = 0
        self.lam = LAMBDA_START
        self.history = History()
        projection = self._projection()
        if start is None:
            start = initial_weights(self.layers, self.x, np.random.default_rng(seed), projection)
        else:
            start = self._checked(start)
        self.projection = projection if variable_projection else None
        self._shapes = [w.shape for w in start]
        out_arrays = 2 if self.layers[-1].use_bias else 1
        self._free = len(start) - (out_arrays if self.projection is not None else 0)
        self._tail = start[self._free:]
        free = [w.ravel() for w in start[:self._free]]
        self.state = self._evaluate(np.concatenate([np.zeros(0), *free]))
        model.set_weights(self.state.weights)
        self.history.params = {
            "loss": self.loss_name, "max_iter": self.max_iter, "seed": seed,
            "mode": "joint" if self.projection is None else "variable projection",
        }

    @property
    def loss(self) -> float:
        """The loss at the model's current weights."""
        return self.state.loss

    @property
    def done(self) -> bool:
        """True after ``max_iter`` iterations, when λ is so large that no step helps, or at
        once when nothing is left to solve (a single layer solved exactly by projection)."""
        return (self.iteration >= self.max_iter or self.lam > LAMBDA_MAX
                or self.state.params.size == 0)

    def _checked(self, start: Sequence[Any]) -> list[np.ndarray]:
        arrays = [np.array(w, dtype=np.float64) for w in start]
        shapes = [w.shape for w in self.model.weights]
        if [w.shape for w in arrays] != shapes or not all(np.isfinite(w).all() for w in arrays):
            raise ValueError(f"start must be finite weight arrays of shapes {shapes}")
        return arrays

    def _projection(self) -> OutputProjection | None:
        inverse = output_inverse(self.layers[-1].activation, self.loss_name, self.y)
        if inverse is None:
            return None
        return OutputProjection(inverse(self.y), self.layers[-1].use_bias)

    def _evaluate(self, params: np.ndarray) -> _State:
        """Forward pass and residuals at ``params`` (the output layer solved under projection);
        nothing is written into the model."""
        arrays, offset = [], 0
        for shape in self._shapes[:self._free]:
            size = int(np.prod(shape))
            arrays.append(params[offset:offset + size].reshape(shape))
            offset += size
        with np.errstate(all="ignore"):
            if self.projection is None:
                weights = arrays + self._tail
                cache = forward(self.layers, weights, self.x)
            else:
                cache = forward(self.layers[:-1], arrays, self.x)
                kernel, bias = self.projection.solve(cache.output)
                weights = arrays + [kernel] + ([] if bias is None else [bias])
                push(cache, self.layers[-1], kernel, bias)
            r, dr = residuals(self.loss_name, cache.output, self.y)
            loss = float(np.mean(r * r))
        return _State(params, weights, cache, r, dr, loss)

    def _step_direction(self) -> np.ndarray | None:
        """The damped Gauss-Newton step, capped in length; None if the system is singular."""
        s = self.state
        if s.system is None:
            jac = jacobian(self.layers, s.weights, s.cache, s.d_residual)[:, :s.params.size]
            if self.projection is not None:
                jac = self.projection.project(jac)
            s.system = jac.T @ jac, jac.T @ s.residual.ravel()
        normal, gradient = s.system
        scale = np.diag(normal).copy()
        scale = np.maximum(scale, 1e-12 * max(float(scale.max()), 1e-300))
        try:
            delta = np.linalg.solve(normal + self.lam * np.diag(scale), -gradient)
        except np.linalg.LinAlgError:
            return None
        length, cap = np.linalg.norm(delta), MAX_STEP_RATIO * np.linalg.norm(s.params)
        if length > cap > 0.0:
            delta *= cap / length
        return delta

    def step(self) -> float:
        """One LM iteration: try a step, keep it only if the loss drops. Returns the loss."""
        if self.done:
            return self.loss
        with np.errstate(all="ignore"):
            delta = self._step_direction()
        trial = None
        if delta is not None and np.all(np.isfinite(delta)):
            trial = self._evaluate(self.state.params + delta)
        accepted = (trial is not None and np.isfinite(trial.loss) and trial.loss < self.loss
                    and all(np.all(np.isfinite(w)) for w in trial.weights))
        if accepted:
            self.state = trial
            self.model.set_weights(trial.weights)
            self.lam /= LAMBDA_DOWN
        else:
            self.lam *= LAMBDA_UP
        self.history.on_epoch_end(self.iteration, {"loss": self.loss, "lambda": self.lam})
        self.iteration += 1
        return self.loss


def levenberg_marquardt(
    model: Any,
    x: Any,
    y: Any,
    loss: Any = "log_mse",
    max_iter: int = 100,
    variable_projection: bool = True,
    seed: int | None = None,
    callback: Callable[[int, float], bool | None] | None = None,
) -> History:
    """Fit ``model`` to (x, y) by Levenberg-Marquardt from the documented start (module
    docstring) and return the History (``"loss"`` and ``"lambda"`` per iteration).

    ``loss`` is ``"log_mse"`` or ``"mse"``. ``callback(iteration, loss)`` runs after every
    iteration (iteration counted from 0); returning True stops the run (cancel), which
    ``history.params["cancelled"]`` then records. The model keeps the best weights found.
    """
    solver = LevenbergMarquardt(model, x, y, loss=loss, max_iter=max_iter,
                                variable_projection=variable_projection, seed=seed)
    cancelled = False
    while not solver.done and not cancelled:
        value = solver.step()
        cancelled = bool(callback is not None and callback(solver.iteration - 1, value))
    solver.history.params["cancelled"] = cancelled
    return solver.history
