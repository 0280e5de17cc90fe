"""`Sequential`: a stack of layers with Keras's model API (compile / fit / evaluate / predict).

The model owns no weights itself: each Dense layer holds its kernel and bias, and
`model.weights` returns those very arrays in Keras order [W1, b1, W2, b2, ...]. The optimizer
updates that list in place, so the layers see every update without copying. `set_weights`
therefore copies *into* the existing arrays rather than replacing them.

Training loss = loss(y, y_pred) (a mean over the batch) + sum of the layers' regularization
penalties, exactly what Keras minimises and reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from pycore import losses, optimizers
from pycore.callbacks import Callback, History, NonFiniteGuard
from pycore.layers import Dense, Dropout, layer_from_config
from pycore.metrics import resolve_metric
from pycore.training import (
    as_inputs,
    as_targets,
    evaluate_logs,
    guarded_step,
    run_fit,
)

__all__ = ["History", "Sequential"]

Layer = Dense | Dropout


class Sequential:
    """A linear stack of `Dense` and `Dropout` layers.

    `seed` makes weight initialization reproducible (Keras would use a global seed); without
    it the initial weights differ on every build. Shuffling and dropout are seeded by
    `fit(seed=...)`.
    """

    def __init__(
        self, layers: Sequence[Layer] | None = None, name: str = "sequential",
        seed: int | None = None,
    ) -> None:
        self.name = name
        self.layers: list[Layer] = []
        self.rng = np.random.default_rng(seed)
        self.loss: Any = None
        self.optimizer: Any = None
        self.metrics: list[str] = []
        self._metric_fns: dict[str, Any] = {}
        self.stop_training = False
        for layer in layers or []:
            self.add(layer)

    # ----------------------------------------------------------------- structure
    def add(self, layer: Layer) -> None:
        """Append a layer; it is built at once if the width of its input is known."""
        if not isinstance(layer, Dense | Dropout):
            raise ValueError(f"Sequential accepts Dense and Dropout layers, got {layer!r}")
        if not self.layers and isinstance(layer, Dropout):
            raise ValueError("the first layer must be Dense (with input_dim)")
        if layer.name is None:
            kind = "dense" if isinstance(layer, Dense) else "dropout"
            taken = {other.name for other in self.layers}
            layer.name = next(
                name for i in range(len(self.layers) + 1)
                if (name := kind if i == 0 else f"{kind}_{i}") not in taken
            )
        self.layers.append(layer)
        width = layer.input_dim if len(self.layers) == 1 else self.layers[-2].output_dim
        if width is not None and (len(self.layers) == 1 or self.layers[-2].built):
            layer.build(width, self.rng)

    def build(self, input_dim: int | Sequence[int | None]) -> None:
        """Create all weights for inputs of width `input_dim` (an int or a shape (None, d))."""
        width = input_dim[-1] if isinstance(input_dim, Sequence) else input_dim
        if not self.layers:
            raise ValueError("cannot build an empty model: add layers first")
        if isinstance(width, bool) or not isinstance(width, int | np.integer) or width < 1:
            raise ValueError(f"input_dim must be a positive integer, got {input_dim!r}")
        for layer in self.layers:
            if not layer.built:
                layer.build(int(width), self.rng)
            elif layer.input_dim != width:
                raise ValueError(
                    f"layer {layer.name!r} was built for {layer.input_dim} inputs, not {width}"
                )
            width = layer.output_dim

    @property
    def built(self) -> bool:
        return bool(self.layers) and all(layer.built for layer in self.layers)

    @property
    def input_dim(self) -> int | None:
        return self.layers[0].input_dim if self.layers else None

    @property
    def output_dim(self) -> int:
        dense = [layer for layer in self.layers if isinstance(layer, Dense)]
        if not dense:
            raise ValueError("the model has no Dense layer")
        return dense[-1].units

    def _ensure_built(self, x: np.ndarray) -> None:
        if not self.built:
            self.build(x.shape[1])

    # ------------------------------------------------------------------- weights
    @property
    def weights(self) -> list[np.ndarray]:
        """The live weight arrays in Keras order; updating them in place updates the layers."""
        return [w for layer in self.layers for w in layer.weights]

    def get_weights(self) -> list[np.ndarray]:
        """Copies of the weights in Keras order [W1, b1, W2, b2, ...]."""
        return [w.copy() for w in self.weights]

    def set_weights(self, weights: Sequence[Any]) -> None:
        """Copy `weights` (Keras order) into the model after checking count and shapes."""
        live = self.weights
        if not self.built:
            raise ValueError("the model is not built yet: give input_dim or call build()")
        if len(weights) != len(live):
            raise ValueError(f"expected {len(live)} weight arrays, got {len(weights)}")
        new = [np.asarray(w, dtype=np.float64) for w in weights]
        for i, (target, value) in enumerate(zip(live, new, strict=True)):
            if value.shape != target.shape:
                raise ValueError(
                    f"weight {i} must have shape {target.shape}, got {value.shape}"
                )
            if not np.all(np.isfinite(value)):
                raise ValueError(f"weight {i} contains NaN or infinite values")
        for target, value in zip(live, new, strict=True):
            np.copyto(target, value)

    def count_params(self) -> int:
        return sum(layer.count_params() for layer in self.layers)

    def summary(self) -> str:
        """Keras-style table (layer, output shape, parameter count) as a string."""
        rule, thick = "_" * 65, "=" * 65
        lines = [f'Model: "{self.name}"', rule,
                 f" {'Layer (type)':<28}{'Output Shape':<26}Param #", thick]
        for layer in self.layers:
            label = f"{layer.name} ({type(layer).__name__})"
            params = str(layer.count_params()) if layer.built else "?"
            shape = f"(None, {layer.output_dim if layer.output_dim is not None else '?'})"
            lines.append(f" {label:<28}{shape:<26}{params}")
        lines.append(thick)
        total = str(self.count_params()) if self.built else "? (not built yet)"
        lines += [f"Total params: {total}", f"Trainable params: {total}",
                  "Non-trainable params: 0", rule]
        return "\n".join(lines)

    # --------------------------------------------------------------- computation
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Raw forward pass on a checked float64 array (layers cache what backward needs)."""
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    def backward(self, y: np.ndarray, y_pred: np.ndarray) -> list[np.ndarray]:
        """Backprop after `forward`: gradient of loss + penalties for every weight, Keras order."""
        grad = self.loss.gradient(y, y_pred)
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return [g for layer in self.layers for g in layer.grads]

    def penalty(self) -> float:
        """Sum of the layers' regularization penalties at the current weights."""
        return float(sum(layer.penalty() for layer in self.layers))

    def batch_logs(self, y: np.ndarray, y_pred: np.ndarray, penalty: float) -> dict[str, float]:
        """{"loss": loss + penalty, metric: value, ...} for one batch."""
        logs = {"loss": float(self.loss(y, y_pred)) + penalty}
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
        """d(loss + penalties)/d(weight) for every weight, Keras order, inference mode (dropout
        off). Changes neither the weights nor the optimizer state."""
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

    # ------------------------------------------------------------------ config
    def get_config(self) -> dict[str, Any]:
        """{"name": ..., "layers": [{"class_name": "Dense", "config": {...}}, ...]}."""
        return {
            "name": self.name,
            "layers": [
                {"class_name": type(layer).__name__, "config": layer.get_config()}
                for layer in self.layers
            ],
        }

    @classmethod
    def from_config(cls, config: dict[str, Any], seed: int | None = None) -> Sequential:
        """A fresh (newly initialized) model with the layers described by `get_config()`."""
        layers = [layer_from_config(entry) for entry in config.get("layers", [])]
        return cls(layers, name=config.get("name", "sequential"), seed=seed)
