"""The tab's Bokeh pictures. Each is built once with labels that follow the language; `show`
only swaps the data of its sources (the view calls it inside `bokeh_edit`).

A is drawn solid, B (the setting kept for comparison) dashed or outlined, in the same colours.
Legends stand beside the plot area, never over the data. Numbers in tooltips are written in the
reader's language (`fmt.sig`), so the sources are refilled when the language changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import panel as pn
import param
from bokeh.models import (
    ColumnDataSource,
    FixedTicker,
    HoverTool,
    Label,
    Legend,
    LegendItem,
    Range1d,
)
from bokeh.plotting import figure

from web.deepnets.probe import ProbeResult
from web.deepnets.ridgeline import RIDGE_HEIGHT, Ridges, layer_ticks
from web.ui import axes, fmt, i18n, theme
from web.ui.display import Display

SIDES = ("A", "B")
DASH = {"A": "solid", "B": "dashed"}
STAT_COLORS = {"activation_mean": "#7b3294", "activation_std": "#1b9e77",
               "gradient_std": "#c51b7d", "weight_gradient_norm": "#a6761d"}
STAT_LEGEND = {"activation_mean": "deep.legend.mean", "activation_std": "deep.legend.std",
               "gradient_std": "deep.legend.std", "weight_gradient_norm": "deep.legend.weight_norm"}
A_COLOR, B_COLOR, SLOPE_COLOR = "#2c7fb8", "#7f7f7f", "#d95f02"


def _legend_label(reference: Callable[[], str]) -> Callable[[], dict[str, str]]:
    return pn.bind(lambda text: {"value": text}, reference)


def set_data(source: ColumnDataSource, data: dict[str, Any]) -> None:
    """``source.data = data``, except that an empty source that is to stay empty is left alone:
    Bokeh sends every assignment to the page, an equal one too (B's sources without a
    comparison were sent on every redraw)."""
    if not any(len(v) for v in data.values()) and not any(len(v) for v in source.data.values()):
        return
    source.data = data


def base_figure(height: int, **kwargs: object):
    """A figure with the tab's defaults: no toolbar, ranges that Python sets."""
    fig = figure(height=height, sizing_mode="stretch_width", toolbar_location=None,
                 x_range=Range1d(0, 1), y_range=Range1d(0, 1), **kwargs)
    fig.min_border_right = 16
    return fig


def outside_legend(fig, display: Display,
                    entries: list[tuple[Callable[[], str] | str, list]]) -> Legend:
    """A legend right of the plot area; a label is a fixed string or a text reference."""
    items = [LegendItem(label=label if isinstance(label, str) else "", renderers=renderers)
             for label, renderers in entries]
    for item, (label, _) in zip(items, entries, strict=True):
        if not isinstance(label, str):
            display.follow(item, "label", _legend_label(label))
    legend = Legend(items=items, location="top_left", click_policy="hide")
    fig.add_layout(legend, "right")
    return legend


class RidgeFigure(param.Parameterized):
    """One ridgeline picture; `side` ("A" or "B") and `what` (an i18n key) name its content."""

    side = param.String(default="A")
    what = param.Selector(default="deep.kind.activation",
                          objects=["deep.kind.activation", "deep.kind.gradient"])

    def __init__(self, display: Display, height: int = 430, **params: object) -> None:
        super().__init__(**params)
        self.display = display
        self.source = ColumnDataSource({k: [] for k in ("xs", "ys", "top_xs", "top_ys",
                                                        "layer", "color", "mean_text",
                                                        "std_text")})
        fig = base_figure(height)
        fig.patches("xs", "ys", source=self.source, fill_color="color", fill_alpha=0.92,
                    line_color=None)
        # The white edge along each ridge's top (not its base) gives the stack its depth.
        fig.multi_line("top_xs", "top_ys", source=self.source, line_color="white",
                       line_width=1.2)
        fig.ygrid.visible = False
        fig.yaxis.ticker = FixedTicker(ticks=[])
        hover = HoverTool(tooltips=[])
        fig.add_tools(hover)
        code = display.param.code
        display.follow(hover, "tooltips", pn.bind(_ridge_tooltips, code))
        t = display.text
        display.follow(fig.title, "text", t("deep.ridge.title", side=self.param.side,
                                            what=self.param.what))
        display.follow(fig.xaxis[0], "axis_label", pn.bind(_value_axis, self.param.what, code))
        display.follow(fig.yaxis[0], "axis_label", t("deep.axis.layer"))
        theme.style_axes(fig, display)
        self.figure = fig

    def show(self, data: Ridges, code: str) -> None:
        self.source.data = {"xs": data.xs, "ys": data.ys, "layer": data.layer,
                            "top_xs": [xs[1:-1] for xs in data.xs],
                            "top_ys": [ys[1:-1] for ys in data.ys],
                            "color": data.color,
                            "mean_text": [fmt.sig(v, 4, code) for v in data.mean],
                            "std_text": [fmt.sig(v, 4, code) for v in data.std]}
        self.figure.x_range.update(start=data.x_range[0], end=data.x_range[1])
        axes.apply_linear(self.figure.xaxis[0], *data.x_range, code, count=5)
        self.figure.y_range.update(start=-0.5, end=data.depth - 1 + RIDGE_HEIGHT + 0.3)
        ticks = layer_ticks(data.depth)
        self.figure.yaxis.ticker.ticks = list(ticks)
        self.figure.yaxis.major_label_overrides = {float(k): v for k, v in ticks.items()}


def _ridge_tooltips(code: str) -> list[tuple[str, str]]:
    return [(i18n.text("deep.axis.layer", code), "@layer"),
            (i18n.text("deep.hover.mean", code), "@mean_text"),
            (i18n.text("deep.hover.std", code), "@std_text")]


