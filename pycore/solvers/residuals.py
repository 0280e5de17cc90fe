"""Residuals of a Sequential net and their Jacobian, one row per sample (and output).

Least-squares solvers need the loss as a sum of squares, L = mean r², and the Jacobian
J = d r / d params: one row per residual, one column per parameter. For the two losses that
have this form the residual of sample i and output o is

    log_mse:  r = ln ŷ - ln y        (ŷ clipped as in the loss, `pycore.losses.log_error`)
    mse:      r = ŷ - y

The Jacobian comes from backpropagation, not finite differences: the same chain rule as
`Dense.backward` (d r / d z = d r / d a * act'(z), d r / d W = a_in ⊗ d r / d z, d r / d b =
d r / d z, d r / d a_in = d r / d z @ W.T), with one difference that matters here: Dense.backward
sums the weight gradient over the batch (it needs only d L / d W), while a least-squares step
needs every sample's row, so the outer product is kept per row (one vectorised pass per output).

Weights are passed explicitly (a list in Keras order), so a solver can evaluate a trial step
without writing it into the model: a rejected step never touches the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pycore import losses
from pycore.layers import Dense, Dropout

#: Losses that are a mean of squared residuals, hence usable by a least-squares solver.
RESIDUAL_LOSSES = ("log_mse", "mse")


def dense_layers(model: object) -> list[Dense]:
    """The model's Dense layers, after checking that a least-squares solver may treat the
    model as the plain function x -> ŷ: Dense and Dropout only (Dropout is the identity at
    inference) and no kernel regularizer (its penalty is not a sum of squared residuals)."""
    layers = getattr(model, "layers", None)
    if not layers:
        raise ValueError("the model has no layers")
    dense = []
    for layer in layers:
        if isinstance(layer, Dropout):
            continue
        if not isinstance(layer, Dense):
            raise ValueError(f"only Dense and Dropout layers are supported, got {layer!r}")
        if layer.kernel_regularizer is not None:
            raise ValueError(
                f"layer {layer.name!r} has a kernel regularizer; the least-squares solver "
                "minimises the data loss only, so remove the regularizer first"
            )
        dense.append(layer)
    return dense


def residual_loss_name(loss: object) -> str:
    """The canonical name of ``loss`` (name or Loss) if it is a sum of squares, else an error."""
    name = losses.get(loss).name
    if name not in RESIDUAL_LOSSES:
        raise ValueError(
            f"loss {name!r} is not a mean of squared residuals; the least-squares solver "
            f"supports {', '.join(RESIDUAL_LOSSES)}"
        )
    return name


def residuals(loss_name: str, y_pred: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(r, d r / d ŷ), both shaped like ``y_pred``; mean(r²) is the loss ``loss_name``."""
    if loss_name == "log_mse":
        error, clipped = losses.log_error(y, y_pred)
        return error, np.where(y_pred >= losses.LOG_FLOOR, 1.0 / clipped, 0.0)
    return y_pred - y, np.ones_like(y_pred)


@dataclass
class Forward:
    """One forward pass with what backprop needs: each Dense layer's input and pre-activation
    and the activation's slope at it (None for activations that are not element-wise)."""

    inputs: list[np.ndarray]
    pre_activations: list[np.ndarray]
    slopes: list[np.ndarray | None]
    output: np.ndarray


def layer_weights(layers: Sequence[Dense], weights: Sequence[np.ndarray],
                  ) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """Split a Keras-order weight list into (kernel, bias or None) per Dense layer."""
    pairs, k = [], 0
    for layer in layers:
        bias = weights[k + 1] if layer.use_bias else None
        pairs.append((weights[k], bias))
        k += 2 if layer.use_bias else 1
    return pairs


def push(cache: Forward, layer: Dense, kernel: np.ndarray, bias: np.ndarray | None) -> None:
    """Append one Dense layer (with these weights, not the layer's own) to a forward pass."""
    a = cache.output
    z = a @ kernel if bias is None else a @ kernel + bias
    cache.inputs.append(a)
    cache.pre_activations.append(z)
    if layer.activation.elementwise:
        cache.output, slope = layer.activation.value_and_derivative(z)
    else:
        cache.output, slope = layer.activation(z), None
    cache.slopes.append(slope)


def forward(layers: Sequence[Dense], weights: Sequence[np.ndarray], x: np.ndarray) -> Forward:
    """Run the Dense layers on ``x`` with the given weights (Keras order)."""
    cache = Forward([], [], [], x)
    for layer, (kernel, bias) in zip(layers, layer_weights(layers, weights), strict=True):
        push(cache, layer, kernel, bias)
    return cache


def jacobian(layers: Sequence[Dense], weights: Sequence[np.ndarray], cache: Forward,
             d_residual: np.ndarray) -> np.ndarray:
    """d r / d (all parameters), shape (samples * outputs, parameters).

    Rows are sample-major (row i * outputs + o is sample i, output o, as ``r.ravel()``);
    columns follow the Keras order of the weights, each array flattened row-major.
    ``cache`` is ``forward(layers, weights, x)`` and ``d_residual`` is
    d r / d ŷ from :func:`residuals`.
    """
    pairs = layer_weights(layers, weights)
    n, outputs = d_residual.shape
    widths = [kernel.size + (0 if bias is None else bias.size) for kernel, bias in pairs]
    offsets = np.concatenate([[0], np.cumsum(widths)])
    jac = np.empty((n, outputs, int(offsets[-1])))
    for o in range(outputs):
        grad = np.zeros_like(d_residual)
        grad[:, o] = d_residual[:, o]
        for k in range(len(layers) - 1, -1, -1):
            kernel, bias = pairs[k]
            slope = cache.slopes[k]
            grad_z = (grad * slope if slope is not None
                      else layers[k].activation.backward(cache.pre_activations[k], grad))
            a_in, at = cache.inputs[k], offsets[k]
            jac[:, o, at:at + kernel.size] = (a_in[:, :, None] * grad_z[:, None, :]).reshape(n, -1)
            if bias is not None:
                jac[:, o, at + kernel.size:offsets[k + 1]] = grad_z
            if k > 0:
                grad = grad_z @ kernel.T
    return jac.reshape(n * outputs, -1)
