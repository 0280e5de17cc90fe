"""Loss functions with their gradients, following Keras 3 conventions.

``loss(y_true, y_pred)`` is a float: the per-example loss is reduced over the last axis
(mean for mse/mae/huber/binary crossentropy, sum over classes for categorical crossentropy),
then averaged over the batch (Keras' default "sum_over_batch_size" reduction).
``loss.gradient(y_true, y_pred)`` is d loss / d y_pred with the shape of ``y_pred``, so it
already contains the 1/N of the mean; the model's backward pass starts from it.

``y_true`` may have any shape with the same number of elements as ``y_pred`` (e.g. ``(n,)``
targets for an ``(n, 1)`` prediction); it is reshaped to ``y_pred``'s shape.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pycore.registry import Configurable, resolve

#: Keras' backend epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before the log
#: in the crossentropies (from_logits=False), so log(0) never happens. As in Keras (the
#: gradient of clip), the gradient is 0 for predictions outside that interval.
EPSILON = 1e-7

#: log_mse clips predictions to at least this before taking the log (ln 1e-300 = -690.8), so
#: that a prediction <= 0 gives a finite loss instead of -inf / NaN.
LOG_FLOOR = 1e-300


def _prepare(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y_pred = np.asarray(y_pred, dtype=np.float64)
    y_true = np.asarray(y_true, dtype=np.float64)
    if y_true.size != y_pred.size:
        raise ValueError(f"y_true has shape {y_true.shape} but y_pred has shape {y_pred.shape}")
    return y_true.reshape(y_pred.shape), y_pred


def _prepare_stacked(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Like `_prepare`, but ``y_pred`` may carry extra leading axes: ``y_true`` is reshaped to
    y_pred's last two axes (samples, outputs) and left to broadcast along the others, so that
    per-target work (such as ln y) is done once per target, not once per stacked copy."""
    y_pred = np.asarray(y_pred, dtype=np.float64)
    y_true = np.asarray(y_true, dtype=np.float64)
    tail = y_pred.shape[-2:]
    if y_true.size != int(np.prod(tail)):
        raise ValueError(f"y_true has shape {y_true.shape} but y_pred ends in {tail}")
    return y_true.reshape(tail), y_pred


def _mean(values: np.ndarray) -> float:
    """``float(np.mean(values))`` bit for bit (NumPy's mean is this sum, pairwise, divided by
    the count) without ``np.mean``'s Python-level overhead, which counts in a training step of
    a tiny net, the more so in Pyodide."""
    if values.size == 0:
        return float(np.mean(values))  # NaN with NumPy's warning, as before
    return float(np.add.reduce(values, axis=None)) / values.size


