"""What the computation graph shows at step k, as plain columns for the Bokeh sources.

One function turns (graph, step, colouring, language, geometry) into the data of every
source, so the screen, the slide export and the tests read the same numbers. Each box shows its
label, its value v from the forward pass and its gradient g so far ("g=?" before backprop
reaches it); the fill follows v or g on the lab's colour scale, the text colour is whichever of
dark and white contrasts more with that fill. Edges already visited are dark, the current one
is green and thick, and once a weight's gradient is complete the edges of its paths to L are
underlaid in green (the chain-rule product).
"""

from __future__ import annotations

from dataclasses import dataclass

from web.graph.geometry import Geometry
from web.graph.stepper import Backprop
from web.ui import colors
from web.ui.fmt import sig

NODE_KEYS = ("id", "x", "y", "w", "h", "y_top", "y_bottom", "fill", "ink", "line", "lw",
             "label", "v", "g", "value", "grad")
EDGE_KEYS = ("x0", "y0", "x1", "y1", "color")
LABEL_KEYS = ("x", "y", "w", "h", "text")
SEGMENT_KEYS = ("x0", "y0", "x1", "y1")
UNREACHED = "#bbbbbb"
VISITED = "#555555"
FRAME = "#444444"
DIGITS, HOVER_DIGITS = 4, 10


def value_text(value: float, code: str) -> str:
    return f"v={sig(value, DIGITS, code)}"


def grad_text(grad: float | None, code: str) -> str:
    return "g=?" if grad is None else f"g={sig(grad, DIGITS, code)}"


def box_texts(backprop: Backprop, code: str) -> dict[str, list[tuple[str, bool]]]:
    """Every text each box shows at any step (label in bold, v, every partial g): the box is
    made wide enough for all of them, so nothing moves while stepping."""
    texts = {n.id: [(n.label, True), (value_text(n.value, code), False), ("g=?", False)]
             for n in backprop.graph.nodes}
    partial: dict[str, float] = {backprop.graph.loss.id: 1.0}
    texts[backprop.graph.loss.id].append((grad_text(1.0, code), False))
    for edge in backprop.graph.backward_order:
        partial[edge.src] = partial.get(edge.src, 0.0) + partial[edge.dst] * edge.local_grad
        texts[edge.src].append((grad_text(partial[edge.src], code), False))
    return texts


def edge_texts(backprop: Backprop, code: str, shown: bool) -> list[str]:
    """The local gradient printed on each edge (``graph.edges`` order), or "" for none."""
    return [sig(e.local_grad, DIGITS, code) if shown else "" for e in backprop.graph.edges]


@dataclass(frozen=True)
class Picture:
    """Column data of the boxes, edges, edge numbers, current edge and chain-rule paths."""

    nodes: dict[str, list]
    edges: dict[str, list]
    labels: dict[str, list]
    current: dict[str, list]
    path: dict[str, list]


def _columns(rows: list[dict], keys: tuple[str, ...]) -> dict[str, list]:
    return {key: [row[key] for row in rows] for key in keys}


def picture(backprop: Backprop, k: int, color_by: str, code: str, geo: Geometry,
            labels: list[str]) -> Picture:
    """The drawing at step ``k``; ``labels`` are the edge numbers ``geo`` was made for."""
    graph = backprop.graph
    grads = backprop.grads(k)
    shown = {n.id: n.value if color_by == "value" else grads[n.id] for n in graph.nodes}
    scale = max((abs(v) for v in shown.values() if v is not None and abs(v) < float("inf")),
                default=1.0) or 1.0
    info = backprop.current(k)
    ends = {info.src, info.dst} if info else set()
    nodes = []
    for n in graph.nodes:
        (x, y), (w, h) = geo.centres[n.id], geo.sizes[n.id]
        fill = colors.NEUTRAL if shown[n.id] is None else colors.color(shown[n.id], scale)
        nodes.append({
            "id": n.id, "x": x, "y": y, "w": w, "h": h, "y_top": y + geo.line,
            "y_bottom": y - geo.line, "fill": fill, "ink": colors.ink(fill),
            "line": colors.HIGHLIGHT if n.id in ends else FRAME,
            "lw": 5 if n.id in ends else 1, "label": n.label, "v": value_text(n.value, code),
            "g": grad_text(grads[n.id], code), "value": sig(n.value, HOVER_DIGITS, code),
            "grad": "?" if grads[n.id] is None else sig(grads[n.id], HOVER_DIGITS, code)})
    visited = backprop.visited(k)
    edges, index = [], {}
    for m, (e, (x0, y0, x1, y1)) in enumerate(zip(graph.edges, geo.segments, strict=True)):
        index[(e.src, e.dst)] = m
        edges.append({"x0": x0, "y0": y0, "x1": x1, "y1": y1,
                      "color": VISITED if (e.src, e.dst) in visited else UNREACHED})
    numbers = [{"x": x, "y": y, "w": w, "h": h, "text": text}
               for (x, y), (w, h), text in zip(geo.labels, geo.label_sizes, labels, strict=True)
               if text]
    current = [edges[index[(info.src, info.dst)]]] if info else []
    path = [edges[index[(e.src, e.dst)]] for e in backprop.path_edges(k)]
    return Picture(_columns(nodes, NODE_KEYS), _columns(edges, EDGE_KEYS),
                   _columns(numbers, LABEL_KEYS), _columns(current, SEGMENT_KEYS),
                   _columns(path, SEGMENT_KEYS))
