"""The scalar computation graph of one example, as drawn in the lecture.

``trace(model, x, y)`` re-does the forward pass of a ``Sequential`` model one number at a time:
every weight ``w[l]ij`` is multiplied by its input (a ``mul`` node), the products and the bias
are added into the pre-activation ``z[l]j`` (a ``sum`` node), the activation gives ``a[l]j``, and
the output activations and the targets ``y_j`` meet in the loss node ``L``.

Every edge ``src -> dst`` carries its *local gradient* d dst / d src; backprop is then the chain
rule on this DAG (micrograd style):

    grad(L) = 1,    grad(n) = sum over edges n -> c of  grad(c) * local_grad(n -> c)

so the gradient of the loss with respect to a weight is the sum, over all paths from the weight
to ``L``, of the product of the local gradients along the path (``Graph.paths``).

Why recompute instead of reading the model's cached arrays: the values here come from plain
Python sums of products and from ``activation(z)`` / ``activation.derivative(z)`` /
``activation.jacobian(z)``, so comparing the graph's weight gradients with the vectorised
``model.gradients`` is an independent check of both.

What is shown: the *data* loss ``model.loss(y, ŷ)``. Weight regularizers are not drawn, so the
weight-node gradients equal ``model.gradients(x[None], y[None])`` exactly when no regularizer is
set (with one, ``model.gradients`` adds the penalty's gradient). Dropout is identity at
inference time and is skipped. Ids are unambiguous strings (``w1_2_1``), labels are lecture
notation from :mod:`pycore.notation` (``w[1]21``); ``Node.layer`` is the index in
``model.layers``, while the ``[l]`` in the labels counts Dense layers from 1 as in the lecture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pycore.activations import Softmax
from pycore.layers import Dense, Dropout
from pycore.notation import (
    activation_label,
    bias_label,
    subscript,
    sum_label,
    weight_label,
    weight_offsets,
)

OPS = ("input", "target", "weight", "bias", "mul", "sum", "activation", "loss")


@dataclass
class Node:
    """One scalar: its value from the forward pass and d L / d (this node) from backprop."""

    id: str
    op: str
    label: str
    value: float
    grad: float = 0.0
    param: tuple[int, tuple[int, ...]] | None = None
    layer: int | None = None


@dataclass
class Edge:
    """``src`` feeds ``dst``; ``local_grad`` = d dst / d src at the traced values."""

    src: str
    dst: str
    local_grad: float


@dataclass
class Graph:
    """Nodes in topological (forward) order, edges, and the order backprop visits the edges."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    backward_order: list[Edge] = field(default_factory=list)
    _by_id: dict[str, Node] = field(default_factory=dict, repr=False)
    _out: dict[str, list[Edge]] = field(default_factory=dict, repr=False)

    @property
    def forward_order(self) -> list[Node]:
        """Nodes such that every edge goes from an earlier to a later node."""
        return list(self.nodes)

    @property
    def loss(self) -> Node:
        return self.nodes[-1]

    def node(self, node_id: str) -> Node:
        return self._by_id[node_id]

    def outgoing(self, node_id: str) -> list[Edge]:
        """Edges leaving ``node_id`` (towards the loss)."""
        return self._out.get(node_id, [])

    def path_edges(self, node_id: str) -> list[Edge]:
        """Edges on any path from ``node_id`` to the loss (the chain-rule product to highlight),
        in creation order. Every node of the graph reaches ``L``, so these are exactly the edges
        between ``node_id`` and its descendants."""
        reached = {node_id}
        for n in self.nodes:  # topological order: parents are settled before children
            if n.id in reached:
                reached.update(e.dst for e in self.outgoing(n.id))
        return [e for e in self.edges if e.src in reached]

    def paths(self, node_id: str) -> list[list[Edge]]:
        """Every path from ``node_id`` to the loss as a list of edges. The node's grad equals
        the sum over these paths of the product of their local gradients. The number of paths
        is the product of the widths of the layers after the node (64 from an input of a
        4-8-8-1 net): meant for the small lecture nets."""
        out = self.outgoing(node_id)
        if not out:
            return [[]]
        return [[e, *rest] for e in out for rest in self.paths(e.dst)]


