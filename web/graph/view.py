"""Computation-graph tab: every scalar of a small net, its value, backprop edge by edge, and
then one training step by hand.

The view's state is its params: which net (and seed), the example (inputs, target), the backprop
step, the colouring, whether edges carry their numbers, and the record of the last update. The
model lives in a :class:`LiveModel` (the weight fields edit it, the update changes it) and is
trained by the lab's one :class:`Trainer` (optimizer, learning rate, momentum, loss are its
params). ``graph`` is derived: ``pycore.graph.trace`` of the model on the example, redone
whenever any of them changes. The picture follows ``graph``, ``step``, ``color_by``,
``edge_labels``, the language, projector mode and the figure's real width (projector mode's
larger text shrinks where the width would not hold it: :mod:`web.graph.fit`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import panel as pn
import param

import pycore
from pycore.graph import Graph
from web.graph import texts
from web.graph.figure import START_WIDTH, TEXT_PX, GraphFigure, graph_mpl
from web.graph.fit import fit, largest_text
from web.graph.geometry import Geometry, geometry
from web.graph.hand_step import HandStep
from web.graph.nets import DIVISION, NET_SPECS, NETS, Net, build_model
from web.graph.picture import Picture, box_texts, edge_texts, picture
from web.graph.stepper import Backprop
from web.graph.update import UpdateReport, take_step
from web.ui import theme
from web.ui.display import Display, scaled
from web.ui.export import export_buttons
from web.ui.live_model import LiveModel
from web.ui.trainer import Dataset, Trainer
from web.ui.widgets import from_param

LOSSES = ("mse", "mae", "huber")  # the losses whose graph pycore.graph.trace can draw
MAX_ABS_INPUT = 1e6
EXPORT_TEXT_PX = 16


def example(spec: Net) -> dict[str, float]:
    """The params of a net's example (a one-input net leaves x2 as it is)."""
    return {"x1": spec.inputs[0], "target": spec.target,
            **({"x2": spec.inputs[1]} if len(spec.inputs) > 1 else {})}