def _value_axis(what: str, code: str) -> str:
    return i18n.text("deep.axis.a" if what == "deep.kind.activation" else "deep.axis.gradient",
                     code)


class DepthLines:
    """Statistics against depth (layer 1 … L), A solid and B dashed; `log` for magnitudes."""

    def __init__(self, display: Display, title_key: str, stats: tuple[str, ...],
                 log: bool = False, height: int = 270) -> None:
        self.stats, self.log = stats, log
        fig = base_figure(height, y_axis_type="log" if log else "linear")
        self.sources = {side: ColumnDataSource({"layer": [], **{s: [] for s in stats}})
                        for side in SIDES}
        entries = []
        self.renderers: dict[str, list] = {side: [] for side in SIDES}
        for side in SIDES:
            for stat in stats:
                line = fig.line("layer", stat, source=self.sources[side], line_width=3,
                                color=STAT_COLORS[stat], line_dash=DASH[side])
                dots = fig.scatter("layer", stat, source=self.sources[side], size=6,
                                   color=STAT_COLORS[stat])
                self.renderers[side] += [line, dots]
                entries.append((display.text(STAT_LEGEND[stat], side=side), [line, dots]))
        self.legend = outside_legend(fig, display, entries)
        self.notice = Label(x=8, y=8, x_units="screen", y_units="screen", text="",
                            background_fill_color="white", background_fill_alpha=0.85)
        display.follow(self.notice, "text_font_size", display.px(theme.PLOT_TEXT_PX))
        fig.add_layout(self.notice)
        display.follow(fig.title, "text", display.text(title_key))
        display.follow(fig.xaxis[0], "axis_label", display.text("deep.axis.layer"))
        theme.style_axes(fig, display)
        self.figure = fig

    def columns(self, result: ProbeResult) -> dict[str, list[float]]:
        data = {"layer": list(range(1, result.depth + 1))}
        for stat in self.stats:
            values = result.stat(stat)
            if self.log:  # a log axis has no place for 0 or below: a gap, never a "NaN"
                values = np.where(values > 0, values, np.nan)
            data[stat] = values.tolist()
        return data

    def show(self, a: ProbeResult, b: ProbeResult | None, code: str, notice: str = "") -> None:
        shown = [r for r in (a, b) if r is not None]
        for side, result in zip(SIDES, (a, b), strict=True):
            set_data(self.sources[side], self.columns(result) if result is not None else
                     {"layer": [], **{s: [] for s in self.stats}})
            for renderer in self.renderers[side]:
                renderer.visible = result is not None
        for item in self.legend.items:
            item.visible = all(r.visible for r in item.renderers)
        depth = max(r.depth for r in shown)
        self.figure.x_range.update(start=0.5, end=depth + 0.5)
        values = np.concatenate([np.asarray(self.sources[s].data[k], dtype=float)
                                 for s in SIDES for k in self.stats]) if shown else np.zeros(0)
        limits = _y_limits(values[np.isfinite(values)], self.log)
        self.figure.y_range.update(**limits)
        if not self.log:
            axes.apply_linear(self.figure.yaxis[0], limits["start"], limits["end"], code, count=5)
        self.notice.text = notice
        self.notice.visible = bool(notice)


def _y_limits(values: np.ndarray, log: bool) -> dict[str, float]:
    if values.size == 0:
        return {"start": 1e-3, "end": 1.0} if log else {"start": -1.0, "end": 1.0}
    low, high = float(values.min()), float(values.max())
    if log:
        return {"start": low / 3.0, "end": high * 3.0}
    pad = 0.08 * (high - low) if high > low else max(abs(high), 1.0) * 0.1
    return {"start": min(low - pad, 0.0), "end": high + pad}


class DeadFigure:
    """Share of dead units per layer: A's bars filled, B's (beside them) grey."""

    def __init__(self, display: Display, height: int = 270) -> None:
        fig = base_figure(height)
        self.sources = {side: ColumnDataSource({"x": [], "share": []}) for side in SIDES}
        self.bars = {side: fig.vbar(x="x", top="share", width=0.42, source=self.sources[side],
                                    fill_color=color, line_color=color)
                     for side, color in zip(SIDES, (A_COLOR, B_COLOR), strict=True)}
        self.legend = outside_legend(fig, display, [(side, [bar])
                                                     for side, bar in self.bars.items()])
        display.follow(fig.title, "text", display.text("deep.dead.title"))
        display.follow(fig.xaxis[0], "axis_label", display.text("deep.axis.layer"))
        display.follow(fig.yaxis[0], "axis_label", display.text("deep.axis.share"))
        fig.y_range.update(start=0.0, end=1.05)
        theme.style_axes(fig, display)
        self.figure = fig

    def show(self, a: ProbeResult, b: ProbeResult | None, code: str) -> None:
        axes.apply_linear(self.figure.yaxis[0], 0.0, 1.0, code, count=5)
        offset = 0.22 if b is not None else 0.0
        for side, result, shift in zip(SIDES, (a, b), (-offset, offset), strict=True):
            bar = self.bars[side]
            bar.visible = result is not None
            if result is None:
                set_data(self.sources[side], {"x": [], "share": []})
                continue
            layers = result.finite_layers("activation")
            shares = result.stat("dead_fraction")
            self.sources[side].data = {"x": [n + shift for n in layers],
                                       "share": [float(shares[n - 1]) for n in layers]}
        self.legend.visible = b is not None
        depth = max(r.depth for r in (a, b) if r is not None)
        self.figure.x_range.update(start=0.4, end=depth + 0.6)
