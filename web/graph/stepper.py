"""Backprop on a traced graph, replayed edge by edge: what step k of the tab shows.

Backprop on the traced graph is the chain rule applied edge by edge (``pycore.graph``):

    g(L) = 1,    after visiting edge s -> d:   g(s) += g(d) · ∂d/∂s

:class:`Backprop` replays exactly that sum for the first ``k`` edges of
``graph.backward_order``, so a student sees every gradient grow to its final value; after the
last edge the partial sums are the trace's own gradients. For a weight the finished gradient is
also the sum over all paths to L of the product of the local gradients along the path;
:meth:`Backprop.chain_formula` spells it out. The step ``k`` is the view's param; this class
only answers questions about a given step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pycore.graph import Edge, Graph
from web.ui.fmt import sig


def operand(label: str) -> str:
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


class Backprop:
    """Questions about step k (0..n, n = number of edges) of backprop on ``graph``."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    @property
    def n(self) -> int:
        return len(self.graph.backward_order)

    def grads(self, k: int) -> dict[str, float | None]:
        """Gradient of every node after ``k`` steps; None where backprop has not arrived yet."""
        acc: dict[str, float | None] = {n.id: None for n in self.graph.nodes}
        acc[self.graph.loss.id] = 1.0
        for edge in self.graph.backward_order[:k]:
            acc[edge.src] = (acc[edge.src] or 0.0) + acc[edge.dst] * edge.local_grad
        return acc

    def visited(self, k: int) -> set[tuple[str, str]]:
        return {(e.src, e.dst) for e in self.graph.backward_order[:k]}

    def current(self, k: int) -> StepInfo | None:
        """The edge visited by step k (None before the first step)."""
        if k == 0:
            return None
        edge = self.graph.backward_order[k - 1]
        grads = self.grads(k)
        return StepInfo(edge.src, edge.dst, grads[edge.dst], edge.local_grad, grads[edge.src])

    def finished(self, node_id: str, k: int) -> bool:
        """True once every edge leaving ``node_id`` has been visited (its gradient is final)."""
        visited = self.visited(k)
        return all((e.src, e.dst) in visited for e in self.graph.outgoing(node_id))

    def step_formula(self, k: int, code: str = "en") -> str:
        """"∂L/∂s += ∂L/∂d × ∂d/∂s = … × … → ∂L/∂s = …" for step k ("" before step 1)."""
        info = self.current(k)
        if info is None:
            return ""
        src, dst = (operand(self.graph.node(i).label) for i in (info.src, info.dst))
        return (f"∂L/∂{src} += ∂L/∂{dst} × ∂{dst}/∂{src} = {sig(info.grad_dst, 4, code)} × "
                f"{sig(info.local, 4, code)} → ∂L/∂{src} = {sig(info.grad_src, 4, code)}")

    def chain_node(self, k: int) -> str | None:
        """The weight or bias whose gradient step k completes (None for other steps)."""
        info = self.current(k)
        if info is None:
            return None
        node = self.graph.node(info.src)
        if node.op not in ("weight", "bias") or not self.finished(node.id, k):
            return None
        return node.id

    def chain_formula(self, k: int, code: str = "en") -> str:
        """For the weight or bias completed by step k: the sum over paths to L of the products
        of local gradients, and its value; "" for other steps."""
        node_id = self.chain_node(k)
        if node_id is None:
            return ""
        terms, total = [], 0.0
        for path in self.graph.paths(node_id):
            total += math.prod(e.local_grad for e in path)
            terms.append("(" + " × ".join(sig(e.local_grad, 4, code) for e in path) + ")")
        label = operand(self.graph.node(node_id).label)
        return f"∂L/∂{label} = " + " + ".join(terms) + f" = {sig(total, 4, code)}"

    def path_edges(self, k: int) -> list[Edge]:
        """Edges whose product gives the gradient completed at step k (empty unless a chain
        formula is shown)."""
        node_id = self.chain_node(k)
        return [] if node_id is None else self.graph.path_edges(node_id)
