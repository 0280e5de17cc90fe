"""The tab's pictures as Matplotlib figures for slides (PNG/SVG through `web.ui.export`).

Each draws the same data as its Bokeh twin (the same ridges, statistics and histograms), with
A and B side by side or overlaid as on screen, legends outside the axes and tick labels in the
reader's language. Matplotlib is imported inside the functions only (it is loaded on demand).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from web.deepnets.figures import A_COLOR, B_COLOR, SLOPE_COLOR, STAT_COLORS, STAT_LEGEND
from web.deepnets.probe import ProbeResult
from web.deepnets.ridgeline import draw_matplotlib, ridges, value_range
from web.deepnets.slope import slope_data
from web.ui import fmt, i18n

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FIGURES = ("activations", "gradients", "spread", "gradient_spread", "dead", "slope")
KIND = {"activations": "activation", "gradients": "gradient"}


def _language_ticks(ax: Axes, code: str, axes: str = "xy") -> None:
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda value, _position: fmt.sig(value, 4, code))
    for name in axes:
        getattr(ax, f"{name}axis").set_major_formatter(formatter)


def _legend_outside(ax: Axes) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)


def make_figure(name: str, a: ProbeResult, b: ProbeResult | None, layer: int,
                code: str) -> Figure:
    """The picture `name` (one of FIGURES) of results A (and B), in language `code`."""
    from matplotlib.figure import Figure

    if name in KIND:
        return _ridge_figure(KIND[name], a, b, code)
    fig = Figure(figsize=(9, 4.8), layout="constrained")
    ax = fig.add_subplot()
    {"spread": _spread, "gradient_spread": _gradient_spread, "dead": _dead,
     "slope": _slope}[name](ax, a, b, layer, code)
    return fig


def _ridge_figure(kind: str, a: ProbeResult, b: ProbeResult | None, code: str) -> Figure:
    from matplotlib.figure import Figure

    shown = [(side, r) for side, r in (("A", a), ("B", b)) if r is not None]
    x_range = value_range([r for _, r in shown], kind)
    fig = Figure(figsize=(6.5 * len(shown), 7), layout="constrained")
    what = f"deep.kind.{kind}"
    axis = i18n.text("deep.axis.a" if kind == "activation" else "deep.axis.gradient", code)
    for k, (side, result) in enumerate(shown):
        ax = fig.add_subplot(1, len(shown), k + 1)
        draw_matplotlib(ax, ridges(result, kind, x_range),
                        i18n.text("deep.ridge.title", code, side=side, what=what), axis,
                        i18n.text("deep.axis.layer", code))
        _language_ticks(ax, code, "x")
    return fig


def _sides(a: ProbeResult, b: ProbeResult | None) -> list[tuple[str, ProbeResult, str]]:
    return [("A", a, "-")] + ([("B", b, "--")] if b is not None else [])


def _lines(ax: Axes, a: ProbeResult, b: ProbeResult | None, stats: tuple[str, ...],
           code: str) -> None:
    for side, result, style in _sides(a, b):
        layers = np.arange(1, result.depth + 1)
        for stat in stats:
            ax.plot(layers, result.stat(stat), style, marker="o", markersize=3,
                    color=STAT_COLORS[stat], label=i18n.text(STAT_LEGEND[stat], code, side=side))
    ax.set_xlabel(i18n.text("deep.axis.layer", code))
    _legend_outside(ax)


def _spread(ax: Axes, a: ProbeResult, b: ProbeResult | None, _layer: int, code: str) -> None:
    _lines(ax, a, b, ("activation_mean", "activation_std"), code)
    ax.set_title(i18n.text("deep.spread.title", code))
    _language_ticks(ax, code, "y")


def _gradient_spread(ax: Axes, a: ProbeResult, b: ProbeResult | None, _layer: int,
                     code: str) -> None:
    _lines(ax, a, b, ("gradient_std", "weight_gradient_norm"), code)
    ax.set_yscale("log")
    ax.set_title(i18n.text("deep.gradients.title", code))


def _dead(ax: Axes, a: ProbeResult, b: ProbeResult | None, _layer: int, code: str) -> None:
    sides = _sides(a, b)
    width = 0.8 / len(sides)
    for k, (side, result, _) in enumerate(sides):
        layers = np.array(result.finite_layers("activation"), dtype=int)
        shares = result.stat("dead_fraction")[layers - 1] if layers.size else []
        ax.bar(layers + (k - (len(sides) - 1) / 2) * width, shares, width=width,
               color=(A_COLOR, B_COLOR)[k], label=side)
    ax.set_ylim(0, 1.05)
    ax.set_title(i18n.text("deep.dead.title", code))
    ax.set_xlabel(i18n.text("deep.axis.layer", code))
    ax.set_ylabel(i18n.text("deep.axis.share", code))
    _language_ticks(ax, code, "y")
    if b is not None:
        _legend_outside(ax)


def _slope(ax: Axes, a: ProbeResult, b: ProbeResult | None, layer: int, code: str) -> None:
    data = slope_data(a, b, layer)
    for side, color, fill in (("A", A_COLOR, True), ("B", B_COLOR, False)):
        density = data.density[side]
        if density is not None:
            ax.stairs(density, data.edges, fill=fill, color=color, alpha=0.55 if fill else 1.0,
                      linestyle="-" if fill else "--",
                      label=i18n.text("deep.legend.histogram", code, side=side))
    ax.set_title(i18n.text("deep.derivative.title", code, layer=layer))
    ax.set_xlabel(i18n.text("deep.axis.z", code))
    ax.set_ylabel(i18n.text("deep.axis.density", code))
    twin = ax.twinx()
    for side, style in (("A", "-"), ("B", "--")):
        slope = data.slope[side]
        if slope is not None:
            twin.plot(data.z, slope, style, color=SLOPE_COLOR, linewidth=2.5,
                      label=i18n.text("deep.legend.slope", code))
    twin.set_ylabel(i18n.text("deep.axis.slope", code))
    _language_ticks(ax, code)
    _language_ticks(twin, code, "y")
    handles = [h for axes in (ax, twin) for h in axes.get_legend_handles_labels()[0]]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.12, 1.0), borderaxespad=0.0)
