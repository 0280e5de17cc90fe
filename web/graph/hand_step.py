"""The lower half of the graph tab: one training step by hand.

Type the example (inputs, target) and any weight; run backprop to the end in the graph; choose
the optimizer and learning rate; "Apply update" moves every weight (w ← w − lr·g for SGD) and the
table shows the arithmetic and the optimizer's state, while the graph above shows the next
forward pass. Every field is made from the param that owns its value: the example from the
view, the weights from the live model, the rule from the trainer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import panel as pn

from pycore import notation
from web.graph.nets import NET_SPECS
from web.graph.update_table import report_html
from web.ui import i18n, theme
from web.ui import training_controls as _training_words  # noqa: F401  (registers train.*)
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.weight_fields import WeightField
from web.ui.widgets import from_param

if TYPE_CHECKING:
    from web.graph.view import GraphView

TABLE_CSS = """
.nnlab-update-table { border-collapse: collapse; font-size: 0.95em;
                      font-variant-numeric: tabular-nums; }
.nnlab-update-table th, .nnlab-update-table td { padding: 3px 10px; text-align: left;
                                                 border-bottom: 1px solid #ddd;
                                                 white-space: nowrap; }
.nnlab-update-table th { font-weight: 600; color: #444; }
"""
FIELD_WIDTH = 150
WRAP = {"flex-wrap": "wrap"}


class HandStep(pn.viewable.Viewer):
    """Example, weights, update rule, the Apply button and the record of the last update."""

    def __init__(self, view: GraphView, display: Display) -> None:
        super().__init__()
        self.view, self.display = view, display
        self._fields: dict[tuple[notation.ParameterRef, ...], pn.Row] = {}

    def weight_fields(self, _generation: int) -> pn.Row:
        """One field per weight and bias of the current model. Fields are made once per
        shape of net and kept (they follow the live model, whichever weights it holds), so
        switching nets back and forth does not pile up fields."""
        live = self.view.live
        refs = tuple(notation.parameters(live.model))
        if refs not in self._fields:
            self._fields[refs] = pn.Row(
                *(WeightField(live, self.display, ref, width=FIELD_WIDTH,
                              css_classes=["nnlab-graph-weight", f"nnlab-graph-weight-{k}"])
                  for k, ref in enumerate(refs)), styles=WRAP)
        return self._fields[refs]

    def _field(self, owner: object, name: str, key: str, hook: str) -> NumberField:
        return NumberField(owner, name, self.display.text(key), self.display, css_class=hook,
                           width=FIELD_WIDTH)

    def example(self) -> pn.Row:
        view = self.view
        two_inputs = pn.bind(lambda graph: view.live.model.input_dim > 1, view.param.graph)
        seeded = pn.bind(lambda net: NET_SPECS[net].seeded, view.param.net)
        return pn.Row(
            self._field(view, "x1", "graph.x1", "nnlab-graph-x1"),
            pn.Column(self._field(view, "x2", "graph.x2", "nnlab-graph-x2"), visible=two_inputs,
                      margin=0),
            self._field(view, "target", "graph.target", "nnlab-graph-target"),
            pn.Column(self._field(view, "seed", "graph.seed", "nnlab-graph-seed"),
                      visible=seeded, margin=0),
            styles=WRAP)

    def rule(self) -> pn.Row:
        """Optimizer, momentum and Nesterov (SGD only), loss and learning rate: the trainer's
        params, with the training panels' words."""
        trainer, t = self.view.trainer, self.display.text
        p = trainer.param
        is_sgd = pn.bind(lambda name: name == "sgd", p.optimizer)
        small = {"width": FIELD_WIDTH, "stylesheets": theme.INPUT_STYLESHEETS}
        return pn.Row(
            from_param(pn.widgets.Select, p.optimizer, t("train.optimizer"),
                       description=t("train.tip.optimizer"),
                       css_classes=["nnlab-graph-optimizer"], **small),
            pn.Column(self._field(trainer, "momentum", "train.momentum", "nnlab-graph-momentum"),
                      visible=is_sgd, margin=0),
            from_param(pn.widgets.Checkbox, p.nesterov, t("train.nesterov"), visible=is_sgd,
                       align="center", css_classes=["nnlab-graph-nesterov"]),
            self._field(trainer, "learning_rate", "train.lr", "nnlab-graph-lr"),
            from_param(pn.widgets.Select, p.loss, t("train.loss"),
                       description=t("train.tip.loss"), css_classes=["nnlab-graph-loss"],
                       **small),
            styles=WRAP)

    def __panel__(self) -> pn.Row:
        view, display, t = self.view, self.display, self.display.text
        code = display.param.code
        finished = pn.bind(lambda k, graph: k == len(graph.backward_order), view.param.step,
                           view.param.graph)
        apply = pn.widgets.Button(label=t("graph.apply"), color="success",
                                  css_classes=["nnlab-graph-apply"], width=220,
                                  disabled=pn.bind(lambda done: not done, finished))
        apply.on_click(lambda _event: view.apply_update())
        wait = pn.pane.HTML(pn.bind(lambda done, c: i18n.text(
            "graph.done" if done else "graph.apply.wait", c), finished, code),
            css_classes=["nnlab-graph-apply-note"], align="center", sizing_mode="stretch_width")
        record = pn.pane.HTML(pn.bind(report_html, view.param.record, code),
                              css_classes=["nnlab-graph-update"], stylesheets=[TABLE_CSS],
                              sizing_mode="stretch_width")
        work = pn.Column(
            pn.pane.Markdown(t("graph.hand.title"), margin=(0, 10)),
            pn.pane.Markdown(t("graph.hand.example"), margin=(0, 10)),
            self.example(), pn.panel(pn.bind(self.weight_fields, view.live.param.generation)),
            self.rule(), pn.Row(apply, wait, sizing_mode="stretch_width"), record,
            sizing_mode="stretch_width", min_width=780)
        about = pn.pane.Markdown(t("graph.intro"), styles={"font-size": "1.05em"}, width=420)
        # the explanation stands beside the work where there is room, else below it
        return pn.Row(work, about, sizing_mode="stretch_width", styles=WRAP)
