"""Computation-graph tab: every scalar of a small net, its value, and backprop edge by edge.

The figure is built once; stepping, a new example or a new net only replace the data of its
ColumnDataSources (Panel pushes those to the browser), so stepping is instant.
"""

from __future__ import annotations

from typing import Any

import panel as pn
import param
from bokeh.models import ColumnDataSource, HoverTool, LabelSet
from bokeh.plotting import figure

from web import colors, i18n
from web.bokeh_sync import bokeh_edit
from web.diagram_mpl import Box, Segment, diagram_figure
from web.export import export_buttons
from web.fmt import sig
from web.graph_layout import layout
from web.graph_stepper import DEFAULT_EXAMPLE, NETS, BackpropStepper, build_model

i18n.register({
    "graph.title": ("Computation graph", "Rechengraph"),
    "graph.intro": (
        "Every number of the network for one example is a box: inputs x, weights w, biases b, "
        "products w·a, sums z, activations a and the loss L. The forward pass has filled in "
        "each value v. Backprop walks the edges from L back to the weights: each edge knows "
        "its local gradient (the number on the edge), and the gradient g of a node is "
        "g(child) × local gradient, summed over its children (chain rule).",
        "Jede Zahl des Netzes für ein Beispiel ist ein Kasten: Eingaben x, Gewichte w, Biases b, "
        "Produkte w·a, Summen z, Aktivierungen a und der Loss L. Der Vorwärtsdurchlauf hat jeden "
        "Wert v ausgerechnet. Backpropagation läuft die Kanten von L zurück zu den Gewichten: "
        "Jede Kante kennt ihren lokalen Gradienten (die Zahl auf der Kante), und der Gradient g "
        "eines Knotens ist g(Kind) × lokaler Gradient, summiert über seine Kinder "
        "(Kettenregel)."),
    "graph.net": ("Network", "Netz"),
    "graph.net.division": ("Division net (hand-set weights)", "Divisionsnetz (Handgewichte)"),
    "graph.net.sigmoid": ("2-2-1, sigmoid hidden layer", "2-2-1, Sigmoid verdeckt"),
    "graph.net.tanh": ("2-2-1, tanh hidden layer", "2-2-1, tanh verdeckt"),
    "graph.net.relu": ("2-2-1, ReLU hidden layer", "2-2-1, ReLU verdeckt"),
    "graph.seed": ("Random seed", "Zufallsstart"),
    "graph.color": ("Colour boxes by", "Kästen färben nach"),
    "graph.color.value": ("value v", "Wert v"),
    "graph.color.grad": ("gradient g", "Gradient g"),
    "graph.compact": ("Compact (no edge labels)", "Kompakt (ohne Kantenzahlen)"),
    "graph.reset": ("« Reset", "« Zurücksetzen"),
    "graph.back": ("◀ Step back", "◀ Schritt zurück"),
    "graph.step": ("Step ▶", "Schritt ▶"),
    "graph.end": ("Run to end »", "Bis zum Ende »"),
    "graph.progress": ("Backprop step {k} / {n}", "Backprop-Schritt {k} / {n}"),
    "graph.start": (
        "Forward pass done, every box shows its value v. Press “Step ▶” to send the gradient "
        "back one edge at a time (g=? means: not reached yet).",
        "Vorwärtsdurchlauf fertig, jeder Kasten zeigt seinen Wert v. „Schritt ▶“ schickt den "
        "Gradienten Kante für Kante zurück (g=? heißt: noch nicht erreicht)."),
    "graph.edge": ("Current edge (green):", "Aktuelle Kante (grün):"),
    "graph.chain": ("Chain rule: product of the edge numbers along every path to L:",
                    "Kettenregel: Produkt der Kantenzahlen entlang jedes Weges zu L:"),
    "graph.done": ("Backprop finished: every g is the gradient of L.",
                   "Backprop fertig: jedes g ist der Gradient von L."),
    "graph.bad_example": ("The example gives no finite loss for this net.",
                          "Das Beispiel ergibt für dieses Netz keinen endlichen Loss."),
})

