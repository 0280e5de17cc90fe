"""Backprop replayed edge by edge ends with pycore's gradients; the lecture's first model."""

from __future__ import annotations

import math

import numpy as np
import pytest

import pycore
from web.graph.layout import ROW, columns, layout
from web.graph.nets import NET_SPECS, NETS, build_model
from web.graph.stepper import Backprop
from web.ui.fmt import sig


def traced(net: str, seed: int = 3, x: list[float] | None = None,
           y: float | None = None) -> tuple[pycore.Sequential, pycore.graph.Graph]:
    spec = NET_SPECS[net]
    model = build_model(net, seed)
    model.compile(optimizer="sgd", loss=spec.loss)
    inputs = list(spec.inputs) if x is None else x
    target = spec.target if y is None else y
    return model, pycore.graph.trace(model, inputs, [target])


@pytest.mark.parametrize("net", NETS)
def test_the_last_step_gives_the_gradients_of_the_model(net: str) -> None:
    x = [1.5, -0.5][: build_model(net).input_dim]
    model, graph = traced(net, x=x, y=0.3)
    backprop = Backprop(graph)
    grads = backprop.grads(backprop.n)
    for node in graph.nodes:
        assert grads[node.id] == pytest.approx(node.grad, rel=1e-12, abs=1e-15)
    # independent check: the vectorised backprop of the model gives the same weight gradients
    weights = model.gradients(np.array([x]), np.array([[0.3]]))
    params = [n for n in graph.nodes if n.param is not None]
    assert len(params) == model.count_params()
    for node in params:
        index, position = node.param
        assert grads[node.id] == pytest.approx(weights[index][position], rel=1e-9, abs=1e-12)


def test_each_step_adds_one_product_to_one_gradient() -> None:
    _, graph = traced("division")
    backprop = Backprop(graph)
    running: dict[str, float] = {"L": 1.0}
    for k, edge in enumerate(graph.backward_order, start=1):
        info = backprop.current(k)
        assert (info.src, info.dst, info.local) == (edge.src, edge.dst, edge.local_grad)
        running[edge.src] = running.get(edge.src, 0.0) + running[edge.dst] * edge.local_grad
        assert (info.grad_src, info.grad_dst) == (running[edge.src], running[edge.dst])
        formula = backprop.step_formula(k)
        assert formula.endswith(f"= {sig(running[edge.src])}")
        src = graph.node(edge.src).label
        if "·" in src:  # ∂L/∂(w·x), never ∂L/∂w·x, which reads as (∂L/∂w)·x
            assert formula.startswith(f"∂L/∂({src}) += ")
    assert backprop.current(0) is None and backprop.step_formula(0) == ""


def test_the_chain_formula_is_the_sum_over_paths_for_every_weight() -> None:
    _, graph = traced("tanh", seed=1, x=[0.4, -1.2], y=0.5)
    backprop = Backprop(graph)
    seen = []
    for k in range(1, backprop.n + 1):
        formula = backprop.chain_formula(k)
        if not formula:
            assert backprop.path_edges(k) == []
            continue
        node = graph.node(backprop.current(k).src)
        assert node.op in ("weight", "bias")
        total = sum(math.prod(e.local_grad for e in p) for p in graph.paths(node.id))
        assert total == pytest.approx(node.grad, rel=1e-12, abs=1e-15)
        assert formula.endswith(f"= {sig(node.grad)}")
        assert backprop.path_edges(k) == graph.path_edges(node.id)
        seen.append(node.id)
    assert sorted(seen) == sorted(n.id for n in graph.nodes if n.op in ("weight", "bias"))


def test_formulas_write_numbers_as_the_language_does() -> None:
    _, graph = traced("tanh", seed=1, x=[0.4, -1.2], y=0.5)
    backprop = Backprop(graph)
    last = backprop.n
    assert "," not in backprop.chain_formula(last).split("=")[-1]
    german = backprop.chain_formula(last, "de")
    assert german.endswith(f"= {sig(graph.node(backprop.chain_node(last)).grad, 4, 'de')}")
    assert "," in german and "." not in german.split("=", 1)[1]


def test_the_slides_first_model_gives_the_slides_edge_gradients() -> None:
    """x = 2, w = 3, b = 1, y_true = 4, MAE: loss 3 and the edge gradients 1, 1, 1, 2 on the
    way from L to w (lecture slides "Backprop im Computation Graph")."""
    _, graph = traced("slides")
    assert NET_SPECS["slides"].inputs == (2.0,) and NET_SPECS["slides"].target == 4.0
    assert graph.node("w1_1_1").value == 3.0 and graph.node("b1_1").value == 1.0
    assert graph.node("z1_1").value == 7.0 and graph.loss.value == 3.0
    local = {(e.src, e.dst): e.local_grad for e in graph.edges}
    assert local[("a1_1", "L")] == 1.0  # grad(loss_val, x2) = 1: d|ŷ − y|/dŷ at ŷ = 7 > 4
    assert local[("z1_1", "a1_1")] == 1.0  # the linear output passes the gradient on
    assert local[("m1_1_1", "z1_1")] == 1.0  # grad(x2, x1) = 1
    assert local[("b1_1", "z1_1")] == 1.0  # grad(x2, b) = 1
    assert local[("w1_1_1", "m1_1_1")] == 2.0  # grad(x1, w) = x = 2
    assert graph.node("w1_1_1").grad == 2.0 and graph.node("b1_1").grad == 1.0


def test_the_division_example_gives_the_brief_numbers() -> None:
    _, graph = traced("division")
    assert graph.node("a2_1").value * 100 == pytest.approx(3.99999448, abs=1e-7)


def test_layout_keeps_boxes_in_a_column_apart() -> None:
    _, graph = traced("relu")
    pos = layout(graph)
    col = columns(graph)
    assert col["x1"] < col["m1_1_1"] < col["z1_1"] < col["a1_1"] < col["L"]
    for a in graph.nodes:
        for b in graph.nodes:
            if a.id < b.id and pos[a.id][0] == pos[b.id][0]:
                assert abs(pos[a.id][1] - pos[b.id][1]) >= ROW - 1e-9
