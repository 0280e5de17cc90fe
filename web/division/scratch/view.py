"""The "learn from scratch" section: seed, Learn/Cancel, progress, live loss, result.

Everything shown follows the :class:`ScratchLearner`'s params; the loss chart streams the
iterations a slice added (``iteration`` ticks once per slice), a new run redraws it.
"""

from __future__ import annotations

import functools
import html
import math

import numpy as np
import panel as pn
from bokeh.models import BasicTicker, ColumnDataSource, FixedTicker
from bokeh.plotting import figure

from pycore import notation
from pycore.division import DIVISION_PRESETS, division_model
from web.division import metrics
from web.division.results import TABLE_CSS
from web.division.scratch import texts  # noqa: F401  (registers the section's words)
from web.division.scratch.model import CANCELLED, DONE, ScratchLearner
from web.ui import axes, fmt, i18n, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.fields import NumberField
from web.ui.loss_columns import plottable

WEIGHT_DIGITS = 8


def status_html(learner: ScratchLearner, code: str) -> str:
    """How the last run ended, with its measured numbers (empty while none has)."""
    if learner.status == DONE:
        text = i18n.text(DONE, code, seconds=fmt.sig(learner.seconds, 2, code),
                         iterations=learner.iteration, mae=fmt.sig(learner.mae, 3, code))
    elif learner.status == CANCELLED:
        text = i18n.text(CANCELLED, code, iterations=learner.iteration)
    else:
        return ""
    return f'<span class="nnlab-scratch-status">{html.escape(text)}</span>'


def weights_html(learnt: list[np.ndarray] | None, seed: int, code: str) -> str:
    """The nine parameters: lecture label, hand-set value, learnt value ("—" before a run)."""
    hand = DIVISION_PRESETS["hand_set"]
    flat_hand = np.concatenate([w.ravel() for w in hand])
    flat_learnt = (np.concatenate([w.ravel() for w in learnt]) if learnt is not None
                   else np.full(flat_hand.shape, math.nan))
    labels = [ref.label for ref in _refs()]
    learnt_head = (i18n.text("scratch.learnt", code, seed=seed) if learnt is not None
                   else i18n.text("scratch.not_yet", code))
    head = "".join(f"<th>{html.escape(h)}</th>" for h in (
        i18n.text("scratch.parameter", code), i18n.text("scratch.hand_set", code), learnt_head))
    rows = "".join(
        f"<tr><td>{html.escape(label)}</td><td>{fmt.sig(h, WEIGHT_DIGITS, code)}</td>"
        f"<td>{fmt.sig(v, WEIGHT_DIGITS, code)}</td></tr>"
        for label, h, v in zip(labels, flat_hand, flat_learnt, strict=True))
    return f'<table class="nnlab-table nnlab-scratch-weights"><tr>{head}</tr>{rows}</table>'


@functools.cache
def _refs() -> tuple[notation.ParameterRef, ...]:
    return tuple(notation.parameters(division_model(None, seed=0)))


class ScratchView(pn.viewable.Viewer):
    """Widgets and chart over one :class:`ScratchLearner`."""

    def __init__(self, learner: ScratchLearner, display: Display) -> None:
        super().__init__()
        self.learner, self.display = learner, display
        self.source = ColumnDataSource({"iteration": [], "loss": []})
        self.figure = self._figure()
        learner.param.watch(self._started, "running")
        learner.param.watch(self._stream, "iteration")
        display.param.watch(self._stream, "code")

    def _figure(self):
        fig = figure(height=300, sizing_mode="stretch_width", y_axis_type="log",
                     tools="", toolbar_location=None)
        fig.line("iteration", "loss", source=self.source, line_width=3, color="#222222")
        fig.scatter("iteration", "loss", source=self.source, size=5, color="#222222")
        fig.yaxis.ticker = FixedTicker(ticks=[])  # from the data: web.ui.axes
        fig.xaxis.ticker = BasicTicker(min_interval=1)  # whole iterations
        theme.style_axes(fig, self.display)
        t = self.display.text
        self.display.follow(fig.title, "text", t("scratch.chart"))
        self.display.follow(fig.xaxis[0], "axis_label", t("scratch.iteration_axis"))
        return fig

    @bokeh_edit
    def _started(self, event: object) -> None:
        if self.learner.running:
            self.source.data = {"iteration": [], "loss": []}
            self._stream()

    @bokeh_edit
    def _stream(self, _event: object = None) -> None:
        """Add the iterations the last slice did (every one of them is drawn)."""
        shown = len(self.source.data["iteration"])
        new = self.learner.losses[shown:]
        if new:
            self.source.stream({"iteration": list(range(shown, shown + len(new))),
                                "loss": [plottable(v) for v in new]})
        axes.apply_log(self.figure.yaxis[0], self.source.data["loss"], self.display.code)

    async def _learn(self, _event: object) -> None:
        await self.learner.learn()

    def __panel__(self) -> pn.Column:
        t, p, code = self.display.text, self.learner.param, self.display.param.code
        seed = NumberField(self.learner, "seed", t("scratch.seed"), self.display,
                           css_class="nnlab-scratch-seed", digits=10)
        learn = pn.widgets.Button(label=t("scratch.learn"), button_type="primary", width=220,
                                  css_classes=["nnlab-learn-scratch"],
                                  disabled=p.running, align="end")
        learn.on_click(self._learn)
        cancel = pn.widgets.Button(label=t("scratch.cancel"), width=150, align="end",
                                   css_classes=["nnlab-scratch-cancel"],
                                   disabled=pn.bind(lambda running: not running, p.running))
        cancel.on_click(lambda _event: self.learner.cancel())
        progress = pn.Row(
            pn.indicators.Progress(value=p.iteration, max=self.learner.max_iter, width=260,
                                   css_classes=["nnlab-scratch-progress"], align="center"),
            pn.pane.HTML(t("scratch.progress", iteration=p.iteration,
                           total=self.learner.max_iter),
                         css_classes=["nnlab-scratch-iteration"], align="center"))
        mae = pn.Row(
            pn.pane.HTML(t("scratch.mae"), styles={"font-size": "1.1em"}, align="center"),
            pn.pane.HTML(pn.bind(lambda value, code: '<span class="nnlab-scratch-mae">'
                                 f"{fmt.sig(value, 3, code)}</span>", p.mae, code),
                         align="center", styles={"font-size": "1.4em", "font-weight": "700",
                                                 "font-variant-numeric": "tabular-nums"}))
        pairs = len(metrics.test_set()[1])
        left = pn.Column(
            pn.pane.Markdown(t("scratch.help", n=len(self.learner.x)),
                             sizing_mode="stretch_width"),
            pn.Row(seed, learn, cancel), progress, mae,
            pn.pane.Markdown(pn.bind(lambda code: i18n.text(
                "scratch.mae_help", code, pairs=fmt.sig(pairs, 6, code)), code)),
            pn.pane.HTML(pn.bind(lambda _finished, code: status_html(self.learner, code),
                                 p.finished, code),
                         sizing_mode="stretch_width", stylesheets=theme.STYLESHEETS),
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"),
            sizing_mode="stretch_width")
        table = pn.pane.HTML(pn.bind(lambda _finished, code: weights_html(
            self.learner.learnt, self.learner.learnt_seed, code), p.finished, code),
            stylesheets=[*theme.STYLESHEETS, TABLE_CSS], width=470)
        return pn.Row(left, pn.Column(pn.pane.Markdown(t("scratch.weights")), table),
                      sizing_mode="stretch_width")

