"""Backprop gradients checked against centred finite differences (float64).

For every weight w:  dL/dw ≈ (L(w + h) - L(w - h)) / (2h),  with L = loss + penalties in
inference mode, which is what `model.evaluate` returns. The finite-difference error is
O(h²) + O(eps/h); with h = 1e-5 both stay far below the 1e-6 relative tolerance. Kinks (relu at
0, division at 0 and 15, |w| in L1) would break the comparison, so every case asserts that its
pre-activations and weights stay further than 100 h from them.
"""

from __future__ import annotations

import numpy as np
import pytest

from pycore import Dense, Dropout, Sequential, activations, data, regularizers

H = 1e-5
TOLERANCE = 1e-6
KINKS = {"relu": (0.0,), "leaky_relu": (0.0,), "elu": (0.0,), "selu": (0.0,),
         "division": (0.0, 15.0)}


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return float(np.linalg.norm(analytic - numeric) / scale) if scale > 0 else 0.0


def numeric_gradients(model: Sequential, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    grads = []
    for w in model.trainable_weights:
        g = np.zeros_like(w)
        for index in np.ndindex(w.shape):
            saved = w[index]
            w[index] = saved + H
            up = model.evaluate(x, y)
            w[index] = saved - H
            down = model.evaluate(x, y)
            w[index] = saved
            g[index] = (up - down) / (2 * H)
        grads.append(g)
    return grads


def kink_distance(model: Sequential, x: np.ndarray) -> float:
    """Smallest distance of any pre-activation to a kink of its activation."""
    distance = np.inf
    a = x
    for layer in model.layers:
        if isinstance(layer, Dense):
            z = a @ layer.kernel + (0.0 if layer.bias is None else layer.bias)
            for kink in KINKS.get(layer.activation.name, ()):
                distance = min(distance, float(np.min(np.abs(z - kink))))
        a = layer.forward(a)
    return distance


def assert_gradients_match(model: Sequential, x: np.ndarray, y: np.ndarray) -> None:
    assert kink_distance(model, x) > 100 * H
    before = model.get_weights()
    analytic = model.gradients(x, y)
    for w, w0 in zip(model.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)  # gradients() must not touch the weights
    numeric = numeric_gradients(model, x, y)
    assert [g.shape for g in analytic] == [w.shape for w in before]
    for i, (a, n) in enumerate(zip(analytic, numeric, strict=True)):
        assert np.linalg.norm(a) > 0, f"weight {i}: gradient is zero, the check would be void"
        assert relative_error(a, n) < TOLERANCE, (i, relative_error(a, n))


def random_net(hidden: str, output: str, loss: str, outputs: int = 1, use_bias: bool = True,
               regularizer=None, seed: int = 0, dropout: float = 0.0) -> Sequential:
    layers = [Dense(4, activation=hidden, input_dim=3, use_bias=use_bias,
                    bias_initializer="random_normal", kernel_regularizer=regularizer)]
    if dropout:
        layers.append(Dropout(dropout, seed=seed))
    layers.append(Dense(outputs, activation=output, use_bias=use_bias,
                        bias_initializer="random_normal", kernel_regularizer=regularizer))
    model = Sequential(layers, seed=seed)
    model.compile(optimizer="sgd", loss=loss)
    return model


def regression_data(seed: int, outputs: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(7, 3)), rng.normal(size=(7, outputs))


@pytest.mark.parametrize("hidden", ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
                                    "selu", "softplus", "swish"])
@pytest.mark.parametrize("use_bias", [True, False])
def test_dense_gradients_per_activation(hidden: str, use_bias: bool) -> None:
    model = random_net(hidden, "linear", "mse", use_bias=use_bias, seed=3)
    assert_gradients_match(model, *regression_data(4))


@pytest.mark.parametrize("loss", ["mse", "mae", "huber"])
def test_regression_losses(loss: str) -> None:
    model = random_net("tanh", "linear", loss, outputs=2, seed=5)
    assert_gradients_match(model, *regression_data(6, outputs=2))