class _Builder:
    """Appends nodes and edges; nodes are created only after all their inputs (topological)."""

    def __init__(self) -> None:
        self.graph = Graph()

    def add(self, node_id: str, op: str, label: str, value: float, **extra: Any) -> str:
        node = Node(node_id, op, label, float(value), **extra)
        self.graph.nodes.append(node)
        self.graph._by_id[node_id] = node
        return node_id

    def link(self, src: str, dst: str, local_grad: float) -> None:
        edge = Edge(src, dst, float(local_grad))
        self.graph.edges.append(edge)
        self.graph._out.setdefault(src, []).append(edge)


def _affine_target_grad(loss: Any, y: np.ndarray, yhat: np.ndarray) -> np.ndarray:
    """Cross-entropies are affine in y_true, so L(y + e_j) - L(y) is d L / d y_j exactly."""
    base = loss(y[None], yhat[None])
    grads = np.empty_like(y)
    for j in range(y.size):
        bumped = y.copy()
        bumped[j] += 1.0
        grads[j] = loss(bumped[None], yhat[None]) - base
    return grads


def _difference_target_grad(loss: Any, y: np.ndarray, yhat: np.ndarray) -> np.ndarray:
    """MSE, MAE and Huber depend on ŷ - y only, so d L / d y = - d L / d ŷ."""
    return -np.asarray(loss.gradient(y[None], yhat[None]), dtype=float)[0]


def _log_target_grad(loss: Any, y: np.ndarray, yhat: np.ndarray) -> np.ndarray:
    """log_mse depends on ln ŷ - ln y only, so d L / d y = - (ŷ / y) d L / d ŷ."""
    return -np.asarray(loss.gradient(y[None], yhat[None]), dtype=float)[0] * yhat / y


_TARGET_GRAD: dict[str, Callable[[Any, np.ndarray, np.ndarray], np.ndarray]] = {
    "mse": _difference_target_grad,
    "mae": _difference_target_grad,
    "huber": _difference_target_grad,
    "binary_crossentropy": _affine_target_grad,
    "categorical_crossentropy": _affine_target_grad,
    "log_mse": _log_target_grad,
}


def _as_row(values: Any, size: int, what: str) -> np.ndarray:
    row = np.asarray(values, dtype=float).reshape(-1)
    if row.size != size:
        raise ValueError(f"trace needs one example: {what} must have {size} numbers, "
                         f"got {row.size}")
    return row


def _dense_layer(b: _Builder, layer: Any, layer_index: int, number: int,
                 inputs: list[str], w_index: int) -> list[str]:
    """Adds weights, products, sums and activations of one Dense layer; returns the
    activation node ids. ``w_index`` is the kernel's position in ``model.get_weights()``."""
    g = b.graph
    kernel = np.asarray(layer.kernel, dtype=float)
    z_ids = []
    for j in range(layer.units):
        terms = []
        for i, src in enumerate(inputs):
            w_id = b.add(f"w{number}_{i + 1}_{j + 1}", "weight",
                         weight_label(number, i + 1, j + 1), kernel[i, j],
                         param=(w_index, (i, j)), layer=layer_index)
            x_val, w_val = g.node(src).value, g.node(w_id).value
            m_id = b.add(f"m{number}_{i + 1}_{j + 1}", "mul",
                         f"{g.node(w_id).label}·{g.node(src).label}", w_val * x_val,
                         layer=layer_index)
            b.link(w_id, m_id, x_val)
            b.link(src, m_id, w_val)
            terms.append(m_id)
        if layer.use_bias:
            terms.append(b.add(f"b{number}_{j + 1}", "bias", bias_label(number, j + 1),
                               layer.bias[j], param=(w_index + 1, (j,)), layer=layer_index))
        z_id = b.add(f"z{number}_{j + 1}", "sum", sum_label(number, j + 1),
                     sum(g.node(t).value for t in terms), layer=layer_index)
        for t in terms:
            b.link(t, z_id, 1.0)
        z_ids.append(z_id)

    act = layer.activation
    z = np.array([g.node(z_id).value for z_id in z_ids])
    a = np.asarray(act(z[None]), dtype=float)[0]
    a_ids = [b.add(f"a{number}_{j + 1}", "activation", activation_label(number, j + 1), a[j],
                   layer=layer_index) for j in range(layer.units)]
    if not isinstance(act, Softmax):  # element-wise: a_j depends on z_j alone
        slope = np.asarray(act.derivative(z), dtype=float)
        for j in range(layer.units):
            b.link(z_ids[j], a_ids[j], slope[j])
    else:
        jac = np.asarray(act.jacobian(z), dtype=float)  # jac[j, k] = d a_j / d z_k
        for k in range(layer.units):
            for j in range(layer.units):
                b.link(z_ids[k], a_ids[j], jac[j, k])
    return a_ids


