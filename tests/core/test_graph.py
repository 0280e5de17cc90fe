"""pycore.graph.trace: the scalar graph must agree with the vectorised model everywhere."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

import pycore
from pycore import data, graph


def division_net(preset: str = "hand_set") -> pycore.Sequential:
    return data.division_model(preset)


def make_net(sizes: list[int], act: str, out_act: str, loss: str, use_bias: bool = True,
             dropout: bool = False, seed: int = 0, regularizer: str | None = None,
             ) -> pycore.Sequential:
    layers: list = [pycore.Dense(sizes[1], activation=act, input_dim=sizes[0],
                                 use_bias=use_bias, bias_initializer="random_normal",
                                 kernel_regularizer=regularizer)]
    for k, units in enumerate(sizes[2:]):
        if dropout:
            layers.append(pycore.Dropout(0.5))
        last = k == len(sizes) - 3
        layers.append(pycore.Dense(units, activation=out_act if last else act,
                                   use_bias=use_bias, bias_initializer="random_normal"))
    model = pycore.Sequential(layers, seed=seed)
    model.compile(optimizer="sgd", loss=loss)
    return model


def example(model: pycore.Sequential, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=model.input_dim)
    units = model.output_dim
    if model.loss.name == "categorical_crossentropy":
        y = np.eye(units)[rng.integers(units)]
    elif model.loss.name == "log_mse":
        y = rng.uniform(0.1, 0.9, size=units)
    else:
        y = rng.normal(size=units)
    return x, y


CASES = {
    "division preset": (division_net, (np.array([20.0, 5.0]), np.array([0.04]))),
    "division trained": (lambda: division_net("trained"), (np.array([20.7, 4.26]),
                                                          np.array([20.7 / 4.26 / 100]))),
    "2-2-1 sigmoid": (lambda: make_net([2, 2, 1], "sigmoid", "sigmoid", "mse"), None),
    "2-2-1 tanh": (lambda: make_net([2, 2, 1], "tanh", "linear", "mse"), None),
    "2-2-1 relu": (lambda: make_net([2, 2, 1], "relu", "linear", "mae", seed=3), None),
    "2-2-1 relu no bias": (lambda: make_net([2, 2, 1], "relu", "linear", "mse", False), None),
    "2-3-2 softmax cce": (lambda: make_net([2, 3, 2], "tanh", "softmax",
                                           "categorical_crossentropy"), None),
    "2-3-2 softmax cce no bias": (lambda: make_net([2, 3, 2], "tanh", "softmax",
                                                   "categorical_crossentropy", False), None),
    "3-4-4-1 mse": (lambda: make_net([3, 4, 4, 1], "tanh", "linear", "mse"), None),
    "3-4-4-1 mae": (lambda: make_net([3, 4, 4, 1], "elu", "linear", "mae", seed=1), None),
    "3-4-4-1 huber": (lambda: make_net([3, 4, 4, 1], "swish", "linear", "huber", seed=2), None),
    "3-4-4-1 huber dropout": (lambda: make_net([3, 4, 4, 1], "selu", "linear", "huber",
                                               dropout=True), None),
    "2-3-1 sigmoid log_mse": (lambda: make_net([2, 3, 1], "tanh", "sigmoid", "log_mse"), None),
    "2-3-1 sigmoid bce": (lambda: make_net([2, 3, 1], "relu", "sigmoid",
                                           "binary_crossentropy"), None),
}


@pytest.fixture(params=list(CASES), name="case")
def case_fixture(request: pytest.FixtureRequest) -> tuple[pycore.Sequential, np.ndarray,
                                                          np.ndarray, graph.Graph]:
    build, xy = CASES[request.param]
    model = build()
    x, y = xy if xy is not None else example(model, seed=7)
    return model, x, y, graph.trace(model, x, y)


def test_single_loss_node_with_grad_one(case) -> None:
    _, _, _, g = case
    losses = [n for n in g.nodes if n.op == "loss"]
    assert len(losses) == 1
    assert losses[0].grad == 1.0
    assert losses[0] is g.loss
    assert {n.op for n in g.nodes} <= set(graph.OPS)


def test_every_grad_is_the_chain_rule_sum(case) -> None:
    _, _, _, g = case
    for n in g.nodes:
        if n.op == "loss":
            continue
        out = g.outgoing(n.id)
        assert out, f"{n.id} does not reach the loss"
        expected = math.fsum(g.node(e.dst).grad * e.local_grad for e in out)
        assert n.grad == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_weight_grads_equal_model_gradients(case) -> None:
    model, x, y, g = case
    grads = model.gradients(x[None], y[None])
    weights = model.get_weights()
    params = [n for n in g.nodes if n.op in ("weight", "bias")]
    assert len(params) == model.count_params()
    for n in params:
        index, where = n.param
        assert n.value == weights[index][where]
        expected = grads[index][where]
        assert n.grad == pytest.approx(expected, rel=1e-7, abs=1e-12 * max(1.0, abs(expected))
                                       ), n.label
    assert all(n.param is None for n in g.nodes if n.op not in ("weight", "bias"))


def test_values_match_predict_and_loss(case) -> None:
    model, x, y, g = case
    outputs = [n for n in g.nodes if n.op == "activation"
               and not any(g.node(e.dst).op != "loss" for e in g.outgoing(n.id))]
    np.testing.assert_allclose([n.value for n in outputs], model.predict(x[None])[0],
                               rtol=1e-12, atol=1e-15)
    assert g.loss.value == pytest.approx(model.loss(y[None], model.predict(x[None])),
                                         rel=1e-6, abs=1e-15)


def test_backward_order_visits_each_edge_once_after_its_child_is_final(case) -> None:
    _, _, _, g = case
    assert Counter(map(id, g.backward_order)) == Counter(map(id, g.edges))
    assert g.backward_order[0].dst == "L"
    unvisited_out = Counter(e.src for e in g.edges)
    for e in g.backward_order:
        assert unvisited_out[e.dst] == 0, f"grad of {e.dst} is not final when {e} is visited"
        unvisited_out[e.src] -= 1


def test_forward_order_is_topological(case) -> None:
    _, _, _, g = case
    position = {n.id: k for k, n in enumerate(g.forward_order)}
    assert len(position) == len(g.nodes)
    assert all(position[e.src] < position[e.dst] for e in g.edges)


def test_grad_is_sum_over_paths_of_edge_products(case) -> None:
    _, _, _, g = case
    first_weight = next(n for n in g.nodes if n.op == "weight")
    paths = g.paths(first_weight.id)
    assert all(p[-1].dst == "L" for p in paths)
    total = math.fsum(math.prod(e.local_grad for e in p) for p in paths)
    assert first_weight.grad == pytest.approx(total, rel=1e-10, abs=1e-300)
    on_paths = {id(e) for p in paths for e in p}
    assert {id(e) for e in g.path_edges(first_weight.id)} == on_paths


def test_local_grads_of_activations_match_finite_differences(case) -> None:
    model, _, _, g = case
    for e in g.edges:
        src, dst = g.node(e.src), g.node(e.dst)
        if dst.op != "activation" or model.layers[dst.layer].activation.name == "softmax":
            continue
        act = model.layers[dst.layer].activation
        h = 1e-5 * abs(src.value) + 1e-12  # small against the curvature of the log piece
        numeric = (act(np.array([src.value + h])) - act(np.array([src.value - h])))[0] / (2 * h)
        assert e.local_grad == pytest.approx(numeric, rel=1e-4, abs=1e-8), dst.label


def test_target_grads_match_finite_differences(case) -> None:
    model, _, y, g = case
    yhat = np.array([g.node(e.src).value for e in g.edges
                     if e.dst == "L" and g.node(e.src).op == "activation"])
    for j, target in enumerate(n for n in g.nodes if n.op == "target"):
        assert target.value == y[j]
        h = 1e-3 * abs(y[j] - yhat[j]) + 1e-12  # stays on one side of the MAE kink
        up, down = y.copy(), y.copy()
        up[j] += h
        down[j] -= h
        numeric = (model.loss(up[None], yhat[None]) - model.loss(down[None], yhat[None])) / (2 * h)
        assert target.grad == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_softmax_has_full_jacobian_edges() -> None:
    model = make_net([2, 3, 2], "tanh", "softmax", "categorical_crossentropy")
    x, y = example(model, seed=1)
    g = graph.trace(model, x, y)
    into_outputs = [e for e in g.edges if e.dst in ("a2_1", "a2_2")]
    assert sorted((e.src, e.dst) for e in into_outputs) == [
        ("z2_1", "a2_1"), ("z2_1", "a2_2"), ("z2_2", "a2_1"), ("z2_2", "a2_2")]
    s = model.predict(x[None])[0]
    local = {(e.src, e.dst): e.local_grad for e in into_outputs}
    assert local["z2_1", "a2_2"] == pytest.approx(-s[0] * s[1])
    assert local["z2_1", "a2_1"] == pytest.approx(s[0] * (1 - s[0]))


def test_division_labels_and_values() -> None:
    g = graph.trace(division_net(), [20.0, 5.0], [0.04])
    labels = {n.label: n for n in g.nodes}
    for label in ("x1", "x2", "y1", "w[1]11", "w[1]21", "b[1]1", "z[1]1", "a[1]2", "w[2]21",
                  "z[2]1", "a[2]1", "L", "w[1]11·x1", "w[2]11·a[1]1"):
        assert label in labels
    assert labels["a[2]1"].value * 100 == pytest.approx(3.99999448, abs=1e-8)
    assert labels["w[1]21"].param == (0, (1, 0))
    assert labels["b[2]1"].param == (3, (0,))
    assert labels["z[1]1"].layer == 0 and labels["a[2]1"].layer == 1
    # x 2, y 1, layer 1: w 4, mul 4, b 2, z 2, a 2; layer 2: w 2, mul 2, b 1, z 1, a 1; L 1
    assert len(g.nodes) == 3 + 14 + 7 + 1


def test_two_digit_indices_are_unambiguous() -> None:
    model = make_net([11, 2, 1], "tanh", "linear", "mse")
    g = graph.trace(model, np.ones(11), [0.0])
    assert g.node("w1_11_1").label == "w[1]11,1"
    assert g.node("w1_1_1").label == "w[1]11"


def test_regularizer_is_not_drawn() -> None:
    """The graph shows the data loss: with an L2 penalty the trace misses exactly 2·l2·W."""
    model = make_net([2, 3, 1], "tanh", "linear", "mse", regularizer="l2")
    x, y = example(model, seed=4)
    g = graph.trace(model, x, y)
    kernel = model.get_weights()[0]
    penalty_grad = model.layers[0].kernel_regularizer.gradient(kernel)
    for n in g.nodes:
        if n.param is not None and n.param[0] == 0:
            full = model.gradients(x[None], y[None])[0][n.param[1]]
            assert n.grad == pytest.approx(full - penalty_grad[n.param[1]], rel=1e-9, abs=1e-15)


def test_bad_calls_raise_value_error() -> None:
    model = pycore.Sequential([pycore.Dense(1, input_dim=2)])
    with pytest.raises(ValueError, match="compiled"):
        graph.trace(model, [1.0, 2.0], [0.0])
    unbuilt = pycore.Sequential([pycore.Dense(1)])
    unbuilt.compile(loss="mse")
    with pytest.raises(ValueError, match="built"):
        graph.trace(unbuilt, [1.0, 2.0], [0.0])
    with pytest.raises(ValueError, match="x must have 2"):
        graph.trace(division_net(), [1.0, 2.0, 3.0], [0.0])
    with pytest.raises(ValueError, match="y must have 1"):
        graph.trace(division_net(), [1.0, 2.0], [0.0, 1.0])