FONT = {False: "16px", True: "12px"}
BOX_W = 0.72  # box width in columns (a column is one unit of x)
ROW_PX = {False: 112, True: 72}
UNREACHED = "#bbbbbb"
VISITED = "#555555"


NODE_KEYS = ("id", "x", "y", "fill", "ink", "line", "lw", "label", "v", "g", "value", "grad")
SEGMENT_KEYS = ("x0", "y0", "x1", "y1")


def _empty_source(*keys: str) -> ColumnDataSource:
    return ColumnDataSource({key: [] for key in keys})


# Where along an edge its local gradient may be printed, in order of preference, and the size
# of a label in picture units (a column is 1 wide and ~140 px on a 1280 px screen; a 16 px
# digit is ~9.5 px wide, a label ~0.22 rows high).
FRACTIONS = (0.5, 0.3, 0.7, 0.2, 0.8)
CHAR_W = 0.068
LABEL_H = 0.22


def _clash(a: tuple[float, float, str], b: tuple[float, float, str]) -> bool:
    half_widths = (len(a[2]) + len(b[2])) / 2 * CHAR_W
    return abs(a[0] - b[0]) < half_widths and abs(a[1] - b[1]) < LABEL_H


def place_labels(segments: list[tuple[float, float, float, float, str]]) -> list[float]:
    """For each edge (x0, y0, x1, y1, text) the fraction along it where its label goes.

    Edges that cross or meet at a box would otherwise print their numbers on top of each
    other. Every label starts in the middle; then, twice over all edges in order, each label
    moves to the first of FRACTIONS where it overlaps the fewest other labels (a short, flat
    edge has no free spot, so the steep edge crossing it is the one that moves)."""
    def spot(k: int, f: float) -> tuple[float, float, str]:
        x0, y0, x1, y1, text = segments[k]
        return x0 + f * (x1 - x0), y0 + f * (y1 - y0), text

    chosen = [FRACTIONS[0]] * len(segments)
    for _ in range(2):
        for k in range(len(segments)):
            others = [spot(m, chosen[m]) for m in range(len(segments)) if m != k]
            chosen[k] = min(FRACTIONS,
                            key=lambda f, k=k, others=others: sum(_clash(spot(k, f), o)
                                                                  for o in others))
    return chosen


