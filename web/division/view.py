"""The division tab: type two numbers, watch a 2-2-1 network divide them (and fail).

Top (built at start-up, it is the first thing a lecture sees, and it fits one 1280×800 screen):
the inputs, the result and, beside them, the network drawn with every z, a, weight and bias;
the explanation sits under the result in a collapsible card, so it never pushes the drawing
down. Below, built right after the first paint (:class:`web.division.details.DivisionDetails`):
weights, training, heatmap, and the sections that are built when first opened. All state lives
in :class:`DivisionViewModel` and the :class:`LiveModel` it owns; the pictures follow them.
"""

from __future__ import annotations

import panel as pn

from web.division.model import DivisionViewModel
from web.division.results import RESULTS_CSS, message_html, results_html
from web.ui import theme
from web.ui.display import Display
from web.ui.explanation import explanation
from web.ui.export import export_buttons
from web.ui.lazy import after_first_paint
from web.ui.model_files import ModelFile
from web.ui.network_figure import NetworkFigure, network_mpl
from web.ui.network_picture import picture
from web.ui.widgets import from_param

DIGITS = 6  # numbers in the drawing: enough to see 33.3333 and 1e-6
SPACING = 2.0  # rows of the drawing: room for each neuron's z, a and b texts
LEFT_WIDTH = 560


class DivisionView(pn.viewable.Viewer):
    """The division tab; ``vm`` is its view-model (shared with the header's save/load)."""

    def __init__(self, display: Display, vm: DivisionViewModel | None = None) -> None:
        super().__init__()
        self.display = display
        self.vm = vm or DivisionViewModel()
        self.network = NetworkFigure(display, values=True, edge_labels=True, height=470)
        self.details = None
        self._draw()
        self.vm.param.watch(self._draw, "result")
        display.param.watch(self._draw, "code")

    def drawing(self):
        """The network drawing for the current weights and input (also the slide export's)."""
        return picture(self.vm.live.model, self.display.code, traces=self.vm.result.traces,
                       edge_labels=True, digits=DIGITS, spacing=SPACING)

    def _draw(self, _event: object = None) -> None:
        self.network.show(self.drawing())

    def model_file(self) -> ModelFile:
        return self.vm.model_file()

    def _build_details(self) -> pn.viewable.Viewable:
        from web.division.details import DivisionDetails

        self.details = DivisionDetails(self.vm, self.display)
        return self.details

    def __panel__(self) -> pn.Column:
        t, vm, code = self.display.text, self.vm, self.display.param.code
        big = {"width": 250, "stylesheets": theme.INPUT_STYLESHEETS}
        explained = explanation(self.display, "division.explain", title="division.explain.title")
        inputs = pn.Column(
            pn.Row(from_param(pn.widgets.TextInput, vm.param.dividend, t("division.dividend"),
                              css_classes=["nnlab-dividend"], **big),
                   from_param(pn.widgets.TextInput, vm.param.divisor, t("division.divisor"),
                              css_classes=["nnlab-divisor"], **big)),
            pn.pane.HTML(pn.bind(results_html, vm.param.result, code),
                         stylesheets=[*theme.STYLESHEETS, RESULTS_CSS], margin=(6, 10)),
            pn.pane.HTML(pn.bind(message_html, vm.param.result, code),
                         stylesheets=theme.STYLESHEETS, sizing_mode="stretch_width"),
            explained, width=LEFT_WIDTH)
        # The class goes on a Column around the figure: a Bokeh pane's own css_classes do not
        # reach the page (the pane renders the bare figure).
        figure = pn.Column(self.network, css_classes=["nnlab-main-figure"],
                           sizing_mode="stretch_width", margin=0)
        network = pn.Column(figure, export_buttons(
            lambda: network_mpl(self.drawing(), self.display.t("division.model")),
            "division-network", self.display), sizing_mode="stretch_width")
        return pn.Column(pn.Row(inputs, network, sizing_mode="stretch_width"),
                         after_first_paint(self._build_details), sizing_mode="stretch_width",
                         css_classes=["nnlab-division"])
