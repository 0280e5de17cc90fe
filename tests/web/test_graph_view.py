"""Computation-graph tab without a browser: the stepper replays backprop exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest

import pycore
from web.fmt import sig
from web.graph_layout import ROW, columns, layout
from web.graph_stepper import NETS, BackpropStepper, build_model
from web.graph_view import FRACTIONS, GraphView, _clash, place_labels
from web.i18n import Language


@pytest.fixture
def view() -> GraphView:
    return GraphView(Language(code="en"))


def test_sig_never_prints_nan_or_inf() -> None:
    assert sig(float("nan")) == "—"
    assert sig(float("inf")) == "—"
    assert sig(-float("inf")) == "—"
    assert sig(1e-6) == "1e-6"  # short exponent, readable from the back row
    assert sig(-40000.0) == "-40000"  # written out below 1e6, not "-4e+04"
    assert sig(123456.0) == "123500"
    assert sig(3.9081e304) == "3.908e304"
    assert sig(-3.912023) == "-3.912"
    assert sig(-0.0) == "0"


@pytest.mark.parametrize("net", NETS)
def test_stepper_ends_with_the_trace_gradients(net: str) -> None:
    model = build_model(net, seed=3)
    stepper = BackpropStepper(model, (1.5, -0.5), 0.3)
    trace = pycore.graph.trace(model, [1.5, -0.5], [0.3])
    stepper.goto(10_000)
    assert stepper.k == stepper.n == len(trace.backward_order)
    grads = stepper.grads()
    for node in trace.nodes:
        assert grads[node.id] == pytest.approx(node.grad, rel=1e-12, abs=1e-15)
    # independent check: the vectorised backprop of the model gives the same weight gradients
    weights = model.gradients(np.array([[1.5, -0.5]]), np.array([[0.3]]))
    for node in trace.nodes:
        if node.param is not None:
            index, position = node.param
            assert grads[node.id] == pytest.approx(weights[index][position], rel=1e-9, abs=1e-12)


def test_each_step_shows_the_visited_edge_and_its_product() -> None:
    stepper = BackpropStepper(build_model("division"), (20.0, 5.0), 0.04)
    running: dict[str, float] = {"L": 1.0}
    for k, edge in enumerate(stepper.graph.backward_order, start=1):
        stepper.goto(k)
        info = stepper.current()
        assert (info.src, info.dst, info.local) == (edge.src, edge.dst, edge.local_grad)
        running[edge.src] = running.get(edge.src, 0.0) + running[edge.dst] * edge.local_grad
        assert info.grad_src == running[edge.src]
        assert info.grad_dst == running[edge.dst]
        assert stepper.step_formula().endswith(f"= {sig(running[edge.src])}")
        src = stepper.graph.node(edge.src).label
        if "·" in src:  # ∂L/∂(w·x), never ∂L/∂w·x, which reads as (∂L/∂w)·x
            assert stepper.step_formula().startswith(f"∂L/∂({src}) += ")


def test_chain_formula_is_the_sum_over_paths_for_every_weight() -> None:
    stepper = BackpropStepper(build_model("tanh", seed=1), (0.4, -1.2), 0.5)
    seen = 0
    for k in range(1, stepper.n + 1):
        stepper.goto(k)
        formula = stepper.chain_formula()
        if not formula:
            continue
        node = stepper.graph.node(stepper.current().src)
        assert node.op in ("weight", "bias")
        paths = stepper.graph.paths(node.id)
        total = sum(math.prod(e.local_grad for e in p) for p in paths)
        assert total == pytest.approx(node.grad, rel=1e-12, abs=1e-15)
        assert formula.endswith(f"= {sig(node.grad)}")
        assert stepper.path_edges()
        seen += 1
    weights = [n for n in stepper.graph.nodes if n.op in ("weight", "bias")]
    assert seen == len(weights)


def test_division_example_values_are_the_brief_numbers() -> None:
    stepper = BackpropStepper(build_model("division"), (20.0, 5.0), 0.04)
    assert stepper.graph.node("a2_1").value * 100 == pytest.approx(3.99999448, abs=1e-7)


def test_layout_keeps_boxes_in_a_column_apart() -> None:
    graph = pycore.graph.trace(build_model("relu"), [1.0, 2.0], [0.5])
    pos = layout(graph)
    col = columns(graph)
    assert col["x1"] < col["m1_1_1"] < col["z1_1"] < col["a1_1"] < col["L"]
    for a in graph.nodes:
        for b in graph.nodes:
            if a.id < b.id and pos[a.id][0] == pos[b.id][0]:
                assert abs(pos[a.id][1] - pos[b.id][1]) >= ROW - 1e-9


def test_buttons_step_and_counter(view: GraphView) -> None:
    n = view.stepper.n
    view.b_step.clicks += 1
    view.b_step.clicks += 1
    assert view.stepper.k == 2
    assert view.progress.object == f"Backprop step 2 / {n}"
    view.b_back.clicks += 1
    assert view.stepper.k == 1
    view.b_end.clicks += 1
    assert view.progress.object == f"Backprop step {n} / {n}"
    assert len(view._current.data["x0"]) == 1
    view.b_reset.clicks += 1
    assert view.stepper.k == 0 and not view._current.data["x0"]


def test_drawn_numbers_equal_the_trace(view: GraphView) -> None:
    view.go(view.stepper.n)
    trace = pycore.graph.trace(build_model("division"), [20.0, 5.0], [0.04])
    drawn = dict(zip(view._nodes.data["id"], view._nodes.data["g"], strict=True))
    values = dict(zip(view._nodes.data["id"], view._nodes.data["v"], strict=True))
    for node in trace.nodes:
        assert drawn[node.id] == f"g={sig(node.grad)}"
        assert values[node.id] == f"v={sig(node.value)}"
    assert view._labels.data["text"] == [sig(e.local_grad) for e in trace.edges]


def test_changing_the_example_updates_values_and_keeps_the_step(view: GraphView) -> None:
    view.go(5)
    before = view.stepper.graph.loss.value
    view.w_x1.value = 12.0
    assert view.stepper.k == 5
    assert view.stepper.graph.node("x1").value == 12.0
    assert view.stepper.graph.loss.value != before
    values = dict(zip(view._nodes.data["id"], view._nodes.data["v"], strict=True))
    assert values["x1"] == "v=12"


def test_net_choice_and_language(view: GraphView) -> None:
    view.w_net.value = "sigmoid"
    assert view.stepper.model.layers[0].activation.name == "sigmoid"
    assert view.w_seed.visible
    first = view.stepper.model.layers[0].kernel.copy()
    view.w_seed.value = 7
    np.testing.assert_array_equal(view.stepper.model.layers[0].kernel,
                                  build_model("sigmoid", seed=7).layers[0].kernel)
    assert not np.array_equal(first, view.stepper.model.layers[0].kernel)
    view.lang.code = "de"
    assert view.progress.object.startswith("Backprop-Schritt 0 /")
    assert view.b_step.name == "Schritt ▶"


def test_color_by_gradient_and_compact(view: GraphView) -> None:
    view.w_color.value = "grad"
    fills = dict(zip(view._nodes.data["id"], view._nodes.data["fill"], strict=True))
    assert fills["L"] != fills["x1"]  # only L has a gradient before the first step
    view.w_compact.value = True
    assert not view._edge_labels.visible


def test_export_figure_draws_every_node(view: GraphView) -> None:
    figure = view.figure()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "w[1]11" in texts and "L" in texts


@pytest.mark.parametrize("net", NETS)
def test_edge_labels_do_not_overlap(net: str) -> None:
    view = GraphView(Language(code="en"))
    view.w_net.value = net
    rows = view.edge_rows()
    labels = [(r["lx"], r["ly"], r["text"]) for r in rows]
    assert all(r["at"] in FRACTIONS for r in rows)
    assert not [(a, b) for k, a in enumerate(labels) for b in labels[k + 1:] if _clash(a, b)]


def test_place_labels_moves_the_label_that_has_room() -> None:
    # a steep edge crossing a short flat one in the middle: only the steep one can move
    steep, flat = (0.0, 0.0, 0.3, 2.0, "1e-6"), (0.0, 1.1, 0.3, 0.9, "5")
    at_steep, at_flat = place_labels([steep, flat])
    assert at_steep != 0.5
    assert at_flat == 0.5