class GraphView(pn.viewable.Viewer):
    """Computation graph of one example with a backprop stepper."""

    net = param.Selector(default="division", objects=list(NETS))
    color_by = param.Selector(default="value", objects=["value", "grad"])
    compact = param.Boolean(default=False)

    def __init__(self, lang: i18n.Language, **params: Any) -> None:
        super().__init__(**params)
        self.lang = lang
        x1, x2, y = DEFAULT_EXAMPLE
        self.stepper = BackpropStepper(build_model(self.net), (x1, x2), y)
        self._nodes = _empty_source(*NODE_KEYS, "y_top", "y_bottom")
        self._edges = _empty_source(*SEGMENT_KEYS, "color")
        self._labels = _empty_source("x", "y", "text")
        self._path = _empty_source(*SEGMENT_KEYS)
        self._current = _empty_source(*SEGMENT_KEYS)
        self._build_widgets(x1, x2, y)
        self._figure = self._build_figure()
        self._refresh()
        lang.bind(self._relabel)

    # --- widgets -------------------------------------------------------------------------
    def _build_widgets(self, x1: float, x2: float, y: float) -> None:
        self.w_net = pn.widgets.Select(value=self.net, options=list(NETS), width=300)
        self.w_seed = pn.widgets.IntInput(value=0, start=0, end=9999, width=90, visible=False)
        self.w_x1 = pn.widgets.FloatInput(label="x1", value=x1, width=95)
        self.w_x2 = pn.widgets.FloatInput(label="x2", value=x2, width=95)
        self.w_y = pn.widgets.FloatInput(label="y", value=y, width=95)
        self.w_color = pn.widgets.RadioButtonGroup(value="value", options=["value", "grad"])
        self.w_compact = pn.widgets.Checkbox(value=False)
        self.b_reset = pn.widgets.Button(css_classes=["nnlab-graph-reset"])
        self.b_back = pn.widgets.Button(css_classes=["nnlab-graph-back"])
        self.b_step = pn.widgets.Button(color="primary", css_classes=["nnlab-graph-step"])
        self.b_end = pn.widgets.Button(css_classes=["nnlab-graph-end"])
        self.progress = pn.pane.Markdown(css_classes=["nnlab-graph-progress"],
                                         styles={"font-size": "1.3em"}, margin=(0, 10))
        self.formula = pn.pane.Markdown(css_classes=["nnlab-graph-formula"],
                                        styles={"font-size": "1.25em"}, sizing_mode="stretch_width")
        self.intro = pn.pane.Markdown(sizing_mode="stretch_width", styles={"font-size": "1.1em"})
        self.title = pn.pane.Markdown()
        self.w_net.param.watch(lambda e: self._set_net(e.new), "value")
        for w in (self.w_x1, self.w_x2, self.w_y, self.w_seed):
            w.param.watch(lambda _e: self._retrace(), "value")
        self.w_color.param.watch(lambda e: self._set_color(e.new), "value")
        self.w_compact.param.watch(lambda e: self._set_compact(e.new), "value")
        self.b_reset.on_click(lambda _e: self.go(0))
        self.b_back.on_click(lambda _e: self.go(self.stepper.k - 1))
        self.b_step.on_click(lambda _e: self.go(self.stepper.k + 1))
        self.b_end.on_click(lambda _e: self.go(self.stepper.n))

    def _relabel(self) -> None:
        t = self.lang.t
        self.title.object = f"## {t('graph.title')}"
        self.intro.object = t("graph.intro")
        self.w_net.label = t("graph.net")
        self.w_seed.label = t("graph.seed")
        self.w_net.options = {t(f"graph.net.{n}"): n for n in NETS}
        self.w_color.options = {t("graph.color.value"): "value", t("graph.color.grad"): "grad"}
        self.w_compact.label = t("graph.compact")
        for button, key in ((self.b_reset, "reset"), (self.b_back, "back"),
                            (self.b_step, "step"), (self.b_end, "end")):
            button.label = t(f"graph.{key}")
        self._show_text()

    # --- actions -------------------------------------------------------------------------
    def go(self, k: int) -> None:
        """Move the stepper to step ``k`` (clamped) and redraw."""
        self.stepper.goto(k)
        self._refresh()

    def _set_net(self, net: str) -> None:
        self.net = net
        self.w_seed.visible = net != "division"  # the division net has fixed weights
        self._retrace()

    def _set_color(self, mode: str) -> None:
        self.color_by = mode
        self._refresh()

    @bokeh_edit
    def _set_compact(self, compact: bool) -> None:
        self.compact = compact
        for renderer in self._text_renderers:
            renderer.glyph.text_font_size = FONT[compact]
        self._edge_labels.visible = not compact
        self._edge_labels.text_font_size = FONT[compact]
        self._resize()

    def set_example(self, x1: float, x2: float, y: float) -> None:
        """Change the example (as the three inputs do) and retrace, keeping the step."""
        self.w_x1.value, self.w_x2.value, self.w_y.value = x1, x2, y
        self._retrace()

    def _retrace(self) -> None:
        k = self.stepper.k
        example = (float(self.w_x1.value or 0.0), float(self.w_x2.value or 0.0))
        model = build_model(self.net, seed=int(self.w_seed.value or 0))
        self.stepper = BackpropStepper(model, example, float(self.w_y.value or 0))
        self.stepper.goto(k)
        self._refresh()

    # --- drawing -------------------------------------------------------------------------
    def _build_figure(self) -> Any:
        # Range1d (a tuple), not the default DataRange1d: later start/end changes must reach
        # the browser, where a DataRange1d would keep auto-ranging.
        fig = figure(sizing_mode="stretch_width", height=400, tools="", toolbar_location=None,
                     min_width=900, x_range=(0, 1), y_range=(0, 1))
        fig.axis.visible = False
        fig.grid.visible = False
        fig.outline_line_color = None
        seg = {"x0": "x0", "y0": "y0", "x1": "x1", "y1": "y1"}
        fig.segment(**seg, source=self._path, line_color=colors.HIGHLIGHT, line_width=12,
                    line_alpha=0.3)
        fig.segment(**seg, source=self._current, line_color=colors.HIGHLIGHT, line_width=9,
                    line_alpha=0.8)
        fig.segment(**seg, source=self._edges, line_color="color", line_width=2)
        self._edge_labels = LabelSet(x="x", y="y", text="text", source=self._labels,
                                     text_align="center", text_baseline="middle",
                                     text_font_size=FONT[False], background_fill_color="white",
                                     background_fill_alpha=0.85, text_color="#333333")
        fig.add_layout(self._edge_labels)
        boxes = fig.rect("x", "y", width=BOX_W, height=0.8, source=self._nodes, fill_color="fill",
                         line_color="line", line_width="lw")
        fig.add_tools(HoverTool(renderers=[boxes], tooltips=[
            ("", "@label"), ("v", "@value{0.000000000g}"), ("g", "@grad")]))
        common = {"source": self._nodes, "text_align": "center", "text_baseline": "middle",
                  "text_color": "ink", "text_font_size": FONT[False]}
        self._text_renderers = [
            fig.text("x", "y_top", text="label", text_font_style="bold", **common),
            fig.text("x", "y", text="v", **common),
            fig.text("x", "y_bottom", text="g", **common),
        ]
        return fig

    def _resize(self) -> None:
        ys = self._nodes.data["y"] or [0.0]
        xs = self._nodes.data["x"] or [0.0]
        self._figure.x_range.start, self._figure.x_range.end = min(xs) - 0.5, max(xs) + 0.5
        self._figure.y_range.start, self._figure.y_range.end = min(ys) - 0.55, max(ys) + 0.55
        self._figure.height = int((max(ys) - min(ys) + 1.1) * ROW_PX[self.compact])

    def node_rows(self) -> list[dict[str, Any]]:
        """One dict per node with position, texts and colours as currently drawn."""
        graph = self.stepper.graph
        pos = layout(graph)
        grads = self.stepper.grads()
        shown = {n.id: (n.value if self.color_by == "value" else grads[n.id]) for n in graph.nodes}
        finite = [abs(v) for v in shown.values() if v is not None and abs(v) < float("inf")]
        scale = max(finite, default=1.0) or 1.0
        info = self.stepper.current()
        ends = {info.src, info.dst} if info else set()
        rows = []
        for n in graph.nodes:
            value = shown[n.id]
            strength = colors.strength(value if value is not None else 0.0, scale)
            grad = grads[n.id]
            rows.append({
                "id": n.id, "x": pos[n.id][0], "y": pos[n.id][1],
                "fill": colors.color(value, scale) if value is not None else colors.NEUTRAL,
                "ink": "white" if abs(strength) > 0.55 else "#111111",
                "line": colors.HIGHLIGHT if n.id in ends else "#444444",
                "lw": 5 if n.id in ends else 1, "label": n.label, "v": f"v={sig(n.value)}",
                "g": "g=?" if grad is None else f"g={sig(grad)}",
                "value": n.value, "grad": "?" if grad is None else sig(grad, 10),
            })
        return rows

    def edge_rows(self) -> list[dict[str, Any]]:
        """One dict per edge: end points, colour (visited or not) and its local-gradient label."""
        graph = self.stepper.graph
        pos = layout(graph)
        visited = {(e.src, e.dst) for e in graph.backward_order[: self.stepper.k]}
        rows = []
        for e in graph.edges:
            (x0, y0), (x1, y1) = pos[e.src], pos[e.dst]
            rows.append({"x0": x0 + BOX_W / 2, "y0": y0, "x1": x1 - BOX_W / 2, "y1": y1,
                         "color": VISITED if (e.src, e.dst) in visited else UNREACHED,
                         "text": sig(e.local_grad), "src": e.src, "dst": e.dst})
        fractions = place_labels([(r["x0"], r["y0"], r["x1"], r["y1"], r["text"]) for r in rows])
        for r, at in zip(rows, fractions, strict=True):
            r["at"] = at
            r["lx"] = r["x0"] + at * (r["x1"] - r["x0"])
            r["ly"] = r["y0"] + at * (r["y1"] - r["y0"])
        return rows

    @bokeh_edit
    def _refresh(self) -> None:
        nodes = self.node_rows()
        self._nodes.data = {key: [r[key] for r in nodes] for key in NODE_KEYS} | {
            "y_top": [r["y"] + 0.25 for r in nodes], "y_bottom": [r["y"] - 0.25 for r in nodes]}
        edges = self.edge_rows()
        self._edges.data = {k: [r[k] for r in edges] for k in (*SEGMENT_KEYS, "color")}
        self._labels.data = {"x": [r["lx"] for r in edges], "y": [r["ly"] for r in edges],
                             "text": [r["text"] for r in edges]}
        by_pair = {(r["src"], r["dst"]): r for r in edges}
        info = self.stepper.current()
        current = [by_pair[(info.src, info.dst)]] if info else []
        path = [by_pair[(e.src, e.dst)] for e in self.stepper.path_edges()]
        for source, rows in ((self._current, current), (self._path, path)):
            source.data = {k: [r[k] for r in rows] for k in SEGMENT_KEYS}
        self._resize()
        self._show_text()

    def _show_text(self) -> None:
        t = self.lang.t
        s = self.stepper
        self.progress.object = t("graph.progress", k=s.k, n=s.n)
        if s.k == 0:
            lines = [t("graph.start")]
        else:
            lines = [f"**{t('graph.edge')}** {s.step_formula()}"]
            chain = s.chain_formula()
            if chain:
                lines.append(f"**{t('graph.chain')}** {chain}")
            if s.k == s.n:
                lines.append(t("graph.done"))
        self.formula.object = "\n\n".join(lines)

    # --- export and layout ---------------------------------------------------------------
    def figure(self) -> Any:
        """The current picture as a Matplotlib figure (for the PNG/SVG buttons)."""
        boxes = [Box(r["x"], r["y"], r["fill"], [r["label"], r["v"], r["g"]], r["ink"],
                     width=BOX_W, edge_color=r["line"]) for r in self.node_rows()]
        segments = [Segment(r["x0"], r["y0"], r["x1"], r["y1"], r["color"],
                            label="" if self.compact else r["text"],
                            at=r["at"])
                    for r in self.edge_rows()]
        return diagram_figure(boxes, segments, self.lang.t("graph.title"))

    def __panel__(self) -> pn.viewable.Viewable:
        wrap = {"flex-wrap": "wrap"}  # a 1024-1280 px projector must not scroll sideways
        controls = pn.Row(self.w_net, self.w_seed, self.w_x1, self.w_x2, self.w_y, self.w_color,
                          self.w_compact, align="end", styles=wrap)
        stepper = pn.Row(self.b_reset, self.b_back, self.b_step, self.b_end, self.progress,
                         export_buttons(self.figure, "computation-graph", self.lang), styles=wrap)
        return pn.Column(self.title, self.intro, controls, stepper, self.formula,
                         pn.pane.Bokeh(self._figure, sizing_mode="stretch_width"),
                         sizing_mode="stretch_width")
