"""The state behind the computation-graph view: which net, which example, how far backprop got.

Backprop on the traced graph is the chain rule applied edge by edge (``pycore.graph``):

    g(L) = 1,    after visiting edge s -> d:   g(s) += g(d) · ∂d/∂s

The stepper replays exactly that sum for the first ``k`` edges of ``graph.backward_order``, so a
student sees every gradient grow to its final value; after the last edge the partial sums are
the trace's own gradients. For a weight the finished gradient is also the sum over all paths to
L of the product of the local gradients along the path; ``chain_formula`` spells it out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pycore
from web.fmt import sig

NETS = ("division", "sigmoid", "tanh", "relu")
DEFAULT_EXAMPLE = (20.0, 5.0, 0.04)


def build_model(net: str, seed: int = 0) -> Any:
    """The division net with its hand-set weights, or a seeded 2-2-1 net with ``net`` as the
    hidden activation, a linear output and MSE loss."""
    if net == "division":
        return pycore.data.division_model("hand_set")
    if net not in NETS:
        raise ValueError(f"unknown net {net!r}; known: {', '.join(NETS)}")
    model = pycore.Sequential(
        [pycore.Dense(2, activation=net, input_dim=2), pycore.Dense(1, activation="linear")],
        seed=seed,
    )
    model.compile(optimizer="sgd", loss="mse")
    return model


def _operand(label: str) -> str:
    """A node label as the variable of ∂: products get parentheses, so that ∂L/∂(w·x) is not
    read as (∂L/∂w)·x."""
    return f"({label})" if "·" in label else label


@dataclass(frozen=True)
class StepInfo:
    """What happened at one backward step: the visited edge and the numbers of its update."""

    src: str
    dst: str
    grad_dst: float
    local: float
    grad_src: float


class BackpropStepper:
    """A traced graph plus a step counter ``k`` in 0..n (n = number of edges)."""

    def __init__(self, model: Any, x: tuple[float, float], y: float) -> None:
        self.model = model
        self.graph = pycore.graph.trace(model, list(x), [y])
        self.k = 0

    @property
    def n(self) -> int:
        return len(self.graph.backward_order)

    def goto(self, k: int) -> None:
        self.k = max(0, min(self.n, int(k)))

    def grads(self) -> dict[str, float | None]:
        """Gradient of every node after ``k`` steps; None where backprop has not arrived yet."""
        acc: dict[str, float | None] = {n.id: None for n in self.graph.nodes}
        acc[self.graph.loss.id] = 1.0
        for edge in self.graph.backward_order[: self.k]:
            acc[edge.src] = (acc[edge.src] or 0.0) + acc[edge.dst] * edge.local_grad
        return acc

    def current(self) -> StepInfo | None:
        """The edge visited by step k (None before the first step)."""
        if self.k == 0:
            return None
        edge = self.graph.backward_order[self.k - 1]
        grads = self.grads()
        return StepInfo(edge.src, edge.dst, grads[edge.dst], edge.local_grad, grads[edge.src])

    def finished(self, node_id: str) -> bool:
        """True once every edge leaving ``node_id`` has been visited (its gradient is final)."""
        visited = {(e.src, e.dst) for e in self.graph.backward_order[: self.k]}
        return all((e.src, e.dst) in visited for e in self.graph.outgoing(node_id))

    def step_formula(self) -> str:
        """"g(s) += g(d) × ∂d/∂s = … × … → …" for the current edge ("" before step 1)."""
        info = self.current()
        if info is None:
            return ""
        src, dst = (_operand(self.graph.node(i).label) for i in (info.src, info.dst))
        return (f"∂L/∂{src} += ∂L/∂{dst} × ∂{dst}/∂{src} = {sig(info.grad_dst)} × "
                f"{sig(info.local)} → ∂L/∂{src} = {sig(info.grad_src)}")

    def chain_formula(self) -> str:
        """For a weight or bias whose gradient is final: the sum over paths to L of the
        products of local gradients, and its value; "" otherwise."""
        info = self.current()
        if info is None:
            return ""
        node = self.graph.node(info.src)
        if node.op not in ("weight", "bias") or not self.finished(node.id):
            return ""
        terms = []
        total = 0.0
        for path in self.graph.paths(node.id):
            total += math.prod(e.local_grad for e in path)
            terms.append("(" + " × ".join(sig(e.local_grad) for e in path) + ")")
        return f"∂L/∂{_operand(node.label)} = " + " + ".join(terms) + f" = {sig(total)}"

    def path_edges(self) -> list[Any]:
        """Edges whose product gives the current weight's gradient (empty unless a chain
        formula is shown)."""
        if not self.chain_formula():
            return []
        return self.graph.path_edges(self.current().src)