class Loss(Configurable):
    """Base class: subclasses give the per-element loss and its derivative.

    For element-wise losses L = mean over all elements of ``_elementwise`` (mean over outputs,
    then over the batch, which is the same thing for a rectangular batch), so
    dL/dy_pred = ``_elementwise_grad`` / N with N the number of elements.
    """

    name = "loss"

    def __call__(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        t, p = _prepare(y_true, y_pred)
        return _mean(self._elementwise(t, p))

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        """d loss / d y_pred, same shape as ``y_pred``."""
        t, p = _prepare(y_true, y_pred)
        return self._elementwise_grad(t, p) / max(p.size, 1)

    def per_sample(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        """Each sample's loss, reduced over the outputs only (Keras' ``reduction="none"``);
        its mean is the loss. ``y_pred`` (..., samples, outputs) may stack many predictions
        of the same samples, e.g. one per weight setting in `pycore.landscape`."""
        t, p = _prepare_stacked(y_true, y_pred)
        return np.mean(self._elementwise(t, p), axis=-1)

    def value_and_gradient(self, y_true: np.ndarray, y_pred: np.ndarray
                           ) -> tuple[float, np.ndarray]:
        """``(loss(y_true, y_pred), gradient(y_true, y_pred))`` bit for bit, sharing the work
        both need (a training step wants both for the same batch). A loss that defines its
        own ``__call__``/``gradient`` (categorical cross-entropy) is simply asked for both."""
        if type(self).__call__ is not Loss.__call__ or type(self).gradient is not Loss.gradient:
            return float(self(y_true, y_pred)), self.gradient(y_true, y_pred)
        t, p = _prepare(y_true, y_pred)
        values, slopes = self._elementwise_both(t, p)
        return _mean(values), slopes / max(p.size, 1)

    def _elementwise(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _elementwise_grad(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _elementwise_both(self, t: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self._elementwise(t, p), self._elementwise_grad(t, p)


class MeanSquaredError(Loss):
    """mse = mean (p - t)^2; gradient 2 (p - t) / N."""

    name = "mse"

    def _elementwise(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        return (p - t) ** 2

    def _elementwise_grad(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        return 2.0 * (p - t)


class MeanAbsoluteError(Loss):
    """mae = mean |p - t|; gradient sign(p - t) / N, with sign(0) = 0 (as TF's abs gradient)."""

    name = "mae"

    def _elementwise(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        return np.abs(p - t)

    def _elementwise_grad(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        return np.sign(p - t)


class Huber(Loss):
    """Quadratic near 0, linear far away (Keras ``Huber``, delta = 1.0 by default).

    With e = p - t: 0.5 e^2 if |e| <= delta, else delta (|e| - 0.5 delta).
    Gradient: clip(e, -delta, delta) / N (continuous, so no kink convention is needed).
    """

    name = "huber"
    config_keys = ("delta",)

    def __init__(self, delta: float = 1.0) -> None:
        self.delta = float(delta)

    def _elementwise(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        e = np.abs(p - t)
        return np.where(e <= self.delta, 0.5 * e**2, self.delta * (e - 0.5 * self.delta))

    def _elementwise_grad(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        return np.clip(p - t, -self.delta, self.delta)


def _clip_outside(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Clipped probabilities and the mask where clip passes no gradient (outside the
    interval). ``np.minimum(np.maximum(...))`` is ``np.clip`` (NaN stays NaN) without its
    Python-level overhead, which counts in every training step; clipping leaves exactly the
    values inside the interval unchanged (and NaN unequal to itself, as outside), so
    ``q != p`` is the mask in one call instead of three."""
    q = np.minimum(np.maximum(p, EPSILON), 1.0 - EPSILON)
    return q, q != p


def _zeroed(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``np.where(mask, 0.0, values)``, in place with ``np.putmask`` when ``values`` is an
    array (a fresh one, owned by the caller): in Pyodide that costs a third of ``np.where``,
    and a training step of a tiny net is mostly such calls."""
    if values.ndim == 0:
        return np.where(mask, 0.0, values)
    np.putmask(values, mask, 0.0)
    return values


class BinaryCrossentropy(Loss):
    """-(t ln q + (1 - t) ln(1 - q)) with q = clip(p, 1e-7, 1 - 1e-7), mean over everything.

    Gradient per element: (q - t) / (q (1 - q)) = -t/q + (1 - t)/(1 - q) inside the clip
    interval, 0 outside it; divided by N.
    """

    name = "binary_crossentropy"

    def _elementwise(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        q, _ = _clip_outside(p)
        return -(t * np.log(q) + (1.0 - t) * np.log1p(-q))

    def _elementwise_grad(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        q, outside = _clip_outside(p)
        return self._grad(t, q, outside)

    def _elementwise_both(self, t: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        q, outside = _clip_outside(p)
        not_t = 1.0 - t
        return -(t * np.log(q) + not_t * np.log1p(-q)), self._grad(t, q, outside, not_t)

    @staticmethod
    def _grad(t: np.ndarray, q: np.ndarray, outside: np.ndarray,
              not_t: np.ndarray | None = None) -> np.ndarray:
        """(1 - t)/(1 - q) - t/q: the same bits as -t/q + (1 - t)/(1 - q) (IEEE a - b is
        a + (-b)), one negation fewer."""
        not_t = 1.0 - t if not_t is None else not_t
        return _zeroed(not_t / (1.0 - q) - t / q, outside)


class CategoricalCrossentropy(Loss):
    """-sum_k t_k ln q_k over classes (last axis), mean over the batch; one-hot ``y_true``.

    As Keras (from_logits=False): the prediction is first rescaled so each row sums to 1,
    r = p / sum(p), then clipped, q = clip(r, 1e-7, 1 - 1e-7). Gradient by the chain rule:
    g_k = -t_k / q_k where r_k is inside the clip interval (else 0), and through the
    normalisation dL/dp_j = (g_j - sum_k g_k r_k) / sum(p); divided by the batch size.
    """

    name = "categorical_crossentropy"

    def __call__(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        t, p = _prepare(y_true, y_pred)
        return float(np.mean(self.per_sample(t, p)))

    def per_sample(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        t, p = _prepare_stacked(y_true, y_pred)
        q, _ = _clip_outside(p / np.sum(p, axis=-1, keepdims=True))
        return -np.sum(t * np.log(q), axis=-1)

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        t, p = _prepare(y_true, y_pred)
        total = np.sum(p, axis=-1, keepdims=True)
        r = p / total
        q, outside = _clip_outside(r)
        g = _zeroed(-t / q, outside)
        rows = max(p.size // p.shape[-1], 1)
        return (g - np.sum(g * r, axis=-1, keepdims=True)) / total / rows


def log_error(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ln q - ln y_true, q) with q = max(y_pred, LOG_FLOOR), element-wise (same shapes).

    Shared by log_mse and the Levenberg-Marquardt solver's residuals, so both clip alike and
    reject a target <= 0 (or NaN) with the same message.
    """
    bad = ~(y_true > 0.0)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"log_mse compares logarithms, so every target must be > 0; target "
            f"{float(y_true.flat[position])} at position {position} (of {y_true.size}) is "
            "not. Shift or rescale the targets, or use mse."
        )
    q = np.maximum(y_pred, LOG_FLOOR)
    return np.log(q) - np.log(y_true), q


class MeanSquaredLogError(Loss):
    """log_mse = mean (ln p - ln t)^2; gradient 2 (ln p - ln t) / (p N).

    For targets that span orders of magnitude (the division net's 0.0005 .. 0.2), where a
    relative error matters, not an absolute one: mse would barely see the small quotients.
    It is not Keras' ``mean_squared_logarithmic_error`` (that one uses ln(1 + p)).

    Targets must be > 0 (ln t is not defined otherwise): a non-positive target raises
    ``ValueError``. Predictions are clipped to ``LOG_FLOOR`` (1e-300) before the log, so a
    prediction <= 0 (e.g. from a linear output) gives a large finite loss and no NaN warning;
    as for the crossentropies' clip, the gradient is 0 where the prediction was clipped.
    """

    name = "log_mse"

    def _elementwise(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        return log_error(t, p)[0] ** 2

    def _elementwise_grad(self, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        error, q = log_error(t, p)
        return np.where(p >= LOG_FLOOR, 2.0 * error / q, 0.0)


_LOSSES: dict[str, type[Loss]] = {
    "mse": MeanSquaredError,
    "mae": MeanAbsoluteError,
    "huber": Huber,
    "binary_crossentropy": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "log_mse": MeanSquaredLogError,
}
_ALIASES = {
    "mean_squared_error": "mse",
    "mean_absolute_error": "mae",
    "meansquarederror": "mse",
    "meanabsoluteerror": "mae",
    "binarycrossentropy": "binary_crossentropy",
    "categoricalcrossentropy": "categorical_crossentropy",
}


def names() -> list[str]:
    """Short names accepted by :func:`get`."""
    return list(_LOSSES)


def get(identifier: str | Loss | dict[str, Any]) -> Loss:
    """A loss by name (case-insensitive; Keras long names and class names work too), an
    instance (returned as is) or a config dict from :meth:`Loss.get_config`."""
    return resolve(identifier, kind="loss", base=Loss, table=_LOSSES, aliases=_ALIASES)
