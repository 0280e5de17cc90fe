"""The "why gradient descent fails" section: the landscape slice, the paths, the reasons.

The picture follows the :class:`Landscape` (the slice fills in row by row while it is
computed; paths and the active point follow every weight change); the numbers beside it
follow :class:`Reasons`. Colours are log10 of the loss on the slice's own range, so the
cliffs along the activation's kink stand out however small the loss is elsewhere.
"""

from __future__ import annotations

import html

import numpy as np
import panel as pn
import param
from bokeh.models import ColorBar, ColumnDataSource, Legend, LegendItem, LogColorMapper, Range1d
from bokeh.palettes import Viridis256
from bokeh.plotting import figure

from web.division.landscape import texts  # noqa: F401  (registers the section's words)
from web.division.landscape.explain import reasons_html, sign_text
from web.division.landscape.model import RESOLUTION, Landscape
from web.division.landscape.reasons import Reasons
from web.ui import axes, fmt, i18n, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.widgets import from_param

DESCENT_COLOR, LM_COLOR = "#111111", "#c51b7d"
TINY = 1e-300


def color_range(surface: np.ndarray) -> tuple[float, float]:
    """Low and high end of the log colour scale: the finite values' range (positive)."""
    finite = surface[np.isfinite(surface)]
    if finite.size == 0:
        return 1e-3, 1.0
    low, high = max(float(finite.min()), TINY), max(float(finite.max()), TINY)
    return (low, high) if high > low else (low / 2, high * 2)