@pytest.mark.parametrize("regularizer", [regularizers.L1(0.03), regularizers.L2(0.05),
                                         regularizers.L1L2(l1=0.02, l2=0.04)])
def test_regularizer_gradients(regularizer) -> None:
    model = random_net("tanh", "sigmoid", "mse", regularizer=regularizer, seed=7)
    assert min(float(np.min(np.abs(w))) for w in model.weights[::2]) > 100 * H  # L1 kink
    x, y = regression_data(8)
    assert model.evaluate(x, y) > model.loss(y, model.predict(x))  # penalty is included
    assert_gradients_match(model, x, y)


def test_softmax_categorical_crossentropy() -> None:
    model = random_net("tanh", "softmax", "categorical_crossentropy", outputs=3, seed=9)
    rng = np.random.default_rng(10)
    x = rng.normal(size=(8, 3))
    y = np.eye(3)[rng.integers(0, 3, size=8)]
    assert_gradients_match(model, x, y)


def test_sigmoid_binary_crossentropy() -> None:
    model = random_net("relu", "sigmoid", "binary_crossentropy", seed=11)
    rng = np.random.default_rng(12)
    x = rng.normal(size=(8, 3))
    y = rng.integers(0, 2, size=(8, 1)).astype(float)
    assert_gradients_match(model, x, y)


def test_dropout_is_identity_in_gradients() -> None:
    with_dropout = random_net("tanh", "linear", "mse", seed=13, dropout=0.5)
    plain = random_net("tanh", "linear", "mse", seed=13)
    plain.set_weights(with_dropout.get_weights())
    x, y = regression_data(14)
    assert_gradients_match(with_dropout, x, y)
    for a, b in zip(with_dropout.gradients(x, y), plain.gradients(x, y), strict=True):
        np.testing.assert_array_equal(a, b)


def test_random_division_net() -> None:
    model = Sequential([Dense(2, activation="division", input_dim=2, bias_initializer="ones"),
                        Dense(1, activation="division")], seed=2)
    model.compile(optimizer="adam", loss="mae")
    x, y = data.division_dataset(16, seed=1)
    assert_gradients_match(model, x, y)


def test_trained_division_preset() -> None:
    model = data.division_model("trained")
    x, y = data.division_dataset(16, seed=3)
    assert_gradients_match(model, x, y)


@pytest.mark.parametrize("name", ["tanh", "softmax", "division"])
def test_dense_input_gradient(name: str) -> None:
    """backward's return value dL/dx, checked on L = sum(a * g) for a fixed g."""
    layer = Dense(3, activation=name, input_dim=4, bias_initializer="random_normal")
    layer.build(4, np.random.default_rng(0))
    rng = np.random.default_rng(1)
    x, g = rng.uniform(0.5, 2.0, size=(5, 4)), rng.normal(size=(5, 3))
    layer.forward(x)
    analytic = layer.backward(g)
    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = H
        numeric[index] = np.sum((layer.forward(x + step) - layer.forward(x - step)) * g) / (2 * H)
    assert relative_error(analytic, numeric) < TOLERANCE


def test_dropout_training_mask_and_gradient() -> None:
    layer = Dropout(0.25, seed=0)
    layer.build(1000)
    x = np.random.default_rng(2).normal(size=(20, 1000))
    out = layer.forward(x, training=True)
    kept = out != 0
    assert 0.7 < kept.mean() < 0.8
    np.testing.assert_allclose(out[kept], x[kept] / 0.75, rtol=1e-15)
    g = np.random.default_rng(3).normal(size=x.shape)
    np.testing.assert_allclose(layer.backward(g), np.where(kept, g / 0.75, 0.0), rtol=1e-15)
    np.testing.assert_array_equal(layer.forward(x, training=False), x)


def test_activation_lookup_by_instance() -> None:
    act = activations.get("tanh")
    assert Dense(2, activation=act, input_dim=1).activation is act
