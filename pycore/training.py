"""The training loop behind `Sequential.fit`, plus input checks and batch-weighted means.

Keras semantics reproduced here (so lecture code and numbers carry over):
- the reported epoch `loss` is the mean of the per-batch training losses, weighted by batch
  size, each computed on the weights *before* that batch's update, and it includes the
  regularization penalty; metrics are averaged the same way;
- `validation_split` holds out the LAST fraction of the rows, before any shuffling;
- `epochs` is the index of the last epoch, so `fit(epochs=k + 1, initial_epoch=k)` trains
  exactly one more epoch, continuing from the current weights and optimizer state.

Reproducibility: with `seed`, epoch e draws its shuffle order and dropout masks from
`default_rng([seed, e])`, so a run split into one-epoch `fit` calls is bit-identical to one
long call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from pycore.callbacks import Callback, CallbackList, History, NonFiniteGuard, TrainingStopped

# Moved to pycore.metrics; re-exported here for one release.
from pycore.metrics import ACCURACY_NAMES as ACCURACY_NAMES
from pycore.metrics import Metric as Metric
from pycore.metrics import binary_accuracy as binary_accuracy
from pycore.metrics import categorical_accuracy as categorical_accuracy
from pycore.metrics import resolve_metric as resolve_metric
from pycore.optimizers.base import Optimizer
from pycore.packing import PackedWeights
from pycore.trainable import TrainableModel


def as_inputs(x: Any, input_dim: int | None, what: str = "x") -> np.ndarray:
    """`x` as a float64 (rows, features) array, or a ValueError that says what is wrong."""
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim != 2:
        hint = " (for one feature use x.reshape(-1, 1))" if arr.ndim == 1 else ""
        raise ValueError(
            f"{what} must be a 2-D array (examples × features), got shape {arr.shape}{hint}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{what} is empty: it has no examples")
    if input_dim is not None and arr.shape[1] != input_dim:
        raise ValueError(
            f"{what} has {arr.shape[1]} features per example but the model expects {input_dim}"
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what} contains NaN or infinite values")
    return arr


def as_targets(y: Any, n_rows: int, output_dim: int, what: str = "y") -> np.ndarray:
    """`y` as float64 (rows, outputs); a 1-D `y` is accepted for a single-output model."""
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim == 1 and output_dim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2 or arr.shape[1] != output_dim:
        raise ValueError(
            f"{what} must have shape (examples, {output_dim}) to match the model's output, "
            f"got {arr.shape}"
        )
    if arr.shape[0] != n_rows:
        raise ValueError(f"x has {n_rows} examples but {what} has {arr.shape[0]}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what} contains NaN or infinite values")
    return arr


def _positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


class WeightedMeans:
    """Running means of named values, each batch weighted by its number of rows."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self.count = 0

    def add(self, values: dict[str, float], rows: int) -> None:
        for name, value in values.items():
            self.totals[name] = self.totals.get(name, 0.0) + value * rows
        self.count += rows

    def means(self, prefix: str = "") -> dict[str, float]:
        return {prefix + name: total / self.count for name, total in self.totals.items()}


def evaluate_logs(
    model: TrainableModel, x: np.ndarray, y: np.ndarray, batch_size: int | None
) -> dict[str, float]:
    """Loss (with penalty) and metrics in inference mode; one pass, or weighted batches."""
    step = x.shape[0] if batch_size is None else _positive_int(batch_size, "batch_size")
    means = WeightedMeans()
    penalty = model.penalty()
    with np.errstate(all="ignore"):
        for start in range(0, x.shape[0], step):
            xb, yb = x[start : start + step], y[start : start + step]
            pred = model.forward(xb, training=False)
            means.add(model.batch_logs(yb, pred, penalty), xb.shape[0])
    return means.means()


