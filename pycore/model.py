"""`Sequential`: a stack of layers with Keras's model API (compile / fit / evaluate / predict).

The layers, their widths and weights (all / trainable / non-trainable, Keras order) are the
business of `pycore.stack.LayerStack`, which `Sequential` extends; the optimizer updates
`model.trainable_weights` in place, so the layers see every update without copying.

Training loss = loss(y, y_pred) (a mean over the batch) + sum of the layers' regularization
penalties, exactly what Keras minimises and reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from pycore import losses, optimizers
from pycore.callbacks import Callback, History, NonFiniteGuard
from pycore.layers import Layer, LayerTrace
from pycore.metrics import Metric, resolve_metric
from pycore.stack import LayerStack
from pycore.training import (
    as_inputs,
    as_targets,
    evaluate_logs,
    guarded_step,
    run_fit,
)

__all__ = ["History", "LayerTrace", "Sequential"]


class Sequential(LayerStack):
    """A linear stack of layers (any `pycore.layers.Layer`: Dense, Dropout, ...) with Keras's
    training API. Structure, weights, `summary`, `forward_trace` and the config come from
    `pycore.stack.LayerStack`.

    `seed` makes weight initialization reproducible (Keras would use a global seed); without
    it the initial weights differ on every build. Shuffling and dropout are seeded by
    `fit(seed=...)`.
    """

    def __init__(
        self, layers: Sequence[Layer] | None = None, name: str = "sequential",
        seed: int | None = None,
    ) -> None:
        super().__init__(layers, name=name, seed=seed)
        self.loss: losses.Loss | None = None
        self.optimizer: optimizers.Optimizer | None = None
        self.metrics: list[str] = []
        self._metric_fns: dict[str, Metric] = {}
        self.stop_training = False

    # --------------------------------------------------------------- computation
    def backward(self, y: np.ndarray, y_pred: np.ndarray,
                 loss_gradient: np.ndarray | None = None) -> list[np.ndarray]:
        """Backprop after `forward`: gradient of loss + penalties for every trainable weight,
        in `trainable_weights` order (`loss_gradient`: d loss / d y_pred if already known).
        Layers may return arrays the next backward pass overwrites (`Layer.grad_buffers`):
        copy what you keep, as `gradients` does."""
        grad = (self._compiled_loss().gradient(y, y_pred) if loss_gradient is None
                else loss_gradient)
        first, *rest = self.layers
        for layer in reversed(rest):
            grad = layer.backward(grad)
        first.backward_weights(grad)  # dL/dx of the data is nobody's business
        return [g for layer in self.layers for g in layer.grads]

    def loss_and_gradient(self, y: np.ndarray, y_pred: np.ndarray) -> tuple[float, np.ndarray]:
        """(loss, d loss / d y_pred) of one batch in one pass (no penalty: see batch_logs)."""
        return self._compiled_loss().value_and_gradient(y, y_pred)

    def batch_logs(self, y: np.ndarray, y_pred: np.ndarray, penalty: float,
                   loss: float | None = None) -> dict[str, float]:
        """{"loss": loss + penalty, metric: value, ...} for one batch (`loss`: the data loss
        if already known)."""
        data_loss = float(self._compiled_loss()(y, y_pred)) if loss is None else loss
        logs = {"loss": data_loss + penalty}
        for name, fn in self._metric_fns.items():
            logs[name] = float(fn(y, y_pred))
        return logs

    # ------------------------------------------------------------------ Keras API
    def compile(
        self, optimizer: Any = "rmsprop", loss: Any = None, metrics: Sequence[str] | None = None
    ) -> None:
        """Choose optimizer (name, config or instance), loss (name or instance) and metrics
        (loss names or accuracies; see `pycore.metrics.resolve_metric`)."""
        if loss is None:
            raise ValueError(f"compile needs a loss; known: {losses.names()}")
        self.loss = losses.get(loss)
        self.optimizer = optimizers.get(optimizer)
        self.metrics = list(metrics or [])
        self._metric_fns = {name: resolve_metric(name, self.output_dim) for name in self.metrics}

    def _compiled_loss(self) -> losses.Loss:
        if self.loss is None:
            raise ValueError("the model must be compiled first: call model.compile(...)")
        return self.loss

    def _require_compiled(self) -> None:
        if self.loss is None or self.optimizer is None:
            raise ValueError("the model must be compiled first: call model.compile(...)")

    def _xy(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        """Checked arrays for a (x, y) call; builds the model on first data."""
        self._require_compiled()
        x_arr = as_inputs(x, self.input_dim)
        self._ensure_built(x_arr)
        return x_arr, as_targets(y, x_arr.shape[0], self.output_dim)

    def _keras_result(self, logs: dict[str, float]) -> float | list[float]:
        """Keras's return convention: the loss alone, or [loss, *metrics] with metrics."""
        if not self.metrics:
            return logs["loss"]
        return [logs["loss"]] + [logs[name] for name in self.metrics]

    def predict(self, x: Any, batch_size: int | None = None, verbose: int = 0) -> np.ndarray:
        """Outputs for `x` in inference mode (dropout off), shape (examples, outputs).

        `batch_size` and `verbose` are accepted for Keras compatibility; the whole input is
        processed in one vectorised pass."""
        x_arr = as_inputs(x, self.input_dim)
        self._ensure_built(x_arr)
        with np.errstate(all="ignore"):
            return self.forward(x_arr, training=False)

    def evaluate(
        self, x: Any, y: Any, batch_size: int | None = None, verbose: int = 0
    ) -> float | list[float]:
        """Loss (incl. penalty), or [loss, *metrics] if metrics were compiled (Keras)."""
        x_arr, y_arr = self._xy(x, y)
        logs = evaluate_logs(self, x_arr, y_arr, batch_size)
        return self._keras_result(logs)

    def train_on_batch(self, x: Any, y: Any) -> float | list[float]:
        """One optimizer step on (x, y); returns the loss before the step, or [loss, *metrics].

        The non-finite guard applies: if the step would make a weight (or the loss) non-finite,
        it is not applied and the returned loss tells the caller (the weights stay finite).
        """
        x_arr, y_arr = self._xy(x, y)
        logs, _ = guarded_step(self, x_arr, y_arr, NonFiniteGuard(), 0, 0)
        return self._keras_result(logs)

    def gradients(self, x: Any, y: Any) -> list[np.ndarray]:
        """d(loss + penalties)/d(weight) for every trainable weight (`trainable_weights`
        order), inference mode (dropout off). Changes neither the weights nor the optimizer
        state."""
        x_arr, y_arr = self._xy(x, y)
        with np.errstate(all="ignore"):
            return [g.copy() for g in self.backward(y_arr, self.forward(x_arr, training=False))]

    def fit(
        self,
        x: Any,
        y: Any,
        epochs: int = 1,
        batch_size: int = 32,
        validation_split: float = 0.0,
        validation_data: Sequence[Any] | None = None,
        shuffle: bool = True,
        seed: int | None = None,
        verbose: int = 0,
        callbacks: Sequence[Callback] | None = None,
        initial_epoch: int = 0,
    ) -> History:
        """Train for epochs initial_epoch .. epochs-1 (Keras); see `pycore.training`."""
        x_arr, y_arr = self._xy(x, y)
        return run_fit(
            self, x_arr, y_arr, epochs=epochs, batch_size=batch_size,
            validation_split=validation_split, validation_data=validation_data,
            shuffle=shuffle, seed=seed, verbose=verbose, callbacks=callbacks,
            initial_epoch=initial_epoch,
        )
