"""The playground's pictures follow its view-model: output plot, network drawing, thumbnails.

One frame is one inference pass of the net over the whole plane (``forward_trace`` of the
100 x 100 grid gives every neuron's values at once): the last layer becomes the output image,
every neuron's values a thumbnail. A frame is drawn whenever the weights change
(``LiveModel.revision``: once per training update, which the trainer's time budget limits to
~30 a second), the data change, or a display option changes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from bokeh.models import ColumnDataSource, LabelSet

from pycore import toy_data
from web.playground import point_raster
from web.playground.data import GRID
from web.playground.output_figure import OutputFigure, signed_output, target_scale, to_levels
from web.playground.thumbnails import Thumbnails, strip, thumbnail
from web.playground.viewmodel import PlaygroundViewModel
from web.ui import fmt, i18n, theme
from web.ui.bokeh_sync import bokeh_edit, held
from web.ui.display import Display
from web.ui.network_figure import NetworkFigure
from web.ui.network_picture import Picture, picture

NODE_PX = 46  # circle of a neuron; its thumbnail fills the inside
NETWORK_HEIGHT = 380
FEATURE_LABELS = {"x1": "x1", "x2": "x2", "x1_squared": "x1²", "x2_squared": "x2²",
                  "x1_times_x2": "x1·x2", "sin_x1": "sin x1", "sin_x2": "sin x2"}


class Pictures:
    """Owns the output plot and the network drawing of one playground view."""

    def __init__(self, vm: PlaygroundViewModel, display: Display,
                 on_pick: Callable[[str], None], output_px: int = 340) -> None:
        self.vm, self.display = vm, display
        self.output = OutputFigure(display, on_click=vm.add_point, size=output_px)
        self.network = NetworkFigure(display, on_pick=on_pick, height=NETWORK_HEIGHT,
                                     names=False, node_size=NODE_PX, x_margin=0.5,
                                     css_classes=["nnlab-pg-network"], live=True)
        self.thumbs = Thumbnails(self.network.figure, NODE_PX - 14, self.network.level)
        self.labels = ColumnDataSource({"x": [], "y": [], "text": []})
        self._add_feature_labels()
        self._placed: tuple | None = None  # (neuron positions) the thumbnails were placed at
        self._input_images: list[np.ndarray] = []
        self._inputs_of: object = None  # the data the input images belong to
        self.new_data()
        vm.live.param.watch(self.draw, "revision")
        vm.param.watch(self.new_data, "data_revision")
        vm.param.watch(self._points, "show_test")
        vm.param.watch(self.draw, ["discretize", "color_by"])
        display.param.watch(self.draw, "code")

    def _add_feature_labels(self) -> None:
        labels = LabelSet(x="x", y="y", text="text", source=self.labels, text_align="right",
                          text_baseline="middle", x_offset=-NODE_PX // 2 - 6)
        self.network.figure.add_layout(labels)
        self.display.follow(labels, "text_font_size", self.display.px(theme.PLOT_TEXT_PX))

    # --- data ----------------------------------------------------------------------------
    def new_data(self, _event: object = None) -> None:
        """Axes, points and input thumbnails of new data, then a frame."""
        data = self.vm.data
        y = np.concatenate([data.y_train[:, 0], data.y_test[:, 0]])
        self.scale = 1.0 if self.vm.classification else target_scale(y)
        limits = None
        if data.dim == 1:
            low, high = float(np.min(y)), float(np.max(y))
            margin = 0.15 * (high - low or 1.0)
            limits = (low - margin, high + margin)
        self.limits = limits
        self.output.set_plane(data.domain, data.dim, limits)
        self._points()
        self.draw()

    def caption(self, code: str) -> str:
        """Where the plot's edges are (it has no axes): the plane's or the curve's extent."""
        low, high = (fmt.sig(v, 3, code) for v in self.vm.data.domain)
        if self.limits is None:
            return i18n.text("pg.plane", code, low=low, high=high)
        y_low, y_high = (fmt.sig(v, 3, code) for v in self.limits)
        return i18n.text("pg.curve_axes", code, low=low, high=high, y_low=y_low,
                         y_high=y_high)

    def _points(self, _event: object = None) -> None:
        data = self.vm.data
        sets = [self._point_set(data.x_train, data.y_train, point_raster.WHITE)]
        if self.vm.show_test:
            sets.append(self._point_set(data.x_test, data.y_test, point_raster.BLACK))
        self.output.show_points(sets)

    def _point_set(self, x: np.ndarray, y: np.ndarray, ring: int) -> tuple:
        """(x, y, value on the signed scale, ring colour) of the points to draw."""
        v = 2.0 * y[:, 0] - 1.0 if self.vm.classification else y[:, 0] / self.scale
        if x.shape[1] == 1:  # 1-D: points at (x, target)
            return x[:, 0], y[:, 0], v, ring
        return x[:, 0], x[:, 1], v, ring

    # --- frames --------------------------------------------------------------------------
    def drawing(self, grads: list[np.ndarray] | None = None) -> Picture:
        """The network drawing now (also the slide export's)."""
        vm = self.vm
        return picture(vm.live.model, self.display.code, grads=grads, color_by=vm.color_by,
                       input_names=[FEATURE_LABELS[f] for f in vm.data.features])

    def gradients(self) -> list[np.ndarray] | None:
        """d loss / d weights on all training rows (the hover shows them; "gradient" colours
        the edges by them); None without training rows."""
        data = self.vm.trainer.data
        if not len(data.x_train):
            return None
        return self.vm.live.model.gradients(data.x_train, data.y_train)

    @bokeh_edit
    def draw_output(self) -> None:
        """A frame of the output picture (alone between the epochs of a training update)."""
        vm, data = self.vm, self.vm.data
        axis, grid = data.grid()
        with np.errstate(all="ignore"):  # what predict does, less its check of the inputs:
            values = vm.live.model.forward(grid)[:, 0]  # the grid is finite by construction
        if data.dim == 2:
            signed = signed_output(values, vm.classification, self.scale, vm.discretize)
            self.output.show_plane(to_levels(signed).reshape(GRID, GRID))
        else:
            truth = toy_data.invented_function(axis) if data.name == "function" else None
            self.output.show_curve(axis, values, truth)

    @bokeh_edit
    def draw(self, _event: object = None) -> None:
        """A full frame: output, thumbnails (from their own coarse grid), network drawing;
        sent to the page as one patch (:func:`held`), which it applies and paints at once."""
        with held(self.network.figure):
            self._draw()

    def _draw(self) -> None:
        vm, data = self.vm, self.vm.data
        self.draw_output()
        traces = [t for t in vm.live.model.forward_trace(data.thumbnail_grid())
                  if t.z is not None]
        output = signed_output(traces[-1].a[:, 0], vm.classification, self.scale,
                               vm.discretize)
        shape = thumbnail if data.dim == 2 else strip
        if self._inputs_of is not data:  # the input features' pictures: once per data
            grid = data.thumbnail_grid()
            self._input_images = [shape(grid[:, k]) for k in range(grid.shape[1])]
            self._inputs_of = data
        images = [*self._input_images,
                  *(shape(t.a[:, j]) for t in traces[:-1] for j in range(t.a.shape[1])),
                  shape(output)]
        drawing = self.drawing(self.gradients())
        self.network.show(drawing)
        positions = (tuple(drawing.nodes["x"]), tuple(drawing.nodes["y"]))
        if positions != self._placed:
            self._placed = positions
            self.thumbs.place(*positions, images)
            inputs = len(data.features)
            self.labels.data = {"x": positions[0][:inputs], "y": positions[1][:inputs],
                                "text": drawing.nodes["name"][:inputs]}
        else:
            self.thumbs.update(images)