def split_validation(
    x: np.ndarray,
    y: np.ndarray,
    model: TrainableModel,
    validation_split: float,
    validation_data: Sequence[Any] | None,
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """Training rows and the validation set (explicit data wins over the split, as in Keras)."""
    if validation_data is not None:
        if len(validation_data) != 2:
            raise ValueError("validation_data must be a pair (x_val, y_val)")
        xv = as_inputs(validation_data[0], model.input_dim, "x_val")
        yv = as_targets(validation_data[1], xv.shape[0], model.output_dim, "y_val")
        return x, y, (xv, yv)
    if not 0.0 <= validation_split < 1.0:
        raise ValueError(f"validation_split must be in [0, 1), got {validation_split}")
    if validation_split == 0.0:
        return x, y, None
    split_at = math.ceil(x.shape[0] * (1.0 - validation_split))
    if split_at == x.shape[0]:
        raise ValueError(
            f"validation_split={validation_split} of {x.shape[0]} examples leaves no "
            "validation examples"
        )
    return x[:split_at], y[:split_at], (x[split_at:], y[split_at:])


def guarded_step(
    model: TrainableModel,
    xb: np.ndarray,
    yb: np.ndarray,
    guard: NonFiniteGuard,
    epoch: int,
    batch: int,
) -> tuple[dict[str, float], TrainingStopped | None]:
    """One optimizer step that never leaves non-finite weights behind.

    The guard remembers ALL weights (also moving statistics that a layer updates in its
    training forward pass) and restores all of them when the step is refused; the optimizer
    sees only the trainable ones. Returns the batch logs (loss incl. penalty and metrics,
    before the update) and None, or the event describing why the step was refused/undone (the
    weights are then the ones from before the step, and the optimizer never saw a non-finite
    gradient).
    """
    with np.errstate(all="ignore"):
        return _step(model, xb, yb, guard, epoch, batch, model.packed_weights())


def _step(model: TrainableModel, xb: np.ndarray, yb: np.ndarray, guard: NonFiniteGuard,
          epoch: int, batch: int, packed: PackedWeights
          ) -> tuple[dict[str, float], TrainingStopped | None]:
    """`guarded_step` without its `np.errstate` (the fit loop enters that once per epoch).
    The loss and its gradient come from one pass (`loss_and_gradient`); a gradient computed
    for a non-finite loss is simply dropped. The guard and the optimizer see the packed
    vectors (`pycore.packing`): one call each for all weights."""
    everything = (packed.values,)
    guard.remember(everything)
    pred = model.forward(xb, training=True)
    loss, loss_gradient = model.loss_and_gradient(yb, pred)
    logs = model.batch_logs(yb, pred, model.penalty(), loss=loss)
    event = guard.check_loss(logs["loss"], epoch, batch)
    if event is None:
        packed.gather(model.backward(yb, pred, loss_gradient))
        event = guard.check_gradients((packed.grads,), epoch, batch)
    if event is None:
        optimizer = model.optimizer
        if optimizer is None:
            raise ValueError("the model must be compiled first: call model.compile(...)")
        if isinstance(optimizer, Optimizer):  # the gradient buffer is only ours: no copies
            optimizer.apply_fresh(packed.grad_views, packed.trainable_weights,
                                  flat=(packed.grads, packed.trainable))
        else:
            optimizer.apply(packed.grad_views, packed.trainable_weights)
        event = guard.check_weights(everything, epoch, batch)
    if event is not None:
        guard.restore(everything)
    return logs, event


def run_fit(
    model: TrainableModel,
    x: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    validation_split: float,
    validation_data: Sequence[Any] | None,
    shuffle: bool,
    seed: int | None,
    verbose: int,
    callbacks: Sequence[Callback] | None,
    initial_epoch: int,
) -> History:
    """The epoch/batch loop of `Sequential.fit` (arguments already converted to arrays)."""
    epochs = _positive_int(epochs, "epochs")
    batch_size = _positive_int(batch_size, "batch_size")
    if isinstance(initial_epoch, bool) or not isinstance(initial_epoch, int | np.integer) or (
        not 0 <= initial_epoch < epochs
    ):
        raise ValueError(
            f"initial_epoch must be in [0, epochs) but is {initial_epoch!r} with epochs={epochs}: "
            "as in Keras, epochs is the index of the last epoch, so to train one more epoch "
            "after k use fit(..., epochs=k + 1, initial_epoch=k)"
        )
    # C order once per fit: every batch below is then a contiguous row slice, no copy needed.
    x_train, y_train, validation = split_validation(
        np.ascontiguousarray(x), np.ascontiguousarray(y), model, validation_split, validation_data
    )
    history = History()
    history.params = {"epochs": epochs, "batch_size": batch_size, "samples": x_train.shape[0]}
    hooks = CallbackList([history, *(callbacks or [])], model)
    guard = NonFiniteGuard()
    model.stop_training = False
    random_layers = [layer for layer in model.layers if layer.rng is not None]
    packed = model.packed_weights()
    hooks.on_train_begin({})
    epoch_logs: dict[str, float] = {}
    for epoch in range(initial_epoch, epochs):
        rng = model.rng if seed is None else np.random.default_rng([seed, epoch])
        for layer in random_layers:
            layer.rng = rng
        hooks.on_epoch_begin(epoch, {})
        x_epoch, y_epoch = x_train, y_train
        if shuffle:
            # One gather per epoch; the batches are then cheap contiguous slices (views).
            order = rng.permutation(x_train.shape[0])
            x_epoch, y_epoch = x_train[order], y_train[order]
        means = WeightedMeans()
        with np.errstate(all="ignore"):
            for batch, start in enumerate(range(0, x_epoch.shape[0], batch_size)):
                xb, yb = x_epoch[start : start + batch_size], y_epoch[start : start + batch_size]
                logs, event = _step(model, xb, yb, guard, epoch, batch, packed)
                if event is not None:
                    hooks.on_training_stopped(event)
                    return history
                means.add(logs, xb.shape[0])
                if hooks.wants_batches:
                    hooks.on_batch_end(batch, means.means())
                if model.stop_training:
                    break
        epoch_logs = means.means()
        if validation is not None:
            epoch_logs.update(
                {"val_" + k: v for k, v in evaluate_logs(model, *validation, None).items()}
            )
        hooks.on_epoch_end(epoch, epoch_logs)
        if verbose:
            shown = " - ".join(f"{k}: {v:.6g}" for k, v in epoch_logs.items())
            print(f"Epoch {epoch + 1}/{epochs} - {shown}")
        if model.stop_training:
            break
    hooks.on_train_end(epoch_logs)
    return history