class LandscapeView(pn.viewable.Viewer):
    """Slice picture with paths, weight/loss choice, live signs, cosine and reasons."""

    def __init__(self, landscape: Landscape, reasons: Reasons, display: Display) -> None:
        super().__init__()
        self.landscape, self.reasons, self.display = landscape, reasons, display
        self.image = ColumnDataSource({"image": [], "x": [], "y": [], "dw": [], "dh": []})
        self.sources = {name: ColumnDataSource({"x": [], "y": []})
                        for name in ("descent", "lm", "now")}
        self.mapper = LogColorMapper(palette=Viridis256, low=1e-3, high=1.0,
                                     nan_color=(0, 0, 0, 0))
        self.figure = self._figure()
        # The axes get their tick formatters now, while the figure is in no document: the
        # slice's redraws then only update them (a new formatter model made Bokeh recollect
        # the app's whole document, ~0.2 s per axis in Pyodide, on the first slice).
        self._format_axes()
        self._legend_items: list[LegendItem] = []
        self._build_legend()
        landscape.param.watch(self._draw_surface, ["rows_done", "computing"])
        landscape.param.watch(self._draw_paths, ["first", "second"])
        landscape.param.watch(lambda e: reasons.set_loss(e.new), "loss")
        landscape.live.param.watch(self._draw_paths, "revision")
        landscape.path.param.watch(self._draw_paths, "changed")
        landscape.learner.param.watch(self._draw_paths, "finished")
        reasons.param.watch(self._recount, "starts")
        display.param.watch(self._format_axes, "code")
        self._draw_paths()
        landscape.mark_stale()  # the first slice
        param.parameterized.async_executor(reasons.count_starts)

    def _figure(self):
        fig = figure(width=640, height=560, tools="", toolbar_location=None,
                     x_range=Range1d(0, 1), y_range=Range1d(0, 1))
        fig.image(image="image", x="x", y="y", dw="dw", dh="dh", source=self.image,
                  color_mapper=self.mapper)
        self._descent = fig.line("x", "y", source=self.sources["descent"], line_width=3,
                                 color=DESCENT_COLOR)
        fig.scatter("x", "y", source=self.sources["descent"], size=5, color=DESCENT_COLOR)
        self._lm = fig.line("x", "y", source=self.sources["lm"], line_width=3, color=LM_COLOR,
                            line_dash="dashed")
        fig.scatter("x", "y", source=self.sources["lm"], size=6, color=LM_COLOR)
        self._now = fig.scatter("x", "y", source=self.sources["now"], size=24, marker="star",
                                fill_color="white", line_color="#111111", line_width=2)
        bar = ColorBar(color_mapper=self.mapper, width=18, label_standoff=8)
        fig.add_layout(bar, "right")
        self.display.follow(bar, "major_label_text_font_size", self.display.px(theme.PLOT_TEXT_PX))
        theme.style_axes(fig, self.display)
        p = self.landscape.param
        self.display.follow(fig.title, "text", self.display.text("landscape.chart"))
        self.display.follow(fig.xaxis[0], "axis_label", pn.bind(str, p.first))
        self.display.follow(fig.yaxis[0], "axis_label", pn.bind(str, p.second))
        return fig

    def _build_legend(self) -> None:
        """A legend below the picture (outside the data); the descent entry names the
        optimizer of the run drawn."""
        path, code = self.landscape.path, self.display.param.code

        def descent_label(_changed: int, code: str) -> dict[str, str]:
            if path.last_optimizer is None:
                return {"value": i18n.text("landscape.descent_none", code)}
            return {"value": i18n.text("landscape.descent", code,
                                       optimizer=path.last_optimizer)}

        entries = ((self._descent, pn.bind(descent_label, path.param.changed, code)),
                   (self._lm, pn.bind(lambda c: {"value": i18n.text("landscape.lm", c)}, code)),
                   (self._now, pn.bind(lambda c: {"value": i18n.text("landscape.now", c)}, code)))
        legend = Legend(orientation="horizontal", location="center")
        for renderer, label in entries:
            item = LegendItem(renderers=[renderer])
            self.display.follow(item, "label", label)
            legend.items.append(item)
        self.display.follow(legend, "label_text_font_size", self.display.px(theme.PLOT_TEXT_PX))
        self.figure.add_layout(legend, "below")

    @bokeh_edit
    def _draw_surface(self, *_events: object) -> None:
        land = self.landscape
        a, b = land.a_values, land.b_values
        da = (a[-1] - a[0]) / (len(a) - 1)
        db = (b[-1] - b[0]) / (len(b) - 1)
        self.image.data = {"image": [land.surface.copy()], "x": [a[0] - da / 2],
                           "y": [b[0] - db / 2], "dw": [a[-1] - a[0] + da],
                           "dh": [b[-1] - b[0] + db]}
        low, high = color_range(land.surface)
        self.mapper.update(low=low, high=high)
        self.figure.x_range.update(start=a[0] - da / 2, end=a[-1] + da / 2)
        self.figure.y_range.update(start=b[0] - db / 2, end=b[-1] + db / 2)
        self._format_axes()

    @bokeh_edit
    def _format_axes(self, _event: object = None) -> None:
        """Tick labels for the slice's ranges, with the reader's decimal mark."""
        land, code = self.landscape, self.display.code
        axes.apply_linear(self.figure.xaxis[0], land.a_values[0], land.a_values[-1], code)
        axes.apply_linear(self.figure.yaxis[0], land.b_values[0], land.b_values[-1], code)

    @bokeh_edit
    def _draw_paths(self, *_events: object) -> None:
        land = self.landscape
        if land.problem() is not None:
            return
        for name, (xs, ys) in land.paths().items():
            self.sources[name].data = {"x": xs, "y": ys}
        x, y = land.point()
        self.sources["now"].data = {"x": [x], "y": [y]}

    def _recount(self, event: param.parameterized.Event) -> None:
        if event.new is None:
            param.parameterized.async_executor(self.reasons.count_starts)

    def _status(self, rows: int, computing: bool, first: str, second: str, code: str) -> str:
        problem = self.landscape.problem()
        if problem is not None:
            return f'<span class="nnlab-field-message">{i18n.text(problem, code)}</span>'
        if computing:
            text, state = i18n.text("landscape.rows", code, done=rows, total=RESOLUTION), "busy"
        else:
            text = i18n.text("landscape.ready", code, n=RESOLUTION, samples=len(self.landscape.x))
            state = "ready"
        return f'<span class="nnlab-landscape-{state}">{html.escape(text)}</span>'

    def _signs(self, mechanism, code: str) -> pn.Row:
        labels = self.landscape.param.first.objects
        out_labels = [label for label in labels if label.startswith("w[2]")]
        signs = mechanism.signs if mechanism is not None else (None, None)
        cells = "".join(
            f'<div>∂L/∂{label}: <b class="nnlab-landscape-sign-{k}">'
            f'{sign_text(sign, code) if sign is not None else fmt.DASH}</b></div>'
            for k, (label, sign) in enumerate(zip(out_labels, signs, strict=True)))
        cosine = " / ".join(fmt.sig(getattr(mechanism, name, None), 3, code)
                            for name in ("cosine", "correlation"))
        return (f'<div class="nnlab-landscape-now"><h4>{i18n.text("landscape.signs", code)}</h4>'
                f"{cells}<h4>{i18n.text('landscape.cosine', code)}</h4>"
                f'<b class="nnlab-landscape-cosine">{cosine}</b></div>')

    def __panel__(self) -> pn.Row:
        t, p, code = self.display.text, self.landscape.param, self.display.param.code
        r = self.reasons.param
        select = {"width": 170, "stylesheets": theme.INPUT_STYLESHEETS}
        controls = pn.Row(
            from_param(pn.widgets.Select, p.first, t("landscape.first"),
                       css_classes=["nnlab-landscape-first"], **select),
            from_param(pn.widgets.Select, p.second, t("landscape.second"),
                       css_classes=["nnlab-landscape-second"], **select),
            from_param(pn.widgets.Select, p.loss, t("landscape.loss"),
                       css_classes=["nnlab-landscape-loss"], **select))
        status = pn.pane.HTML(pn.bind(self._status, p.rows_done, p.computing, p.first,
                                      p.second, code), stylesheets=theme.STYLESHEETS)
        now = pn.pane.HTML(pn.bind(self._signs, r.mechanism, code),
                           styles={"font-size": "19px"})
        why = pn.pane.HTML(pn.bind(lambda m, s, c: reasons_html(m, s, len(self.landscape.x), c),
                                   r.mechanism, r.starts, code),
                           sizing_mode="stretch_width", styles={"font-size": "18px"},
                           css_classes=["nnlab-landscape-reasons"])
        picture = pn.Column(controls, status, pn.pane.Bokeh(self.figure), width=680)
        return pn.Row(picture, pn.Column(now, why, sizing_mode="stretch_width"),
                      sizing_mode="stretch_width")