class GraphView(pn.viewable.Viewer):
    """Computation graph of one example with a backprop stepper and a hand-made update."""

    net = param.Selector(default=DIVISION, objects=list(NETS))
    seed = param.Integer(default=0, bounds=(0, 9999), doc="Seed of the random 2-2-1 nets.")
    x1 = param.Number(default=20.0, bounds=(-MAX_ABS_INPUT, MAX_ABS_INPUT))
    x2 = param.Number(default=5.0, bounds=(-MAX_ABS_INPUT, MAX_ABS_INPUT))
    target = param.Number(default=0.04, bounds=(-MAX_ABS_INPUT, MAX_ABS_INPUT))
    step = param.Integer(default=0, bounds=(0, None), doc="Backprop edges visited so far.")
    color_by = param.Selector(default="value", objects=["value", "grad"])
    edge_labels = param.Boolean(default=True, doc="Print each edge's local gradient.")
    width_px = param.Integer(default=START_WIDTH, bounds=(1, None),
                             doc="The figure's width in the browser (it reports it).")
    font_px = param.Integer(default=TEXT_PX, bounds=(1, None),
                            doc="The picture's text size (derived from projector mode and width).")
    graph = param.ClassSelector(class_=Graph, doc="The traced example (derived, read only).")
    record = param.ClassSelector(class_=UpdateReport, default=None, allow_None=True,
                                 doc="What the last hand-made update did.")

    def __init__(self, display: Display, **params: Any) -> None:
        super().__init__(**params)
        self.display = display
        spec = NET_SPECS[self.net]
        self._holding = True  # nothing to retrace before the model and trainer exist
        self.param.update(example(spec))
        self.live = LiveModel(model=build_model(self.net, self.seed),
                              origin=f"graph.net.{self.net}")
        self.trainer = Trainer(self.live, self.dataset(), seed=0, optimizer="sgd",
                               learning_rate=0.1, loss=spec.loss, batch_size=1)
        self.trainer.param.loss.objects = list(LOSSES)
        self.figure = GraphFigure(on_width=self._set_width)
        self._geo: Geometry | None = None
        self._holding = False
        self._retrace()
        self.live.param.watch(self._weights_changed, "revision")
        self.trainer.param.watch(self._retrace, "loss")
        display.param.watch(self._lay_out, ["code", "projector"])

    # --- state ---------------------------------------------------------------------------
    @property
    def backprop(self) -> Backprop:
        return Backprop(self.graph)

    def inputs(self, model: pycore.Sequential | None = None) -> list[float]:
        """The example's inputs for ``model`` (default: the live one)."""
        return [self.x1, self.x2][: (model or self.live.model).input_dim]

    def dataset(self, model: pycore.Sequential | None = None) -> Dataset:
        """The one example as the trainer's data set."""
        return Dataset(np.array([self.inputs(model)]), np.array([[self.target]]))

    def go(self, k: int) -> None:
        """Move backprop to step ``k``, clamped to 0..n (what the buttons do)."""
        self.step = max(0, min(self.backprop.n, int(k)))

    def apply_update(self) -> UpdateReport:
        """One optimizer step with the gradients of this example; then the next forward pass
        (step 0) with the new weights."""
        report = take_step(self.trainer)
        self.record = report
        self.step = 0
        return report

    @param.depends("net", watch=True)
    def _load_net(self) -> None:
        """Another net: its own example, loss and weights; backprop starts again at step 0."""
        spec = NET_SPECS[self.net]
        self._new_model(example=example(spec), loss=spec.loss)

    @param.depends("seed", watch=True)
    def _reseed(self) -> None:
        """Other random weights for the same net and example."""
        self._new_model()

    def _new_model(self, example: dict[str, float] | None = None,
                   loss: str | None = None) -> None:
        self._holding = True
        try:
            self.param.update(example or {}, record=None)
            if loss is not None:
                self.trainer.loss = loss
            model = build_model(self.net, self.seed)
            self.trainer.data = self.dataset(model)  # the replacement below starts its run
            self.live.replace(model, origin=f"graph.net.{self.net}")
        finally:
            self._holding = False
        self.step = 0
        self._retrace()

    @param.depends("x1", "x2", "target", watch=True)
    def _new_example(self) -> None:
        if not self._holding:
            self.record = None  # the last update's record no longer describes this example
            self.trainer.set_data(self.dataset())  # a new example: fresh optimizer state
            self._retrace()

    def _weights_changed(self, _event: object) -> None:
        """A typed weight or an update: trace again. The record of an update is set right
        after its step, so clearing it here only drops it for a weight typed by hand."""
        if not self._holding:
            self.record = None
        self._retrace()

    def _retrace(self, _event: object = None) -> None:
        """Trace the example again (new weights, example or loss), keeping the step."""
        if self._holding:
            return
        graph = pycore.graph.trace(self.live.model, self.inputs(), [self.target])
        with param.parameterized.batch_call_watchers(self):
            self.step = min(self.step, len(graph.backward_order))
            self.graph = graph

    def finite(self) -> bool:
        return bool(np.isfinite(self.graph.loss.value))

    # --- picture -------------------------------------------------------------------------
    def _set_width(self, width: int) -> None:
        self.width_px = width

    def layout_for(self, font_px: float, available: float) -> tuple[Geometry, list[str]]:
        """The picture's geometry at this text size and width, and its edge numbers."""
        code, backprop = self.display.code, self.backprop
        labels = edge_texts(backprop, code, self.edge_labels)
        return geometry(self.graph, box_texts(backprop, code), labels, font_px, available), labels

    @param.depends("graph", "edge_labels", "width_px", watch=True)
    def _lay_out(self, _event: object = None) -> None:
        """Lay the picture out at the largest text (projector mode's, or the plain size) that
        fits the figure's width."""
        largest = largest_text(scaled(TEXT_PX, self.display.projector), TEXT_PX, self.width_px)
        chosen = fit(lambda font: self.layout_for(font, self.width_px), largest, TEXT_PX,
                     self.width_px)
        self._geo, self._labels, self._min_width = chosen.geo, chosen.labels, chosen.min_width
        self.font_px = chosen.font_px
        self._draw()

    def drawing(self) -> Picture:
        """What the figure shows now (screen, tests)."""
        return picture(self.backprop, self.step, self.color_by, self.display.code, self._geo,
                       self._labels)

    @param.depends("step", "color_by", watch=True)
    def _draw(self) -> None:
        if self._geo is not None:
            self.figure.show(self.drawing(), self._geo, self.font_px, self._min_width)

    def figure_mpl(self) -> Any:
        """The current picture for the PNG/SVG buttons (compact, 16 px text)."""
        geo, labels = self.layout_for(EXPORT_TEXT_PX, 0)
        drawing = picture(self.backprop, self.step, self.color_by, self.display.code, geo, labels)
        return graph_mpl(drawing, geo, self.display.t("graph.title"), EXPORT_TEXT_PX)

    # --- layout --------------------------------------------------------------------------
    def _button(self, key: str, hook: str, action: Any, keyboard: str | None = None,
                **kwargs: Any) -> pn.widgets.Button:
        """A stepper button; ``keyboard`` names its key role (sitebuild/templates/keys.js)."""
        classes = [hook] + ([f"nnlab-key-{keyboard}"] if keyboard else [])
        button = pn.widgets.Button(label=self.display.text(key), css_classes=classes, **kwargs)
        button.on_click(lambda _event: action())
        return button

    def __panel__(self) -> pn.viewable.Viewable:
        t, p, code = self.display.text, self.param, self.display.param.code
        net = from_param(pn.widgets.Select, p.net, t("graph.net"), width=400,
                         options=self.display.options({f"graph.net.{n}": n for n in NETS}),
                         css_classes=["nnlab-graph-net"], stylesheets=theme.INPUT_STYLESHEETS)
        n = pn.bind(lambda graph: len(graph.backward_order), p.graph)
        end = {"align": "end"}
        stepper = pn.Row(
            self._button("graph.reset", "nnlab-graph-reset", lambda: self.go(0), "reset", **end),
            self._button("graph.back", "nnlab-graph-back", lambda: self.go(self.step - 1),
                         "back", **end),
            self._button("graph.step", "nnlab-graph-step", lambda: self.go(self.step + 1),
                         "step", color="primary", **end),
            self._button("graph.end", "nnlab-graph-end", lambda: self.go(self.backprop.n), **end),
            pn.pane.Markdown(pn.bind(texts.progress, p.step, n, code),
                             css_classes=["nnlab-graph-progress"], styles={"font-size": "1.2em"},
                             stylesheets=["p { margin: 0.2em 0; }"], margin=(0, 10, 4, 10),
                             **end),
            styles={"flex-wrap": "wrap"})
        formula = pn.pane.HTML(
            pn.bind(lambda graph, k, c: texts.formula_html(Backprop(graph), k, self.finite(), c),
                    p.graph, p.step, code),
            css_classes=["nnlab-graph-formula"], sizing_mode="stretch_width",
            stylesheets=[texts.FORMULA_CSS], margin=(0, 10))
        # The net is chosen once, the stepper is pressed all lecture long: the stepper goes
        # above the picture, the net beside the picture's other settings below it (one screen
        # at 1024×768 in projector mode).
        view = pn.Row(
            net,
            from_param(pn.widgets.RadioButtonGroup, p.color_by, t("graph.color"),
                       options=self.display.options({"graph.color.value": "value",
                                                     "graph.color.grad": "grad"}),
                       css_classes=["nnlab-graph-color"], align="end"),
            from_param(pn.widgets.Checkbox, p.edge_labels, t("graph.edge_labels"),
                       css_classes=["nnlab-graph-edge-labels"], align="end"),
            pn.Column(export_buttons(self.figure_mpl, "computation-graph", self.display),
                      align="end", margin=0),
            styles={"flex-wrap": "wrap"})
        return pn.Column(stepper, formula, self.figure, view, HandStep(self, self.display),
                         sizing_mode="stretch_width")
