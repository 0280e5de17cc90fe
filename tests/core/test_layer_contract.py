"""The Layer contract: all vs trainable weights, the guard, forward_trace, new layer kinds.

`RunningScale` is a test-only layer shaped like BatchNormalization: a trainable scale and a
non-trainable running mean that `forward(training=True)` updates in place. It proves that a
layer with non-trainable weights slots into Sequential, fit, the guard and model files by
being registered, with no other edits.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any

import numpy as np
import pytest

from pycore import Dense, Dropout, Sequential, activations, optimizers
from pycore.layers import LAYER_CLASSES, Layer, LayerTrace
from pycore.layers import dense as dense_module
from pycore.serialization import ModelFileError, from_json, to_json
from pycore.serialization.fields import fail, got, is_number
from pycore.serialization.layer_checks import LAYER_CHECKS


class RunningScale(Layer):
    """a = x * gamma (gamma trainable); moving_mean tracks the mean input (non-trainable)."""

    config_keys = frozenset({"name", "momentum"})

    def __init__(self, momentum: float = 0.9, name: str | None = None) -> None:
        super().__init__(name)
        self.momentum = float(momentum)
        self.gamma: np.ndarray | None = None
        self.moving_mean: np.ndarray | None = None
        self._x: np.ndarray | None = None

    @property
    def built(self) -> bool:
        return self.gamma is not None

    @property
    def output_dim(self) -> int | None:
        return self.input_dim

    def build(self, input_dim: int, rng: np.random.Generator) -> None:
        self.input_dim = input_dim
        self.gamma = rng.uniform(0.5, 1.5, input_dim)
        self.moving_mean = np.zeros(input_dim)

    @property
    def weights(self) -> list[np.ndarray]:
        return [] if self.gamma is None else [self.gamma, self.moving_mean]

    @property
    def trainable_weights(self) -> list[np.ndarray]:
        return [] if self.gamma is None else [self.gamma]

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self._x = x
        if training:
            self.moving_mean *= self.momentum
            self.moving_mean += (1.0 - self.momentum) * x.mean(axis=0)
        return x * self.gamma

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        self.grads = [(grad_out * self._x).sum(axis=0)]
        return grad_out * self.gamma

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "momentum": self.momentum}


def check_running_scale(config: dict[str, Any], where: str, width: int) -> tuple[int, int]:
    momentum = config.get("momentum", 0.9)
    if not is_number(momentum):
        raise fail(f"{where}.momentum", "number", got=got(momentum))
    return width, 2 * width


def scaled_model(optimizer: Any = "sgd", loss: str = "mse") -> Sequential:
    model = Sequential([Dense(3, activation="tanh", input_dim=2), RunningScale(), Dense(1)],
                       seed=0)
    model.compile(optimizer=optimizer, loss=loss)
    return model


def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(8, 2))
    return x, np.sin(x[:, :1])


# ------------------------------------------------------------------ weight lists
def test_weights_are_all_trainable_ones_a_subset() -> None:
    model = scaled_model()
    dense1, scale, dense2 = model.layers
    assert scale.name == "running_scale"
    expected_all = [dense1.kernel, dense1.bias, scale.gamma, scale.moving_mean, dense2.kernel,
                    dense2.bias]
    assert all(a is b for a, b in zip(model.weights, expected_all, strict=True))
    trainable = [dense1.kernel, dense1.bias, scale.gamma, dense2.kernel, dense2.bias]
    assert all(a is b for a, b in zip(model.trainable_weights, trainable, strict=True))
    assert len(model.non_trainable_weights) == 1
    assert model.non_trainable_weights[0] is scale.moving_mean
    assert model.count_params() == 6 + 3 + 3 + 3 + 3 + 1
    text = model.summary()
    assert "Total params: 19" in text and "Trainable params: 16" in text
    assert "Non-trainable params: 3" in text and "running_scale (RunningScale)" in text


def test_dense_only_model_has_only_trainable_weights() -> None:
    model = Sequential([Dense(2, input_dim=2), Dropout(0.5), Dense(1)])
    assert all(a is b for a, b in zip(model.weights, model.trainable_weights, strict=True))
    assert model.non_trainable_weights == []
    assert "Non-trainable params: 0" in model.summary()


def test_gradients_are_those_of_the_trainable_weights() -> None:
    model = scaled_model()
    x, y = data()
    grads = model.gradients(x, y)
    assert [g.shape for g in grads] == [w.shape for w in model.trainable_weights]
    h = 1e-6
    for w, g in zip(model.trainable_weights, grads, strict=True):
        for index in np.ndindex(w.shape):
            saved = w[index]
            w[index] = saved + h
            up = model.evaluate(x, y)
            w[index] = saved - h
            down = model.evaluate(x, y)
            w[index] = saved
            assert g[index] == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-9)


def test_the_first_layer_fills_its_gradients_without_the_input_gradient(monkeypatch) -> None:
    """Backprop stops at the data: the first Dense layer is asked for `backward_weights`,
    which fills the same gradients as `backward` and skips the product for dL/dx."""
    model = Sequential([Dense(3, input_dim=2, activation="tanh"), Dense(1, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    x = np.array([[0.5, -1.0], [2.0, 0.25], [-0.75, 1.5]])
    y = np.array([[1.0], [0.0], [1.0]])
    first = model.layers[0]
    products: list[tuple[int, ...]] = []
    real_matmul = dense_module.matmul
    monkeypatch.setattr(dense_module, "matmul",
                        lambda a, b, out=None: products.append(b.shape) or real_matmul(a, b, out))
    grads = [g.copy() for g in model.gradients(x, y)]
    assert (3, 2) not in products  # no product with the first kernel's transpose
    model.forward(x, training=False)
    with np.errstate(all="ignore"):
        upstream = model.layers[1].backward(model.loss.gradient(y, model.forward(x)))
    assert first.backward(upstream).shape == x.shape
    for full, fast in zip(first.grads, grads[:2], strict=True):
        np.testing.assert_array_equal(full, fast)


def test_fit_updates_trainable_by_the_optimizer_and_moving_stats_by_the_layer() -> None:
    model = scaled_model(optimizers.get("sgd", learning_rate=0.1))
    x, y = data()
    before = model.get_weights()
    grads = model.gradients(x, y)
    layer_input = model.forward_trace(x)[1].inputs
    model.fit(x, y, epochs=1, batch_size=len(x), shuffle=False)
    after = model.get_weights()
    trainable_before = [before[k] for k in (0, 1, 2, 4, 5)]
    trainable_after = [after[k] for k in (0, 1, 2, 4, 5)]
    for old, new, g in zip(trainable_before, trainable_after, grads, strict=True):
        np.testing.assert_allclose(new, old - 0.1 * g, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(after[3], 0.1 * layer_input.mean(axis=0), rtol=1e-12)


def test_guard_restores_non_trainable_weights_too() -> None:
    """The forward pass of a refused step has already moved the running mean; the guard must
    put it back together with the trainable weights."""
    model = scaled_model()
    model.set_weights([*model.get_weights()[:4], np.full((3, 1), 1e200), np.zeros(1)])
    x, y = data()
    moved = scaled_model()
    moved.set_weights(model.get_weights())
    moved.forward(x, training=True)
    assert not np.array_equal(moved.layers[1].moving_mean, model.layers[1].moving_mean)
    before = model.get_weights()
    loss = model.train_on_batch(x, y)
    assert not np.isfinite(loss)  # the step was refused: the loss overflowed (1e200 squared)
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_sequential_accepts_layers_only_and_needs_an_input_dim_layer_first() -> None:
    with pytest.raises(ValueError, match="accepts pycore layers"):
        Sequential([object()])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="first layer must be one that takes input_dim"):
        Sequential([RunningScale()])
    with pytest.raises(ValueError, match="first layer must be one that takes input_dim"):
        Sequential([Dropout(0.1)])


# ------------------------------------------------------------------ forward_trace
def traced_model() -> tuple[Sequential, np.ndarray]:
    model = Sequential([Dense(4, activation="relu", input_dim=3), Dropout(0.5),
                        Dense(3, activation="softmax")], seed=2)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model, np.random.default_rng(3).normal(size=(6, 3))


def test_forward_trace_matches_predict_bit_for_bit() -> None:
    model, x = traced_model()
    traces = model.forward_trace(x)
    assert [(t.layer, t.name) for t in traces] == [(0, "dense"), (1, "dropout"), (2, "dense_1")]
    np.testing.assert_array_equal(traces[-1].a, model.predict(x))
    np.testing.assert_array_equal(traces[0].inputs, x)
    for before, after in itertools.pairwise(traces):
        assert after.inputs is before.a


def test_forward_trace_gives_z_and_a_of_every_layer() -> None:
    model, x = traced_model()
    w1, b1, w2, b2 = model.get_weights()
    dense1, dropout, dense2 = model.forward_trace(x)
    np.testing.assert_array_equal(dense1.z, x @ w1 + b1)
    np.testing.assert_array_equal(dense1.a, activations.get("relu")(x @ w1 + b1))
    assert dropout.z is None
    np.testing.assert_array_equal(dropout.a, dense1.a)  # inference: identity
    np.testing.assert_array_equal(dense2.z, dropout.a @ w2 + b2)
    np.testing.assert_array_equal(dense2.a, activations.get("softmax")(dense2.z))
    with pytest.raises(dataclasses.FrozenInstanceError):
        dense2.z = None  # type: ignore[misc]
    assert isinstance(dense2, LayerTrace)


@pytest.mark.parametrize("build", [traced_model, lambda: (scaled_model(), data()[0])])
def test_forward_trace_leaves_training_caches_alone(build: Any) -> None:
    """forward(training=True) on a batch, forward_trace on another, then backward: the
    gradients are those of the training batch, as without the trace."""
    model, x = build()
    twin, _ = build()
    other = x[::-1] * 2.0
    y = np.eye(model.output_dim)[np.arange(len(x)) % model.output_dim]
    for m in (model, twin):
        for layer in m.layers:
            if layer.rng is not None:
                layer.rng = np.random.default_rng(9)
    pred = model.forward(x, training=True)
    np.testing.assert_array_equal(twin.forward(x, training=True), pred)
    stats = model.get_weights()
    model.forward_trace(other)
    for a, b in zip(model.get_weights(), stats, strict=True):
        np.testing.assert_array_equal(a, b)  # inference never moves running statistics
    for a, b in zip(model.backward(y, pred), twin.backward(y, pred), strict=True):
        np.testing.assert_array_equal(a, b)


def test_forward_trace_of_a_layer_using_the_default_trace() -> None:
    model = scaled_model()
    x, _ = data()
    traces = model.forward_trace(x)
    assert traces[1].z is None
    np.testing.assert_array_equal(traces[1].a, traces[0].a * model.layers[1].gamma)
    np.testing.assert_array_equal(traces[-1].a, model.predict(x))


def test_forward_trace_checks_its_input_and_builds_on_first_data() -> None:
    model = Sequential([Dense(2), Dense(1)])
    assert len(model.forward_trace(np.ones((3, 5)))) == 2 and model.input_dim == 5
    with pytest.raises(ValueError, match="features"):
        model.forward_trace(np.ones((3, 4)))


# ------------------------------------------------------------------ model files
def test_a_registered_layer_kind_round_trips_through_a_model_file(monkeypatch) -> None:
    monkeypatch.setitem(LAYER_CLASSES, "RunningScale", RunningScale)
    monkeypatch.setitem(LAYER_CHECKS, "RunningScale", check_running_scale)
    model = scaled_model()
    x, y = data()
    model.fit(x, y, epochs=2, batch_size=4, seed=0)
    assert model.layers[1].moving_mean.any()
    loaded = from_json(to_json(model))
    assert isinstance(loaded.layers[1], RunningScale)
    assert [w.tobytes() for w in loaded.get_weights()] == [
        w.tobytes() for w in model.get_weights()]
    doc = json.loads(to_json(model))
    doc["layers"][1]["config"]["rate"] = 0.5
    with pytest.raises(ModelFileError, match=r"layers\[1\].config: unknown field 'rate'; "
                                             r"allowed: momentum, name"):
        from_json(json.dumps(doc))
    doc["layers"][1]["config"] = {"momentum": "fast"}
    with pytest.raises(ModelFileError, match=r"layers\[1\].config.momentum"):
        from_json(json.dumps(doc))


def test_an_unregistered_layer_kind_is_refused() -> None:
    model = scaled_model()
    with pytest.raises(ModelFileError, match=r"layers\[1\].class_name: expected one of "
                                             r"'Dense', 'Dropout'"):
        from_json(to_json(model))
