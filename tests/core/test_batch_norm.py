"""BatchNormalization: forward formulas, update rules, gradients by finite differences, and its
place in Sequential, fit, the guard and model files.

Finite differences: centred, h = 1e-5, float64; the training-mode loss is computed with
`forward(training=True)` (batch statistics), whose moving-statistics side effect does not
change the loss.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from pycore import BatchNormalization, Dense, Sequential, activations, losses, optimizers
from pycore.serialization import ModelFileError, from_json, to_json

H = 1e-5


def batch(seed: int = 0, rows: int = 7, features: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(loc=[0.5, -2.0, 3.0][:features], scale=[1.0, 0.3, 2.0][:features],
                      size=(rows, features))


def built(features: int = 3, **kwargs) -> BatchNormalization:
    layer = BatchNormalization(**kwargs)
    layer.build(features, np.random.default_rng(0))
    rng = np.random.default_rng(1)
    for w in layer.weights:
        w[...] = rng.uniform(0.5, 1.5, size=w.shape)  # away from the trivial 0/1 starts
    return layer


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def numeric_gradient(loss: Callable[[], float], target: np.ndarray) -> np.ndarray:
    """d loss / d target by centred differences, moving one entry of `target` at a time."""
    numeric = np.zeros_like(target)
    for index in np.ndindex(target.shape):
        saved = target[index]
        target[index] = saved + H
        up = loss()
        target[index] = saved - H
        down = loss()
        target[index] = saved
        numeric[index] = (up - down) / (2 * H)
    return numeric


def keeping_moving_statistics(layers_or_model: Any, compute: Callable[[], float]
                              ) -> Callable[[], float]:
    """`compute` wrapped so that the moving statistics it moves are put back afterwards."""

    def run() -> float:
        saved = [w.copy() for w in layers_or_model.non_trainable_weights]
        value = compute()
        for w, s in zip(layers_or_model.non_trainable_weights, saved, strict=True):
            w[...] = s
        return value

    return run


# ------------------------------------------------------------------ forward and updates
def test_training_forward_uses_biased_batch_statistics() -> None:
    layer = built(momentum=0.9, epsilon=1e-3)
    gamma, beta = layer.gamma.copy(), layer.beta.copy()
    x = batch()
    mean, var = x.mean(axis=0), ((x - x.mean(axis=0)) ** 2).mean(axis=0)
    np.testing.assert_allclose(layer.forward(x, training=True),
                               gamma * (x - mean) / np.sqrt(var + 1e-3) + beta, rtol=1e-13)
    assert var == pytest.approx(x.var(axis=0, ddof=0))


def test_moving_statistics_follow_the_keras_update_rule() -> None:
    layer = built(momentum=0.8)
    moving_mean, moving_var = layer.moving_mean.copy(), layer.moving_variance.copy()
    arrays = (layer.moving_mean, layer.moving_variance)
    for seed in range(3):
        x = batch(seed)
        layer.forward(x, training=True)
        moving_mean = moving_mean * 0.8 + x.mean(axis=0) * 0.2
        moving_var = moving_var * 0.8 + x.var(axis=0) * 0.2
        np.testing.assert_allclose(layer.moving_mean, moving_mean, rtol=1e-14)
        np.testing.assert_allclose(layer.moving_variance, moving_var, rtol=1e-14)
    assert arrays[0] is layer.moving_mean and arrays[1] is layer.moving_variance  # in place


def test_inference_uses_the_moving_statistics_and_moves_nothing() -> None:
    layer = built(epsilon=0.01)
    before = [w.copy() for w in layer.weights]
    x = batch()
    expected = (layer.gamma * (x - layer.moving_mean) / np.sqrt(layer.moving_variance + 0.01)
                + layer.beta)
    np.testing.assert_allclose(layer.forward(x), expected, rtol=1e-13)
    z, a = layer.trace(x)
    assert z is None
    np.testing.assert_array_equal(a, layer.forward(x))
    for w, w0 in zip(layer.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)


@pytest.mark.parametrize(("center", "scale", "names"), [
    (True, True, ["gamma", "beta", "moving_mean", "moving_variance"]),
    (False, True, ["gamma", "moving_mean", "moving_variance"]),
    (True, False, ["beta", "moving_mean", "moving_variance"]),
    (False, False, ["moving_mean", "moving_variance"]),
])
def test_weights_in_keras_order_and_only_gamma_beta_trainable(center, scale, names) -> None:
    layer = BatchNormalization(center=center, scale=scale)
    layer.build(4, np.random.default_rng(0))
    arrays = {"gamma": layer.gamma, "beta": layer.beta, "moving_mean": layer.moving_mean,
              "moving_variance": layer.moving_variance}
    assert [id(w) for w in layer.weights] == [id(arrays[n]) for n in names]
    trainable = [n for n in names if not n.startswith("moving")]
    assert [id(w) for w in layer.trainable_weights] == [id(arrays[n]) for n in trainable]
    assert [id(w) for w in layer.non_trainable_weights] == [id(layer.moving_mean),
                                                             id(layer.moving_variance)]
    assert layer.count_params() == 4 * len(names)
    np.testing.assert_array_equal(layer.moving_mean, np.zeros(4))
    np.testing.assert_array_equal(layer.moving_variance, np.ones(4))


# ------------------------------------------------------------------ gradients
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize(("center", "scale"), [(True, True), (False, True), (True, False)])
def test_layer_gradients_match_finite_differences(training, center, scale) -> None:
    """d/dx, d/dgamma, d/dbeta of L = sum(G * y), in training and in inference mode."""
    layer = built(center=center, scale=scale, epsilon=0.01)
    x = batch(3)
    g = np.random.default_rng(4).normal(size=x.shape)

    loss = keeping_moving_statistics(
        layer, lambda: float(np.sum(g * layer.forward(x, training=training))))
    layer.forward(x, training=training)
    grad_x = layer.backward(g)
    for target, analytic in [(x, grad_x), *zip(layer.trainable_weights, layer.grads,
                                               strict=True)]:
        assert np.linalg.norm(analytic) > 1e-3
        assert relative_error(analytic, numeric_gradient(loss, target)) < 1e-8


def test_training_gradient_through_batch_statistics_sums_to_zero() -> None:
    """A shift of every example by the same amount does not change the normalised output,
    so dL/dx sums to zero over the batch (per feature); in inference mode it does not."""
    layer = built()
    x, g = batch(), np.random.default_rng(2).normal(size=(7, 3))
    layer.forward(x, training=True)
    np.testing.assert_allclose(layer.backward(g).sum(axis=0), 0.0, atol=1e-12)
    layer.forward(x, training=False)
    assert np.abs(layer.backward(g).sum(axis=0)).min() > 1e-3


def bn_model(seed: int = 0, **kwargs) -> Sequential:
    model = Sequential([Dense(4, activation="tanh", input_dim=3,
                              bias_initializer="random_normal"),
                        BatchNormalization(**kwargs), Dense(2, activation="sigmoid")],
                       seed=seed)
    model.compile(optimizer=optimizers.get("sgd", learning_rate=0.1), loss="mse")
    return model


def data(rows: int = 9) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(rows, 3))
    return x, np.column_stack([np.sin(x[:, 0]), x[:, 1] * x[:, 2]])


def test_model_training_gradients_match_finite_differences() -> None:
    model, (x, y) = bn_model(), data()
    mse = losses.get("mse")
    training_loss = keeping_moving_statistics(
        model, lambda: mse(y, model.forward(x, training=True)))
    analytic = model.backward(y, model.forward(x, training=True))
    for w, a in zip(model.trainable_weights, analytic, strict=True):
        assert np.linalg.norm(a) > 1e-4
        assert relative_error(a, numeric_gradient(training_loss, w)) < 1e-6


def test_model_gradients_in_inference_mode_match_evaluate() -> None:
    model, (x, y) = bn_model(), data()
    model.fit(x, y, epochs=3, batch_size=4, shuffle=False)  # moving statistics away from 0/1
    analytic = model.gradients(x, y)
    for w, a in zip(model.trainable_weights, analytic, strict=True):
        numeric = numeric_gradient(lambda: model.evaluate(x, y), w)
        assert relative_error(a, numeric) < 1e-6


# ------------------------------------------------------------------ in a model
def test_sgd_step_updates_gamma_beta_and_never_the_moving_statistics_by_gradient() -> None:
    model, (x, y) = bn_model(momentum=0.5), data()
    bn = model.layers[1]
    before = model.get_weights()
    hidden = model.forward_trace(x)[0].a
    grads = model.backward(y, model.forward(x, training=True))
    for w, w0 in zip(model.non_trainable_weights, before[4:6], strict=True):
        w[...] = w0  # undo the forward pass's move of the moving statistics
    model.fit(x, y, epochs=1, batch_size=len(x), shuffle=False)
    after = model.get_weights()
    trainable_index = [0, 1, 2, 3, 6, 7]
    for k, g in zip(trainable_index, grads, strict=True):
        np.testing.assert_allclose(after[k], before[k] - 0.1 * g, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(bn.moving_mean, 0.5 * before[4] + 0.5 * hidden.mean(axis=0),
                               rtol=1e-12)
    np.testing.assert_allclose(bn.moving_variance,
                               0.5 * before[5] + 0.5 * hidden.var(axis=0), rtol=1e-12)


def test_summary_names_and_counts() -> None:
    model = bn_model()
    assert model.layers[1].name == "batch_normalization"
    text = model.summary()
    assert "Total params: 42" in text and "Trainable params: 34" in text
    assert "Non-trainable params: 8" in text


def test_guard_restores_the_moving_statistics_of_a_refused_step() -> None:
    """The refused step's forward pass has already moved the moving statistics; the guard
    must put them back with the trainable weights."""
    model, (x, y) = bn_model(), data()
    model.layers[2].activation = activations.get("linear")
    model.layers[2].kernel[...] = 1e200  # predictions of 1e200: the squared error overflows
    before = model.get_weights()
    history = model.fit(x, y, epochs=1, batch_size=len(x), shuffle=False)
    assert history.stopped is not None and history.stopped.reason == "non-finite loss"
    for w, w0 in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(w, w0)


def test_model_file_round_trip_keeps_everything() -> None:
    model, (x, y) = bn_model(momentum=0.7, epsilon=0.01, center=False), data()
    model.fit(x, y, epochs=2, batch_size=4, seed=0)
    loaded = from_json(to_json(model))
    bn = loaded.layers[1]
    assert isinstance(bn, BatchNormalization)
    assert (bn.momentum, bn.epsilon, bn.center, bn.scale) == (0.7, 0.01, False, True)
    assert [w.tobytes() for w in loaded.get_weights()] == [
        w.tobytes() for w in model.get_weights()]
    np.testing.assert_array_equal(loaded.predict(x), model.predict(x))


@pytest.mark.parametrize(("key", "value", "message"), [
    ("axis", 0, r"config.axis: expected -1 or 1"),
    ("axis", True, r"config.axis: expected -1 or 1"),
    ("momentum", "fast", r"config.momentum: expected a number in \[0, 1\]"),
    ("momentum", 1.5, r"config.momentum: expected a number in \[0, 1\]"),
    ("epsilon", 0, r"config.epsilon: expected a number in \(0, 1\]"),
    ("center", "yes", r"config.center: expected true or false"),
    ("gamma_initializer", "golden", r"config.gamma_initializer: Unknown initializer"),
    ("renorm", True, r"config: unknown field 'renorm'"),
])
def test_model_file_checks_batch_norm_values(key, value, message) -> None:
    doc = json.loads(to_json(bn_model()))
    doc["layers"][1]["config"][key] = value
    with pytest.raises(ModelFileError, match=r"layers\[1\]\." + message):
        from_json(json.dumps(doc))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"axis": 0}, "axis must be -1 or 1"),
    ({"momentum": -0.1}, r"momentum must be in \[0.0, 1.0\]"),
    ({"epsilon": 0.0}, r"epsilon must be in \(0.0, 1.0\]"),
    ({"beta_initializer": "nope"}, "Unknown initializer"),
])
def test_constructor_rejects_bad_arguments(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        BatchNormalization(**kwargs)


def test_cannot_be_the_first_layer() -> None:
    with pytest.raises(ValueError, match="first layer must be one that takes input_dim"):
        Sequential([BatchNormalization()])