def _backprop(g: Graph) -> None:
    """Orders the edges by their destination, latest first, then applies the chain rule.

    When an edge src -> dst is visited, every edge leaving dst points to a node later in the
    forward order and has already been visited, so grad(dst) is final."""
    position = {n.id: k for k, n in enumerate(g.nodes)}
    g.backward_order = sorted(g.edges, key=lambda e: (-position[e.dst], position[e.src]))
    g.loss.grad = 1.0
    for e in g.backward_order:
        g.node(e.src).grad += g.node(e.dst).grad * e.local_grad


def trace(model: Any, x: Any, y: Any) -> Graph:
    """Scalar computation graph of ``model`` for one example ``(x, y)`` with values and grads.

    ``x`` has ``model.input_dim`` numbers and ``y`` one per output unit (a row or a flat array).
    The model must be compiled (the loss comes from ``model.loss``)."""
    loss = getattr(model, "loss", None)
    if loss is None:
        raise ValueError("trace needs a compiled model (model.compile(...) sets the loss)")
    target_grad = _TARGET_GRAD.get(getattr(loss, "name", ""))
    if target_grad is None:
        raise ValueError(f"trace does not know d loss / d y for loss {loss.name!r}; "
                         f"known: {', '.join(_TARGET_GRAD)}")
    if not model.built:
        raise ValueError("trace needs a built model (give the first layer input_dim)")
    other = [type(layer).__name__ for layer in model.layers
             if not isinstance(layer, Dense | Dropout)]
    if other:
        raise ValueError(f"trace draws Dense and Dropout layers only, not {other[0]}")
    dense = [(k, layer) for k, layer in enumerate(model.layers) if isinstance(layer, Dense)]
    x_row = _as_row(x, model.input_dim, "x")
    y_row = _as_row(y, dense[-1][1].units, "y")

    b = _Builder()
    current = [b.add(f"x{i + 1}", "input", f"x{subscript(i + 1)}", v) for i, v in enumerate(x_row)]
    offsets = weight_offsets(model)
    for number, (layer_index, layer) in enumerate(dense, start=1):
        current = _dense_layer(b, layer, layer_index, number, current, offsets[layer_index])

    y_ids = [b.add(f"y{j + 1}", "target", f"y{subscript(j + 1)}", v) for j, v in enumerate(y_row)]
    yhat = np.array([b.graph.node(a).value for a in current])
    b.add("L", "loss", "L", loss(y_row[None], yhat[None]))
    d_pred = np.asarray(loss.gradient(y_row[None], yhat[None]), dtype=float)[0]
    for j, a_id in enumerate(current):
        b.link(a_id, "L", d_pred[j])
    for j, g_y in enumerate(target_grad(loss, y_row, yhat)):
        b.link(y_ids[j], "L", g_y)
    _backprop(b.graph)
    return b.graph
