"""Where each node of a traced computation graph goes in the picture (left to right).

Columns follow the lecture's reading order: a layer's inputs and its weights share one column,
then come the products w·a (with the biases just below their unit's products), then the sums z,
whose activations sit in the next layer's input column, and finally the targets next to the
output and the loss L on the right. Inside a column a node is drawn at the mean height of the
nodes that feed it (so edges run mostly straight), then nodes are pushed apart to at least one
row; this keeps a 2-2-1 graph free of edges that cut through boxes.
"""

from __future__ import annotations

import math
from typing import Any

ROW = 1.0


def _dense_numbers(graph: Any) -> dict[int, int]:
    """Model layer index -> Dense number counted from 1 (the ``[l]`` of the labels)."""
    numbers: dict[int, int] = {}
    for node in graph.nodes:
        if node.layer is not None and node.layer not in numbers:
            numbers[node.layer] = len(numbers) + 1
    return numbers


def columns(graph: Any) -> dict[str, int]:
    """Column index of every node id: layer l uses 3(l-1) (inputs, weights), +1 (products and
    biases), +2 (sums); activations move to the next layer's input column, the loss goes last."""
    numbers = _dense_numbers(graph)
    last = max(numbers.values(), default=0)
    offset = {"weight": 0, "bias": 1, "mul": 1, "sum": 2, "activation": 3}
    out: dict[str, int] = {}
    for node in graph.nodes:
        if node.op == "input":
            out[node.id] = 0
        elif node.op == "target":
            out[node.id] = 3 * last
        elif node.op == "loss":
            out[node.id] = 3 * last + 1
        else:
            out[node.id] = 3 * (numbers[node.layer] - 1) + offset[node.op]
    return out


def _unit(node: Any) -> int:
    """The unit j a weight w_ij or bias b_j belongs to (from its position in the kernel)."""
    return node.param[1][-1]


def _source_order(ids: list[str], graph: Any) -> list[str]:
    """Order of a column of leaves: weights of the first half of the units, the layer inputs,
    the other weights, then targets.

    Weights come unit by unit (forward order), so each unit's weights and bias stay together
    and the shared inputs sit in the middle, close to every product they feed."""
    nodes = [graph.node(i) for i in ids]
    params = [n for n in nodes if n.op in ("weight", "bias")]
    units = sorted({_unit(n) for n in params})
    first = set(units[: math.ceil(len(units) / 2)])
    upper = [n.id for n in params if _unit(n) in first]
    lower = [n.id for n in params if _unit(n) not in first]
    feeds = [n.id for n in nodes if n.op in ("input", "activation")]
    targets = [n.id for n in nodes if n.op == "target"]
    return upper + feeds + lower + targets


def _spread(wanted: list[tuple[float, str]]) -> dict[str, float]:
    """Keep the wanted heights' order but push nodes at least one ROW apart, then re-centre
    the column on the mean wanted height."""
    wanted = sorted(wanted, reverse=True)
    placed: list[float] = []
    for y, _ in wanted:
        placed.append(min(y, placed[-1] - ROW) if placed else y)
    shift = (sum(y for y, _ in wanted) - sum(placed)) / len(placed)
    return {node_id: y + shift for (_, node_id), y in zip(wanted, placed, strict=True)}


def _wanted_height(node_id: str, graph: Any, pos: dict, incoming: dict, wanted: dict) -> float:
    """Products and sums: mean height of their inputs. A bias b_j: just below the products of
    its unit j (found through their weights), so that it joins its sum without crossing."""
    node = graph.node(node_id)
    if node.op != "bias":
        return sum(pos[s][1] for s in incoming[node_id]) / len(incoming[node_id])
    unit = _unit(node)
    heights = [
        wanted[m] for m in wanted
        if any(graph.node(s).op == "weight" and graph.node(s).layer == node.layer
               and _unit(graph.node(s)) == unit for s in incoming[m])
    ]
    return min(heights) - ROW / 2 if heights else 0.0


def layout(graph: Any) -> dict[str, tuple[float, float]]:
    """``node id -> (x, y)``; x is the column, y grows upwards, rows are ``ROW`` apart."""
    col = columns(graph)
    incoming: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
    for edge in graph.edges:
        incoming[edge.dst].append(edge.src)
    by_column: dict[int, list[str]] = {}
    for node in graph.nodes:
        by_column.setdefault(col[node.id], []).append(node.id)

    pos: dict[str, tuple[float, float]] = {}
    for c in sorted(by_column):
        ids = by_column[c]
        if any(graph.node(i).op in ("input", "weight", "target") for i in ids):
            ordered = _source_order(ids, graph)
            top = (len(ordered) - 1) / 2 * ROW
            for k, node_id in enumerate(ordered):
                pos[node_id] = (float(c), top - k * ROW)
            continue
        wanted: dict[str, float] = {}
        for node_id in sorted(ids, key=lambda i: graph.node(i).op == "bias"):
            wanted[node_id] = _wanted_height(node_id, graph, pos, incoming, wanted)
        for node_id, y in _spread([(y, i) for i, y in wanted.items()]).items():
            pos[node_id] = (float(c), y)
    return pos
