"""`pycore.diagnostics.layer_statistics` checked against numbers worked out by hand.

The hand-worked net (2 inputs, 2 ReLU units, 1 linear output, MSE on 3 examples):

    W1 = [[1, -1], [0.5, -2]], b1 = [0, -10], W2 = [[3], [1]], b2 = [1]
    x  = [[1, 2], [0, 1], [2, 0]],  y = [[6], [2.5], [9]]

    z1 = x W1 + b1 = [[2, -15], [0.5, -12], [2, -12]]     a1 = [[2, 0], [0.5, 0], [2, 0]]
    z2 = a1 W2 + b2 = [[7], [2.5], [7]] = a2              error a2 - y = [1, 0, -2]
    L  = (1 + 0 + 4) / 3;  dL/da2 = 2 (a2 - y) / 3 = [2/3, 0, -4/3]
    dL/da1 = dL/da2 W2ᵀ = [[2, 2/3], [0, 0], [-4, -4/3]]
    dW2 = a1ᵀ dL/da2 = [[4/3 - 8/3], [0]] = [[-4/3], [0]],  db2 = [-2/3]
    dz1 = dL/da1 · relu'(z1) = [[2, 0], [0, 0], [-4, 0]]
    dW1 = xᵀ dz1 = [[-6, 0], [4, 0]],  db1 = [-2, 0]

Unit 2 of layer 1 has z < 0 for every example: it is dead (dead_fraction 1/2).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import pycore
from pycore import BatchNormalization, Dense, Dropout, Sequential
from pycore.diagnostics import KINDS, LayerStatistics, Probe, layer_statistics, overflow

X = np.array([[1.0, 2.0], [0.0, 1.0], [2.0, 0.0]])
Y = np.array([[6.0], [2.5], [9.0]])


def hand_net(compile_model: bool = True) -> Sequential:
    model = Sequential([Dense(2, activation="relu", input_dim=2), Dense(1)])
    model.set_weights([np.array([[1.0, -1.0], [0.5, -2.0]]), np.array([0.0, -10.0]),
                       np.array([[3.0], [1.0]]), np.array([1.0])])
    if compile_model:
        model.compile(optimizer="sgd", loss="mse")
    return model


def population_std(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def test_available_after_import_pycore() -> None:
    assert pycore.diagnostics.layer_statistics is layer_statistics


def test_hand_worked_first_layer() -> None:
    first, _ = layer_statistics(hand_net(), X, Y)
    assert isinstance(first, LayerStatistics)
    assert (first.layer, first.name) == (0, "dense")
    z = [2, -15, 0.5, -12, 2, -12]
    assert first.preactivation_mean == pytest.approx(-34.5 / 6)
    assert first.preactivation_std == pytest.approx(population_std(z))
    assert first.activation_mean == pytest.approx(0.75)
    assert first.activation_std == pytest.approx(math.sqrt(4.875 / 6))
    assert first.dead_fraction == 0.5
    grad = [2, 2 / 3, 0, 0, -4, -4 / 3]
    assert first.gradient_mean == pytest.approx(sum(grad) / 6)
    assert first.gradient_std == pytest.approx(population_std(grad))
    assert first.weight_gradient_norm == pytest.approx(math.sqrt(36 + 16 + 4))


def test_hand_worked_output_layer() -> None:
    _, last = layer_statistics(hand_net(), X, Y)
    assert last.name == "dense_1"
    assert last.preactivation_mean == pytest.approx(16.5 / 3)
    assert last.activation_std == pytest.approx(population_std([7, 2.5, 7]))
    assert last.dead_fraction == 0.0
    assert last.gradient_mean == pytest.approx(-2 / 9)
    assert last.gradient_std == pytest.approx(population_std([2 / 3, 0, -4 / 3]))
    assert last.weight_gradient_norm == pytest.approx(math.sqrt(16 / 9 + 4 / 9))


def test_raw_values_and_histograms() -> None:
    first, _ = layer_statistics(hand_net(), X, Y)
    np.testing.assert_array_equal(first.values("preactivation"),
                                  [[2, -15], [0.5, -12], [2, -12]])
    np.testing.assert_allclose(first.values("gradient"), [[2, 2 / 3], [0, 0], [-4, -4 / 3]])
    counts, edges = first.histogram("activation", bins=4, range=(0.0, 2.0))
    np.testing.assert_array_equal(edges, [0.0, 0.5, 1.0, 1.5, 2.0])
    np.testing.assert_array_equal(counts, [3, 1, 0, 2])  # 0,0,0 | 0.5 | - | 2,2
    counts, _ = first.histogram("gradient", bins=[-5.0, 0.0, 5.0])
    assert counts.tolist() == [2, 4]
    counts, edges = first.histogram("preactivation")  # default: 50 bins over the span
    assert counts.sum() == 6 and edges[0] == -15 and edges[-1] == 2
    with pytest.raises(ValueError, match="kind must be one of activation, preactivation"):
        first.histogram("weights")
    assert KINDS == ("activation", "preactivation", "gradient")


def test_gradients_agree_with_the_models_own() -> None:
    model = Sequential([Dense(5, activation="tanh", input_dim=3), Dense(4, activation="elu"),
                        Dense(2)], seed=1)
    model.compile(optimizer="sgd", loss="mse")
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(20, 3)), rng.normal(size=(20, 2))
    grads = model.gradients(x, y)
    records = layer_statistics(model, x, y)
    for k, record in enumerate(records):
        norm = math.sqrt(float(np.sum(grads[2 * k] ** 2) + np.sum(grads[2 * k + 1] ** 2)))
        assert record.weight_gradient_norm == pytest.approx(norm, rel=1e-12)
    np.testing.assert_allclose(records[-1].values("activation"), model.predict(x), rtol=1e-14)


def test_batch_norm_uses_batch_statistics_and_the_model_is_left_as_it_was() -> None:
    model = Sequential([Dense(6, activation="relu", input_dim=4), BatchNormalization(),
                        Dropout(0.5, seed=3), Dense(1)], seed=0)
    model.compile(optimizer="sgd", loss="mse")
    rng = np.random.default_rng(4)
    x, y = rng.normal(3.0, 2.0, size=(50, 4)), rng.normal(size=(50, 1))
    before = model.get_weights()
    dropout_state = model.layers[2].rng.bit_generator.state
    records = layer_statistics(model, x, y)
    for w, w0 in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(w, w0)
    assert model.layers[2].rng.bit_generator.state == dropout_state
    bn = records[1]
    assert bn.preactivation_mean is None and bn.values("preactivation") is None
    assert bn.activation_mean == pytest.approx(0.0, abs=1e-12)  # beta = 0
    assert bn.activation_std < 1.0 and bn.activation_std > 0.9  # sqrt(var / (var + 1e-3))
    dropped = records[2].values("activation")
    assert 0.3 < np.mean(dropped == 0) < 0.7  # training pass: dropout active
    inference = layer_statistics(model, x, y, training=False)
    assert abs(inference[1].activation_mean) > 0.5  # moving statistics (0, 1): not centred
    np.testing.assert_array_equal(inference[2].values("activation"),
                                  inference[1].values("activation"))  # dropout off


def test_probe_runs_in_two_stages() -> None:
    probe = Probe(hand_net(), X, Y)
    with pytest.raises(ValueError, match="call forward"):
        probe.backward()
    first, last = probe.forward()
    assert first.gradient_mean is None and first.values("gradient") is None
    assert last.weight_gradient_norm is None
    assert first.activation_mean == pytest.approx(0.75)
    complete = probe.backward()
    assert complete[0].gradient_mean == pytest.approx(sum([2, 2 / 3, 0, 0, -4, -4 / 3]) / 6)
    assert complete[0].activation_mean == first.activation_mean


def test_loss_argument_and_input_checks() -> None:
    with pytest.raises(ValueError, match="needs a loss"):
        layer_statistics(hand_net(compile_model=False), X, Y)
    records = layer_statistics(hand_net(compile_model=False), X, Y, loss="mae")
    assert records[-1].gradient_mean == pytest.approx((1 / 3 + 0 - 1 / 3) / 3)
    with pytest.raises(ValueError, match="features"):
        layer_statistics(hand_net(), np.ones((3, 5)), Y)
    with pytest.raises(ValueError, match="NaN"):
        layer_statistics(hand_net(), X, np.full((3, 1), np.nan))


def overflowing_net() -> Sequential:
    """Linear layers: sums of the inputs (at most 1.5), then each layer multiplies by
    2 · 1e150: at most 3e150, 9e300, then inf."""
    model = Sequential([Dense(2, input_dim=2, kernel_initializer="ones")]
                       + [Dense(2, kernel_initializer={"name": "constant", "value": 1e150})
                          for _ in range(4)], seed=0)
    model.compile(optimizer="sgd", loss="mse")
    return model


def test_overflow_says_where_it_starts_and_statistics_stay_finite_before() -> None:
    x = np.array([[0.5, 0.25], [1.0, 0.5], [0.1, 0.2]])
    records = layer_statistics(overflowing_net(), x, np.zeros((3, 2)))
    assert overflow(records, "activation") == 3
    assert overflow(records, "preactivation") == 3
    huge = records[2]  # values ~1e300: squares would overflow, the statistics must not
    assert np.isfinite(huge.activation_std) and huge.activation_std > 1e299
    assert overflow(records, "gradient") == 4  # the loss is inf: every gradient from the top
    counts, _ = records[4].histogram("activation", bins=3)
    assert counts.sum() == 0  # only finite values are counted
    healthy = layer_statistics(hand_net(), X, Y)
    assert all(overflow(healthy, kind) is None for kind in KINDS)
